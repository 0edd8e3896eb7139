import { ValidationError } from '../errors';
import { validateClaimedIntervals } from './video-coverage';

/** The error thrown for `raw`, so tests can look at its code, message and details. */
function rejection(raw: unknown, duration = 120, maxIntervals?: number): ValidationError {
  try {
    validateClaimedIntervals(raw, duration, maxIntervals);
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('expected validateClaimedIntervals to throw');
}

describe('validateClaimedIntervals: accepted input', () => {
  it('accepts well-formed pairs and returns them normalized', () => {
    expect(
      validateClaimedIntervals(
        [
          [30, 45],
          [0, 15],
          [15, 20],
        ],
        120,
      ),
    ).toEqual([
      [0, 20],
      [30, 45],
    ]);
  });

  it('accepts an empty list', () => {
    expect(validateClaimedIntervals([], 120)).toEqual([]);
  });

  it('accepts fractional seconds', () => {
    expect(validateClaimedIntervals([[0.5, 14.75]], 120)).toEqual([[0.5, 14.75]]);
  });

  it('accepts an end up to half a second past the duration, clamped to the duration', () => {
    expect(validateClaimedIntervals([[100, 120.5]], 120)).toEqual([[100, 120]]);
  });

  it('drops an accepted interval that lies wholly in the tolerance past the end', () => {
    expect(validateClaimedIntervals([[120.1, 120.4]], 120)).toEqual([]);
  });

  it('accepts exactly the maximum number of intervals', () => {
    const raw = Array.from({ length: 200 }, (_, i) => [i * 0.5, i * 0.5 + 0.25]);
    expect(validateClaimedIntervals(raw, 120)).toHaveLength(200);
  });

  it('accepts a start of 0 and negative zero', () => {
    expect(validateClaimedIntervals([[-0, 1]], 120)).toEqual([[0, 1]]);
  });
});

describe('validateClaimedIntervals: rejected input', () => {
  it.each([
    ['a string', 'not intervals'],
    ['null', null],
    ['undefined', undefined],
    ['an object', { 0: [0, 1], length: 1 }],
    ['a number', 42],
  ])('rejects %s instead of an array', (_label, raw) => {
    const error = rejection(raw);
    expect(error.code).toBe('INVALID_INTERVALS');
    expect(error.kind).toBe('validation');
    expect(error.message).toMatch(/array/);
  });

  it('rejects more intervals than allowed, naming the limit', () => {
    const raw = Array.from({ length: 201 }, (_, i) => [i * 0.5, i * 0.5 + 0.25]);
    const error = rejection(raw);
    expect(error.code).toBe('INVALID_INTERVALS');
    expect(error.message).toMatch(/200/);
  });

  it('honours a custom maximum', () => {
    expect(
      rejection(
        [
          [0, 1],
          [2, 3],
          [4, 5],
        ],
        120,
        2,
      ).message,
    ).toMatch(/2/);
    expect(
      validateClaimedIntervals(
        [
          [0, 1],
          [2, 3],
        ],
        120,
        2,
      ),
    ).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it.each([
    ['a number', 5],
    ['a string', '0-10'],
    ['null', null],
    ['an object', { start: 0, end: 10 }],
    ['a single number in an array', [5]],
    ['three numbers', [0, 5, 10]],
    ['an empty array', []],
  ])('rejects an element that is %s instead of a pair', (_label, element) => {
    const error = rejection([[0, 10], element]);
    expect(error.code).toBe('INVALID_INTERVALS');
    expect(error.message).toMatch(/^Interval 1: .*pair/);
    expect(error.details).toEqual(expect.objectContaining({ index: 1 }));
  });

  it('rejects a hole in a sparse array', () => {
    const raw: unknown[] = [[0, 1]];
    raw[2] = [2, 3];
    expect(1 in raw).toBe(false);
    expect(rejection(raw).message).toMatch(/^Interval 1: /);
  });

  it.each([
    ['NaN start', [NaN, 10]],
    ['NaN end', [0, NaN]],
    ['infinite end', [0, Infinity]],
    ['negative infinite start', [-Infinity, 10]],
    ['string start', ['0', 10]],
    ['string end', [0, '10']],
    ['nested array', [[0], [10]]],
    ['null bound', [null, 10]],
    ['boolean bound', [0, true]],
    ['bigint bound', [BigInt(0), 10]],
  ])('rejects a %s as not finite numbers', (_label, element) => {
    const error = rejection([element]);
    expect(error.code).toBe('INVALID_INTERVALS');
    expect(error.message).toMatch(/^Interval 0: .*finite numbers/);
  });

  it('rejects a negative start', () => {
    expect(rejection([[-1, 10]]).message).toMatch(/^Interval 0: .*negative/);
  });

  it('rejects a start equal to the end', () => {
    expect(rejection([[5, 5]]).message).toMatch(/^Interval 0: start must be before end/);
  });

  it('rejects a start after the end', () => {
    expect(rejection([[10, 5]]).message).toMatch(/^Interval 0: start must be before end/);
  });

  it('rejects an end more than half a second past the duration', () => {
    expect(rejection([[0, 120.6]]).message).toMatch(/^Interval 0: .*past the end/);
  });

  it('names the first problem when there are several', () => {
    const error = rejection([
      [0, 10],
      [20, 30],
      [-1, 5],
      [NaN, 1],
    ]);
    expect(error.message).toMatch(/^Interval 2: /);
    expect(error.details).toEqual({ index: 2, reason: 'negative-start' });
  });

  it('checks the count before looking at any element', () => {
    const raw = Array.from({ length: 3 }, () => 'junk');
    expect(rejection(raw, 120, 2).details).toEqual({ reason: 'too-many', max: 2 });
  });
});
