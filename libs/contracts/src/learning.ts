import { z } from 'zod';
import { lessonKindSchema } from './catalog';
import { clampedLimit, isoDateTime, languageCodeSchema, safeText } from './common';

/** A learner's standing on a video lesson's pinned questions ("2/3 câu hỏi đã trả lời"). */
export const videoQuestionsProgressSchema = z.object({
  answered: z.number().int(),
  total: z.number().int(),
  /** How many must be answered for the lesson to complete (the lesson's `requiredShare` of `total`, rounded up). */
  required: z.number().int(),
});
export type VideoQuestionsProgressView = z.infer<typeof videoQuestionsProgressSchema>;

/** The learner's first answer to a pinned question, as graded and stored (later answers change nothing). */
export const videoAnswerResultSchema = z.object({
  questionId: z.string(),
  correct: z.boolean(),
  /** What the learner chose, in the option ids they were shown. */
  selected: z.array(z.string()),
  /** The right options, in the option ids the learner was shown. */
  correctOptionIds: z.array(z.string()),
  explanation: z.string(),
  answeredAt: z.string(),
});
export type VideoAnswerResult = z.infer<typeof videoAnswerResultSchema>;

/**
 * A question pinned in a video as the learner sees it: no correctness and no explanation until they answered.
 * Option ids are opaque and differ per learner (the same on every opening), so none says which one is right.
 */
export const videoQuestionViewSchema = z.object({
  id: z.string(),
  /** Seconds from the start where the player pauses for it. */
  at: z.number(),
  type: z.enum(['single', 'multiple', 'truefalse']),
  prompt: z.string(),
  options: z.array(z.object({ id: z.string(), text: z.string() })),
  /** The learner's first answer, graded; null until they answered. */
  answer: videoAnswerResultSchema.nullable(),
});
export type VideoQuestionView = z.infer<typeof videoQuestionViewSchema>;

const optionId = z.string().min(1).max(64);
/**
 * Body of POST /api/lessons/:lessonId/video-questions/:questionId/answers: one option id (single choice,
 * true/false) or the chosen ids (multiple choice), as shown to this learner.
 */
export const videoAnswerRequestSchema = z.strictObject({
  answer: z.union([optionId, z.array(optionId).min(1).max(6)]),
});
export type VideoAnswerRequest = z.infer<typeof videoAnswerRequestSchema>;

