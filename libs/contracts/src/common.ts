import { z } from 'zod';

/** Every error response of the api has this shape. */
export const errorResponseSchema = z.object({
  statusCode: z.number().int(),
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
  requestId: z.string(),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

export const languageSchema = z.enum(['vi', 'en']);

export const localizedTextSchema = z.object({ vi: z.string(), en: z.string().optional() });

/** A page of results; `limit` is the clamped value actually used. */
export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    limit: z.number().int(),
  });

export const PAGE_LIMIT_DEFAULT = 12;
export const PAGE_LIMIT_MAX = 50;

/** Body of calls that take none: anything sent is refused, so a client bug shows at once. */
export const emptyBodySchema = z.strictObject({});

/**
 * A page size from a query string, clamped to 1..max (never refused, so a hand-edited URL still works); a
 * missing or unreadable value gives `dflt`.
 */
export const clampedLimit = (dflt: number, max: number) =>
  z.coerce
    .number()
    .int()
    .catch(dflt)
    .default(dflt)
    .transform((n) => Math.min(max, Math.max(1, n)));

/** A 1-based page number from a query string; an unreadable one gives the first page. */
export const clampedPage = (max: number) => z.coerce.number().int().min(1).max(max).catch(1).default(1);
