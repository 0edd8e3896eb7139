import { buildAttempt, scrambledOrder } from './attempt-layout';
import type { BankQuestion } from './question-bank';
import {
  multipleQuestion,
  orderingQuestion,
  singleQuestion,
  trueFalseQuestion,
} from './question-builders.spec-helper';
import { seededRandom } from './seeded-random';

/** A bank of ten questions of every type. */
function bank(): BankQuestion[] {
  return [
    singleQuestion({ id: 's1' }),
    singleQuestion({ id: 's2' }),
    multipleQuestion({ id: 'm1' }),
    multipleQuestion({ id: 'm2' }),
    trueFalseQuestion({ id: 't1' }),
    trueFalseQuestion({ id: 't2', answer: false }),
    orderingQuestion({ id: 'o1' }),
    orderingQuestion({
      id: 'o2',
      items: [
        { id: 'x', text: { vi: 'x' } },
        { id: 'y', text: { vi: 'y' } },
      ],
    }),
    orderingQuestion({
      id: 'o3',
      items: [
        { id: 'p', text: { vi: 'p' } },
        { id: 'q', text: { vi: 'q' } },
        { id: 'r', text: { vi: 'r' } },
      ],
    }),
    singleQuestion({ id: 's3' }),
  ];
}

const seeds = Array.from({ length: 300 }, (_, i) => `attempt-${i}`);

describe('buildAttempt: determinism', () => {
  it('the same bank, count and seed give an identical attempt', () => {
    expect(buildAttempt(bank(), 6, 'enrolment-7:attempt-1')).toEqual(
      buildAttempt(bank(), 6, 'enrolment-7:attempt-1'),
    );
  });

  it('different seeds give different attempts', () => {
    const layouts = new Set(seeds.slice(0, 50).map((seed) => JSON.stringify(buildAttempt(bank(), 6, seed))));
    expect(layouts.size).toBe(50);
  });

  it('does not mutate the bank', () => {
    const questions = bank();
    const before = JSON.stringify(questions);
    buildAttempt(questions, 5, 'seed');
    expect(JSON.stringify(questions)).toBe(before);
  });
});

describe('buildAttempt: which questions', () => {
  it('picks `count` distinct questions from the bank', () => {
    for (const seed of seeds.slice(0, 50)) {
      const ids = buildAttempt(bank(), 6, seed).map((q) => q.id);
      expect(ids).toHaveLength(6);
      expect(new Set(ids).size).toBe(6);
      for (const id of ids) expect(bank().some((q) => q.id === id)).toBe(true);
    }
  });

  it('takes every question when count is at least the bank size, in a shuffled order', () => {
    const orders = new Set<string>();
    for (const count of [10, 11, 1000]) {
      for (const seed of seeds.slice(0, 20)) {
        const ids = buildAttempt(bank(), count, seed).map((q) => q.id);
        expect([...ids].sort()).toEqual(
          bank()
            .map((q) => q.id)
            .sort(),
        );
        orders.add(ids.join());
      }
    }
    expect(orders.size).toBeGreaterThan(1);
  });

  it('gives every question a fair chance to be picked', () => {
    const picked = new Map<string, number>();
    for (const seed of Array.from({ length: 2000 }, (_, i) => `fair-${i}`)) {
      for (const q of buildAttempt(bank(), 3, seed)) picked.set(q.id, (picked.get(q.id) ?? 0) + 1);
    }
    // 2000 attempts × 3 of 10 → about 600 each.
    expect(picked.size).toBe(10);
    for (const count of picked.values()) {
      expect(count).toBeGreaterThan(500);
      expect(count).toBeLessThan(700);
    }
  });

  it('gives nothing for a count of 0, a negative count or NaN, and rounds a fractional count down', () => {
    expect(buildAttempt(bank(), 0, 's')).toEqual([]);
    expect(buildAttempt(bank(), -3, 's')).toEqual([]);
    expect(buildAttempt(bank(), NaN, 's')).toEqual([]);
    expect(buildAttempt(bank(), 2.9, 's')).toHaveLength(2);
  });

  it('gives nothing for an empty bank', () => {
    expect(buildAttempt([], 5, 's')).toEqual([]);
  });

  it('never picks the same question id twice, even if the bank repeats it', () => {
    const repeated = [
      singleQuestion({ id: 'dup' }),
      singleQuestion({ id: 'dup' }),
      trueFalseQuestion({ id: 't' }),
    ];
    for (const seed of seeds.slice(0, 20)) {
      const ids = buildAttempt(repeated, 3, seed).map((q) => q.id);
      expect([...ids].sort()).toEqual(['dup', 't']);
    }
  });
});

