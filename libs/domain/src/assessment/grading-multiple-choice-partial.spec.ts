import { gradeQuestion } from './grading';
import { multipleQuestion } from './question-builders.spec-helper';

// Options a, b, c are right; d and e are wrong. Score = max(0, (right picks − wrong picks) / 3).
describe('grading a multiple-choice question with partial credit', () => {
  const question = multipleQuestion();

  it('exactly the right set scores 1 and is correct, in any order', () => {
    expect(gradeQuestion(question, ['a', 'b', 'c'])).toEqual({ score: 1, correct: true });
    expect(gradeQuestion(question, ['c', 'a', 'b'])).toEqual({ score: 1, correct: true });
  });

  it('two of three right options score 2/3 and are not correct', () => {
    const result = gradeQuestion(question, ['a', 'b']);
    expect(result.score).toBeCloseTo(2 / 3, 12);
    expect(result.correct).toBe(false);
  });

  it('one of three right options scores 1/3', () => {
    expect(gradeQuestion(question, ['c']).score).toBeCloseTo(1 / 3, 12);
  });

  it('every right option plus a wrong one scores 2/3 and is not correct', () => {
    const result = gradeQuestion(question, ['a', 'b', 'c', 'd']);
    expect(result.score).toBeCloseTo(2 / 3, 12);
    expect(result.correct).toBe(false);
  });

  it('a wrong pick cancels a right pick', () => {
    expect(gradeQuestion(question, ['a', 'd']).score).toBe(0);
  });

  it('never goes below 0', () => {
    expect(gradeQuestion(question, ['a', 'd', 'e'])).toEqual({ score: 0, correct: false });
    expect(gradeQuestion(question, ['d', 'e'])).toEqual({ score: 0, correct: false });
  });

  it('selecting everything does not score full marks', () => {
    expect(gradeQuestion(question, ['a', 'b', 'c', 'd', 'e']).score).toBeCloseTo(1 / 3, 12);
  });

  it('an empty selection scores 0', () => {
    expect(gradeQuestion(question, [])).toEqual({ score: 0, correct: false });
  });

  it('an unanswered question scores 0', () => {
    expect(gradeQuestion(question, undefined)).toEqual({ score: 0, correct: false });
  });

  it('a repeated id counts once', () => {
    expect(gradeQuestion(question, ['a', 'a', 'a'])).toEqual(gradeQuestion(question, ['a']));
  });

  it('an unknown id counts as a wrong pick', () => {
    expect(gradeQuestion(question, ['a', 'b', 'c', 'zz'])).toEqual(
      gradeQuestion(question, ['a', 'b', 'c', 'd']),
    );
  });

  it('a string answer (wrong shape) scores 0', () => {
    expect(gradeQuestion(question, 'a')).toEqual({ score: 0, correct: false });
  });

  it('with a single right option it behaves like single choice plus a penalty', () => {
    const one = multipleQuestion({
      options: [
        { id: 'x', text: { vi: 'x' }, correct: true },
        { id: 'y', text: { vi: 'y' } },
      ],
    });
    expect(gradeQuestion(one, ['x'])).toEqual({ score: 1, correct: true });
    expect(gradeQuestion(one, ['x', 'y'])).toEqual({ score: 0, correct: false });
  });

  it('a bank question without any right option (refused by the importer) scores 0 unless nothing is picked', () => {
    const broken = multipleQuestion({
      options: [
        { id: 'x', text: { vi: 'x' } },
        { id: 'y', text: { vi: 'y' } },
      ],
    });
    expect(gradeQuestion(broken, ['x'])).toEqual({ score: 0, correct: false });
    expect(gradeQuestion(broken, [])).toEqual({ score: 1, correct: true });
  });
});
