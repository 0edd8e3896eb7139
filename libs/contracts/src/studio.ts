import { z } from 'zod';
import {
  isContentLanguage,
  type Language,
  QUIZ_DRAFT_LIMITS,
  REVEAL_POLICIES,
  SUB_GROUPS,
  TARGET_GROUPS,
  VIDEO_QUESTION_LIMITS,
} from '@hocvuso/domain';
import { clampedLimit, clampedPage, contentLanguageSchema, identifierText, safeText } from './common';

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
/** A text by content language (content/languages.yaml); Vietnamese always there, empty until written. */
const localizedDraft = (max: number, multiline = false) =>
  z
    .object({ vi: draftText(max, multiline).default('') })
    .catchall(draftText(max, multiline))
    .superRefine((text, ctx) => {
      for (const key of Object.keys(text))
        if (!isContentLanguage(key))
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: 'expected a content language (GET /api/languages)',
          });
    });

const lessonBase = {
  key: slug,
  title: localizedDraft(200),
  minutes: z.number().int().min(1).max(120),
  /**
   * The lesson's narration by content language: a narration uploaded to this same course (docs/read-aloud.md "In
   * the studio"); checked on save and again at publishing. Absent (or empty) for a lesson without narration.
   */
  audio: z.record(contentLanguageSchema, z.string().uuid('expected a narration id')).optional(),
};

/** Ids of questions, options and items: the editor makes them; never shown to learners (attempts use opaque ids). */
const quizId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected lowercase letters, digits and single hyphens')
  .max(40);
/** `framework:code`, one of the course's competencies (checked against the draft's list). */
const competencyRef = z
  .string()
  .regex(/^[a-z0-9.-]+:[0-9]+(\.[0-9]+)*$/, 'expected a competency such as "tt02-2025:4.1"')
  .max(64);
const quizOption = z.strictObject({
  id: quizId,
  text: localizedDraft(500),
  correct: z.boolean().default(false),
});
const quizQuestionBase = {
  id: quizId,
  competency: competencyRef.nullable().default(null),
  prompt: localizedDraft(1000, true),
  explanation: localizedDraft(2000, true),
};
const choices = z
  .array(quizOption)
  .min(2, 'expected at least two options')
  .max(QUIZ_DRAFT_LIMITS.options, `expected at most ${QUIZ_DRAFT_LIMITS.options} options`);
export const studioQuizQuestionSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...quizQuestionBase, type: z.literal('single'), options: choices }),
  z.strictObject({ ...quizQuestionBase, type: z.literal('multiple'), options: choices }),
  z.strictObject({ ...quizQuestionBase, type: z.literal('truefalse'), answer: z.boolean() }),
  z.strictObject({
    ...quizQuestionBase,
    type: z.literal('ordering'),
    items: z
      .array(z.strictObject({ id: quizId, text: localizedDraft(500) }))
      .min(2, 'expected at least two items')
      .max(QUIZ_DRAFT_LIMITS.items, `expected at most ${QUIZ_DRAFT_LIMITS.items} items`),
  }),
]);
export type StudioQuizQuestion = z.infer<typeof studioQuizQuestionSchema>;

/** A quiz's settings: the content format's `quiz:` front matter (its bank is the lesson's own questions). */
export const studioQuizSettingsSchema = z.strictObject({
  questionsPerAttempt: z.number().int().min(1).max(QUIZ_DRAFT_LIMITS.questionsPerAttempt),
  passMark: z.number().int().min(1).max(100),
  timeLimitMinutes: z.number().int().min(1).max(QUIZ_DRAFT_LIMITS.timeLimitMinutes).nullable().default(null),
  maxAttempts: z.number().int().min(1).max(QUIZ_DRAFT_LIMITS.maxAttempts).nullable().default(null),
  reveal: z.enum(REVEAL_POLICIES).default('afterPass'),
  retakeCooldownHours: z
    .number()
    .int()
    .min(0)
    .max(QUIZ_DRAFT_LIMITS.retakeCooldownHours)
    .nullable()
    .default(null),
});
export type StudioQuizSettings = z.infer<typeof studioQuizSettingsSchema>;

