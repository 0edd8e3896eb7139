import { creditWatch, type Interval, isVideoComplete, watchBudgetSeconds } from './video-coverage';

// A forged heartbeat claims the whole video 5 s after the learner opened it. The budget is what 5 s of
// real time allows at the fastest playback speed, plus a little grace: 5 × 2 + 2 = 12 s.
const duration = 120;

describe('video coverage: a forged claim', () => {
  it('claiming [0, duration] 5 s after opening credits only 12 s, from the start', () => {
    const result = creditWatch([], [[0, duration]], watchBudgetSeconds(5));
    expect(result.creditedSeconds).toBe(12);
    expect(result.credited).toEqual([[0, 12]]);
    expect(result.merged).toEqual([[0, 12]]);
    expect(isVideoComplete(result.merged, duration)).toBe(false);
  });

  it('replaying the forged claim every 15 s can never go faster than twice real time', () => {
    let merged: Interval[] = [];
    let elapsed = 0;
    while (elapsed < 45) {
      elapsed += 15;
      merged = creditWatch(merged, [[0, duration]], watchBudgetSeconds(15)).merged;
    }
    // 3 beats × (15 × 2 + 2) = 96 s after 45 s of real time: still below 90 % of 120 s.
    expect(merged).toEqual([[0, 96]]);
    expect(isVideoComplete(merged, duration)).toBe(false);
  });

  it('a forged claim with no real time elapsed credits only the grace', () => {
    expect(creditWatch([], [[0, duration]], watchBudgetSeconds(0)).creditedSeconds).toBe(2);
  });

  it('a claim with a clock going backwards credits only the grace', () => {
    expect(creditWatch([], [[0, duration]], watchBudgetSeconds(-30)).creditedSeconds).toBe(2);
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

describe('watchBudgetSeconds', () => {
  it('is elapsed × 2 + 2 by default', () => {
    expect(watchBudgetSeconds(15)).toBe(32);
  });

  it('accepts another rate and grace', () => {
    expect(watchBudgetSeconds(10, 1.5, 0)).toBe(15);
  });

  it('treats negative or NaN elapsed time as none', () => {
    expect(watchBudgetSeconds(-5)).toBe(2);
    expect(watchBudgetSeconds(NaN)).toBe(2);
  });
});
