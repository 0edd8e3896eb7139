import { z } from 'zod';
import { lessonKindSchema } from './catalog';

export const lessonResponseSchema = z.object({
  id: z.string().uuid(),
  key: z.string(),
  courseId: z.string(),
  courseTitle: z.string(),
  kind: lessonKindSchema,
  title: z.string(),
  minutes: z.number().int(),
  /** Sanitised HTML rendered from the lesson's Markdown. */
  html: z.string(),
  minReadSeconds: z.number().int(),
  status: z.enum(['not_started', 'in_progress', 'completed']),
  language: z.enum(['vi', 'en']),
  previousLessonId: z.string().uuid().nullable(),
  nextLessonId: z.string().uuid().nullable(),
});
export type LessonResponse = z.infer<typeof lessonResponseSchema>;

/** Body of POST /api/lessons/:id/complete for a text lesson: the learner scrolled to the end. */
export const completeLessonRequestSchema = z.strictObject({ reachedEnd: z.literal(true) });
export type CompleteLessonRequest = z.infer<typeof completeLessonRequestSchema>;

export const enrolmentSummarySchema = z.object({
  courseId: z.string(),
  courseTitle: z.string(),
  status: z.enum(['active', 'completed']),
  percent: z.number().int(),
  completedLessons: z.number().int(),
  totalLessons: z.number().int(),
  nextLessonId: z.string().uuid().nullable(),
  nextLessonTitle: z.string().nullable(),
  enrolledAt: z.string(),
  completedAt: z.string().nullable(),
});
export type EnrolmentSummary = z.infer<typeof enrolmentSummarySchema>;

export const myLearningResponseSchema = z.object({ items: z.array(enrolmentSummarySchema) });
export type MyLearningResponse = z.infer<typeof myLearningResponseSchema>;

export const lessonStatusSchema = z.enum(['not_started', 'in_progress', 'completed']);
export type LessonStatus = z.infer<typeof lessonStatusSchema>;

/** The caller's state in one course: GET /api/me/courses/:courseId. */
export const courseProgressResponseSchema = z.object({
  enrolled: z.boolean(),
  enrolment: enrolmentSummarySchema.nullable(),
  lessons: z.array(z.object({ id: z.string().uuid(), status: lessonStatusSchema })),
});
export type CourseProgressResponse = z.infer<typeof courseProgressResponseSchema>;
