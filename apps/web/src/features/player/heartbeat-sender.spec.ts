import type { HeartbeatRequest, HeartbeatResponse } from '@hocvuso/contracts';
import { describe, expect, it } from '@jest/globals';
import { HeartbeatSender, MAX_SETTLE_TRIES, SETTLE_DELAY_MS } from './heartbeat-sender';

const body = (end: number, event: HeartbeatRequest['event'] = 'tick'): HeartbeatRequest => ({
  intervals: [[0, end]],
  position: end,
  event,
});
const ok: HeartbeatResponse = { watchedSeconds: 10, coverage: 0.1, completed: false, capped: false };
const capped: HeartbeatResponse = { ...ok, capped: true };
const RATE_LIMITED = { rateLimited: 20 };

function harness(
  answers: Array<'ok' | 'capped' | 'limited' | 'fail'>,
  gate?: () => Promise<unknown> | undefined,
) {
  let now = 0;
  const sent: HeartbeatRequest[] = [];
  const beacons: HeartbeatRequest[] = [];
  const results: HeartbeatResponse[] = [];
  const timers: Array<{ at: number; run: () => void; cancelled: boolean }> = [];
  const sender = new HeartbeatSender({
    send: (b) => {
      sent.push(b);
      const answer = answers.shift() ?? 'ok';
      if (answer === 'ok') return Promise.resolve(ok);
      if (answer === 'capped') return Promise.resolve(capped);
      return Promise.reject(answer === 'limited' ? RATE_LIMITED : new Error('offline'));
    },
    beacon: (b) => beacons.push(b),
    onResult: (r) => results.push(r),
    gate,
    rateLimitedFor: (e) => (e === RATE_LIMITED ? RATE_LIMITED.rateLimited : undefined),
    now: () => now,
    schedule: (run, ms) => {
      const timer = { at: now + ms, run, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
  });
  const advance = async (ms: number) => {
    now += ms;
    for (const timer of timers.filter((t) => !t.cancelled && t.at <= now)) {
      timer.cancelled = true;
      timer.run();
    }
    await Promise.resolve();
    await Promise.resolve();
  };
  return { sender, sent, beacons, results, advance };
}

describe('HeartbeatSender', () => {
  it('sends each heartbeat and passes the answer on', async () => {
    const h = harness(['ok']);
    h.sender.submit(body(10));
    await h.advance(0);
    expect(h.sent).toEqual([body(10)]);
    expect(h.results).toEqual([ok]);
  });

  it('backs off quietly after a 429, then sends only the newest claim', async () => {
    const h = harness(['limited', 'ok']);
    h.sender.submit(body(10));
    await h.advance(0);
    h.sender.submit(body(20));
    h.sender.submit(body(30, 'pause'));
    await h.advance(19_000);
    expect(h.sent).toEqual([body(10)]);
    await h.advance(1_000);
    expect(h.sent).toEqual([body(10), body(30, 'pause')]);
    expect(h.results).toEqual([ok]);
  });

  it('ignores other failures: the next heartbeat repeats the whole claim', async () => {
    const h = harness(['fail', 'ok']);
    h.sender.submit(body(10));
    await h.advance(0);
    h.sender.submit(body(25));
    await h.advance(0);
    expect(h.sent).toEqual([body(10), body(25)]);
    expect(h.results).toEqual([ok]);
  });

  it('sends a beacon at once when the page hides, even while backing off', async () => {
    const h = harness(['limited']);
    h.sender.submit(body(10));
    await h.advance(0);
    h.sender.beacon(body(12, 'hide'));
    expect(h.beacons).toEqual([body(12, 'hide')]);
    h.sender.beacon(undefined);
    expect(h.beacons).toHaveLength(1);
  });

  it('stops after dispose', async () => {
    const h = harness(['limited']);
    h.sender.submit(body(10));
    await h.advance(0);
    h.sender.submit(body(20));
    h.sender.dispose();
    await h.advance(60_000);
    expect(h.sent).toEqual([body(10)]);
  });

  it('asks again for a capped pause or end of video, after real time refilled the credit, a few times at most', async () => {
    const h = harness(['capped', 'capped', 'ok']);
    h.sender.submit(body(80, 'ended'));
    await h.advance(0);
    expect(h.sent).toEqual([body(80, 'ended')]);
    await h.advance(SETTLE_DELAY_MS - 1);
    expect(h.sent).toHaveLength(1);
    await h.advance(1);
    expect(h.sent).toEqual([body(80, 'ended'), body(80, 'ended')]);
    await h.advance(SETTLE_DELAY_MS);
    expect(h.sent).toHaveLength(3);
    // Credited in full: nothing more is sent.
    await h.advance(SETTLE_DELAY_MS * 5);
    expect(h.sent).toHaveLength(3);
    expect(h.results).toEqual([capped, capped, ok]);

    const always = harness(['capped', 'capped', 'capped', 'capped', 'capped', 'capped']);
    always.sender.submit(body(30, 'pause'));
    for (let i = 0; i < 10; i++) await always.advance(SETTLE_DELAY_MS);
    expect(always.sent).toHaveLength(1 + MAX_SETTLE_TRIES);
  });

  it('does not ask again for a capped tick, for an older claim, or after the page is gone', async () => {
    const tick = harness(['capped']);
    tick.sender.submit(body(20));
    await tick.advance(SETTLE_DELAY_MS * 2);
    expect(tick.sent).toEqual([body(20)]);

    const newer = harness(['capped', 'ok']);
    newer.sender.submit(body(30, 'pause'));
    await newer.advance(0);
    newer.sender.submit(body(40, 'seek'));
    await newer.advance(SETTLE_DELAY_MS * 2);
    expect(newer.sent).toEqual([body(30, 'pause'), body(40, 'seek')]);

    const gone = harness(['capped']);
    gone.sender.submit(body(30, 'pause'));
    await gone.advance(0);
    gone.sender.dispose();
    await gone.advance(SETTLE_DELAY_MS * 2);
    expect(gone.sent).toHaveLength(1);

    const hidden = harness(['capped']);
    hidden.sender.submit(body(30, 'pause'));
    await hidden.advance(0);
    hidden.sender.beacon(body(30, 'hide'));
    await hidden.advance(SETTLE_DELAY_MS * 2);
    expect(hidden.sent).toHaveLength(1);
    expect(hidden.beacons).toEqual([body(30, 'hide')]);
  });

  it('says when every heartbeat sent so far has its answer', async () => {
    let answer: (r: HeartbeatResponse) => void = () => undefined;
    const sender = new HeartbeatSender({
      send: () => new Promise<HeartbeatResponse>((resolve) => (answer = resolve)),
      beacon: () => undefined,
      onResult: () => undefined,
      rateLimitedFor: () => undefined,
      now: () => 0,
      schedule: () => () => undefined,
    });
    await sender.answered(); // nothing in flight
    sender.submit(body(27, 'pause'));
    let done = false;
    const waiting = sender.answered().then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    answer(ok);
    await waiting;
    expect(done).toBe(true);
  });

  describe("waiting for the device's queue to go first (the gate)", () => {
    /** A gate that holds once (the queue's sync), released by hand; later heartbeats go straight. */
    function syncOnce() {
      let release!: (ok: boolean) => void;
      let asked = 0;
      const sync = new Promise<void>((resolve, reject) => {
        release = (ok) => (ok ? resolve() : reject(new Error('sync failed')));
      });
      const gate = () => (++asked === 1 ? sync : undefined);
      return { gate, release, asked: () => asked };
    }
    const flush = async () => {
      for (let i = 0; i < 5; i++) await Promise.resolve();
    };

    it('sends nothing while the queue syncs, then only the newest claim, once', async () => {
      const g = syncOnce();
      const h = harness(['ok', 'ok'], g.gate);
      h.sender.submit(body(10));
      h.sender.submit(body(20));
      h.sender.submit(body(25, 'pause'));
      await h.advance(0);
      expect(h.sent).toEqual([]);
      expect(h.sender.waiting).toBe(true);
      g.release(true);
      await flush();
      expect(h.sent).toEqual([body(25, 'pause')]);
      expect(h.sender.waiting).toBe(false);
      h.sender.submit(body(35));
      await h.advance(0);
      expect(h.sent).toEqual([body(25, 'pause'), body(35)]);
      // The gate was asked for the first heartbeat and for the one after the hold, not for the ones held.
      expect(g.asked()).toBe(2);
    });

    it('a failed sync releases the heartbeats too (the send decides: online or queued on the device)', async () => {
      const g = syncOnce();
      const h = harness(['ok'], g.gate);
      h.sender.submit(body(10));
      g.release(false);
      await flush();
      expect(h.sent).toEqual([body(10)]);
    });

    it('answered() waits for the held heartbeat to be sent and answered', async () => {
      const g = syncOnce();
      const h = harness(['ok'], g.gate);
      h.sender.submit(body(30, 'pause'));
      let done = false;
      const answered = h.sender.answered().then(() => (done = true));
      await flush();
      expect(done).toBe(false);
      g.release(true);
      await answered;
      expect(h.sent).toEqual([body(30, 'pause')]);
      expect(h.results).toEqual([ok]);
    });

    it('a beacon while held replaces the held claim; nothing is sent twice, nothing after dispose', async () => {
      const g = syncOnce();
      const h = harness(['ok'], g.gate);
      h.sender.submit(body(10));
      h.sender.beacon(body(12, 'hide'));
      g.release(true);
      await flush();
      expect(h.beacons).toEqual([body(12, 'hide')]);
      expect(h.sent).toEqual([]);

      const g2 = syncOnce();
      const h2 = harness(['ok'], g2.gate);
      h2.sender.submit(body(10));
      h2.sender.dispose();
      g2.release(true);
      await flush();
      expect(h2.sent).toEqual([]);
    });

    it('a capped pause asked again later waits for the gate too', async () => {
      const holds: Array<() => void> = [];
      let asked = 0;
      const gate = () => (++asked === 2 ? new Promise<void>((resolve) => holds.push(resolve)) : undefined);
      const h = harness(['capped', 'ok'], gate);
      h.sender.submit(body(30, 'pause'));
      await h.advance(0);
      expect(h.sent).toEqual([body(30, 'pause')]);
      await h.advance(SETTLE_DELAY_MS);
      expect(h.sent).toHaveLength(1);
      holds[0]!();
      await flush();
      expect(h.sent).toEqual([body(30, 'pause'), body(30, 'pause')]);
    });
  });
});
