import { z } from 'zod';
import { safeText } from './common';
import { enrolmentSummarySchema } from './learning';

/** A question as a learner sees it during an attempt: no answer key, no correctness, no explanation. */
export const attemptQuestionViewSchema = z.object({
  id: z.string(),
  type: z.enum(['single', 'multiple', 'truefalse', 'ordering']),
  prompt: z.string(),
  options: z.array(z.object({ id: z.string(), text: z.string() })),
});
export type AttemptQuestionView = z.infer<typeof attemptQuestionViewSchema>;

/**
 * After submission: the same question with what the learner chose and whether it was right. The right
 * options and the explanation only once the quiz's reveal policy allows (else null); `competency` and
 * `topic` (its name) say what to revise.
 */
export const questionFeedbackSchema = attemptQuestionViewSchema.extend({
  correctOptionIds: z.array(z.string()).nullable(),
  selected: z.array(z.string()),
  correct: z.boolean(),
  score: z.number(),
  explanation: z.string().nullable(),
  competency: z.string(),
  topic: z.string().nullable(),
});
export type QuestionFeedback = z.infer<typeof questionFeedbackSchema>;

export const quizAttemptResponseSchema = z.object({
  id: z.string().uuid(),
  lessonId: z.string().uuid(),
  attemptNo: z.number().int(),
  maxAttempts: z.number().int().nullable(),
  passMark: z.number().int(),
  status: z.enum(['open', 'submitted', 'expired']),
  startedAt: z.string(),
  deadlineAt: z.string().nullable(),
  /** Seconds left by the server clock; null without a time limit. */
  remainingSeconds: z.number().int().nullable(),
  questions: z.array(attemptQuestionViewSchema),
  result: z
    .object({
      scorePercent: z.number(),
      passed: z.boolean(),
      /** Whether the answer key and explanations are shown (the reveal policy allows it now). */
      revealed: z.boolean(),
      questions: z.array(questionFeedbackSchema),
    })
    .nullable(),
  /** When the key is shown: after passing (default), after the last attempt of a set, or never. */
  reveal: z.enum(['afterPass', 'afterLastAttempt', 'never']),
  /** Attempts the learner may still start now (this one excluded once started); null without a limit. */
  attemptsLeft: z.number().int().nullable(),
  /** When a new set of attempts opens, while none are left; null otherwise. */
  nextAttemptsAt: z.string().nullable(),
  enrolment: enrolmentSummarySchema.optional(),
});
export type QuizAttemptResponse = z.infer<typeof quizAttemptResponseSchema>;

const answer = z.union([z.string().max(100), z.array(z.string().max(100)).max(50)]);

export const submitAttemptRequestSchema = z.strictObject({
  answers: z.record(z.string().max(100), answer),
});
export type SubmitAttemptRequest = z.infer<typeof submitAttemptRequestSchema>;

/** The most extra attempts one grant may give (the table allows up to 10; the api keeps it small). */
export const QUIZ_GRANT_MAX_EXTRA_ATTEMPTS = 5;

/**
 * More attempts at one quiz for one learner, granted by a teacher of the course or a helper or administrator
 * whose area holds the learner (sent with an Idempotency-Key header; a replay grants once).
 */
export const quizGrantRequestSchema = z.strictObject({
  learnerId: z.string().uuid(),
  lessonId: z.string().uuid(),
  extraAttempts: z.number().int().min(1).max(QUIZ_GRANT_MAX_EXTRA_ATTEMPTS),
  /** Why: kept in the audit log that the area's administrators read. */
  reason: safeText({ min: 1, max: 500, multiline: true }),
});
export type QuizGrantRequest = z.infer<typeof quizGrantRequestSchema>;

export const quizGrantResponseSchema = z.object({
  id: z.string().uuid(),
  learnerId: z.string().uuid(),
  lessonId: z.string().uuid(),
  courseId: z.string(),
  extraAttempts: z.number().int(),
  reason: z.string(),
  grantedAt: z.string(),
  /** Attempts the learner may start now, this grant included; null without a limit. */
  attemptsLeft: z.number().int().nullable(),
  /** When a new set of attempts opens, while none are left; null otherwise. */
  nextAttemptsAt: z.string().nullable(),
  /** true when this answers a replay of an earlier request with the same Idempotency-Key (nothing new granted). */
  replayed: z.boolean(),
});
export type QuizGrantResponse = z.infer<typeof quizGrantResponseSchema>;
