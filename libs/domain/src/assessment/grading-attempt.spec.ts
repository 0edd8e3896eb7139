import { gradeAttempt } from './grading';
import {
  multipleQuestion,
  orderingQuestion,
  singleQuestion,
  trueFalseQuestion,
} from './question-builders.spec-helper';

describe('grading a whole attempt', () => {
  const questions = [
    singleQuestion({ id: 'q1' }),
    multipleQuestion({ id: 'q2' }),
    trueFalseQuestion({ id: 'q3', answer: false }),
    orderingQuestion({ id: 'q4' }),
  ];

  it('all right: 100 % and passed, per-question results in attempt order', () => {
    const result = gradeAttempt(
      questions,
      { q1: 'a', q2: ['a', 'b', 'c'], q3: 'false', q4: ['a', 'b', 'c', 'd'] },
      70,
    );
    expect(result).toEqual({
      scorePercent: 100,
      passed: true,
      perQuestion: [
        { id: 'q1', score: 1, correct: true },
        { id: 'q2', score: 1, correct: true },
        { id: 'q3', score: 1, correct: true },
        { id: 'q4', score: 1, correct: true },
      ],
    });
  });

  it('nothing answered: 0 % and failed', () => {
    const result = gradeAttempt(questions, {}, 1);
    expect(result.scorePercent).toBe(0);
    expect(result.passed).toBe(false);
    expect(result.perQuestion.every((q) => q.score === 0 && !q.correct)).toBe(true);
  });

  it('partial credit counts towards the percentage, rounded to 2 decimals', () => {
    // 1 + 2/3 + 0 + 0 = 5/3 of 4 → 41.666… %
    const result = gradeAttempt(questions, { q1: 'a', q2: ['a', 'b'] }, 40);
    expect(result.scorePercent).toBe(41.67);
    expect(result.passed).toBe(true);
  });

  it('a score exactly at the pass mark passes', () => {
    const ten = Array.from({ length: 10 }, (_, i) => trueFalseQuestion({ id: `t${i}`, answer: true }));
    const answers = Object.fromEntries(ten.slice(0, 7).map((q) => [q.id, 'true']));
    const result = gradeAttempt(ten, answers, 70);
    expect(result.scorePercent).toBe(70);
    expect(result.passed).toBe(true);
  });

  it('a score just below the pass mark fails', () => {
    const result = gradeAttempt(questions, { q1: 'a', q2: ['a', 'b', 'c'] }, 51);
    expect(result.scorePercent).toBe(50);
    expect(result.passed).toBe(false);
  });

  it('a rounded-up score that reaches the pass mark passes (2/3 → 66.67 ≥ 66.67)', () => {
    const three = [
      trueFalseQuestion({ id: 'a' }),
      trueFalseQuestion({ id: 'b' }),
      trueFalseQuestion({ id: 'c' }),
    ];
    const result = gradeAttempt(three, { a: 'true', b: 'true' }, 66.67);
    expect(result.scorePercent).toBe(66.67);
    expect(result.passed).toBe(true);
  });

  it('an attempt without questions scores 0 and fails', () => {
    expect(gradeAttempt([], {}, 1)).toEqual({ scorePercent: 0, passed: false, perQuestion: [] });
  });

  it('ignores inherited properties of the answers object', () => {
    const odd = [trueFalseQuestion({ id: 'constructor' }), trueFalseQuestion({ id: 'toString' })];
    const result = gradeAttempt(odd, {}, 50);
    expect(result.perQuestion).toEqual([
      { id: 'constructor', score: 0, correct: false },
      { id: 'toString', score: 0, correct: false },
    ]);
  });

  it('answers for questions not in the attempt do not count', () => {
    const result = gradeAttempt([singleQuestion({ id: 'q1' })], { q1: 'b', other: 'a' }, 50);
    expect(result.scorePercent).toBe(0);
  });
});
