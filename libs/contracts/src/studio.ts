import { z } from 'zod';
import { LANGUAGES, SUB_GROUPS, TARGET_GROUPS } from '@hocvuso/domain';
import { clampedLimit, clampedPage, identifierText, safeText } from './common';

/**
 * The teaching studio's course draft. Saving accepts an unfinished draft (empty texts, no lessons yet) as long
 * as its shape is right; publishing checks completeness (see buildStudioCourse in @hocvuso/content).
 */
const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected lowercase letters, digits and single hyphens, such as "bai-1"')
  .max(60);
/** Titles and checklist items are one line; summaries, descriptions and lesson bodies may have line breaks. */
const draftText = (max: number, multiline = false) => safeText({ max, multiline, trim: false });
const localizedDraft = (max: number, multiline = false) =>
  z.strictObject({ vi: draftText(max, multiline).default(''), en: draftText(max, multiline).optional() });

const lessonBase = {
  key: slug,
  title: localizedDraft(200),
  minutes: z.number().int().min(1).max(120),
};

export const studioLessonSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...lessonBase, kind: z.literal('text'), body: localizedDraft(50_000, true) }),
  z.strictObject({
    ...lessonBase,
    kind: z.literal('checklist'),
    items: z.array(localizedDraft(500)).max(30),
  }),
]);
export type StudioLesson = z.infer<typeof studioLessonSchema>;

export const studioDraftSchema = z.strictObject({
  defaultLanguage: z.enum(LANGUAGES).default('vi'),
  languages: z.array(z.enum(LANGUAGES)).min(1).max(LANGUAGES.length),
  title: localizedDraft(200),
  summary: localizedDraft(500, true),
  description: localizedDraft(10_000, true),
  targetGroups: z.array(z.enum(TARGET_GROUPS)).max(TARGET_GROUPS.length),
  subGroups: z.array(z.enum(SUB_GROUPS)).max(SUB_GROUPS.length).default([]),
  competencies: z
    .array(
      z.strictObject({
        framework: z
          .string()
          .regex(/^[a-z0-9.-]+$/)
          .max(40),
        code: z
          .string()
          .regex(/^[0-9]+(\.[0-9]+)*$/, 'expected a code such as "4.1"')
          .max(20),
        level: z.number().int().min(1).max(8).nullable().default(null),
      }),
    )
    .max(20)
    .default([]),
  certificate: z.boolean().default(true),
  lessons: z.array(studioLessonSchema).max(60).default([]),
});
export type StudioDraft = z.infer<typeof studioDraftSchema>;

export const studioCourseCreateSchema = z.strictObject({
  id: slug.min(3, 'expected at least 3 characters'),
  title: draftText(200).pipe(z.string().trim().min(1, 'expected a title')),
  defaultLanguage: z.enum(LANGUAGES).default('vi'),
});
export type StudioCourseCreate = z.infer<typeof studioCourseCreateSchema>;

export const studioDraftSaveSchema = z.strictObject({
  /** The revision the edit started from; a save from an older revision is refused (409 DRAFT_CONFLICT). */
  revision: z.number().int().min(1),
  document: studioDraftSchema,
});
export type StudioDraftSave = z.infer<typeof studioDraftSaveSchema>;

/**
 * A reason a draft cannot be published, by field path (`title.vi`, `lessons.2.body.en`): the api's
 * DRAFT_INCOMPLETE details.problems, and what the editor checks before sending.
 */
export interface DraftProblem {
  field: string;
  message: string;
}

export const studioStaffAddSchema = z.strictObject({
  /** The teacher to add, by email or phone as they sign in. */
  identifier: identifierText(3, 200),
  role: z.enum(['editor', 'owner']).default('editor'),
});
export type StudioStaffAdd = z.infer<typeof studioStaffAddSchema>;

/** A new, empty draft for a course created in the studio. */
export function emptyStudioDraft(title: string, defaultLanguage: (typeof LANGUAGES)[number]): StudioDraft {
  return {
    defaultLanguage,
    languages: [defaultLanguage],
    title: { vi: defaultLanguage === 'vi' ? title : '', ...(defaultLanguage === 'en' ? { en: title } : {}) },
    summary: { vi: '' },
    description: { vi: '' },
    targetGroups: [],
    subGroups: [],
    competencies: [],
    certificate: true,
    lessons: [],
  };
}

// ---- the studio's and the course reports' answers (apps/api/src/modules/teaching) -------------------------

