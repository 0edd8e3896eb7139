import { gradeQuestion } from './grading';
import { trueFalseQuestion } from './question-builders.spec-helper';

describe('grading a true/false question', () => {
  it('"true" is correct when the statement is true', () => {
    expect(gradeQuestion(trueFalseQuestion({ answer: true }), 'true')).toEqual({ score: 1, correct: true });
    expect(gradeQuestion(trueFalseQuestion({ answer: true }), 'false')).toEqual({ score: 0, correct: false });
  });

  it('"false" is correct when the statement is false', () => {
    expect(gradeQuestion(trueFalseQuestion({ answer: false }), 'false')).toEqual({ score: 1, correct: true });
    expect(gradeQuestion(trueFalseQuestion({ answer: false }), 'true')).toEqual({ score: 0, correct: false });
  });

  it('an unanswered question scores 0', () => {
    expect(gradeQuestion(trueFalseQuestion(), undefined)).toEqual({ score: 0, correct: false });
  });

  it('only the exact strings count: no case folding, no arrays', () => {
    const question = trueFalseQuestion({ answer: true });
    expect(gradeQuestion(question, 'True').score).toBe(0);
    expect(gradeQuestion(question, 'yes').score).toBe(0);
    expect(gradeQuestion(question, ['true']).score).toBe(0);
  });
});
