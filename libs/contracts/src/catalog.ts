import { z } from 'zod';
import { SUB_GROUPS, TARGET_GROUPS } from '@hocvuso/domain';
import {
  clampedLimit,
  clampedPage,
  contentLanguageSchema,
  languageCodeSchema,
  languageSchema,
  PAGE_LIMIT_DEFAULT,
  PAGE_LIMIT_MAX,
  pageSchema,
  safeText,
} from './common';

const competencyRef = z
  .string()
  .trim()
  .regex(/^[a-z0-9.-]+:[0-9.]+$/, 'expected framework:code, for example tt02-2025:4.2');

/** Query of GET /api/courses. Limits are clamped, never rejected, so a hand-edited URL still works. */
export const courseListQuerySchema = z.strictObject({
  q: safeText({ max: 200 }).optional(),
  targetGroup: z.enum(TARGET_GROUPS).optional(),
  subGroup: z.enum(SUB_GROUPS).optional(),
  competency: competencyRef.optional(),
  domain: z
    .string()
    .regex(/^[a-z0-9.-]+:[0-9]+$/, 'expected framework:domain, for example tt02-2025:4')
    .optional(),
  level: z.coerce.number().int().min(1).max(8).optional(),
  language: contentLanguageSchema.optional(),
  maxMinutes: z.coerce.number().int().min(1).max(10_000).optional(),
  sort: z.enum(['relevance', 'title', 'duration', 'newest']).optional(),
  lang: languageSchema.catch('vi').default('vi'),
  page: clampedPage(10_000),
  limit: clampedLimit(PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX),
});
export type CourseListQuery = z.infer<typeof courseListQuerySchema>;

export const competencyBadgeSchema = z.object({
  framework: z.string(),
  code: z.string(),
  level: z.number().int().nullable(),
  name: z.string(),
  provisional: z.boolean(),
});
export type CompetencyBadge = z.infer<typeof competencyBadgeSchema>;

export const courseSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  language: languageCodeSchema,
  languages: z.array(languageCodeSchema),
  targetGroups: z.array(z.string()),
  subGroups: z.array(z.string()),
  estimatedMinutes: z.number().int(),
  lessonCount: z.number().int(),
  certificate: z.boolean(),
  competencies: z.array(competencyBadgeSchema),
});
export type CourseSummary = z.infer<typeof courseSummarySchema>;

export const courseListResponseSchema = pageSchema(courseSummarySchema);
export type CourseListResponse = z.infer<typeof courseListResponseSchema>;

export const lessonKindSchema = z.enum(['text', 'video', 'document', 'checklist', 'quiz']);
export type LessonKind = z.infer<typeof lessonKindSchema>;

export const outlineLessonSchema = z.object({
  id: z.string().uuid(),
  key: z.string(),
  kind: lessonKindSchema,
  title: z.string(),
  minutes: z.number().int(),
});
export type OutlineLesson = z.infer<typeof outlineLessonSchema>;

export const courseDetailSchema = courseSummarySchema.extend({
  descriptionHtml: z.string(),
  version: z.number().int(),
  modules: z.array(z.object({ key: z.string(), title: z.string(), lessons: z.array(outlineLessonSchema) })),
});
export type CourseDetail = z.infer<typeof courseDetailSchema>;

export const courseDetailQuerySchema = z.strictObject({ lang: languageSchema.catch('vi').default('vi') });
export type CourseDetailQuery = z.infer<typeof courseDetailQuerySchema>;

/**
 * GET /api/courses/:courseId: `version` asks for the outline of an earlier version of the course (the one a
 * learner in progress is on; GET /api/me/courses/:courseId names it); without it, the current version.
 */
export const coursePageQuerySchema = courseDetailQuerySchema.extend({
  version: z.string().uuid().optional(),
});
export type CoursePageQuery = z.infer<typeof coursePageQuerySchema>;

/**
 * One skills framework of GET /api/frameworks, as loaded from content/frameworks: its levels, its domains and
 * competencies (with the provisional flags of wording still to be checked against the official text), and how
 * many courses teach each competency.
 */
const frameworkTextSchema = z.object({ vi: z.string(), en: z.string().optional() });

export const frameworkTreeSchema = z.object({
  id: z.string(),
  version: z.string(),
  name: frameworkTextSchema,
  source: z.record(z.string(), z.unknown()).optional(),
  notes: frameworkTextSchema.nullable(),
  levels: z.array(
    z.object({ code: z.number(), name: frameworkTextSchema, band: frameworkTextSchema.optional() }),
  ),
  domains: z.array(
    z.object({
      code: z.string(),
      name: frameworkTextSchema,
      provisional: z.boolean(),
      competencies: z.array(
        z.object({
          code: z.string(),
          name: frameworkTextSchema,
          description: frameworkTextSchema.nullable(),
          provisional: z.boolean(),
          courses: z.number().int(),
        }),
      ),
    }),
  ),
});
export type FrameworkTree = z.infer<typeof frameworkTreeSchema>;
export const frameworksResponseSchema = z.object({ items: z.array(frameworkTreeSchema) });
export type FrameworksResponse = z.infer<typeof frameworksResponseSchema>;
