import { ConflictError } from '../errors';
import { feedbackView } from './learner-view';
import {
  multipleQuestion,
  orderingQuestion,
  singleQuestion,
  trueFalseQuestion,
} from './question-builders.spec-helper';

describe('feedbackView after submission', () => {
  it('single choice: the view plus the right option, what was selected, the grade and the explanation', () => {
    expect(feedbackView(singleQuestion(), 'b', 'en')).toEqual({
      id: 'q-single',
      type: 'single',
      prompt: 'Which password is strongest?',
      options: [
        { id: 'a', text: 'k7#Lp9!qZ2' },
        { id: 'b', text: '123456' },
        { id: 'c', text: 'password1' },
        { id: 'd', text: 'birthday' },
      ],
      correctOptionIds: ['a'],
      selected: ['b'],
      correct: false,
      score: 0,
      explanation: 'Long, mixed characters.',
      competency: 'tt02-2025:4.1',
    });
  });

  it('keeps the attempt layout order when given', () => {
    const view = feedbackView(singleQuestion(), 'a', 'vi', {
      id: 'q-single',
      type: 'single',
      optionOrder: ['d', 'c', 'b', 'a'],
    });
    expect(view.options.map((o) => o.id)).toEqual(['d', 'c', 'b', 'a']);
    expect(view.correct).toBe(true);
    expect(view.explanation).toBe('Mật khẩu dài, trộn ký tự.');
  });

  it('multiple choice: every right option, the selection and the partial score', () => {
    const view = feedbackView(multipleQuestion(), ['a', 'd'], 'vi');
    expect(view.correctOptionIds).toEqual(['a', 'b', 'c']);
    expect(view.selected).toEqual(['a', 'd']);
    expect(view.score).toBe(0);
    expect(view.correct).toBe(false);
  });

  it('true/false: the right value as an option id', () => {
    const view = feedbackView(trueFalseQuestion({ answer: false }), 'false', 'en');
    expect(view.options).toEqual([
      { id: 'true', text: 'True' },
      { id: 'false', text: 'False' },
    ]);
    expect(view.correctOptionIds).toEqual(['false']);
    expect(view.selected).toEqual(['false']);
    expect(view.correct).toBe(true);
    expect(view.score).toBe(1);
  });

  it('ordering: the right order and the learner order', () => {
    const view = feedbackView(orderingQuestion(), ['b', 'a', 'c', 'd'], 'vi', {
      id: 'q-ordering',
      type: 'ordering',
      optionOrder: ['c', 'a', 'd', 'b'],
    });
    expect(view.options.map((o) => o.id)).toEqual(['c', 'a', 'd', 'b']);
    expect(view.correctOptionIds).toEqual(['a', 'b', 'c', 'd']);
    expect(view.selected).toEqual(['b', 'a', 'c', 'd']);
    expect(view.correct).toBe(false);
  });

  it('an unanswered question: nothing selected, score 0', () => {
    const view = feedbackView(singleQuestion(), undefined, 'vi');
    expect(view.selected).toEqual([]);
    expect(view.score).toBe(0);
    expect(view.correct).toBe(false);
  });

  it('the selection is a copy of the answer', () => {
    const answer = ['a', 'b'];
    const view = feedbackView(multipleQuestion(), answer, 'vi');
    view.selected.push('x');
    expect(answer).toEqual(['a', 'b']);
  });

  it('refuses a layout of another question', () => {
    expect(() =>
      feedbackView(singleQuestion(), 'a', 'vi', {
        id: 'other',
        type: 'single',
        optionOrder: ['a', 'b', 'c', 'd'],
      }),
    ).toThrow(ConflictError);
  });
});
