// WebVTT captions: the studio's check of a caption file (docs/captions.md). The rules and codes are those of
// `parseWebVtt` in libs/domain (captions/webvtt.ts).
import { z } from 'zod';

/** POST /api/teaching/captions/validate?durationSeconds=&minCoverage= (body: the .vtt file, text/vtt). */
export const captionValidateQuerySchema = z.strictObject({
  /** The video's duration: cues must end within it and cover enough of it. Without it neither is checked. */
  durationSeconds: z.coerce.number().positive().max(86_400).optional(),
  /** The least share of the video the cues must cover (0..1, default 0.5). */
  minCoverage: z.coerce.number().min(0).max(1).optional(),
});
export type CaptionValidateQuery = z.infer<typeof captionValidateQuerySchema>;

export const captionIssueSchema = z.object({
  /** 1-based line of the file (1 for problems of the whole file). */
  line: z.number().int().min(1),
  /** Stable: VTT_NOT_UTF8, VTT_MISSING_HEADER, VTT_MALFORMED_TIMESTAMP, VTT_CUES_OVERLAP, VTT_CUE_PAST_END… */
  code: z.string(),
  /** In English; the web shows its own words for the code. */
  message: z.string(),
});
export type CaptionIssue = z.infer<typeof captionIssueSchema>;

export const captionValidationSchema = z.object({
  /** True when nothing refuses the file (warnings allowed). */
  ok: z.boolean(),
  cueCount: z.number().int().min(0),
  /** Share of the video covered by cues (0..1), when a duration was given. */
  coverage: z.number().min(0).max(1).nullable(),
  errors: z.array(captionIssueSchema),
  warnings: z.array(captionIssueSchema),
});
export type CaptionValidation = z.infer<typeof captionValidationSchema>;
