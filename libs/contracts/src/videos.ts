import { z } from 'zod';
import { VIDEO_STATUSES } from '@hocvuso/domain';
import { captionIssueSchema } from './captions';
import { contentLanguageSchema, languageCodeSchema } from './common';

/** A course video as the studio sees it (docs/video-pipeline.md): its upload, probe and transcoding state. */
export const courseVideoSchema = z.object({
  id: z.string(),
  /** The teacher's file name, cleaned (metadata only: storage keys are the server's). */
  name: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  durationSeconds: z.number(),
  width: z.number().int(),
  height: z.number().int(),
  status: z.enum(VIDEO_STATUSES),
  /** Transcoding progress, whole percent (100 when ready). */
  progress: z.number().int().min(0).max(100),
  /** Why transcoding failed (a stable code and a sentence), when it did. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** Playable now: the original file (range requests) until the HLS ladder is ready, then both. */
  urls: z.object({
    original: z.string(),
    hls: z.string().nullable(),
    poster: z.string().nullable(),
  }),
  renditions: z.array(z.object({ name: z.string(), height: z.number().int().nullable() })),
  captions: z.array(
    z.object({ language: z.string(), url: z.string(), cueCount: z.number().int(), coverage: z.number() }),
  ),
  createdAt: z.string(),
});
export type CourseVideo = z.infer<typeof courseVideoSchema>;

export const courseVideosResponseSchema = z.object({ items: z.array(courseVideoSchema) });
export type CourseVideosResponse = z.infer<typeof courseVideosResponseSchema>;

/** A caption language of a studio video (a content language; Vietnamese is required to publish). */
export const videoCaptionLanguageSchema = contentLanguageSchema;

/**
 * PUT /api/teaching/courses/:courseId/videos/:videoId/captions/:language (body: the .vtt file, text/vtt): the
 * caption file stored (replacing that language's), with the validator's warnings. A file with errors is refused
 * with 400 CAPTIONS_INVALID, `details.errors` and `details.warnings` each `{ line, code, message }`, storing
 * nothing (docs/captions.md).
 */
export const videoCaptionStoredSchema = z.object({
  language: languageCodeSchema,
  url: z.string(),
  cueCount: z.number().int(),
  coverage: z.number(),
  warnings: z.array(captionIssueSchema),
});
export type VideoCaptionStored = z.infer<typeof videoCaptionStoredSchema>;
