import type { HeartbeatRequest, HeartbeatResponse } from '@hocvuso/contracts';
import { describe, expect, it } from '@jest/globals';
import { HeartbeatSender } from './heartbeat-sender';

const body = (end: number, event: HeartbeatRequest['event'] = 'tick'): HeartbeatRequest => ({
  intervals: [[0, end]],
  position: end,
  event,
});
const ok: HeartbeatResponse = { watchedSeconds: 10, coverage: 0.1, completed: false, capped: false };
const RATE_LIMITED = { rateLimited: 20 };

function harness(answers: Array<'ok' | 'limited' | 'fail'>) {
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
      return Promise.reject(answer === 'limited' ? RATE_LIMITED : new Error('offline'));
    },
    beacon: (b) => beacons.push(b),
    onResult: (r) => results.push(r),
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
});
