import { z } from 'zod';
import {
  DEFAULT_VIDEO_COMPLETION_THRESHOLD,
  DEFAULT_VIDEO_QUESTIONS_REQUIRED_SHARE,
  type VideoQuestion,
} from '@hocvuso/domain';
import type { LessonKind } from './catalog';
import { localizedTextSchema } from './common';

/**
 * A media file of a course, as a lesson refers to it: its key inside the course's media (the path the content
 * names, e.g. `media/intro.mp4`), the SHA-256 of its bytes when the importer recorded one (videos, HLS playlists
 * and documents; posters and captions have none), and its media type. The `media` api module turns a ref into
 * a URL; nothing else builds media URLs.
 */
export const mediaRefSchema = z.object({
  key: z.string().min(1),
  hash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  mediaType: z.string().min(1),
});
export type MediaRef = z.infer<typeof mediaRefSchema>;

/** A quiz lesson's settings, as the content import stores them. */
export const quizSettingsSchema = z.object({
  bank: z.string(),
  bankHash: z.string(),
  questionsPerAttempt: z.number().int(),
  passMark: z.number().int(),
  timeLimitMinutes: z.number().int().optional(),
  maxAttempts: z.number().int().optional(),
  reveal: z.enum(['afterPass', 'afterLastAttempt', 'never']).optional(),
  retakeCooldownHours: z.number().int().optional(),
});
export type QuizSettings = z.infer<typeof quizSettingsSchema>;

/**
 * A question pinned at a time of a video, as stored (with its answer: the server's copy, never sent as is; the
 * learner gets `videoQuestionViewSchema` of libs/contracts/src/video-questions.ts).
 */
const storedVideoQuestionSchema: z.ZodType<VideoQuestion> = z.discriminatedUnion('type', [
  z.object({
    id: z.string().min(1),
    at: z.number().positive(),
    type: z.enum(['single', 'multiple']),
    prompt: localizedTextSchema,
    explanation: localizedTextSchema,
    options: z.array(
      z.object({ id: z.string().min(1), text: localizedTextSchema, correct: z.boolean().optional() }),
    ),
  }),
  z.object({
    id: z.string().min(1),
    at: z.number().positive(),
    type: z.literal('truefalse'),
    answer: z.boolean(),
    prompt: localizedTextSchema,
    explanation: localizedTextSchema,
  }),
]);

/** The body of a lesson, by kind: what the learner is given to read, tick, watch, open or answer. */
export const lessonBodySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text') }),
  z.object({ kind: z.literal('checklist'), items: z.array(localizedTextSchema) }),
  z.object({
    kind: z.literal('video'),
    video: mediaRefSchema,
    hls: mediaRefSchema.nullable(),
    poster: mediaRefSchema.nullable(),
    durationSeconds: z.number().positive(),
    /** The share of the video to watch for the lesson to complete (the lesson's own, else the default). */
    completionThreshold: z.number(),
    captions: z.array(z.object({ language: z.string(), media: mediaRefSchema })),
    /** Questions pinned at times of the video, in time order (none for most videos). */
    questions: z.array(storedVideoQuestionSchema),
    /** The share of `questions` to answer (answered, right or wrong) for the lesson to complete. */
    requiredShare: z.number().min(0).max(1),
  }),
  z.object({ kind: z.literal('document'), document: mediaRefSchema }),
  z.object({ kind: z.literal('quiz'), quiz: quizSettingsSchema }),
]);
export type LessonBody = z.infer<typeof lessonBodySchema>;
/** The body of one kind of lesson. */
export type LessonBodyOf<K extends LessonKind> = Extract<LessonBody, { kind: K }>;

