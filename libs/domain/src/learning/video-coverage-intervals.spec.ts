import {
  clampIntervals,
  type Interval,
  intervalsMeasure,
  normalizeIntervals,
  subtractIntervals,
  videoCoverage,
  videoWatchedSeconds,
} from './video-coverage';

describe('normalizeIntervals', () => {
  it('returns nothing for nothing', () => {
    expect(normalizeIntervals([])).toEqual([]);
  });

  it('sorts intervals given out of order', () => {
    expect(
      normalizeIntervals([
        [30, 40],
        [0, 10],
        [15, 20],
      ]),
    ).toEqual([
      [0, 10],
      [15, 20],
      [30, 40],
    ]);
  });

  it('merges overlapping intervals', () => {
    expect(
      normalizeIntervals([
        [0, 10],
        [5, 15],
      ]),
    ).toEqual([[0, 15]]);
  });

  it('merges touching intervals, so the result never has end === next start', () => {
    expect(
      normalizeIntervals([
        [10, 20],
        [0, 10],
        [20, 30],
      ]),
    ).toEqual([[0, 30]]);
  });

  it('swallows intervals contained in another', () => {
    expect(
      normalizeIntervals([
        [0, 100],
        [10, 20],
        [50, 60],
      ]),
    ).toEqual([[0, 100]]);
  });

  it('keeps the later end when a short interval follows a long one with the same start', () => {
    expect(
      normalizeIntervals([
        [0, 50],
        [0, 10],
      ]),
    ).toEqual([[0, 50]]);
  });

  it('drops zero-length and reversed intervals', () => {
    expect(
      normalizeIntervals([
        [5, 5],
        [9, 3],
        [1, 2],
      ]),
    ).toEqual([[1, 2]]);
  });

  it('drops intervals with NaN bounds', () => {
    expect(
      normalizeIntervals([
        [NaN, 3],
        [1, NaN],
        [4, 6],
      ]),
    ).toEqual([[4, 6]]);
  });

  it('merges duplicates into one', () => {
    expect(
      normalizeIntervals([
        [0, 10],
        [0, 10],
        [0, 10],
      ]),
    ).toEqual([[0, 10]]);
  });

  it('does not mutate its input', () => {
    const input: Interval[] = [
      [20, 30],
      [0, 10],
    ];
    const copy = JSON.parse(JSON.stringify(input));
    normalizeIntervals(input);
    expect(input).toEqual(copy);
  });

  it('keeps fractional seconds exactly', () => {
    expect(
      normalizeIntervals([
        [0.25, 1.5],
        [1.5, 2.75],
      ]),
    ).toEqual([[0.25, 2.75]]);
  });
});

describe('intervalsMeasure', () => {
  it('is 0 for nothing', () => {
    expect(intervalsMeasure([])).toBe(0);
  });

  it('counts overlapping seconds once', () => {
    expect(
      intervalsMeasure([
        [0, 10],
        [5, 15],
      ]),
    ).toBe(15);
  });

  it('adds disjoint intervals', () => {
    expect(
      intervalsMeasure([
        [0, 10],
        [20, 25],
      ]),
    ).toBe(15);
  });

  it('ignores empty and reversed intervals', () => {
    expect(
      intervalsMeasure([
        [3, 3],
        [8, 2],
      ]),
    ).toBe(0);
  });
});

