import { ValidationError } from '../errors';
import { validateAnswers } from './answers';
import type { AttemptQuestion } from './attempt-layout';

const layout: AttemptQuestion[] = [
  { id: 'q1', type: 'single', optionOrder: ['b', 'a', 'c'] },
  { id: 'q2', type: 'multiple', optionOrder: ['d', 'a', 'c', 'b'] },
  { id: 'q3', type: 'truefalse', optionOrder: ['true', 'false'] },
  { id: 'q4', type: 'ordering', optionOrder: ['c', 'a', 'b'] },
];

/** The error thrown for `raw`, so tests can look at its code, message and details. */
function rejection(raw: unknown): ValidationError {
  try {
    validateAnswers(layout, raw);
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('expected validateAnswers to throw');
}

describe('validateAnswers: accepted input', () => {
  it('accepts an answer for every question', () => {
    const raw = { q1: 'a', q2: ['a', 'b'], q3: 'false', q4: ['a', 'b', 'c'] };
    expect(validateAnswers(layout, raw)).toEqual(raw);
  });

  it('accepts no answers at all', () => {
    expect(validateAnswers(layout, {})).toEqual({});
  });

  it('accepts some questions left unanswered', () => {
    expect(validateAnswers(layout, { q3: 'true' })).toEqual({ q3: 'true' });
  });

  it('treats null as unanswered and leaves it out', () => {
    expect(validateAnswers(layout, { q1: null, q3: 'true' })).toEqual({ q3: 'true' });
  });

  it('accepts an empty selection for a multiple-choice question', () => {
    expect(validateAnswers(layout, { q2: [] })).toEqual({ q2: [] });
  });

  it('accepts the offered order unchanged for an ordering question', () => {
    expect(validateAnswers(layout, { q4: ['c', 'a', 'b'] })).toEqual({ q4: ['c', 'a', 'b'] });
  });

  it('accepts an object without a prototype', () => {
    const raw = Object.assign(Object.create(null), { q1: 'b' });
    expect(validateAnswers(layout, raw)).toEqual({ q1: 'b' });
  });

  it('returns copies, so later changes to the input do not leak in', () => {
    const raw = { q2: ['a'] };
    const result = validateAnswers(layout, raw);
    raw.q2.push('b');
    expect(result.q2).toEqual(['a']);
  });
});

describe('validateAnswers: rejected input', () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['an array', [['q1', 'a']]],
    ['a string', 'q1=a'],
    ['a number', 1],
    ['a date', new Date()],
    ['a map', new Map([['q1', 'a']])],
  ])('rejects %s instead of an object', (_label, raw) => {
    const error = rejection(raw);
    expect(error.code).toBe('INVALID_ANSWERS');
    expect(error.kind).toBe('validation');
    expect(error.message).toMatch(/object/);
  });

  it('rejects more keys than the attempt has questions, before looking at them', () => {
    const error = rejection({ q1: 'a', q2: [], q3: 'true', q4: ['a', 'b', 'c'], q5: 'a' });
    expect(error.details).toEqual({ reason: 'too-many', max: 4 });
  });

  it('rejects a question id that is not in the attempt', () => {
    const error = rejection({ q9: 'a' });
    expect(error.message).toMatch(/q9/);
    expect(error.details).toEqual({ questionId: 'q9', reason: 'unknown-question' });
  });

  it('rejects inherited names and __proto__ as question ids', () => {
    expect(rejection({ constructor: 'a' }).details).toEqual({
      questionId: 'constructor',
      reason: 'unknown-question',
    });
    expect(rejection(JSON.parse('{"__proto__": "a"}')).details).toEqual({
      questionId: '__proto__',
      reason: 'unknown-question',
    });
  });

  it('shortens a very long unknown id in the message', () => {
    const id = 'x'.repeat(10_000);
    expect(rejection({ [id]: 'a' }).message.length).toBeLessThan(200);
  });

  describe('single choice', () => {
    it.each([
      ['an array', ['a']],
      ['a number', 1],
      ['a boolean', true],
      ['an object', { id: 'a' }],
    ])('rejects %s', (_label, answer) => {
      expect(rejection({ q1: answer }).details).toEqual({ questionId: 'q1', reason: 'wrong-shape' });
    });

    it('rejects an option that was not offered', () => {
      const error = rejection({ q1: 'z' });
      expect(error.message).toMatch(/q1/);
      expect(error.details).toEqual({ questionId: 'q1', reason: 'unknown-option' });
    });
  });

  describe('true/false', () => {
    it.each([
      ['a boolean', true],
      ['an array', ['true']],
    ])('rejects %s', (_label, answer) => {
      expect(rejection({ q3: answer }).details).toEqual({ questionId: 'q3', reason: 'wrong-shape' });
    });

    it.each(['yes', 'True', 'TRUE', '1', ''])('rejects %j', (answer) => {
      expect(rejection({ q3: answer }).details).toEqual({ questionId: 'q3', reason: 'unknown-option' });
    });
  });

  describe('multiple choice', () => {
    it('rejects a string instead of a list', () => {
      expect(rejection({ q2: 'a' }).details).toEqual({ questionId: 'q2', reason: 'wrong-shape' });
    });

    it('rejects a list with something other than strings', () => {
      expect(rejection({ q2: ['a', 1] }).details).toEqual({ questionId: 'q2', reason: 'wrong-shape' });
      expect(rejection({ q2: [['a']] }).details).toEqual({ questionId: 'q2', reason: 'wrong-shape' });
      expect(rejection({ q2: [null] }).details).toEqual({ questionId: 'q2', reason: 'wrong-shape' });
    });

    it('rejects a repeated option', () => {
      expect(rejection({ q2: ['a', 'b', 'a'] }).details).toEqual({
        questionId: 'q2',
        reason: 'duplicate-option',
      });
    });

    it('rejects an option that was not offered', () => {
      expect(rejection({ q2: ['a', 'z'] }).details).toEqual({ questionId: 'q2', reason: 'unknown-option' });
    });
  });

  describe('ordering', () => {
    it('rejects a string instead of a list', () => {
      expect(rejection({ q4: 'cab' }).details).toEqual({ questionId: 'q4', reason: 'wrong-shape' });
    });

    it('rejects a list missing an item', () => {
      expect(rejection({ q4: ['a', 'b'] }).details).toEqual({
        questionId: 'q4',
        reason: 'not-a-permutation',
      });
    });

    it('rejects an empty list', () => {
      expect(rejection({ q4: [] }).details).toEqual({ questionId: 'q4', reason: 'not-a-permutation' });
    });

    it('rejects a repeated item', () => {
      expect(rejection({ q4: ['a', 'a', 'b'] }).details).toEqual({
        questionId: 'q4',
        reason: 'duplicate-option',
      });
    });

    it('rejects an item that was not offered', () => {
      expect(rejection({ q4: ['a', 'b', 'z'] }).details).toEqual({
        questionId: 'q4',
        reason: 'unknown-option',
      });
    });

    it('rejects an extra item', () => {
      expect(rejection({ q4: ['a', 'b', 'c', 'c'] }).details).toEqual({
        questionId: 'q4',
        reason: 'duplicate-option',
      });
    });
  });

  it('names the first problem in key order', () => {
    expect(rejection({ q1: 'a', q2: 'bad', q4: 'bad' }).details).toEqual({
      questionId: 'q2',
      reason: 'wrong-shape',
    });
  });
});
