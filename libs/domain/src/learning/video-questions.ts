import type { Answer } from '../assessment/answers';
import type { AttemptQuestion } from '../assessment/attempt-layout';
import { gradeQuestion, type QuestionGrade } from '../assessment/grading';
import {
  type BankQuestion,
  type ChoiceOption,
  correctOptionIds,
  offeredIds,
} from '../assessment/question-bank';
import { seededRandom, shuffle } from '../assessment/seeded-random';
import type { LocalizedText } from '../catalog';
import { clampIntervals, type Interval, intervalsMeasure } from './video-coverage';

/** The kinds of in-video question (a subset of the quiz kinds: ordering does not fit a pause). Stored: never rename. */
export const VIDEO_QUESTION_TYPES = ['single', 'multiple', 'truefalse'] as const;
export type VideoQuestionType = (typeof VIDEO_QUESTION_TYPES)[number];

interface VideoQuestionBase {
  /** Unique within the lesson (kebab-case). */
  id: string;
  /** Seconds from the start of the video where the player pauses for it. */
  at: number;
  prompt: LocalizedText;
  /** Shown once the learner has answered. */
  explanation: LocalizedText;
}

/** A question pinned at a time in a video, with its answer: never sent to a learner as is. */
export type VideoQuestion =
  | (VideoQuestionBase & { type: 'single' | 'multiple'; options: readonly ChoiceOption[] })
  | (VideoQuestionBase & { type: 'truefalse'; answer: boolean });

/**
 * The share of a lesson's pinned questions that must be answered (answered, not necessarily right) for the
 * lesson to complete, when the lesson does not set its own `requiredShare`: all of them.
 */
export const DEFAULT_VIDEO_QUESTIONS_REQUIRED_SHARE = 1;

/** Limits an author meets (the importer and the studio check them). */
export const VIDEO_QUESTION_LIMITS = { maxQuestions: 20, minOptions: 2, maxOptions: 6 } as const;

/**
 * A pinned question is reachable when the learner's credited coverage of the video before it is at least the
 * lesson's completion threshold, within this many seconds (the player rounds positions).
 */
export const PIN_REACH_TOLERANCE_SECONDS = 1;

/** The question as the assessment rules see it (grading, option ids): a bank question without a competency. */
export function asBankQuestion(question: VideoQuestion): BankQuestion {
  return question.type === 'truefalse'
    ? {
        id: question.id,
        type: 'truefalse',
        answer: question.answer,
        competency: '',
        prompt: question.prompt,
        explanation: question.explanation,
      }
    : {
        id: question.id,
        type: question.type,
        options: question.options,
        competency: '',
        prompt: question.prompt,
        explanation: question.explanation,
      };
}

/** How many of `total` questions must be answered at `requiredShare` (rounded up; never more than `total`). */
export function requiredAnswerCount(
  total: number,
  requiredShare = DEFAULT_VIDEO_QUESTIONS_REQUIRED_SHARE,
): number {
  if (!(total > 0)) return 0;
  const share = Math.min(1, Math.max(0, Number.isFinite(requiredShare) ? requiredShare : 1));
  return Math.max(0, Math.min(total, Math.ceil(total * share - 1e-9)));
}

export interface VideoQuestionsProgress {
  /** Pinned questions of the lesson. */
  total: number;
  /** Of them, answered by the learner (first answers; right or wrong). */
  answered: number;
  /** How many must be answered for the lesson to complete. */
  required: number;
}

/** The learner's standing on a lesson's questions. Answers to questions the lesson no longer has do not count. */
export function videoQuestionsProgress(
  questionIds: readonly string[],
  answeredIds: Iterable<string>,
  requiredShare = DEFAULT_VIDEO_QUESTIONS_REQUIRED_SHARE,
): VideoQuestionsProgress {
  const known = new Set(questionIds);
  const answered = new Set([...answeredIds].filter((id) => known.has(id))).size;
  return { total: known.size, answered, required: requiredAnswerCount(known.size, requiredShare) };
}

/** Whether enough questions were answered (always true for a video without questions). */
export function videoQuestionsSatisfied(progress: VideoQuestionsProgress): boolean {
  return progress.answered >= progress.required;
}

/**
 * THE completion rule of a video lesson: the video is watched to its threshold (coverage, credited by the
 * server: `isVideoComplete`) AND the required share of its pinned questions is answered.
 */
export function isVideoLessonComplete(coverageReached: boolean, questions: VideoQuestionsProgress): boolean {
  return coverageReached && videoQuestionsSatisfied(questions);
}

/**
 * Whether the learner may answer a question pinned at `at` seconds: the credited coverage of `[0, at]` is at least
 * `threshold` of it (the lesson's completion threshold), within {@link PIN_REACH_TOLERANCE_SECONDS}. Nobody answers
 * what they have not watched; the coverage is the server's, never a position the client claims.
 */
export function isVideoQuestionReached(watched: readonly Interval[], at: number, threshold: number): boolean {
  if (!(at > PIN_REACH_TOLERANCE_SECONDS)) return true;
  const before = intervalsMeasure(clampIntervals(watched, at));
  return before >= threshold * at - PIN_REACH_TOLERANCE_SECONDS;
}

/**
 * The layout of one question for one learner: options in an order and with opaque ids drawn from the learner's
 * secret seed (the same every time the learner opens the lesson, different for every learner), so no id says
 * which option is right. `keyOf` makes the opaque id (the api uses an HMAC of the seed).
 */
