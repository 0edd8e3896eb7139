import { InProcessJobRunner, type RunnerLogger } from './in-process-runner';

const quiet: RunnerLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const settle = (ms = 30) => new Promise((r) => setTimeout(r, ms));
/** Waits until `check` holds (or gives up after a generous bound, so a loaded machine does not fail it). */
async function until(check: () => boolean, limitMs = 5_000): Promise<void> {
  for (const end = Date.now() + limitMs; !check() && Date.now() < end;) await settle(5);
}

describe('InProcessJobRunner', () => {
  it('retries a failing job with backoff until it succeeds', async () => {
    let calls = 0;
    const runner = new InProcessJobRunner(
      {
        'purge-expired-sessions': async () => {
          calls += 1;
          if (calls < 3) throw new Error('transient');
          return 'done';
        },
      },
      quiet,
      1,
    );
    runner.submit('purge-expired-sessions', { retentionDays: 1 });
    await until(() => calls >= 3);
    await settle(20);
    expect(calls).toBe(3);
    await runner.close();
  });

  it('gives up after the bounded number of attempts', async () => {
    let calls = 0;
    const errors: object[] = [];
    const runner = new InProcessJobRunner(
      {
        'purge-expired-sessions': async () => {
          calls += 1;
          throw new Error('permanent');
        },
      },
      { ...quiet, error: (o) => errors.push(o) },
      1,
    );
    runner.submit('purge-expired-sessions', { retentionDays: 1 });
    await until(() => errors.length > 0);
    await settle(20);
    expect(calls).toBe(5);
    expect(errors).toHaveLength(1);
    await runner.close();
  });

  it('runs a deterministic job id once while it is pending', async () => {
    let calls = 0;
    const runner = new InProcessJobRunner(
      { 'purge-expired-sessions': async () => ((calls += 1), 'done') },
      quiet,
      1,
    );
    runner.submit('purge-expired-sessions', { retentionDays: 1 }, 'same-id', 5);
    runner.submit('purge-expired-sessions', { retentionDays: 1 }, 'same-id', 5);
    await settle(40);
    expect(calls).toBe(1);
    await runner.close();
  });

  it('waits for the running job on close and takes no new work after', async () => {
    let finished = false;
    const runner = new InProcessJobRunner(
      {
        'purge-expired-sessions': async () => {
          await settle(30);
          finished = true;
          return 'done';
        },
      },
      quiet,
      1,
    );
    runner.submit('purge-expired-sessions', { retentionDays: 1 });
    await settle(5);
    await runner.close();
    expect(finished).toBe(true);
    finished = false;
    runner.submit('purge-expired-sessions', { retentionDays: 1 });
    await settle(50);
    expect(finished).toBe(false);
  });
});

describe('InProcessJobRunner concurrency (WORKER_CONCURRENCY)', () => {
  it('never runs more jobs at once than its concurrency, and runs them all', async () => {
    let active = 0;
    let peak = 0;
    let finished = 0;
    const gates: Array<() => void> = [];
    const runner = new InProcessJobRunner(
      {
        'issue-certificate': async () => {
          active += 1;
          peak = Math.max(peak, active);
          await new Promise<void>((r) => gates.push(r));
          active -= 1;
          finished += 1;
          return 'done';
        },
      },
      quiet,
      1,
      2,
    );
    for (let i = 0; i < 9; i++) runner.submit('issue-certificate', { requestId: String(i) }, `cert-${i}`);
    await until(() => gates.length === 2);
    await settle(20);
    expect(runner.load).toEqual({ running: 2, waiting: 7 });
    while (finished < 9) {
      await until(() => gates.length > 0);
      gates.shift()!();
      await settle(1);
    }
    expect(finished).toBe(9);
    expect(peak).toBe(2);
    await runner.close();
  });

  it('refuses a concurrency below one', () => {
    expect(() => new InProcessJobRunner({}, quiet, 1, 0)).toThrow();
  });

  it('drops the jobs still waiting for a slot when it closes', async () => {
    let started = 0;
    const runner = new InProcessJobRunner(
      { 'issue-certificate': async () => ((started += 1), await settle(20), 'done') },
      quiet,
      1,
      1,
    );
    for (let i = 0; i < 3; i++) runner.submit('issue-certificate', { requestId: String(i) }, `c-${i}`);
    await until(() => started === 1);
    await runner.close();
    await settle(40);
    expect(started).toBe(1);
  });
});
