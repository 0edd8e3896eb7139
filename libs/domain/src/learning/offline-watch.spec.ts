import { OFFLINE_CLOCK_TOLERANCE_SECONDS } from './offline-sync';
import { type OfflineWatchClaim, planOfflineWatch } from './offline-watch';
import {
  intervalsMeasure,
  type Interval,
  WATCH_GRACE_SECONDS,
  WATCH_TOKEN_CAP_SECONDS,
} from './video-coverage';

const T0 = Date.UTC(2026, 11, 6, 8, 0, 0);
const s = 1000;
const video = { durationSeconds: 300, threshold: 0.9 };
/** The learner opened the video at the download (T0): the bucket holds the grace, settled then. */
const opened = { watched: [] as Interval[], tokens: WATCH_GRACE_SECONDS, settledAt: T0, completed: false };
const beat = (id: string, at: number, intervals: unknown, position = 0): OfflineWatchClaim => ({
  id,
  at,
  intervals,
  position,
});
/** Heartbeats every 10 s of device time while playing at 1× from the start, as the player sends them. */
const watchedAt1x = (from: number, count: number, prefix = 'h') =>
  Array.from({ length: count }, (_, i) =>
    beat(`${prefix}${i}`, from + (i + 1) * 10 * s, [[0, (i + 1) * 10]], (i + 1) * 10),
  );
const creditedSeconds = (plan: ReturnType<typeof planOfflineWatch>) => intervalsMeasure(plan.watched);

