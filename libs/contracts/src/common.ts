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
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), limit: z.number().int() });

export const PAGE_LIMIT_DEFAULT = 12;
export const PAGE_LIMIT_MAX = 50;

/** Body of calls that take none: anything sent is refused, so a client bug shows at once. */
export const emptyBodySchema = z.strictObject({});
