import { formatConfigIssues } from '@hocvuso/contracts';
import { z } from 'zod';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: z
    .string({ error: 'is required: a postgres:// connection URL' })
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface WorkerConfig {
  env: 'development' | 'test' | 'production';
  databaseUrl: string;
  redisUrl?: string;
  concurrency: number;
  logLevel: string;
}

export class WorkerConfigError extends Error {}

/** Reads and validates the worker's environment once; nothing else in the worker reads process.env. */
export function loadWorkerConfig(env: Record<string, string | undefined> = process.env): WorkerConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new WorkerConfigError(formatConfigIssues('worker', parsed.error));
  const c = parsed.data;
  return { env: c.NODE_ENV, databaseUrl: c.DATABASE_URL, redisUrl: c.REDIS_URL, concurrency: c.WORKER_CONCURRENCY, logLevel: c.LOG_LEVEL };
}
