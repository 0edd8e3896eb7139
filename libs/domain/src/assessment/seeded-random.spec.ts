import { seededRandom, shuffle } from './seeded-random';

describe('seededRandom', () => {
  it('gives the same sequence for the same seed', () => {
    const a = seededRandom('attempt-42');
    const b = seededRandom('attempt-42');
    const first = Array.from({ length: 20 }, a);
    expect(Array.from({ length: 20 }, b)).toEqual(first);
  });

  it('is stable across platforms and releases (pinned values: stored attempts and tests rely on them)', () => {
    const random = seededRandom('hocvuso');
    expect(Array.from({ length: 3 }, random)).toEqual(PINNED);
  });

  it('gives different sequences for different seeds, even seeds one character apart', () => {
    const a = Array.from({ length: 5 }, seededRandom('seed-1'));
    const b = Array.from({ length: 5 }, seededRandom('seed-2'));
    expect(a).not.toEqual(b);
  });

  it('stays in [0, 1) and spreads over the range', () => {
    const random = seededRandom('range');
    const values = Array.from({ length: 10_000 }, random);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const buckets = new Array(10).fill(0);
    for (const v of values) buckets[Math.floor(v * 10)]++;
    for (const count of buckets) expect(count).toBeGreaterThan(850);
  });

  it('accepts an empty seed and Vietnamese text', () => {
    expect(seededRandom('')()).toBeGreaterThanOrEqual(0);
    expect(seededRandom('Học vụ số')()).not.toBe(seededRandom('Hoc vu so')());
  });
});

describe('shuffle', () => {
  it('returns a permutation and leaves the input alone', () => {
    const items = ['a', 'b', 'c', 'd', 'e'] as const;
    const result = shuffle(items, seededRandom('x'));
    expect([...result].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(items).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(result).not.toBe(items);
  });

  it('is Fisher–Yates: with a generator stuck at 0 each item swaps with the first', () => {
    expect(shuffle(['a', 'b', 'c', 'd'], () => 0)).toEqual(['b', 'c', 'd', 'a']);
  });

  it('keeps the order with a generator just below 1', () => {
    expect(shuffle(['a', 'b', 'c', 'd'], () => 0.99999)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('stays a permutation with a broken generator returning 1', () => {
    expect([...shuffle(['a', 'b', 'c'], () => 1)].sort()).toEqual(['a', 'b', 'c']);
  });

  it('handles empty and single-item lists', () => {
    expect(shuffle([], Math.random)).toEqual([]);
    expect(shuffle(['only'], Math.random)).toEqual(['only']);
  });

  it('makes every permutation about equally likely', () => {
    const random = seededRandom('uniform');
    const counts = new Map<string, number>();
    for (let i = 0; i < 6000; i++) {
      const key = shuffle(['a', 'b', 'c'], random).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(850);
      expect(count).toBeLessThan(1150);
    }
  });
});

// Computed independently (a Python port of cyrb128 + sfc32) when the generator was written.
const PINNED = [0.25730120367370546, 0.030993521446362138, 0.594577711308375];
