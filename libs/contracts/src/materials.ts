import { z } from 'zod';

/** A studio material (docs/materials.md): typed by its bytes, stored under a key the server makes. */
export const materialSchema = z.object({
  id: z.string(),
  /** The uploaded name, NFC, with the extension of the detected type. */
  name: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  /** PDFs only. */
  pageCount: z.number().int().nullable(),
  /** Images only; required before a lesson showing the image is published. */
  altText: z.string().nullable(),
  /** Whether text was found in the PDF for search. */
  textExtracted: z.boolean(),
  createdAt: z.string(),
});
export type Material = z.infer<typeof materialSchema>;

/** An upload's answer: the material, and whether this upload created it (false: the course had these bytes). */
export const materialUploadedSchema = materialSchema.extend({ created: z.boolean() });
export type MaterialUploaded = z.infer<typeof materialUploadedSchema>;

export const materialsResponseSchema = z.object({ items: z.array(materialSchema) });
export type MaterialsResponse = z.infer<typeof materialsResponseSchema>;

export const materialAltTextSchema = z.strictObject({ altText: z.string().max(2000) });
export type MaterialAltText = z.infer<typeof materialAltTextSchema>;