export const lessonResponseSchema = z.object({
  /** The lesson's address for life: the same in every version of the course (an older revision's id opens it too). */
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
  /** Text lessons: seconds of reading still needed before the lesson can be completed (server clock). */
  readSecondsRemaining: z.number().int(),
  status: z.enum(['not_started', 'in_progress', 'completed']),
  /**
   * The learner completed this lesson before a change the teacher marked major (or any change of a file
   * course): their earlier credit is set aside and they are asked to read it again.
   */
  reread: z.boolean(),
  /** The language of the lesson's texts: the one asked for when the course is complete in it, else the course's. */
  language: languageCodeSchema,
  previousLessonId: z.string().uuid().nullable(),
  nextLessonId: z.string().uuid().nullable(),
  /** Video lessons: sources, captions per language, and what this learner already watched (for resume). */
  video: z
    .object({
      src: z.string(),
      hls: z.string().nullable(),
      poster: z.string().nullable(),
      /**
       * The poster's small copy (WebP, at most 480 px wide) for low-data mode, or null when there is none: the
       * page then shows `poster` (docs/low-data.md "Images").
       */
      posterSmall: z.string().nullable(),
      durationSeconds: z.number(),
      completionThreshold: z.number(),
      captions: z.array(z.object({ language: z.string(), src: z.string() })),
      watchedSeconds: z.number(),
      position: z.number(),
      /** Questions pinned at times of the video, in time order (empty for most videos). */
      questions: z.array(videoQuestionViewSchema),
      questionProgress: videoQuestionsProgressSchema,
    })
    .optional(),
  /**
   * The lesson's narration files, one per language that has one (any kind of lesson; docs/read-aloud.md). The
   * player plays the one in `language`; an offline download caches every `src`.
   */
  audio: z.array(
    z.object({
      language: z.string(),
      src: z.string(),
      mediaType: z.string(),
      durationSeconds: z.number().nullable(),
      /** Made by a speech synthesiser, waiting for a native speaker's recording. */
      synthetic: z.boolean(),
    }),
  ),
  /** Checklist lessons: the items in the learner's language and which ones they ticked. */
  checklist: z.object({ items: z.array(z.string()), ticked: z.array(z.number().int()) }).optional(),
  document: z.object({ src: z.string(), mediaType: z.string() }).optional(),
  quiz: z
    .object({
      questionsPerAttempt: z.number().int(),
      passMark: z.number().int(),
      timeLimitMinutes: z.number().int().nullable(),
      maxAttempts: z.number().int().nullable(),
      /** Attempts started so far, the one still open (to resume) and the latest one (to show its result). */
      attemptsUsed: z.number().int(),
      openAttemptId: z.string().uuid().nullable(),
      lastAttemptId: z.string().uuid().nullable(),
    })
    .optional(),
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

const versionLessonSchema = z.object({ id: z.string().uuid(), title: z.string() });

/**
 * A newer version of the course than the one the learner is on, and what moving to it changes for them
 * (docs/crediting.md "Staying on a version"): lessons added and removed, lessons they completed that a major
 * change asks them to read again, and lessons otherwise updated (their credit, if any, carries).
 */
export const courseVersionNoticeSchema = z.object({
  versionId: z.string().uuid(),
  versionNo: z.number().int(),
  fromVersionNo: z.number().int().nullable(),
  added: z.array(versionLessonSchema),
  removed: z.array(versionLessonSchema),
  reread: z.array(versionLessonSchema),
  updated: z.array(versionLessonSchema),
});
export type CourseVersionNotice = z.infer<typeof courseVersionNoticeSchema>;

/** The caller's state in one course: GET /api/me/courses/:courseId. */
export const courseProgressResponseSchema = z.object({
  enrolled: z.boolean(),
  enrolment: enrolmentSummarySchema.nullable(),
  /** `reread`: a change set the learner's earlier credit for the lesson aside; they are asked to read it again. */
  lessons: z.array(
    z.object({
      id: z.string().uuid(),
      status: lessonStatusSchema,
      reread: z.boolean(),
      /** Video lessons with pinned questions: how many the learner answered. */
      questions: videoQuestionsProgressSchema.optional(),
    }),
  ),
  /**
   * The version the learner reads (`current`: it is the course's current version); null when not enrolled. Its
   * outline is GET /api/courses/:courseId?version=<id>.
   */
  version: z.object({ id: z.string().uuid(), versionNo: z.number().int(), current: z.boolean() }).nullable(),
  /** A newer version the learner may move to (in progress on an older one, course still published), else null. */
  newVersion: courseVersionNoticeSchema.nullable(),
});
export type CourseProgressResponse = z.infer<typeof courseProgressResponseSchema>;

const seconds = z
  .number()
  .finite()
  .min(0)
  .max(24 * 3600);

/** A video heartbeat: the intervals played in this page session (cumulative), the playhead and why it was sent. */
export const heartbeatRequestSchema = z.strictObject({
  intervals: z.array(z.tuple([seconds, seconds])).max(200),
  position: seconds,
  event: z.enum(['tick', 'pause', 'seek', 'ended', 'hide']),
  playbackRate: z.number().finite().min(0.25).max(4).optional(),
  /** CSRF token in the body, for navigator.sendBeacon which cannot set headers. */
  _csrf: z.string().max(200).optional(),
});
export type HeartbeatRequest = z.infer<typeof heartbeatRequestSchema>;

export const heartbeatResponseSchema = z.object({
  watchedSeconds: z.number(),
  coverage: z.number(),
  completed: z.boolean(),
  /** The claim was more than the elapsed time allows; the excess was not credited. */
  capped: z.boolean(),
  /** Present on the heartbeat that completed the video: the course progress after it. */
  enrolment: enrolmentSummarySchema.optional(),
});
export type HeartbeatResponse = z.infer<typeof heartbeatResponseSchema>;

export const checklistRequestSchema = z.strictObject({
  ticked: z.array(z.number().int().min(0).max(100)).max(100),
});
export type ChecklistRequest = z.infer<typeof checklistRequestSchema>;

export const lessonActionResponseSchema = z.object({
  status: lessonStatusSchema,
  enrolment: enrolmentSummarySchema,
});
export type LessonActionResponse = z.infer<typeof lessonActionResponseSchema>;

/** The answer to a pinned question: the stored first answer (a replay gets it again) and where the lesson stands. */
export const videoAnswerResponseSchema = videoAnswerResultSchema.extend({
  /** True when this request did not store anything: the question was answered before (its first answer stands). */
  replayed: z.boolean(),
  questionProgress: videoQuestionsProgressSchema,
  status: lessonStatusSchema,
  /** The course progress after the answer. */
  enrolment: enrolmentSummarySchema,
});
export type VideoAnswerResponse = z.infer<typeof videoAnswerResponseSchema>;

/** Query of GET /api/xapi/statements (the xAPI statement resource's filters we support). */
export const xapiStatementsQuerySchema = z.strictObject({
  agent: z
    .string()
    .transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'agent must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(z.object({ account: z.object({ homePage: z.string(), name: z.string().max(200) }) }))
    .optional(),
  verb: z.string().url().max(300).optional(),
  activity: safeText({ max: 1000 }).optional(),
  since: isoDateTime().optional(),
  until: isoDateTime().optional(),
  limit: clampedLimit(100, 500),
  cursor: z
    .string()
    .regex(/^\d{1,19}$/)
    .optional(),
  /** xAPI: `true` for oldest first; newest first by default. */
  ascending: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});
export type XapiStatementsQuery = z.infer<typeof xapiStatementsQuerySchema>;

export const verificationVerdictSchema = z.enum([
  'valid',
  'revoked',
  'suspended',
  'tampered',
  'unknown_issuer',
  'expired',
  'not_yet_valid',
  'malformed',
]);

/** What a verifier learns about a credential, in plain terms, with every claim it makes. */
export const verificationResponseSchema = z.object({
  verdict: verificationVerdictSchema,
  checks: z.object({
    signature: z.boolean(),
    issuerAllowed: z.boolean(),
    validity: z.enum(['ok', 'expired', 'not_yet_valid']),
    status: z.enum(['ok', 'revoked', 'suspended', 'unknown']),
  }),
  claims: z
    .object({
      credentialId: z.string(),
      recipientName: z.string().nullable(),
      achievement: z.string(),
      description: z.string().nullable(),
      competencies: z.array(
        z.object({
          framework: z.string(),
          code: z.string(),
          name: z.string(),
          level: z.string().nullable(),
          /** The alignment's targetUrl as the credential says it (the web links only its own /frameworks pages). */
          url: z.string().nullable(),
        }),
      ),
      issuer: z.object({ id: z.string(), name: z.string() }),
      validFrom: z.string().nullable(),
      validUntil: z.string().nullable(),
    })
    .nullable(),
  errors: z.array(z.string()),
});
export type VerificationResponse = z.infer<typeof verificationResponseSchema>;

export const verifyRequestSchema = z.strictObject({ credential: z.record(z.string(), z.unknown()) });
export type VerifyRequest = z.infer<typeof verifyRequestSchema>;

export const certificateSummarySchema = z.object({
  id: z.string().uuid(),
  serial: z.string(),
  courseId: z.string(),
  courseTitle: z.string(),
  issuedAt: z.string().nullable(),
  /** `failed`: issuing stopped on an error that needs an administrator (see `failureCode`). */
  status: z.enum(['issuing', 'valid', 'revoked', 'suspended', 'failed']),
  /** Why issuing failed (a stable code), when `status` is `failed`. */
  failureCode: z.string().nullable().optional(),
  verifyUrl: z.string(),
  pdfUrl: z.string(),
  credentialUrl: z.string(),
});
export type CertificateSummary = z.infer<typeof certificateSummarySchema>;

export const certificateStatusRequestSchema = z.strictObject({
  action: z.enum(['revoke', 'suspend', 'reinstate']),
  reason: z.string().trim().min(3).max(500),
});
export type CertificateStatusRequest = z.infer<typeof certificateStatusRequestSchema>;

/** GET /api/xapi/statements: xAPI 1.0.3 statements (open documents) and the `more` link ('' on the last page). */
export const xapiStatementsResponseSchema = z.object({
  statements: z.array(z.looseObject({ stored: z.string() })),
  more: z.string(),
});
export type XapiStatementsResponse = z.infer<typeof xapiStatementsResponseSchema>;

/** GET /api/me/certificates. */
export const myCertificatesResponseSchema = z.object({ items: z.array(certificateSummarySchema) });
export type MyCertificatesResponse = z.infer<typeof myCertificatesResponseSchema>;

/** POST /api/certificates/:id/status: the certificate's status after the change. */
export const certificateStatusResponseSchema = z.object({ status: z.string() });
export type CertificateStatusResponse = z.infer<typeof certificateStatusResponseSchema>;

/**
 * A W3C document the api serves as signed (a credential, a status list credential, the issuer's DID document):
 * open, described by its standard; only the fields every one of them carries are named here.
 */
export const w3cDocumentSchema = z.looseObject({
  '@context': z.unknown().optional(),
  id: z.string().optional(),
});
export type W3cDocument = z.infer<typeof w3cDocumentSchema>;

/** GET /api/credentials/:id: `?download=1` answers the JSON as a file to save. */
export const credentialQuerySchema = z.object({ download: z.string().optional() });

/** Body of POST /api/me/courses/:courseId/version: the version the learner saw offered (the current one). */
export const moveVersionRequestSchema = z.strictObject({ versionId: z.string().uuid() });
export type MoveVersionRequest = z.infer<typeof moveVersionRequestSchema>;

/** `moved`: false when the learner already read that version (a repeated or parallel request). */
export const moveVersionResponseSchema = z.object({
  moved: z.boolean(),
  versionNo: z.number().int(),
  enrolment: enrolmentSummarySchema,
});
export type MoveVersionResponse = z.infer<typeof moveVersionResponseSchema>;