/**
 * A question pinned at a time of a studio video lesson: the content format's shape (docs/in-video-questions.md),
 * with the studio's localized drafts. Its rules against the video (time within it and increasing, one right
 * option for a single choice…) are `videoQuestionProblems`, checked at publishing like a file course's.
 */
const videoChoices = z
  .array(quizOption)
  .min(VIDEO_QUESTION_LIMITS.minOptions, 'expected at least two options')
  .max(VIDEO_QUESTION_LIMITS.maxOptions, `expected at most ${VIDEO_QUESTION_LIMITS.maxOptions} options`);
const videoQuestionBase = {
  id: quizId,
  /** Seconds from the start of the video where the player pauses. */
  at: z.number().positive('expected a time after the start').max(86_400),
  prompt: localizedDraft(1000, true),
  explanation: localizedDraft(2000, true),
};
export const studioVideoQuestionSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...videoQuestionBase, type: z.literal('single'), options: videoChoices }),
  z.strictObject({ ...videoQuestionBase, type: z.literal('multiple'), options: videoChoices }),
  z.strictObject({ ...videoQuestionBase, type: z.literal('truefalse'), answer: z.boolean() }),
]);
export type StudioVideoQuestion = z.infer<typeof studioVideoQuestionSchema>;

export const studioLessonSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...lessonBase, kind: z.literal('text'), body: localizedDraft(50_000, true) }),
  z.strictObject({
    ...lessonBase,
    kind: z.literal('checklist'),
    items: z.array(localizedDraft(500)).max(30),
  }),
  z.strictObject({
    ...lessonBase,
    kind: z.literal('document'),
    /** A material of this same course (docs/materials.md); checked on save and again at publishing. */
    materialId: z.string().uuid('expected a material id').nullable().default(null),
    /** What the document is, shown above the download (Markdown). */
    body: localizedDraft(5_000, true),
  }),
  z.strictObject({
    ...lessonBase,
    kind: z.literal('video'),
    /**
     * A video uploaded to this same course (docs/video-pipeline.md), ready or still transcoding; checked on save
     * and again at publishing. Its captions belong to the video (per language), not to the lesson.
     */
    videoId: z.string().uuid('expected a video id').nullable().default(null),
    /** What learners read under the video, and the transcript's stand-in when captions cannot load (Markdown). */
    body: localizedDraft(5_000, true),
    questions: z
      .array(studioVideoQuestionSchema)
      .max(
        VIDEO_QUESTION_LIMITS.maxQuestions,
        `expected at most ${VIDEO_QUESTION_LIMITS.maxQuestions} questions`,
      )
      .default([]),
    /** The share of the questions to answer (right or wrong) for the lesson to complete; 1 = every one. */
    requiredShare: z.number().min(0).max(1).default(1),
  }),
  z.strictObject({
    ...lessonBase,
    kind: z.literal('quiz'),
    /** What the learner reads before starting (Markdown). */
    instructions: localizedDraft(5_000, true),
    settings: studioQuizSettingsSchema,
    questions: z
      .array(studioQuizQuestionSchema)
      .max(QUIZ_DRAFT_LIMITS.questions, `expected at most ${QUIZ_DRAFT_LIMITS.questions} questions`)
      .default([]),
  }),
]);
export type StudioLesson = z.infer<typeof studioLessonSchema>;

/** A course holds at most this many quizzes. */
export const MAX_QUIZ_LESSONS = 5;

