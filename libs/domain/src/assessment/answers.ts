import { ValidationError } from '../errors';
import type { AttemptQuestion } from './attempt-layout';

/**
 * A learner's answer to one question: the chosen option id for single choice and true/false (`'true'` or
 * `'false'`); the selected option ids for multiple choice; the item ids in the learner's order for ordering.
 */
export type Answer = string | string[];

type AnswerProblem = 'wrong-shape' | 'unknown-option' | 'duplicate-option' | 'not-a-permutation';

const PROBLEM_MESSAGES: Record<AnswerProblem, string> = {
  'wrong-shape': 'the answer has the wrong shape for this question.',
  'unknown-option': 'the answer names an option that was not offered.',
  'duplicate-option': 'the answer repeats an option.',
  'not-a-permutation': 'the answer must list every offered item exactly once.',
};

/** Longest piece of an untrusted key quoted back in an error message. */
const MAX_QUOTED_ID = 60;

function invalid(message: string, details: Record<string, unknown>): ValidationError {
  return new ValidationError('INVALID_ANSWERS', message, details);
}

/** Whether `value` is a plain object (a JSON object), not an array, date, map or class instance. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** What is wrong with a single-choice or true/false answer, if anything: one offered id as a string. */
function singleProblem(value: unknown, offered: readonly string[]): AnswerProblem | undefined {
  if (typeof value !== 'string') return 'wrong-shape';
  return offered.includes(value) ? undefined : 'unknown-option';
}

/**
 * What is wrong with a multiple-choice or ordering answer, if anything: a list of distinct offered ids;
 * for ordering, every offered id (a permutation of them).
 */
function listProblem(
  value: unknown,
  offered: readonly string[],
  isOrdering: boolean,
): AnswerProblem | undefined {
  if (!Array.isArray(value) || !value.every((id) => typeof id === 'string')) return 'wrong-shape';
  if (new Set(value).size !== value.length) return 'duplicate-option';
  if (!value.every((id) => offered.includes(id))) return 'unknown-option';
  if (isOrdering && value.length !== offered.length) return 'not-a-permutation';
  return undefined;
}

/** What is wrong with `value` as the answer to the question laid out as `layout`, if anything. */
function answerProblem(layout: AttemptQuestion, value: unknown): AnswerProblem | undefined {
  switch (layout.type) {
    case 'single':
    case 'truefalse':
      return singleProblem(value, layout.optionOrder);
    case 'multiple':
      return listProblem(value, layout.optionOrder, false);
    case 'ordering':
      return listProblem(value, layout.optionOrder, true);
  }
}

/**
 * Checks the answers a learner submits for an attempt, as received from the network: a plain object from
 * question id to answer, with at most one key per question of the attempt. Each answer must have the
 * shape of its question and use only the option ids offered in the attempt's layout, without repeats; an
 * ordering answer must list every offered item. Questions may be left out (they score 0), and a `null`
 * answer counts as left out. Anything else throws `INVALID_ANSWERS`, naming the first problem.
 * Returns copies of the answers.
 */
export function validateAnswers(layout: readonly AttemptQuestion[], raw: unknown): Record<string, Answer> {
  if (!isPlainObject(raw)) {
    throw invalid('Answers must be an object from question id to answer.', { reason: 'not-an-object' });
  }
  const keys = Object.keys(raw);
  if (keys.length > layout.length) {
    throw invalid(`At most ${layout.length} answers are allowed.`, {
      reason: 'too-many',
      max: layout.length,
    });
  }
  const byId = new Map(layout.map((q) => [q.id, q]));
  const answers: Array<[string, Answer]> = [];
  for (const questionId of keys) {
    const question = byId.get(questionId);
    if (!question) {
      const quoted = questionId.slice(0, MAX_QUOTED_ID);
      throw invalid(`Question "${quoted}" is not part of this attempt.`, {
        questionId: quoted,
        reason: 'unknown-question',
      });
    }
    const value = raw[questionId];
    if (value === null) continue;
    const problem = answerProblem(question, value);
    if (problem) {
      throw invalid(`Question "${questionId}": ${PROBLEM_MESSAGES[problem]}`, {
        questionId,
        reason: problem,
      });
    }
    answers.push([questionId, Array.isArray(value) ? [...(value as string[])] : (value as string)]);
  }
  return Object.fromEntries(answers);
}
