import { z } from 'zod';

/** "true"/"false"/"1"/"0" to a boolean. */
export const envBool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const secret = (purpose: string) =>
  z
    .string({ error: `is required: a random string of at least 32 characters that ${purpose}` })
    .min(32, 'must be at least 32 characters');

export const nodeEnvField = z.enum(['development', 'test', 'production']).default('development');

export const databaseUrlField = z
  .string({ error: 'is required: a postgres:// connection URL' })
  .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL');

/**
 * The environment variables that the api and the worker both read, each defined once (`.env.example` documents
 * them): the database, Redis, the certificate issuer's keys, file storage, logging, unsubscribe links and mail.
 * The cli reads the first two of them.
 */
export const sharedEnvFields = {
  NODE_ENV: nodeEnvField,
  DATABASE_URL: databaseUrlField,
  /** A read replica of DATABASE_URL (optional): the coverage dashboards' reads and report generation use it. */
  DATABASE_REPLICA_URL: databaseUrlField.optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  ISSUER_KEY_SECRET: secret('encrypts the signing keys'),
  ISSUER_NAME: z.string().min(1).default('Học vụ số'),
  STORAGE_DIR: z.string().min(1).default('.data/storage'),
  STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  S3_ENDPOINT: z.url().optional(),
  S3_BUCKET: z.string().min(3).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  UNSUBSCRIBE_SECRET: secret('signs the unsubscribe links (the api and the worker need the same one)'),
  // Empty counts as unset (docker compose passes `${SMTP_URL:-}` through).
  SMTP_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(
        /^smtps?:\/\/[^\s]+$/,
        'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.vn:587',
      )
      .optional(),
  ),
  /** SMS one person may cause per Vietnam day (codes, reminders); over it nothing is queued (docs/sms.md). */
  SMS_DAILY_PER_PERSON: z.coerce.number().int().min(0).max(1_000).default(5),
  /** SMS one phone number may receive per Vietnam day, whoever asks. */
  SMS_DAILY_PER_PHONE: z.coerce.number().int().min(0).max(1_000).default(5),
  /** SMS the whole platform may queue per Vietnam day (the budget of the SMS contract). */
  SMS_DAILY_GLOBAL: z.coerce.number().int().min(0).max(100_000_000).default(20_000),
};

/** The daily SMS caps read from the shared fields (the api's codes and the worker's reminders count together). */
export function smsCapsOf(c: {
  SMS_DAILY_PER_PERSON: number;
  SMS_DAILY_PER_PHONE: number;
  SMS_DAILY_GLOBAL: number;
}): { perPerson: number; perPhone: number; global: number } {
  return { perPerson: c.SMS_DAILY_PER_PERSON, perPhone: c.SMS_DAILY_PER_PHONE, global: c.SMS_DAILY_GLOBAL };
}

/**
 * In production PUBLIC_URL becomes the issuer's did:web in every credential, for good: it must be given, https,
 * and not a loopback name. Returns what is wrong, or undefined. The api and the worker both apply it.
 */
export function productionPublicUrlProblem(publicUrl: string | undefined): string | undefined {
  const example = 'e.g. PUBLIC_URL=https://hocvuso.example.vn';
  if (!publicUrl)
    return `is required in production: the https:// address people use (${example}); it becomes the issuer identity (did:web) of every credential`;
  const url = new URL(publicUrl);
  if (url.protocol !== 'https:')
    return `must be an https:// address in production (${example}); got ${url.protocol}//${url.host}`;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127\./.test(host) ||
    host === '::1' ||
    host === '0.0.0.0'
  ) {
    return `must be the public address in production, not ${url.host}: every credential would name it as its issuer forever`;
  }
  return undefined;
}