export function videoQuestionLayout(
  question: VideoQuestion,
  seed: string,
  keyOf: (questionId: string, optionId: string) => string,
): AttemptQuestion {
  const ids = offeredIds(asBankQuestion(question));
  const optionOrder =
    question.type === 'truefalse' ? ids : shuffle(ids, seededRandom(`${seed}\u0000${question.id}`));
  const keys = optionOrder.map((id) => keyOf(question.id, id));
  // a clash of truncated HMACs is astronomically rare; keep ids distinct anyway
  const optionKeys = keys.map((k, i) => (keys.indexOf(k) === i ? k : `${k}${i}`));
  return { id: question.id, type: question.type, optionOrder, optionKeys };
}

export interface VideoAnswerGrade extends QuestionGrade {
  /** The answer in the lesson's option ids (what is stored and recorded). */
  response: string[];
  /** The right option ids, in the lesson's ids. */
  correctIds: string[];
}

/** Grades an answer given in the learner's opaque ids (validated against `layout` first). */
export function gradeVideoAnswer(question: VideoQuestion, answerInBankIds: Answer): VideoAnswerGrade {
  const bank = asBankQuestion(question);
  const grade = gradeQuestion(bank, answerInBankIds);
  return {
    ...grade,
    response: typeof answerInBankIds === 'string' ? [answerInBankIds] : [...answerInBankIds],
    correctIds: correctOptionIds(bank),
  };
}

/** What is wrong with a lesson's pinned questions, for the importer and the studio. */
export interface VideoQuestionProblem {
  /** Path below the questions list, e.g. `2.at` or `0.options`; empty for the list itself. */
  path: string;
  code:
    | 'VIDEO_QUESTION_AT_PAST_END'
    | 'VIDEO_QUESTION_AT_NOT_SORTED'
    | 'VIDEO_QUESTION_AT_REPEATED'
    | 'VIDEO_QUESTION_ID_REPEATED'
    | 'VIDEO_QUESTION_OPTION_ID_REPEATED'
    | 'VIDEO_QUESTION_CORRECT_COUNT'
    | 'VIDEO_QUESTION_TOO_MANY'
    | 'VIDEO_QUESTION_OPTION_COUNT';
  message: string;
}

/**
 * Checks a lesson's pinned questions against its video: at most 20; each time within the video (0 < at < duration)
 * and strictly after the one before (sorted, no two at the same second); ids unique; choice questions with 2 to 6
 * options of unique ids, single choice with exactly one right option, multiple choice with at least one.
 */
export function videoQuestionProblems(
  questions: readonly VideoQuestion[],
  durationSeconds: number,
): VideoQuestionProblem[] {
  const problems: VideoQuestionProblem[] = [];
  const add = (path: string, code: VideoQuestionProblem['code'], message: string) =>
    problems.push({ path, code, message });
  if (questions.length > VIDEO_QUESTION_LIMITS.maxQuestions)
    add(
      '',
      'VIDEO_QUESTION_TOO_MANY',
      `expected at most ${VIDEO_QUESTION_LIMITS.maxQuestions} questions in one video`,
    );
  const seenIds = new Set<string>();
  questions.forEach((q, i) => {
    if (seenIds.has(q.id))
      add(`${i}.id`, 'VIDEO_QUESTION_ID_REPEATED', `expected a unique id ("${q.id}" repeats)`);
    seenIds.add(q.id);
    if (!(q.at > 0 && q.at < durationSeconds))
      add(
        `${i}.at`,
        'VIDEO_QUESTION_AT_PAST_END',
        `expected a time after 0 s and before the end of the video (${durationSeconds} s), got ${q.at} s`,
      );
    const previous = questions[i - 1];
    if (previous && q.at === previous.at)
      add(`${i}.at`, 'VIDEO_QUESTION_AT_REPEATED', `expected one question per time (${q.at} s repeats)`);
    else if (previous && q.at < previous.at)
      add(
        `${i}.at`,
        'VIDEO_QUESTION_AT_NOT_SORTED',
        `expected the questions in time order (${q.at} s comes after ${previous.at} s)`,
      );
    if (q.type === 'truefalse') return;
    const { minOptions, maxOptions } = VIDEO_QUESTION_LIMITS;
    if (q.options.length < minOptions || q.options.length > maxOptions)
      add(
        `${i}.options`,
        'VIDEO_QUESTION_OPTION_COUNT',
        `expected ${minOptions} to ${maxOptions} options, got ${q.options.length}`,
      );
    const optionIds = new Set<string>();
    q.options.forEach((o, j) => {
      if (optionIds.has(o.id))
        add(
          `${i}.options.${j}.id`,
          'VIDEO_QUESTION_OPTION_ID_REPEATED',
          `expected a unique option id ("${o.id}" repeats)`,
        );
      optionIds.add(o.id);
    });
    const right = q.options.filter((o) => o.correct === true).length;
    if (q.type === 'single' && right !== 1)
      add(
        `${i}.options`,
        'VIDEO_QUESTION_CORRECT_COUNT',
        `expected exactly one correct option, got ${right}`,
      );
    if (q.type === 'multiple' && right < 1)
      add(`${i}.options`, 'VIDEO_QUESTION_CORRECT_COUNT', 'expected at least one correct option');
  });
  return problems;
}
