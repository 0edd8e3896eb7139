import { z } from 'zod';
import { formatConfigIssues } from '@hocvuso/contracts';

const bool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

/** Every environment variable the api reads, with what it expects. `.env.example` documents each one. */
export const apiConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z
    .string({ error: 'is required: a postgres:// connection URL' })
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  COOKIE_SECRET: z
    .string({ error: 'is required: a random string of at least 32 characters' })
    .min(32, 'must be at least 32 characters'),
  COOKIE_SECURE: bool.optional(),
  SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(256 * 1024),
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(10),
  HEARTBEAT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  CONTENT_DIR: z.string().min(1).default('content'),
  ISSUER_KEY_SECRET: z
    .string({ error: 'is required: a random string of at least 32 characters that encrypts the signing keys' })
    .min(32, 'must be at least 32 characters'),
  ISSUER_NAME: z.string().min(1).default('Học vụ số'),
  STORAGE_DIR: z.string().min(1).default('.data/storage'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST: z.string().optional(),
  RUN_MIGRATIONS: bool.default(true),
  UNSUBSCRIBE_SECRET: z
    .string({ error: 'is required: a random string of at least 32 characters that signs the unsubscribe links (the worker uses the same)' })
    .min(32, 'must be at least 32 characters'),
});

export type ApiConfigInput = z.input<typeof apiConfigSchema>;

export interface ApiConfig {
  env: 'development' | 'test' | 'production';
  host: string;
  port: number;
  publicUrl: string;
  databaseUrl: string;
  redisUrl?: string;
  cookieSecret: string;
  cookieSecure: boolean;
  sessionTtlDays: number;
  bodyLimitBytes: number;
  authRateLimitPerMinute: number;
  heartbeatRateLimitPerMinute: number;
  contentDir: string;
  issuer: { publicUrl: string; keySecret: string; name: { vi: string; en: string } };
  storageDir: string;
  logLevel: string;
  webDist?: string;
  runMigrations: boolean;
  /** Verifies the one-click unsubscribe links the worker signs. */
  unsubscribeSecret: string;
}

/** Thrown at boot with every wrong or missing variable named. */
export class ConfigError extends Error {}

/** Reads and validates the environment once. Nothing else in the api reads process.env. */
export function loadApiConfig(env: Record<string, string | undefined> = process.env): ApiConfig {
  const parsed = apiConfigSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(formatConfigIssues('api', parsed.error));
  const c = parsed.data;
  return {
    env: c.NODE_ENV,
    host: c.HOST,
    port: c.PORT,
    publicUrl: c.PUBLIC_URL ?? `http://localhost:${c.PORT}`,
    databaseUrl: c.DATABASE_URL,
    redisUrl: c.REDIS_URL,
    cookieSecret: c.COOKIE_SECRET,
    cookieSecure: c.COOKIE_SECURE ?? c.NODE_ENV === 'production',
    sessionTtlDays: c.SESSION_TTL_DAYS,
    bodyLimitBytes: c.BODY_LIMIT_BYTES,
    authRateLimitPerMinute: c.AUTH_RATE_LIMIT_PER_MINUTE,
    heartbeatRateLimitPerMinute: c.HEARTBEAT_RATE_LIMIT_PER_MINUTE,
    contentDir: c.CONTENT_DIR,
    issuer: {
      publicUrl: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, ''),
      keySecret: c.ISSUER_KEY_SECRET,
      name: { vi: c.ISSUER_NAME.normalize('NFC'), en: c.ISSUER_NAME.normalize('NFC') },
    },
    storageDir: c.STORAGE_DIR,
    logLevel: c.LOG_LEVEL,
    webDist: c.WEB_DIST,
    runMigrations: c.RUN_MIGRATIONS,
    unsubscribeSecret: c.UNSUBSCRIBE_SECRET,
  };
}

export const API_CONFIG = Symbol('API_CONFIG');
