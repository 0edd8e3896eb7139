import { ConflictError } from '../errors';
import { type AttemptQuestion, buildAttempt } from './attempt-layout';
import { learnerView } from './learner-view';
import type { BankQuestion } from './question-bank';
import {
  multipleQuestion,
  orderingQuestion,
  singleQuestion,
  trueFalseQuestion,
} from './question-builders.spec-helper';

const bank: BankQuestion[] = [
  singleQuestion({ id: 's1' }),
  multipleQuestion({ id: 'm1' }),
  trueFalseQuestion({ id: 't1', answer: true }),
  trueFalseQuestion({ id: 't2', answer: false }),
  orderingQuestion({ id: 'o1' }),
];
const byId = new Map(bank.map((q) => [q.id, q]));

describe('the learner view of an attempt carries no answers', () => {
  it('JSON of every view, in every language, contains no correct, answer or explanation', () => {
    for (const seed of Array.from({ length: 50 }, (_, i) => `seed-${i}`)) {
      for (const layout of buildAttempt(bank, bank.length, seed)) {
        for (const lang of ['vi', 'en', 'fr']) {
          const json = JSON.stringify(learnerView(byId.get(layout.id)!, layout, lang)).toLowerCase();
          expect(json).not.toContain('correct');
          expect(json).not.toContain('answer');
          expect(json).not.toContain('explanation');
        }
      }
    }
  });

  it('has exactly id, type, prompt and options, and options have only id and text', () => {
    for (const layout of buildAttempt(bank, bank.length, 'keys')) {
      const view = learnerView(byId.get(layout.id)!, layout, 'vi');
      expect(Object.keys(view).sort()).toEqual(['id', 'options', 'prompt', 'type']);
      for (const option of view.options) expect(Object.keys(option).sort()).toEqual(['id', 'text']);
    }
  });

  it('does not show an ordering question in the right order', () => {
    for (const seed of Array.from({ length: 50 }, (_, i) => `order-${i}`)) {
      const [layout] = buildAttempt([orderingQuestion()], 1, seed);
      const view = learnerView(orderingQuestion(), layout!, 'vi');
      expect(view.options.map((o) => o.id).join('')).not.toBe('abcd');
    }
  });

  it('does not reveal the competency being assessed or share objects with the bank', () => {
    const question = singleQuestion();
    const view = learnerView(
      question,
      { id: 'q-single', type: 'single', optionOrder: ['a', 'b', 'c', 'd'] },
      'vi',
    );
    expect(JSON.stringify(view)).not.toContain('tt02-2025');
    view.options[0]!.text = 'changed';
    expect(question.options[0]!.text.vi).not.toBe('changed');
  });
});

describe('learnerView: content and language', () => {
  it('shows choice options in the layout order, localized', () => {
    const layout: AttemptQuestion = { id: 'q-single', type: 'single', optionOrder: ['c', 'a', 'd', 'b'] };
    expect(learnerView(singleQuestion(), layout, 'en')).toEqual({
      id: 'q-single',
      type: 'single',
      prompt: 'Which password is strongest?',
      options: [
        { id: 'c', text: 'password1' },
        { id: 'a', text: 'k7#Lp9!qZ2' },
        { id: 'd', text: 'birthday' },
        { id: 'b', text: '123456' },
      ],
    });
  });

  it('falls back to Vietnamese for a language the text lacks', () => {
    const layout: AttemptQuestion = { id: 'q-single', type: 'single', optionOrder: ['d', 'c', 'b', 'a'] };
    const view = learnerView(singleQuestion(), layout, 'fr');
    expect(view.prompt).toBe('Mật khẩu nào mạnh nhất?');
    expect(view.options[0]).toEqual({ id: 'd', text: 'ngày sinh' });
  });

  it('labels true/false options Đúng/Sai in Vietnamese and True/False in English', () => {
    const layout: AttemptQuestion = { id: 'q-truefalse', type: 'truefalse', optionOrder: ['true', 'false'] };
    expect(learnerView(trueFalseQuestion(), layout, 'vi').options).toEqual([
      { id: 'true', text: 'Đúng' },
      { id: 'false', text: 'Sai' },
    ]);
    expect(learnerView(trueFalseQuestion(), layout, 'en').options).toEqual([
      { id: 'true', text: 'True' },
      { id: 'false', text: 'False' },
    ]);
    expect(learnerView(trueFalseQuestion(), layout, 'fr').options[0]!.text).toBe('Đúng');
  });

  it('labels true/false the same whatever the statement is', () => {
    const layout: AttemptQuestion = { id: 'q-truefalse', type: 'truefalse', optionOrder: ['true', 'false'] };
    expect(learnerView(trueFalseQuestion({ answer: true }), layout, 'vi')).toEqual(
      learnerView(trueFalseQuestion({ answer: false }), layout, 'vi'),
    );
  });

  it('shows ordering items in the layout order', () => {
    const layout: AttemptQuestion = { id: 'q-ordering', type: 'ordering', optionOrder: ['d', 'b', 'a', 'c'] };
    expect(learnerView(orderingQuestion(), layout, 'en').options).toEqual([
      { id: 'd', text: 'Submit' },
      { id: 'b', text: 'Sign in' },
      { id: 'a', text: 'Open the app' },
      { id: 'c', text: 'Pick a service' },
    ]);
  });
});

describe('learnerView: a layout that does not match the question', () => {
  const mismatch = (layout: AttemptQuestion) => {
    try {
      learnerView(singleQuestion(), layout, 'vi');
    } catch (e) {
      return e;
    }
    return undefined;
  };

  it.each<[string, AttemptQuestion]>([
    ['another question id', { id: 'other', type: 'single', optionOrder: ['a', 'b', 'c', 'd'] }],
    ['another type', { id: 'q-single', type: 'multiple', optionOrder: ['a', 'b', 'c', 'd'] }],
    ['a missing option', { id: 'q-single', type: 'single', optionOrder: ['a', 'b', 'c'] }],
    ['an unknown option', { id: 'q-single', type: 'single', optionOrder: ['a', 'b', 'c', 'z'] }],
    ['a repeated option', { id: 'q-single', type: 'single', optionOrder: ['a', 'b', 'c', 'c'] }],
    ['an extra option', { id: 'q-single', type: 'single', optionOrder: ['a', 'b', 'c', 'd', 'e'] }],
  ])('throws QUIZ_LAYOUT_MISMATCH for %s', (_label, layout) => {
    const error = mismatch(layout);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).code).toBe('QUIZ_LAYOUT_MISMATCH');
  });

  it('throws for a true/false layout that does not offer exactly true and false', () => {
    expect(() =>
      learnerView(trueFalseQuestion(), { id: 'q-truefalse', type: 'truefalse', optionOrder: ['true'] }, 'vi'),
    ).toThrow(ConflictError);
    expect(() =>
      learnerView(
        trueFalseQuestion(),
        { id: 'q-truefalse', type: 'truefalse', optionOrder: ['true', 'yes'] },
        'vi',
      ),
    ).toThrow(ConflictError);
  });
});
