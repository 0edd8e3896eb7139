import { clampedLimit, clampedPage } from '@hocvuso/contracts';
import { z } from 'zod';

export const courseLearnersQuerySchema = z.strictObject({
  status: z.enum(['not_started', 'in_progress', 'completed']).optional(),
  page: clampedPage(100_000),
  limit: clampedLimit(50, 200),
});
export type CourseLearnersQuery = z.infer<typeof courseLearnersQuerySchema>;
