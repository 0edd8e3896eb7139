import { z } from 'zod';
import { enrolmentSummarySchema } from './learning';

/** A question as a learner sees it during an attempt: no answer key, no correctness, no explanation. */
export const attemptQuestionViewSchema = z.object({
  id: z.string(),
  type: z.enum(['single', 'multiple', 'truefalse', 'ordering']),
  prompt: z.string(),
  options: z.array(z.object({ id: z.string(), text: z.string() })),
});
export type AttemptQuestionView = z.infer<typeof attemptQuestionViewSchema>;

/** After submission: the same question with what was right, what the learner chose, and why. */
export const questionFeedbackSchema = attemptQuestionViewSchema.extend({
  correctOptionIds: z.array(z.string()),
  selected: z.array(z.string()),
  correct: z.boolean(),
  score: z.number(),
  explanation: z.string(),
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
      questions: z.array(questionFeedbackSchema),
    })
    .nullable(),
  enrolment: enrolmentSummarySchema.optional(),
});
export type QuizAttemptResponse = z.infer<typeof quizAttemptResponseSchema>;

const answer = z.union([z.string().max(100), z.array(z.string().max(100)).max(50)]);

export const submitAttemptRequestSchema = z.strictObject({
  answers: z.record(z.string().max(100), answer),
});
export type SubmitAttemptRequest = z.infer<typeof submitAttemptRequestSchema>;
