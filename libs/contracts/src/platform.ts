import { z } from 'zod';

/** GET /api/health: the process answers. */
export const healthResponseSchema = z.object({ status: z.literal('ok') });
export type HealthResponse = z.infer<typeof healthResponseSchema>;

/** GET /api/ready (200 ready, 503 not ready): Postgres, the job transport, the worker's schedules, certificates. */
export const readinessResponseSchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({
    postgres: z.enum(['up', 'down']),
    jobs: z.object({
      transport: z.string(),
      status: z.enum(['up', 'down']),
      schedules: z.enum(['registered', 'missing', 'unknown', 'not_applicable']),
    }),
    certificates: z
      .object({
        failed: z.number(),
        retrying: z.number(),
        pending: z.number(),
        oldestPendingSeconds: z.number(),
      })
      .nullable(),
  }),
  warnings: z.array(z.string()),
});
export type ReadinessResponse = z.infer<typeof readinessResponseSchema>;
