import { MAX_OFFLINE_EVENTS } from '@hocvuso/domain';
import { z } from 'zod';
import { quizAttemptResponseSchema, submitAttemptRequestSchema } from './assessment';
import { isoDateTime } from './common';
import { heartbeatRequestSchema } from './learning';

/** Body of POST /api/me/offline-downloads/:courseId: the quiz lessons to draw an attempt of for offline use. */
export const offlineDownloadRequestSchema = z.strictObject({
  quizLessonIds: z.array(z.string().uuid()).max(20).default([]),
});
export type OfflineDownloadRequest = z.infer<typeof offlineDownloadRequestSchema>;

/**
 * Answer of POST /api/me/offline-downloads/:courseId: when the server counts the course as downloaded, and an
 * attempt drawn by the server for each quiz asked for (no answer key in it), or why none could be.
 */
export const offlineDownloadResponseSchema = z.object({
  courseId: z.string(),
  attempts: z.array(
    z.object({
      lessonId: z.string(),
      attempt: quizAttemptResponseSchema.nullable(),
      refusal: z.string().nullable(),
    }),
  ),
  /** The first download of this course by this learner (server clock); offline time before it counts for nothing. */
  downloadedAt: z.string(),
  serverTime: z.string(),
});
export type OfflineDownloadResponse = z.infer<typeof offlineDownloadResponseSchema>;

const eventId = z.string().uuid();
const lessonId = z.string().uuid();

/** A reading stint on a text lesson, timed by the device's clock. */
export const offlineReadEventSchema = z.strictObject({
  kind: z.literal('read'),
  id: eventId,
  lessonId,
  startedAt: isoDateTime(),
  endedAt: isoDateTime(),
});
/** "Mark as read" pressed offline: applied after the batch's reading time, with the online rule. */
export const offlineCompleteEventSchema = z.strictObject({
  kind: z.literal('complete'),
  id: eventId,
  lessonId,
  at: isoDateTime(),
});
/** Answers to a quiz attempt the server drew when the course was downloaded; graded at sync, once. */
export const offlineQuizEventSchema = z.strictObject({
  kind: z.literal('quiz'),
  id: eventId,
  lessonId,
  attemptId: z.string().uuid(),
  answers: submitAttemptRequestSchema.shape.answers,
  /** When the learner started answering, and when they submitted, by the device's clock. */
  startedAt: isoDateTime(),
  at: isoDateTime(),
});
/**
 * A video heartbeat the player queued offline: what the online heartbeat sends, with the device's time it was
 * sent at; credited at sync by the online rule, the time between heartbeats taken from these times.
 */
export const offlineWatchEventSchema = z.strictObject({
  kind: z.literal('watch'),
  id: eventId,
  lessonId,
  at: isoDateTime(),
  intervals: heartbeatRequestSchema.shape.intervals,
  position: heartbeatRequestSchema.shape.position,
  event: heartbeatRequestSchema.shape.event,
});
/** A pinned question's id (kebab-case, as the content format and the studio make them). */
const videoQuestionId = z
  .string()
  .max(64)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);
/** An option id as the learner was shown it: opaque, base64url (docs/in-video-questions.md). */
const videoOptionId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
/**
 * An answer to a question pinned in a video, given offline in the option ids the learner was shown: one id
 * (single choice, true/false) or the chosen ids (multiple choice), as the online answer's body. Graded at sync
 * by the online answer, after the batch's heartbeats of that video, so the question must by then be reached in
 * the coverage the server credited.
 */
export const offlineVideoAnswerEventSchema = z.strictObject({
  kind: z.literal('video-answer'),
  id: eventId,
  lessonId,
  questionId: videoQuestionId,
  answer: z.union([videoOptionId, z.array(videoOptionId).min(1).max(6)]),
  at: isoDateTime(),
});
export const offlineEventSchema = z.discriminatedUnion('kind', [
  offlineReadEventSchema,
  offlineCompleteEventSchema,
  offlineQuizEventSchema,
  offlineWatchEventSchema,
  offlineVideoAnswerEventSchema,
]);
export type OfflineEvent = z.input<typeof offlineEventSchema>;

/** Body of POST /api/me/offline-sync: the device's clock as it sends, and its queued events (oldest first). */
export const offlineSyncRequestSchema = z.strictObject({
  clientTime: isoDateTime(),
  events: z.array(offlineEventSchema).min(1).max(MAX_OFFLINE_EVENTS),
});
export type OfflineSyncRequest = z.infer<typeof offlineSyncRequestSchema>;

export const offlineEventResultSchema = z.object({
  id: z.string(),
  /**
   * `credited` reading time or video seconds (`seconds`), `completed` lesson (a heartbeat that completed it
   * carries its `seconds` too; an answer to a pinned question that completed it its `passed`), `graded` quiz or
   * pinned question (`passed`: passed, or answered right), `refused` (see `reason`). A
   * replayed event answers what it answered the first time.
   */
  status: z.enum(['credited', 'completed', 'graded', 'refused']),
  reason: z.string().nullable(),
  seconds: z.number().int().nullable(),
  passed: z.boolean().nullable(),
  replayed: z.boolean(),
});
export type OfflineEventResult = z.infer<typeof offlineEventResultSchema>;

export const offlineSyncResponseSchema = z.object({
  serverTime: z.string(),
  /** Server clock minus device clock, in seconds, as measured at this sync. */
  skewSeconds: z.number(),
  results: z.array(offlineEventResultSchema),
});
export type OfflineSyncResponse = z.infer<typeof offlineSyncResponseSchema>;
