import { z } from 'zod';

/**
 * A studio narration file (docs/read-aloud.md "In the studio"): audio checked by its bytes and ffprobe, stored
 * under a key the server makes; a draft lesson names it by id per language.
 */
export const narrationSchema = z.object({
  id: z.string(),
  /** The uploaded name, NFC, without control or zero-width characters, with the detected container's extension. */
  name: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  durationSeconds: z.number(),
  /** Where the studio's player (and, once published, the learner's) fetches it, with range requests. */
  url: z.string(),
  createdAt: z.string(),
});
export type Narration = z.infer<typeof narrationSchema>;

/** An upload's answer: the narration, and whether this upload created it (false: the course had these bytes). */
export const narrationUploadedSchema = narrationSchema.extend({ created: z.boolean() });
export type NarrationUploaded = z.infer<typeof narrationUploadedSchema>;

export const narrationsResponseSchema = z.object({ items: z.array(narrationSchema) });
export type NarrationsResponse = z.infer<typeof narrationsResponseSchema>;
