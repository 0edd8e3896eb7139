import { creditHeartbeat, type Interval, WATCH_GRACE_SECONDS } from './video-coverage';
import { creditHeartbeatRun } from './video-heartbeat-run';

const video = { durationSeconds: 300, threshold: 0.9 };
const fresh = { watched: [] as Interval[], tokens: WATCH_GRACE_SECONDS, elapsedSeconds: 0, completed: false };

/** The same heartbeats written one by one, the later ones in the same instant as the first. */
function oneByOne(state: typeof fresh, claims: Interval[][]) {
  let watched: Interval[] = [...state.watched];
  let tokens = state.tokens;
  let elapsed = state.elapsedSeconds;
  return claims.map((claimed) => {
    const c = creditHeartbeat({ watched, tokens, elapsedSeconds: elapsed }, claimed);
    watched = c.merged;
    tokens = c.tokensLeft;
    elapsed = 0;
    return c;
  });
}

describe('a run of heartbeats credited together (the batched writer)', () => {
  it('credits each heartbeat exactly as writing them one by one would', () => {
    const claims: Interval[][] = [[[0, 10]], [[0, 25]], [[40, 60]], [[0, 25]]];
    const state = { ...fresh, elapsedSeconds: 12 };
    const run = creditHeartbeatRun(
      state,
      claims.map((claimed) => ({ claimed, position: 25 })),
      video,
    );
    const expected = oneByOne(state, claims);
    expect(run.applied).toBe(4);
    expect(run.credits).toEqual(expected);
    expect(run.watched).toEqual(expected[3]!.merged);
    expect(run.tokens).toBe(expected[3]!.tokensLeft);
    expect(run.lastClaim).toEqual([[0, 25]]);
  });

  it('gives the real elapsed time to the first heartbeat only: 30 replays mint no credit', () => {
    const claims = Array.from({ length: 30 }, () => ({ claimed: [[0, 300]] as Interval[], position: 300 }));
    const run = creditHeartbeatRun({ ...fresh, elapsedSeconds: 5 }, claims, video);
    // One grace plus 5 s × 2 (the fastest speed), however many copies arrive together.
    const total = run.watched.reduce((n, [s, e]) => n + (e - s), 0);
    expect(total).toBeCloseTo(WATCH_GRACE_SECONDS + 10, 9);
    expect(run.cappedCount).toBe(30);
    expect(run.tokens).toBe(0);
  });

  it('stops before the heartbeat that completes the video, leaving it and what follows to the single path', () => {
    const state = { ...fresh, watched: [[0, 260]] as Interval[], tokens: 22, elapsedSeconds: 10 };
    const run = creditHeartbeatRun(
      state,
      [
        { claimed: [[260, 265]], position: 265 },
        { claimed: [[265, 280]], position: 280 }, // 280 / 300 ≥ 0.9: completes
        { claimed: [[280, 285]], position: 285 },
      ],
      video,
    );
    expect(run.applied).toBe(1);
    expect(run.watched).toEqual([[0, 265]]);
    expect(run.position).toBe(265);
  });

  it('keeps crediting a video that is already complete (re-watching) and clamps the playhead to the end', () => {
    const state = { ...fresh, watched: [[0, 290]] as Interval[], tokens: 22, completed: true };
    const run = creditHeartbeatRun(state, [{ claimed: [[290, 300]], position: 300.4 }], video);
    expect(run.applied).toBe(1);
    expect(run.watched).toEqual([[0, 300]]);
    expect(run.position).toBe(300);
  });

  it('applies nothing and leaves the state when the very first heartbeat completes the video', () => {
    const state = { ...fresh, watched: [[0, 269]] as Interval[], tokens: 22 };
    const run = creditHeartbeatRun(state, [{ claimed: [[269, 275]], position: 275 }], video);
    expect(run).toMatchObject({ applied: 0, credits: [], watched: [[0, 269]], tokens: 22 });
    expect(run.position).toBeUndefined();
  });
});