export const studioDraftSchema = z
  .strictObject({
    defaultLanguage: contentLanguageSchema.default('vi'),
    languages: z.array(contentLanguageSchema).min(1).max(20),
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
  })
  .superRefine((draft, ctx) => {
    // A question is tagged only with one of this course's competencies: another course's code is refused.
    const own = new Set(draft.competencies.map((c) => `${c.framework}:${c.code}`));
    let quizzes = 0;
    draft.lessons.forEach((lesson, i) => {
      if (lesson.kind !== 'quiz') return;
      quizzes += 1;
      lesson.questions.forEach((q, j) => {
        if (q.competency !== null && !own.has(q.competency))
          ctx.addIssue({
            code: 'custom',
            path: ['lessons', i, 'questions', j, 'competency'],
            message: `expected one of the course's competencies, not "${q.competency}"`,
          });
      });
    });
    if (quizzes > MAX_QUIZ_LESSONS)
      ctx.addIssue({
        code: 'custom',
        path: ['lessons'],
        message: `expected at most ${MAX_QUIZ_LESSONS} quizzes`,
      });
  });
export type StudioDraft = z.infer<typeof studioDraftSchema>;

export const studioCourseCreateSchema = z.strictObject({
  id: slug.min(3, 'expected at least 3 characters'),
  title: draftText(200).pipe(z.string().trim().min(1, 'expected a title')),
  defaultLanguage: contentLanguageSchema.default('vi'),
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
  /** A stable code (quiz problems: `QUIZ_NO_CORRECT_ANSWER`, ...), for translated messages. */
  code?: string;
  /** For quiz problems: false for a warning that does not refuse publishing. */
  blocking?: boolean;
  params?: Record<string, string | number>;
}

export const studioStaffAddSchema = z.strictObject({
  /** The teacher to add, by email or phone as they sign in. */
  identifier: identifierText(3, 200),
  role: z.enum(['editor', 'owner']).default('editor'),
});
export type StudioStaffAdd = z.infer<typeof studioStaffAddSchema>;

/** A new, empty draft for a course created in the studio. */
export function emptyStudioDraft(title: string, defaultLanguage: Language): StudioDraft {
  return {
    defaultLanguage,
    languages: [defaultLanguage],
    title: {
      vi: defaultLanguage === 'vi' ? title : '',
      ...(defaultLanguage !== 'vi' ? { [defaultLanguage]: title } : {}),
    },
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

export const LESSON_CHANGES = ['minor', 'major'] as const;
export type LessonChange = (typeof LESSON_CHANGES)[number];

/**
 * POST /api/teaching/courses/:id/publish. `changes`: for lessons already published whose content this publish
 * changes, whether the change is minor (the default: learners keep their credit) or major (their credit for it
 * is set aside and they are asked to read it again). A lesson id that is not a published lesson of this course
 * is refused (400 PUBLISH_CHANGE_UNKNOWN_LESSON).
 */
export const studioPublishRequestSchema = z.strictObject({
  revision: z.number().int().min(1),
  changes: z
    .array(z.strictObject({ lessonId: z.string().uuid(), change: z.enum(LESSON_CHANGES) }))
    .max(60)
    .default([]),
});
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
  /** Every reason the saved draft may not be submitted or published yet (the same list the api refuses with). */
  problems: z
    .array(
      z.object({
        field: z.string(),
        message: z.string(),
        code: z.string().optional(),
        blocking: z.boolean().optional(),
        params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      }),
    )
    .default([]),
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
  /**
   * The lessons of the current version: each key's address for life, and whether the saved draft changes its
   * content (the publish form asks, for each changed lesson, whether the change is minor or major; false when
   * the draft is not complete enough to publish).
   */
  publishedLessons: z.array(z.object({ key: z.string(), lessonId: z.string(), changed: z.boolean() })),
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
export const studioPublishedSchema = z.object({
  versionNo: z.number().int(),
  changed: z.boolean(),
  /** Published lessons whose content changed, by address, with how learners' credit was treated. */
  lessonChanges: z.array(
    z.object({
      lessonId: z.string(),
      key: z.string(),
      change: z.enum(LESSON_CHANGES),
      learnersKept: z.number().int(),
    }),
  ),
});
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
  /**
   * How many learners are on each version (docs/crediting.md "Staying on a version"): in progress on it, and
   * completed on it (the version they completed). Versions nobody is on are left out.
   */
  versions: z.array(
    z.object({
      versionNo: z.number().int(),
      current: z.boolean(),
      inProgress: z.number().int(),
      completed: z.number().int(),
    }),
  ),
  items: z.array(courseLearnerSchema),
  total: z.number().int(),
  page: z.number().int(),
  limit: z.number().int(),
});
export type CourseLearnersPage = z.infer<typeof courseLearnersPageSchema>;

/** Review before publishing (docs/studio-review.md): a decision names the draft revision the caller read. */
export const studioReviewDecisionSchema = z.strictObject({
  revision: z.number().int().min(1).max(2_147_483_647),
});
export type StudioReviewDecision = z.infer<typeof studioReviewDecisionSchema>;

/** Requesting changes says why: one to 2000 characters, NFC, no NUL or invisible characters (shown to the teacher). */
export const studioReviewRequestChangesSchema = z.strictObject({
  revision: studioReviewDecisionSchema.shape.revision,
  reason: safeText({ min: 1, max: 2000, multiline: true }),
});
export type StudioReviewRequestChanges = z.infer<typeof studioReviewRequestChangesSchema>;

export const REVIEW_STATUSES = [
  'draft',
  'in_review',
  'changes_requested',
  'approved',
  'stale_approval',
] as const;
export const studioReviewStatusSchema = z.enum(REVIEW_STATUSES);
export type StudioReviewStatus = z.infer<typeof studioReviewStatusSchema>;

/** A comment on one lesson (by its key): one to 2000 characters, NFC, no NUL or invisible characters. */
export const studioReviewCommentCreateSchema = z.strictObject({
  lessonKey: slug,
  body: safeText({ min: 1, max: 2000, multiline: true }),
});
export type StudioReviewCommentCreate = z.infer<typeof studioReviewCommentCreateSchema>;

export const studioReviewDecidedSchema = z.object({
  status: studioReviewStatusSchema,
  draftRevision: z.number().int(),
});

const diffLineSchema = z.object({ op: z.enum(['same', 'added', 'removed']), text: z.string() });
export const studioReviewSchema = z.object({
  courseId: z.string(),
  /** The draft's Vietnamese title (the reviewer's page heading). */
  title: z.string(),
  status: studioReviewStatusSchema,
  draftRevision: z.number().int(),
  reviewedRevision: z.number().int().nullable(),
  /** Who submitted the revision under review (their display name), null when never submitted. */
  submittedBy: z.string().nullable(),
  /** The caller submitted it, so they may not approve it or request changes (REVIEW_OWN_DRAFT). */
  ownDraft: z.boolean(),
  /** The reviewer's reason while changes are requested; null in every other state. */
  reason: z.string().nullable(),
  diff: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      change: z.enum(['added', 'removed', 'changed', 'unchanged']),
      lines: z.array(diffLineSchema).optional(),
    }),
  ),
  comments: z.array(
    z.object({
      id: z.string(),
      lessonKey: z.string(),
      body: z.string(),
      draftRevision: z.number().int(),
      author: z.string().nullable(),
      createdAt: z.string(),
      resolved: z.boolean(),
    }),
  ),
});
export type StudioReview = z.infer<typeof studioReviewSchema>;

export const reviewQueueSchema = z.object({
  items: z.array(
    z.object({
      courseId: z.string(),
      title: z.string(),
      draftRevision: z.number().int(),
      submittedBy: z.string().nullable(),
      submittedAt: z.string(),
    }),
  ),
});
export type ReviewQueue = z.infer<typeof reviewQueueSchema>;
export const studioReviewCommentCreatedSchema = z.object({ id: z.string() });