/** `lesson_revisions.data` as the content import writes it, per kind (the stored form; hashes depend on it). */
const storedVideoSchema = z.object({
  video: z.object({
    src: z.string().min(1),
    hls: z.string().min(1).optional(),
    poster: z.string().min(1).optional(),
    durationSeconds: z.number().positive(),
    completionThreshold: z.number().optional(),
    questions: z.array(storedVideoQuestionSchema).optional(),
    requiredShare: z.number().min(0).max(1).optional(),
  }),
  captions: z.record(z.string(), z.string()).default({}),
  /** SHA-256 of the video, then of the HLS playlist when there is one (then of the captions, in import order). */
  mediaHashes: z.array(z.string().nullable()).default([]),
});
const storedDocumentSchema = z.object({
  document: z.object({ src: z.string().min(1), mediaType: z.string().min(1) }),
  mediaHashes: z.array(z.string().nullable()).default([]),
});
const storedChecklistSchema = z.object({ items: z.array(localizedTextSchema) });
const storedQuizSchema = z.object({ quiz: quizSettingsSchema });

const MEDIA_TYPES: Record<string, string> = {
  mp4: 'video/mp4',
  webm: 'video/webm',
  // Studio uploads keep their container (docs/video-pipeline.md).
  mov: 'video/quicktime',
  mkv: 'video/x-matroska',
  m3u8: 'application/vnd.apple.mpegurl',
  vtt: 'text/vtt',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  pdf: 'application/pdf',
};

/** The media type of a course file, by its extension. */
export function mediaTypeOf(key: string): string {
  return MEDIA_TYPES[key.slice(key.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream';
}

const ref = (key: string, hash: string | null | undefined, mediaType = mediaTypeOf(key)): MediaRef => ({
  key,
  hash: hash ?? null,
  mediaType,
});

/** `lesson_revisions.data.audio` as the content import writes it: the narration per language (any kind of lesson). */
const storedAudioSchema = z.object({
  audio: z
    .record(
      z.string(),
      z.object({
        src: z.string().min(1),
        sha256: z.string().nullable().default(null),
        mediaType: z.string().min(1),
        durationSeconds: z.number().positive().nullable().default(null),
        synthetic: z.boolean().default(false),
      }),
    )
    .default({}),
});

/** A lesson's narration in one language (docs/read-aloud.md): its file, length when measured, and whether a machine made it. */
export const lessonAudioSchema = z.object({
  language: z.string(),
  media: mediaRefSchema,
  durationSeconds: z.number().nullable(),
  synthetic: z.boolean(),
});
export type LessonAudio = z.infer<typeof lessonAudioSchema>;

/**
 * The narration tracks of a stored lesson revision, by language (keyed by the lesson's language string, so a
 * course in any language may carry one). Data without `audio` (every lesson before narration existed) has none.
 */
export function lessonAudioOf(data: unknown): LessonAudio[] {
  const parsed = storedAudioSchema.safeParse(data ?? {});
  if (!parsed.success) return [];
  return Object.entries(parsed.data.audio).map(([language, a]) => ({
    language,
    media: ref(a.src, a.sha256, a.mediaType),
    durationSeconds: a.durationSeconds,
    synthetic: a.synthetic,
  }));
}

/**
 * The typed body of a stored lesson revision (`kind` and `data` of `lesson_revisions`), checked at the
 * boundary: data that does not match its kind throws (the importer never writes such rows).
 */
export function lessonBodyOf(kind: LessonKind, data: unknown): LessonBody {
  switch (kind) {
    case 'text':
      return { kind };
    case 'checklist':
      return { kind, items: storedChecklistSchema.parse(data).items };
    case 'quiz':
      return { kind, quiz: storedQuizSchema.parse(data).quiz };
    case 'document': {
      const d = storedDocumentSchema.parse(data);
      return { kind, document: ref(d.document.src, d.mediaHashes[0], d.document.mediaType) };
    }
    case 'video': {
      const d = storedVideoSchema.parse(data);
      const v = d.video;
      return {
        kind,
        video: ref(v.src, d.mediaHashes[0]),
        hls: v.hls ? ref(v.hls, d.mediaHashes[1]) : null,
        poster: v.poster ? ref(v.poster, null) : null,
        durationSeconds: v.durationSeconds,
        completionThreshold: v.completionThreshold ?? DEFAULT_VIDEO_COMPLETION_THRESHOLD,
        captions: Object.entries(d.captions).map(([language, key]) => ({ language, media: ref(key, null) })),
        questions: v.questions ?? [],
        requiredShare: v.requiredShare ?? DEFAULT_VIDEO_QUESTIONS_REQUIRED_SHARE,
      };
    }
  }
}
