import {
  creditHeartbeat,
  creditWatch,
  type Interval,
  isVideoComplete,
  refillWatchTokens,
  WATCH_GRACE_SECONDS,
  WATCH_TOKEN_CAP_SECONDS,
  watchTokensAtLaunch,
} from './video-coverage';

// A forged heartbeat claims the whole video 5 s after the learner opened it. The credit available is the one
// grace the video started with plus what 5 s of real time earns at the fastest playback speed: 2 + 5 × 2 = 12 s.
const duration = 120;

/** A learner who just opened the video: the bucket holds the grace. */
const opened = () => ({ watched: [] as Interval[], tokens: WATCH_GRACE_SECONDS });

describe('video coverage: a forged claim', () => {
  it('claiming [0, duration] 5 s after opening credits only 12 s, from the start', () => {
    const result = creditHeartbeat({ ...opened(), elapsedSeconds: 5 }, [[0, duration]]);
    expect(result.creditedSeconds).toBe(12);
    expect(result.credited).toEqual([[0, 12]]);
    expect(result.merged).toEqual([[0, 12]]);
    expect(result.capped).toBe(true);
    expect(result.tokensLeft).toBe(0);
    expect(isVideoComplete(result.merged, duration)).toBe(false);
  });

  it('replaying the forged claim every 15 s can never go faster than the cap per heartbeat', () => {
    let state = { ...opened() };
    for (let beat = 0; beat < 3; beat++) {
      const r = creditHeartbeat({ ...state, elapsedSeconds: 15 }, [[0, duration]]);
      state = { watched: r.merged, tokens: r.tokensLeft };
    }
    // 3 beats × the 22 s cap after 45 s of real time.
    expect(state.watched).toEqual([[0, 66]]);
    expect(isVideoComplete(state.watched, duration)).toBe(false);
  });

  it('29 heartbeats within 0.4 s credit the one grace and what 0.4 s earns, not a grace each', () => {
    let state = { ...opened() };
    let credited = 0;
    for (let beat = 1; beat <= 29; beat++) {
      const end = Math.min(duration, beat * 2.1);
      const r = creditHeartbeat({ ...state, elapsedSeconds: 0.4 / 29 }, [[0, end]]);
      credited += r.creditedSeconds;
      state = { watched: r.merged, tokens: r.tokensLeft };
    }
    expect(credited).toBeCloseTo(WATCH_GRACE_SECONDS + 0.4 * 2, 9);
  });

  it('an idle open tab banks no more than the cap: a full claim after 36 s credits 22 s', () => {
    const r = creditHeartbeat({ ...opened(), elapsedSeconds: 36 }, [[0, 81]]);
    expect(WATCH_TOKEN_CAP_SECONDS).toBe(22);
    expect(r.creditedSeconds).toBe(22);
    expect(isVideoComplete(r.merged, 81)).toBe(false);
  });

  it('a forged claim with no real time elapsed credits only the grace', () => {
    expect(creditHeartbeat({ ...opened(), elapsedSeconds: 0 }, [[0, duration]]).creditedSeconds).toBe(2);
  });

  it('a claim with a clock going backwards credits only the grace', () => {
    expect(creditHeartbeat({ ...opened(), elapsedSeconds: -30 }, [[0, duration]]).creditedSeconds).toBe(2);
  });

  it('re-opening the video between heartbeats never mints a new grace', () => {
    let state = { ...opened() };
    let credited = 0;
    for (let cycle = 0; cycle < 20; cycle++) {
      state = { ...state, tokens: watchTokensAtLaunch(state.tokens, 0) };
      const r = creditHeartbeat({ ...state, elapsedSeconds: 0 }, [[0, duration]]);
      credited += r.creditedSeconds;
      state = { watched: r.merged, tokens: r.tokensLeft };
    }
    expect(credited).toBe(WATCH_GRACE_SECONDS);
  });

  it('an unspent bucket is cut to the grace when the video is opened again', () => {
    expect(watchTokensAtLaunch(0, 3600)).toBe(WATCH_GRACE_SECONDS);
    expect(watchTokensAtLaunch(1, 0)).toBe(1);
  });

  it('the budget is spent on the earliest fresh seconds, splitting the last interval', () => {
    const existing: Interval[] = [[0, 10]];
    const result = creditWatch(
      existing,
      [
        [0, 20],
        [30, 40],
        [50, 60],
      ],
      15,
    );
    expect(result.credited).toEqual([
      [10, 20],
      [30, 35],
    ]);
    expect(result.creditedSeconds).toBe(15);
    expect(result.merged).toEqual([
      [0, 20],
      [30, 35],
    ]);
  });
});

describe('creditWatch', () => {
  it('credits nothing for a zero or negative budget', () => {
    for (const budget of [0, -1, -Infinity]) {
      const result = creditWatch([[0, 10]], [[10, 50]], budget);
      expect(result).toEqual({ merged: [[0, 10]], credited: [], creditedSeconds: 0 });
    }
  });

  it('credits nothing for a NaN budget', () => {
    expect(creditWatch([], [[0, 50]], NaN).creditedSeconds).toBe(0);
  });

  it('credits everything fresh for an unlimited budget', () => {
    const result = creditWatch([[10, 20]], [[0, 30]], Infinity);
    expect(result.credited).toEqual([
      [0, 10],
      [20, 30],
    ]);
    expect(result.creditedSeconds).toBe(20);
    expect(result.merged).toEqual([[0, 30]]);
  });

  it('takes a whole interval when the budget matches it exactly, and stops there', () => {
    const result = creditWatch(
      [],
      [
        [0, 10],
        [20, 30],
      ],
      10,
    );
    expect(result.credited).toEqual([[0, 10]]);
    expect(result.merged).toEqual([[0, 10]]);
  });

  it('credits nothing when the claim is already covered', () => {
    const result = creditWatch([[0, 60]], [[10, 50]], 100);
    expect(result).toEqual({ merged: [[0, 60]], credited: [], creditedSeconds: 0 });
  });

  it('credits nothing for an empty claim, and returns existing normalized', () => {
    const result = creditWatch(
      [
        [10, 20],
        [0, 10],
      ],
      [],
      100,
    );
    expect(result).toEqual({ merged: [[0, 20]], credited: [], creditedSeconds: 0 });
  });

  it('does not mutate its inputs', () => {
    const existing: Interval[] = [[20, 30]];
    const claimed: Interval[] = [[0, 40]];
    creditWatch(existing, claimed, 100);
    expect(existing).toEqual([[20, 30]]);
    expect(claimed).toEqual([[0, 40]]);
  });
});

describe('refillWatchTokens', () => {
  it('earns elapsed × 2 up to the cap of 22 s', () => {
    expect(refillWatchTokens(2, 5)).toBe(12);
    expect(refillWatchTokens(2, 10)).toBe(22);
    expect(refillWatchTokens(2, 3600)).toBe(22);
  });

  it('accepts another rate and cap', () => {
    expect(refillWatchTokens(0, 10, { maxPlaybackRate: 1.5, capSeconds: 100 })).toBe(15);
  });

  it('treats negative or NaN inputs as none', () => {
    expect(refillWatchTokens(2, -5)).toBe(2);
    expect(refillWatchTokens(2, NaN)).toBe(2);
    expect(refillWatchTokens(-4, 1)).toBe(2);
    expect(refillWatchTokens(NaN, 1)).toBe(2);
  });
});
