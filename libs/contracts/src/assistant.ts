// The assistant grounded in the courses (context: assistant; docs/assistant.md).
import { cleanQuestion, messageLanguage } from '@hocvuso/domain';
import { z } from 'zod';
import { languageSchema } from './common';

/** The longest question accepted as sent, before cleaning (the assistant reads at most 500 characters of it). */
export const ASSISTANT_QUESTION_MAX_INPUT = 2000;

/**
 * POST /api/assistant/ask. The question is cleaned before anything reads it: NFC, zero-width, bidi and control
 * characters removed, whitespace collapsed, cut at 500 characters (`cleanQuestion`); it must keep 2 characters.
 */
export const assistantAskSchema = z.strictObject({
  question: z
    .string()
    .max(ASSISTANT_QUESTION_MAX_INPUT)
    .transform(cleanQuestion)
    .pipe(z.string().min(2, 'ask a question of at least 2 characters')),
  courseId: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a course id')
    .max(80)
    .optional(),
  /** Any configured language; the assistant answers in English or else Vietnamese (its index's languages). */
  lang: languageSchema.default('vi').transform(messageLanguage),
});
export type AssistantAskRequest = z.infer<typeof assistantAskSchema>;
export type AssistantAskInput = z.input<typeof assistantAskSchema>;

export const assistantCitationSchema = z.object({
  courseSlug: z.string(),
  lessonId: z.string(),
  /** The lesson's key in its course folder (`content/courses/<slug>/lessons/<key>.<lang>.md`). */
  lessonKey: z.string(),
  title: z.string(),
  quote: z.string(),
  url: z.string(),
});
export type AssistantCitation = z.infer<typeof assistantCitationSchema>;

export const assistantAnswerSchema = z.object({
  answer: z.string(),
  citations: z.array(assistantCitationSchema),
  /** Every sentence of the answer is found in a cited passage (or, phrased by the optional model, supported by it). */
  grounded: z.boolean(),
  /** Present when the lessons do not answer: the learner is sent to their commune's help officer. */
  fallback: z.literal('ASK_HELP_OFFICER').optional(),
  /** Who wrote the answer's words: quoted from the lessons, or phrased by the configured model from them. */
  phrasedBy: z.enum(['lessons', 'model']),
});
export type AssistantAnswer = z.infer<typeof assistantAnswerSchema>;