describe('buildAttempt: the layout of each question', () => {
  it('records the id and type of each question', () => {
    const byId = new Map(bank().map((q) => [q.id, q]));
    for (const q of buildAttempt(bank(), 10, 'types')) expect(q.type).toBe(byId.get(q.id)!.type);
  });

  it('shuffles the option ids of single and multiple choice questions', () => {
    const orders = new Set<string>();
    for (const seed of seeds.slice(0, 50)) {
      for (const q of buildAttempt(bank(), 10, seed).filter(
        (x) => x.type === 'single' || x.type === 'multiple',
      )) {
        const expected = q.type === 'single' ? ['a', 'b', 'c', 'd'] : ['a', 'b', 'c', 'd', 'e'];
        expect([...q.optionOrder].sort()).toEqual(expected);
        orders.add(q.optionOrder.join(''));
      }
    }
    expect(orders.size).toBeGreaterThan(20);
  });

  it('offers true and false, in that order, for a true/false question', () => {
    for (const q of buildAttempt(bank(), 10, 'tf').filter((x) => x.type === 'truefalse')) {
      expect(q.optionOrder).toEqual(['true', 'false']);
    }
  });

  it('never starts an ordering question already solved, for 2, 3 and 4 items', () => {
    const correct: Record<string, string> = { o1: 'abcd', o2: 'xy', o3: 'pqr' };
    const seen: Record<string, Set<string>> = { o1: new Set(), o2: new Set(), o3: new Set() };
    for (const seed of seeds) {
      for (const q of buildAttempt(bank(), 10, seed).filter((x) => x.type === 'ordering')) {
        const order = q.optionOrder.join('');
        expect(order).not.toBe(correct[q.id]);
        expect([...order].sort().join('')).toBe(correct[q.id]);
        seen[q.id]!.add(order);
      }
    }
    // Every arrangement except the solved one shows up: 4! − 1, 2! − 1, 3! − 1.
    expect(seen.o1!.size).toBe(23);
    expect(seen.o2!.size).toBe(1);
    expect(seen.o3!.size).toBe(5);
  });
});

describe('scrambledOrder', () => {
  it('reshuffles until the order differs from the given one', () => {
    const result = scrambledOrder(['a', 'b', 'c'], seededRandom('s'));
    expect(result).not.toEqual(['a', 'b', 'c']);
    expect([...result].sort()).toEqual(['a', 'b', 'c']);
  });

  it('rotates by one when a broken generator keeps returning the solved order', () => {
    expect(scrambledOrder(['a', 'b', 'c', 'd'], () => 0.99999)).toEqual(['b', 'c', 'd', 'a']);
    expect(scrambledOrder(['a', 'b'], () => 0.99999)).toEqual(['b', 'a']);
  });

  it('leaves a single item or nothing as it is', () => {
    expect(scrambledOrder(['a'], Math.random)).toEqual(['a']);
    expect(scrambledOrder([], Math.random)).toEqual([]);
  });

  it('does not mutate its input', () => {
    const ids = ['a', 'b', 'c'];
    scrambledOrder(ids, () => 0);
    expect(ids).toEqual(['a', 'b', 'c']);
  });
});
