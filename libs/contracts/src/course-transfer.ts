import { z } from 'zod';

/**
 * A course as files and back (docs/course-export.md): the export zip of a course, the import of such a zip as a
 * new studio course, and the copy of a file course into the studio.
 */
const courseId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected lowercase letters, digits and single hyphens, such as "bai-1"')
  .min(3, 'expected at least 3 characters')
  .max(60);

/** GET /api/teaching/courses/:courseId/export?of=draft|published (default draft; a file course: its files). */
export const courseExportQuerySchema = z.strictObject({
  of: z.enum(['draft', 'published']).default('draft'),
});
export type CourseExportQuery = z.infer<typeof courseExportQuerySchema>;

/** POST /api/teaching/courses/import?id=: the zip as the body; `id` replaces the course.yaml id. */
export const courseImportQuerySchema = z.strictObject({ id: courseId.optional() });
export type CourseImportQuery = z.infer<typeof courseImportQuerySchema>;

/** POST /api/teaching/courses/:courseId/copy-to-studio: the new course's id (default `<id>-ban-sao`). */
export const courseCopyRequestSchema = z.strictObject({ id: courseId.optional() });
export type CourseCopyRequest = z.infer<typeof courseCopyRequestSchema>;

export const CONVERSION_NOTES = [
  'MODULES_MERGED',
  'COMPLETION_EVERY_LESSON',
  'LESSON_COMPETENCIES_DROPPED',
  'MIN_READ_SECONDS_DROPPED',
  /** A file course's HLS playlist and poster: the worker makes them again from the original. */
  'VIDEO_FILES_REMADE',
  /** A file course's own share of a video to watch: studio videos use the platform's default. */
  'VIDEO_THRESHOLD_DROPPED',
  /**
   * A file course's narration marked `synthetic: true` (a machine's voice): the narration is kept, the mark is not
   * (studio narrations are recordings, published with `synthetic: false`).
   */
  'AUDIO_SYNTHETIC_DROPPED',
  /** A file course's partial translations (`partialLanguages`): the studio edits complete languages only. */
  'PARTIAL_LANGUAGES_DROPPED',
] as const;
export type ConversionNoteCode = (typeof CONVERSION_NOTES)[number];

/** The studio course made by an import or a copy, and what the studio could not keep as it was. */
export const courseCreatedFromFilesSchema = z.object({
  id: z.string(),
  lessons: z.number().int(),
  materials: z.number().int(),
  /** Videos stored for the new course, each queued for transcoding. */
  videos: z.number().int(),
  /** Lesson narrations stored for the new course (one per distinct file). */
  narrations: z.number().int(),
  notes: z.array(z.object({ code: z.enum(CONVERSION_NOTES), lessons: z.array(z.string()).optional() })),
});
export type CourseCreatedFromFiles = z.infer<typeof courseCreatedFromFilesSchema>;
