import type { AttemptQuestionView, QuizAttemptResponse, SubmitAttemptRequest } from '@hocvuso/contracts';

/**
 * A learner's answers while taking a quiz, by question id: the chosen option id (single choice, and
 * `'true'`/`'false'` for true/false), the chosen ids (multiple choice), or every item id in the learner's
 * order (ordering).
 */
export type Answers = Record<string, string | string[]>;

/** The answers an attempt starts with: nothing chosen, ordering items as the attempt laid them out. */
export function initialAnswers(questions: readonly AttemptQuestionView[]): Answers {
  const answers: Answers = {};
  for (const q of questions) if (q.type === 'ordering') answers[q.id] = q.options.map((o) => o.id);
  return answers;
}

/**
 * Answers restored from a draft, kept only where they still fit the attempt's questions (a draft from
 * another version is ignored, never sent).
 */
export function restoreAnswers(questions: readonly AttemptQuestionView[], draft: unknown): Answers {
  const answers = initialAnswers(questions);
  if (!draft || typeof draft !== 'object') return answers;
  const saved = draft as Record<string, unknown>;
  for (const q of questions) {
    const ids = new Set(q.options.map((o) => o.id));
    const value = saved[q.id];
    if (q.type === 'single' || q.type === 'truefalse') {
      if (typeof value === 'string' && ids.has(value)) answers[q.id] = value;
    } else if (Array.isArray(value) && value.every((id) => typeof id === 'string' && ids.has(id))) {
      const unique = new Set(value as string[]);
      if (unique.size !== value.length) continue;
      if (q.type === 'multiple' || unique.size === ids.size) answers[q.id] = [...(value as string[])];
    }
  }
  return answers;
}

/** Whether the learner has answered a question. An ordering question always has an order, so it counts. */
export function isAnswered(question: AttemptQuestionView, answers: Answers): boolean {
  const value = answers[question.id];
  if (question.type === 'ordering') return true;
  return Array.isArray(value) ? value.length > 0 : typeof value === 'string' && value !== '';
}

/** The numbers (from 1) of the questions not answered yet. */
export function unansweredNumbers(questions: readonly AttemptQuestionView[], answers: Answers): number[] {
  return questions.flatMap((q, i) => (isAnswered(q, answers) ? [] : [i + 1]));
}

/** The body of the submission: every answered question; unanswered ones are left out (they score 0). */
export function submissionBody(
  questions: readonly AttemptQuestionView[],
  answers: Answers,
): SubmitAttemptRequest {
  const body: SubmitAttemptRequest = { answers: {} };
  for (const q of questions) {
    if (!isAnswered(q, answers)) continue;
    const value = answers[q.id]!;
    body.answers[q.id] = Array.isArray(value) ? [...value] : value;
  }
  return body;
}

/** `order` with the item at `index` moved one place up (`-1`) or down (`1`); unchanged at either end. */
export function moveItem<T>(order: readonly T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta;
  if (index < 0 || index >= order.length || target < 0 || target >= order.length) return [...order];
  const next = [...order];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}

/** Attempts still possible after this one: null when the quiz has no limit. */
export function attemptsLeftAfter(attempt: Pick<QuizAttemptResponse, 'attemptsLeft'>): number | null {
  return attempt.attemptsLeft === null ? null : Math.max(0, attempt.attemptsLeft);
}

/** The moments the countdown speaks up, in seconds left: five minutes and one minute. */
export const TIME_ALERTS = [300, 60] as const;

/**
 * Which alert (if any) the countdown crossed going from `before` to `now` seconds left. A quiz resumed
 * with three minutes left says nothing about five minutes; it speaks at one minute.
 */
export function crossedAlert(before: number, now: number): (typeof TIME_ALERTS)[number] | undefined {
  return [...TIME_ALERTS].reverse().find((mark) => before > mark && now <= mark);
}