describe('offline video heartbeats: credited by the online rule with device times checked at sync', () => {
  const synced = { serverNow: T0 + 3600 * s, clientNow: T0 + 3600 * s };

  it('credits every second watched at 1× with a heartbeat every 10 s, and completes at the threshold', () => {
    const plan = planOfflineWatch(synced, watchedAt1x(T0 + 60 * s, 30), opened, video, T0);
    expect(creditedSeconds(plan)).toBe(300);
    const completing = plan.verdicts.filter((v) => v.status === 'credited' && v.completes);
    expect(completing).toHaveLength(1);
    expect(completing[0]).toMatchObject({ id: 'h26' }); // 270 s of 300: 90 %
    expect(plan.settledAt).toBe(T0 + 60 * s + 300 * s);
    expect(plan.position).toBe(300);
  });

  it('a burst (every heartbeat at the same device moment) credits only the grace and what the gap since opening allows', () => {
    const at = T0 + 8 * s; // 8 s after opening: 2 s grace + 8 s × 2
    const burst = Array.from({ length: 29 }, (_, i) => beat(`b${i}`, at, [[0, (i + 1) * 10]]));
    const plan = planOfflineWatch(synced, burst, opened, video, T0);
    expect(creditedSeconds(plan)).toBeCloseTo(WATCH_GRACE_SECONDS + 8 * 2, 6);
    expect(plan.capped).toBeGreaterThan(0);
    // Within the clock tolerance of the opening, a moment cannot be told from it: nothing is credited.
    const close = T0 + (OFFLINE_CLOCK_TOLERANCE_SECONDS * 1000) / 2;
    const early = planOfflineWatch(synced, [beat('e', close, [[0, 10]])], opened, video, T0);
    expect(early.verdicts[0]).toEqual({ id: 'e', status: 'refused', reason: 'OVERLAP' });
  });

  it('a long gap earns at most the bucket cap: a claim of the whole video after an hour credits 22 s', () => {
    const plan = planOfflineWatch(synced, [beat('x', T0 + 3000 * s, [[0, 300]])], opened, video, T0);
    expect(creditedSeconds(plan)).toBe(WATCH_TOKEN_CAP_SECONDS);
    expect(plan.verdicts[0]).toMatchObject({ status: 'credited', seconds: WATCH_TOKEN_CAP_SECONDS });
  });

  it('a claimed 3× is cut to 2× of the device time between heartbeats', () => {
    const beats = Array.from({ length: 10 }, (_, i) =>
      beat(`f${i}`, T0 + (i + 1) * 10 * s, [[0, (i + 1) * 30]]),
    );
    const plan = planOfflineWatch(synced, beats, opened, video, T0);
    expect(creditedSeconds(plan)).toBeLessThanOrEqual(WATCH_GRACE_SECONDS + 100 * 2 + 1e-9);
    expect(creditedSeconds(plan)).toBeGreaterThan(150);
  });

  it('a device 1 hour slow is shifted back: the same heartbeats earn the same credit', () => {
    const slow = { serverNow: T0 + 3600 * s, clientNow: T0 };
    const beats = watchedAt1x(T0 - 3600 * s + 60 * s, 12);
    const plan = planOfflineWatch(slow, beats, opened, video, T0);
    expect(creditedSeconds(plan)).toBe(120);
    expect(plan.settledAt).toBe(T0 + 180 * s);
  });

  it('a device set a day ahead that also dates its heartbeats ahead gains nothing from the future', () => {
    const ahead = { serverNow: T0 + 600 * s, clientNow: T0 + 600 * s + 86_400 * s };
    const beats = watchedAt1x(T0 + 86_400 * s, 6);
    const plan = planOfflineWatch(ahead, beats, opened, video, T0);
    expect(creditedSeconds(plan)).toBe(60);
    // Dating them past the device's own "now" lands them in the server's future: refused.
    const future = planOfflineWatch(
      ahead,
      [beat('late', T0 + 600 * s + 86_400 * s + 60 * s, [[0, 60]])],
      opened,
      video,
      T0,
    );
    expect(future.verdicts[0]).toEqual({ id: 'late', status: 'refused', reason: 'IN_FUTURE' });
  });

  it('backdated heartbeats (before the download) are refused and spread-out forged ones never beat wall time', () => {
    const before = planOfflineWatch(synced, [beat('old', T0 - 3600 * s, [[0, 60]])], opened, video, T0);
    expect(before.verdicts[0]).toEqual({ id: 'old', status: 'refused', reason: 'BEFORE_DOWNLOAD' });
    // A forged body spreading heartbeats over the hour since the download is bounded by 2 s per second of it.
    const spread = Array.from({ length: 200 }, (_, i) => beat(`p${i}`, T0 + i * 18 * s, [[0, 300]]));
    const plan = planOfflineWatch(
      synced,
      spread,
      { ...opened, watched: [] },
      { durationSeconds: 24 * 3600, threshold: 0.9 },
      T0,
    );
    expect(creditedSeconds(plan)).toBeLessThanOrEqual(WATCH_GRACE_SECONDS + 3600 * 2);
  });

  it('heartbeats before the bucket was last settled (an earlier sync, an online heartbeat) are refused', () => {
    const later = { ...opened, settledAt: T0 + 200 * s };
    const plan = planOfflineWatch(synced, watchedAt1x(T0 + 100 * s, 15), later, video, T0);
    const refused = plan.verdicts.filter((v) => v.status === 'refused');
    expect(refused.every((v) => v.status === 'refused' && v.reason === 'OVERLAP')).toBe(true);
    // the ones at T0+110 … T0+190 s, and the one at T0+200 s: within the clock tolerance of the settling
    expect(refused).toHaveLength(10);
    expect(plan.settledAt).toBe(T0 + 250 * s);
  });

  it('a synced batch sent again under new ids through a slower network (a larger measured skew) is all refused', () => {
    const beats = watchedAt1x(T0, 6);
    const plan = planOfflineWatch(synced, beats, opened, video, T0);
    const settled = {
      watched: plan.watched,
      tokens: plan.tokens,
      settledAt: plan.settledAt,
      completed: false,
    };
    for (const delayMs of [0, 40, 900, OFFLINE_CLOCK_TOLERANCE_SECONDS * 1000 - 1]) {
      const slower = { ...synced, serverNow: synced.serverNow + delayMs };
      const renamed = beats.map((b, i) => ({ ...b, id: `again-${delayMs}-${i}` }));
      const again = planOfflineWatch(slower, renamed, settled, video, T0);
      expect(again.verdicts.map((v) => (v.status === 'refused' ? v.reason : v.status))).toEqual(
        beats.map(() => 'OVERLAP'),
      );
      expect(again.credited).toBe(0);
    }
  });

  it('overlapping intervals and replayed claims credit only fresh seconds', () => {
    const beats = [
      beat('a', T0 + 10 * s, [[0, 10]]),
      beat('b', T0 + 20 * s, [
        [5, 15],
        [0, 10],
      ]),
      beat('c', T0 + 30 * s, [[0, 15]]),
      beat('d', T0 + 40 * s, [[0, 25]]),
    ];
    const plan = planOfflineWatch(synced, beats, opened, video, T0);
    expect(plan.watched).toEqual([[0, 25]]);
    expect(plan.verdicts.map((v) => (v.status === 'credited' ? v.seconds : -1))).toEqual([10, 5, 0, 10]);
    // The same claims sent again after that sync: settled at the last one, so all of them are refused.
    const again = planOfflineWatch(
      synced,
      beats,
      { watched: plan.watched, tokens: plan.tokens, settledAt: plan.settledAt, completed: false },
      video,
      T0,
    );
    expect(again.verdicts.filter((v) => v.status === 'credited' && v.seconds > 0)).toEqual([]);
    expect(intervalsMeasure(again.watched)).toBe(25);
  });

  it('the same id twice in a batch is refused once as DUPLICATE; the order sent does not matter', () => {
    const beats = watchedAt1x(T0, 5);
    const shuffled = [beats[3]!, beats[0]!, beats[4]!, beats[1]!, beats[2]!, beats[0]!];
    const plan = planOfflineWatch(synced, shuffled, opened, video, T0);
    expect(plan.verdicts[5]).toEqual({ id: 'h0', status: 'refused', reason: 'DUPLICATE' });
    expect(creditedSeconds(plan)).toBe(50);
  });

  it('refuses invalid intervals, a course not downloaded, and NaN times', () => {
    const plan = planOfflineWatch(
      synced,
      [
        beat('neg', T0 + 10 * s, [[-5, 10]]),
        beat('past', T0 + 10 * s, [[0, 999]]),
        beat('nan', Number.NaN, [[0, 1]]),
      ],
      opened,
      video,
      T0,
    );
    expect(plan.verdicts.map((v) => v.status === 'refused' && v.reason)).toEqual([
      'INVALID_INTERVALS',
      'INVALID_INTERVALS',
      'INVALID_SPAN',
    ]);
    const none = planOfflineWatch(synced, [beat('n', T0 + 10 * s, [[0, 10]])], opened, video, undefined);
    expect(none.verdicts[0]).toEqual({ id: 'n', status: 'refused', reason: 'NOT_DOWNLOADED' });
    expect(none.credited).toBe(0);
  });

  it('a video already completed is credited but never completes again', () => {
    const done = { watched: [[0, 280]] as Interval[], tokens: 2, settledAt: T0, completed: true };
    const plan = planOfflineWatch(synced, [beat('z', T0 + 10 * s, [[280, 300]])], done, video, T0);
    expect(plan.verdicts[0]).toMatchObject({ status: 'credited', seconds: 20, completes: false });
  });
});
