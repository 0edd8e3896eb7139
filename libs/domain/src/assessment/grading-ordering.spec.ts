import { gradeQuestion } from './grading';
import { orderingQuestion } from './question-builders.spec-helper';

// Items a, b, c, d are listed in the bank in the right order. Ordering is all-or-nothing.
describe('grading an ordering question', () => {
  const question = orderingQuestion();

  it('the exact order scores 1 and is correct', () => {
    expect(gradeQuestion(question, ['a', 'b', 'c', 'd'])).toEqual({ score: 1, correct: true });
  });

  it('one swapped pair scores 0', () => {
    expect(gradeQuestion(question, ['a', 'b', 'd', 'c'])).toEqual({ score: 0, correct: false });
  });

  it('the reversed order scores 0', () => {
    expect(gradeQuestion(question, ['d', 'c', 'b', 'a'])).toEqual({ score: 0, correct: false });
  });

  it('a right prefix that is too short scores 0', () => {
    expect(gradeQuestion(question, ['a', 'b', 'c'])).toEqual({ score: 0, correct: false });
  });

  it('the right order with an extra item scores 0', () => {
    expect(gradeQuestion(question, ['a', 'b', 'c', 'd', 'e'])).toEqual({ score: 0, correct: false });
  });

  it('an unanswered question scores 0', () => {
    expect(gradeQuestion(question, undefined)).toEqual({ score: 0, correct: false });
  });

  it('an empty list scores 0', () => {
    expect(gradeQuestion(question, [])).toEqual({ score: 0, correct: false });
  });

  it('a string answer (wrong shape) scores 0', () => {
    expect(gradeQuestion(question, 'abcd')).toEqual({ score: 0, correct: false });
  });
});