export const STAFF_ROLES = ['owner', 'editor'] as const;
export const staffRoleSchema = z.enum(STAFF_ROLES);
export type StaffRole = z.infer<typeof staffRoleSchema>;
export const courseSourceSchema = z.enum(['content', 'studio']);
export type CourseSource = z.infer<typeof courseSourceSchema>;

export const LEARNER_STATUSES = ['not_started', 'in_progress', 'completed'] as const;
export const learnerStatusSchema = z.enum(LEARNER_STATUSES);
export type LearnerStatus = z.infer<typeof learnerStatusSchema>;

/** GET /api/teaching/courses/:id/learners: `?status=&page=&limit=` (1..200, default 50). */
export const courseLearnersQuerySchema = z.strictObject({
  status: learnerStatusSchema.optional(),
  page: clampedPage(100_000),
  limit: clampedLimit(50, 200),
});
export type CourseLearnersQuery = z.infer<typeof courseLearnersQuerySchema>;

export const studioPublishRequestSchema = z.strictObject({ revision: z.number().int().min(1) });
export type StudioPublishRequest = z.infer<typeof studioPublishRequestSchema>;

/** GET /api/teaching/courses: one course the caller teaches (every course for a system administrator). */
export const teachingCourseItemSchema = z.object({
  id: z.string(),
  source: courseSourceSchema,
  title: z.object({ vi: z.string().nullable(), en: z.string().nullable().optional() }),
  published: z.boolean(),
  staffRole: staffRoleSchema.nullable(),
  versionNo: z.number().int().nullable(),
  draftRevision: z.number().int().nullable(),
  unpublishedChanges: z.boolean(),
  draftUpdatedAt: z.string().nullable(),
  enrolled: z.number().int(),
  completed: z.number().int(),
});
export type TeachingCourseItem = z.infer<typeof teachingCourseItemSchema>;
export const teachingCoursesResponseSchema = z.object({ items: z.array(teachingCourseItemSchema) });
export type TeachingCoursesResponse = z.infer<typeof teachingCoursesResponseSchema>;

export const staffMemberSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  role: staffRoleSchema,
  addedAt: z.string(),
});
export type StaffMember = z.infer<typeof staffMemberSchema>;
export const staffResponseSchema = z.object({ items: z.array(staffMemberSchema) });
export type StaffResponse = z.infer<typeof staffResponseSchema>;

export const studioDraftStateSchema = z.object({
  revision: z.number().int(),
  publishedRevision: z.number().int().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
  document: studioDraftSchema,
});
export type StudioDraftState = z.infer<typeof studioDraftStateSchema>;

/** GET /api/teaching/courses/:id. `draft` is null for courses maintained in the content files. */
export const studioCourseSchema = z.object({
  id: z.string(),
  source: courseSourceSchema,
  published: z.boolean(),
  myRole: staffRoleSchema.nullable(),
  editable: z.boolean(),
  draft: studioDraftStateSchema.nullable(),
  versions: z.array(
    z.object({
      versionNo: z.number().int(),
      edition: z.string(),
      createdAt: z.string(),
      current: z.boolean(),
    }),
  ),
  staff: z.array(staffMemberSchema),
});
export type StudioCourse = z.infer<typeof studioCourseSchema>;

export const studioDraftSavedSchema = z.object({ revision: z.number().int() });
export type StudioDraftSaved = z.infer<typeof studioDraftSavedSchema>;
export const studioPublishedSchema = z.object({ versionNo: z.number().int(), changed: z.boolean() });
export type StudioPublished = z.infer<typeof studioPublishedSchema>;

export const courseLearnerSchema = z.object({
  userId: z.string(),
  /** null once the learner's account was de-identified. */
  displayName: z.string().nullable(),
  status: learnerStatusSchema,
  completedLessons: z.number().int(),
  totalLessons: z.number().int(),
  enrolledAt: z.string(),
  lastActivityAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  certificateIssued: z.boolean(),
});
export type CourseLearner = z.infer<typeof courseLearnerSchema>;

export const courseLearnersPageSchema = z.object({
  counts: z.object({
    enrolled: z.number().int(),
    not_started: z.number().int(),
    in_progress: z.number().int(),
    completed: z.number().int(),
  }),
  items: z.array(courseLearnerSchema),
  total: z.number().int(),
  page: z.number().int(),
  limit: z.number().int(),
});
export type CourseLearnersPage = z.infer<typeof courseLearnersPageSchema>;
