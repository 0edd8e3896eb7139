import { z } from 'zod';

export const courseLearnersQuerySchema = z.strictObject({
  status: z.enum(['not_started', 'in_progress', 'completed']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  limit: z.coerce
    .number()
    .int()
    .catch(50)
    .default(50)
    .transform((n) => Math.min(200, Math.max(1, n))),
});
export type CourseLearnersQuery = z.infer<typeof courseLearnersQuerySchema>;
