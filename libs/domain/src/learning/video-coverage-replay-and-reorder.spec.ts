import { creditWatch, type Interval, normalizeIntervals } from './video-coverage';

const apply = (claims: Interval[][], budget = Infinity): Interval[] =>
  claims.reduce<Interval[]>((merged, claimed) => creditWatch(merged, claimed, budget).merged, []);

describe('video coverage: replayed and reordered heartbeats', () => {
  const a: Interval[] = [[0, 15]];
  const b: Interval[] = [
    [0, 15],
    [40, 55],
  ];
  const c: Interval[] = [
    [30, 45],
    [70, 80],
  ];

  it('replaying the same heartbeat credits nothing the second time', () => {
    const first = creditWatch([], b, 100);
    const again = creditWatch(first.merged, b, 100);
    expect(again.credited).toEqual([]);
    expect(again.creditedSeconds).toBe(0);
    expect(again.merged).toEqual(first.merged);
  });

  it('replaying a heartbeat many times leaves exactly the union', () => {
    expect(apply([a, a, b, b, b, a])).toEqual(normalizeIntervals([...a, ...b]));
  });

  it('the order of heartbeats does not change the result when the budget is not limiting', () => {
    const expected = normalizeIntervals([...a, ...b, ...c]);
    const orders = [
      [a, b, c],
      [a, c, b],
      [b, a, c],
      [b, c, a],
      [c, a, b],
      [c, b, a],
    ];
    for (const order of orders) expect(apply(order)).toEqual(expected);
  });

  it('crediting A then B equals crediting B then A', () => {
    expect(apply([b, c])).toEqual(apply([c, b]));
  });

  it('an old heartbeat arriving after a newer cumulative one adds nothing', () => {
    const newer: Interval[] = [[0, 60]];
    const older: Interval[] = [[0, 45]];
    const first = creditWatch([], newer, 200);
    const late = creditWatch(first.merged, older, 200);
    expect(late.creditedSeconds).toBe(0);
    expect(late.merged).toEqual([[0, 60]]);
  });

  it('a rewatched part is credited once, even with fresh budget', () => {
    const first = creditWatch([], [[0, 30]], 32);
    const rewatch = creditWatch(first.merged, [[10, 25]], 32);
    expect(rewatch.creditedSeconds).toBe(0);
    expect(rewatch.merged).toEqual([[0, 30]]);
  });

  it('a heartbeat with overlapping, unsorted intervals is credited as its union', () => {
    const result = creditWatch(
      [],
      [
        [20, 30],
        [0, 10],
        [5, 25],
      ],
      100,
    );
    expect(result.credited).toEqual([[0, 30]]);
    expect(result.creditedSeconds).toBe(30);
  });
});
