import type { AttemptQuestionView } from '@hocvuso/contracts';
import { describe, expect, it } from '@jest/globals';
import {
  attemptsLeftAfter,
  crossedAlert,
  initialAnswers,
  moveItem,
  restoreAnswers,
  submissionBody,
  unansweredNumbers,
} from './quiz-form';

const options = (...ids: string[]) => ids.map((id) => ({ id, text: `Option ${id}` }));
const questions: AttemptQuestionView[] = [
  { id: 'q1', type: 'single', prompt: 'One?', options: options('b', 'a', 'c') },
  { id: 'q2', type: 'truefalse', prompt: 'True?', options: options('true', 'false') },
  { id: 'q3', type: 'multiple', prompt: 'Which?', options: options('a', 'b', 'c') },
  { id: 'q4', type: 'ordering', prompt: 'Order?', options: options('c', 'a', 'b') },
];

describe('quiz answers', () => {
  it('starts with nothing chosen and the ordering items as laid out', () => {
    expect(initialAnswers(questions)).toEqual({ q4: ['c', 'a', 'b'] });
    expect(unansweredNumbers(questions, initialAnswers(questions))).toEqual([1, 2, 3]);
  });

  it('counts an emptied multiple choice as unanswered', () => {
    expect(unansweredNumbers(questions, { q1: 'a', q2: 'false', q3: [], q4: ['a', 'b', 'c'] })).toEqual([3]);
  });

  it('submits the answered questions in the api shape and leaves the rest out', () => {
    const answers = { q1: 'a', q3: ['c', 'a'], q4: ['a', 'b', 'c'] };
    expect(submissionBody(questions, answers)).toEqual({
      answers: { q1: 'a', q3: ['c', 'a'], q4: ['a', 'b', 'c'] },
    });
    expect(submissionBody(questions, { ...answers, q2: 'true', q3: [] })).toEqual({
      answers: { q1: 'a', q2: 'true', q4: ['a', 'b', 'c'] },
    });
  });

  it('restores a saved draft only where it still fits the questions', () => {
    const draft = { q1: 'zzz', q2: 'true', q3: ['a', 'a'], q4: ['b', 'c', 'a'], q9: 'x' };
    expect(restoreAnswers(questions, draft)).toEqual({ q2: 'true', q4: ['b', 'c', 'a'] });
    expect(restoreAnswers(questions, { q4: ['a', 'b'] })).toEqual({ q4: ['c', 'a', 'b'] });
    expect(restoreAnswers(questions, 'nonsense')).toEqual(initialAnswers(questions));
  });
});

describe('moving ordering items', () => {
  it('swaps an item with its neighbour', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
  });

  it('leaves the order alone at either end', () => {
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
});

describe('attempts and time', () => {
  it('counts the attempts left after this one', () => {
    // the server counts them (sets of attempts after a cooldown, grants): the web only shows its number
    expect(attemptsLeftAfter({ attemptsLeft: 2 })).toBe(2);
    expect(attemptsLeftAfter({ attemptsLeft: 0 })).toBe(0);
    expect(attemptsLeftAfter({ attemptsLeft: -1 })).toBe(0);
    expect(attemptsLeftAfter({ attemptsLeft: null })).toBeNull();
  });

  it('speaks at five minutes and at one minute left, once each', () => {
    expect(crossedAlert(301, 300)).toBe(300);
    expect(crossedAlert(300, 299)).toBeUndefined();
    expect(crossedAlert(61, 60)).toBe(60);
    expect(crossedAlert(200, 199)).toBeUndefined();
    expect(crossedAlert(400, 30)).toBe(60); // the phone slept: only the most urgent
  });
});
