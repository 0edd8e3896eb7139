import { InProcessJobRunner, type RunnerLogger } from './in-process-runner';

const quiet: RunnerLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const settle = (ms = 30) => new Promise((r) => setTimeout(r, ms));

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
    await settle(60);
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
    await settle(100);
    expect(calls).toBe(5);
    expect(errors).toHaveLength(1);
    await runner.close();
  });

  it('runs a deterministic job id once while it is pending', async () => {
    let calls = 0;
    const runner = new InProcessJobRunner({ 'purge-expired-sessions': async () => ((calls += 1), 'done') }, quiet, 1);
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
