import { gradeQuestion } from './grading';
import { singleQuestion } from './question-builders.spec-helper';

describe('grading a single-choice question', () => {
  const question = singleQuestion();

  it('the right option scores 1 and is correct', () => {
    expect(gradeQuestion(question, 'a')).toEqual({ score: 1, correct: true });
  });

  it('an option without correct: true scores 0', () => {
    expect(gradeQuestion(question, 'b')).toEqual({ score: 0, correct: false });
  });

  it('an option with no correct flag at all (the bank default) scores 0', () => {
    expect(gradeQuestion(question, 'c')).toEqual({ score: 0, correct: false });
  });

  it('an unanswered question scores 0', () => {
    expect(gradeQuestion(question, undefined)).toEqual({ score: 0, correct: false });
  });

  it('an option id that does not exist scores 0', () => {
    expect(gradeQuestion(question, 'zz')).toEqual({ score: 0, correct: false });
  });

  it('an array answer (wrong shape) scores 0, even if it holds the right id', () => {
    expect(gradeQuestion(question, ['a'])).toEqual({ score: 0, correct: false });
  });

  it('does not look up inherited properties as option ids', () => {
    expect(gradeQuestion(question, 'constructor')).toEqual({ score: 0, correct: false });
  });
});