describe('subtractIntervals', () => {
  it('returns a unchanged when b is empty', () => {
    expect(subtractIntervals([[0, 10]], [])).toEqual([[0, 10]]);
  });

  it('returns nothing when a is empty', () => {
    expect(subtractIntervals([], [[0, 10]])).toEqual([]);
  });

  it('returns nothing when b covers a entirely', () => {
    expect(subtractIntervals([[10, 20]], [[0, 30]])).toEqual([]);
  });

  it('returns nothing when b equals a', () => {
    expect(subtractIntervals([[10, 20]], [[10, 20]])).toEqual([]);
  });

  it('cuts a hole in the middle', () => {
    expect(subtractIntervals([[0, 30]], [[10, 20]])).toEqual([
      [0, 10],
      [20, 30],
    ]);
  });

  it('trims the start and the end', () => {
    expect(
      subtractIntervals(
        [[0, 30]],
        [
          [-5, 5],
          [25, 40],
        ],
      ),
    ).toEqual([[5, 25]]);
  });

  it('leaves a alone when b only touches it', () => {
    expect(
      subtractIntervals(
        [[10, 20]],
        [
          [0, 10],
          [20, 30],
        ],
      ),
    ).toEqual([[10, 20]]);
  });

  it('handles several b intervals over several a intervals', () => {
    const a: Interval[] = [
      [0, 10],
      [20, 40],
      [50, 60],
    ];
    const b: Interval[] = [
      [5, 25],
      [30, 35],
      [55, 70],
    ];
    expect(subtractIntervals(a, b)).toEqual([
      [0, 5],
      [25, 30],
      [35, 40],
      [50, 55],
    ]);
  });

  it('normalizes both sides first (unsorted, overlapping input)', () => {
    expect(
      subtractIntervals(
        [
          [20, 30],
          [0, 15],
          [10, 22],
        ],
        [
          [12, 14],
          [5, 6],
        ],
      ),
    ).toEqual([
      [0, 5],
      [6, 12],
      [14, 30],
    ]);
  });

  it('skips b intervals entirely before the current a interval', () => {
    expect(
      subtractIntervals(
        [[50, 60]],
        [
          [0, 10],
          [20, 30],
          [55, 56],
        ],
      ),
    ).toEqual([
      [50, 55],
      [56, 60],
    ]);
  });
});

describe('clampIntervals', () => {
  it('clips to [0, duration]', () => {
    expect(
      clampIntervals(
        [
          [-5, 10],
          [50, 70],
        ],
        60,
      ),
    ).toEqual([
      [0, 10],
      [50, 60],
    ]);
  });

  it('drops intervals wholly outside', () => {
    expect(
      clampIntervals(
        [
          [-10, -2],
          [61, 70],
        ],
        60,
      ),
    ).toEqual([]);
  });

  it('drops what becomes empty at the edges', () => {
    expect(
      clampIntervals(
        [
          [60, 60.4],
          [-1, 0],
        ],
        60,
      ),
    ).toEqual([]);
  });

  it('returns nothing for a non-positive or NaN duration', () => {
    expect(clampIntervals([[0, 10]], 0)).toEqual([]);
    expect(clampIntervals([[0, 10]], -3)).toEqual([]);
    expect(clampIntervals([[0, 10]], NaN)).toEqual([]);
  });

  it('returns normalized output', () => {
    expect(
      clampIntervals(
        [
          [5, 10],
          [0, 5],
        ],
        60,
      ),
    ).toEqual([[0, 10]]);
  });
});

describe('videoWatchedSeconds', () => {
  it('measures the watched intervals once each, within the video', () => {
    expect(
      videoWatchedSeconds(
        [
          [0, 10],
          [5, 15],
          [100, 200],
        ],
        120,
      ),
    ).toBe(35);
  });

  it('is 0 for nothing watched or a video without a positive duration', () => {
    expect(videoWatchedSeconds([], 120)).toBe(0);
    expect(videoWatchedSeconds([[0, 10]], 0)).toBe(0);
  });
});

describe('videoCoverage', () => {
  it('is the watched share of the duration', () => {
    expect(videoCoverage([[0, 30]], 120)).toBe(0.25);
  });

  it('ignores watched seconds beyond the end', () => {
    expect(videoCoverage([[60, 200]], 120)).toBe(0.5);
  });

  it('never exceeds 1', () => {
    expect(videoCoverage([[-10, 500]], 120)).toBe(1);
  });

  it('is 0 for nothing watched', () => {
    expect(videoCoverage([], 120)).toBe(0);
  });

  it('is 0 for a zero, negative or NaN duration', () => {
    expect(videoCoverage([[0, 10]], 0)).toBe(0);
    expect(videoCoverage([[0, 10]], -1)).toBe(0);
    expect(videoCoverage([[0, 10]], NaN)).toBe(0);
  });

  it('counts overlapping watched intervals once', () => {
    expect(
      videoCoverage(
        [
          [0, 60],
          [30, 90],
        ],
        120,
      ),
    ).toBe(0.75);
  });
});
