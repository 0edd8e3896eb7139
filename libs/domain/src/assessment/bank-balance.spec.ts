import { bankBalanceProblems } from './bank-balance';
import { multipleQuestion, singleQuestion, trueFalseQuestion } from './question-builders.spec-helper';
import type { ChoiceQuestion } from './question-bank';

/** A single-choice question whose right option stands at `at` among four, with option texts of the lengths given. */
function single(id: string, at: number, lengths = [10, 10, 10, 10]): ChoiceQuestion {
  const options = lengths.map((n, i) => ({
    id: `o${i}`,
    text: { vi: 'x'.repeat(n) },
    correct: i === at,
  }));
  return singleQuestion({ id, options });
}

describe('bankBalanceProblems: a bank must not give its answers away', () => {
  it('flags a bank whose right answer is first in most questions (47 of 50 shipped were)', () => {
    const bank = [0, 0, 0, 0, 1, 2].map((at, i) => single(`q${i}`, at));
    expect(bankBalanceProblems(bank).map((p) => p.rule)).toEqual(['correct-position']);
  });

  it('flags any one position, and multiple-choice questions whose right options come first', () => {
    const bank = [3, 3, 3, 1, 2].map((at, i) => single(`q${i}`, at));
    expect(bankBalanceProblems(bank).map((p) => p.rule)).toEqual(['correct-position']);
    const multiples = Array.from({ length: 5 }, (_, i) => multipleQuestion({ id: `m${i}` }));
    expect(bankBalanceProblems(multiples).map((p) => p.rule)).toContain('correct-position');
  });

  it('flags a bank whose right answer is the longest option in most questions', () => {
    const bank = [0, 1, 2, 3, 0, 1].map((at, i) =>
      single(
        `q${i}`,
        at,
        [0, 1, 2, 3].map((j) => (j === at ? 40 : 12)),
      ),
    );
    expect(bankBalanceProblems(bank).map((p) => p.rule)).toEqual(['correct-longest']);
  });

  it('accepts a balanced bank, and says nothing about fewer than five choice questions', () => {
    const balanced = [0, 1, 2, 3, 1, 2].map((at, i) =>
      single(
        `q${i}`,
        at,
        [0, 1, 2, 3].map((j) => (j === (at + 1) % 4 ? 40 : 12)),
      ),
    );
    expect(bankBalanceProblems(balanced)).toEqual([]);
    const few = [0, 0, 0, 0].map((at, i) => single(`q${i}`, at));
    expect(bankBalanceProblems([...few, trueFalseQuestion()])).toEqual([]);
  });

  it('asks for twice the questions drawn per attempt', () => {
    const bank = [0, 1, 2, 3, 1, 2, 0, 3].map((at, i) => single(`q${i}`, at));
    expect(bankBalanceProblems(bank, { questionsPerAttempt: 4 })).toEqual([]);
    const [problem] = bankBalanceProblems(bank, { questionsPerAttempt: 8 });
    expect(problem).toMatchObject({ rule: 'bank-too-small', count: 8, of: 16 });
  });
});
