import { join } from 'node:path';
import { isIP } from 'node:net';
import { poolEnvFields, poolSettings, type PoolSettings } from '@hocvuso/db';
import { storageSettings, type StorageSettings } from '@hocvuso/storage';
import { metricsAccessSettings, type MetricsAccessSettings, metricsEnvFields } from '@hocvuso/observability';
import { z } from 'zod';
import {
  envBool,
  formatConfigIssues,
  productionPublicUrlProblem,
  sharedEnvFields,
  smsCapsOf,
} from '@hocvuso/contracts';

/** One OpenID Provider people may sign in with (VNeID or any other OIDC provider). */
export const oidcProviderSchema = z.strictObject({
  /** Short id used in the URLs and stored on linked accounts: never change it once people have linked. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'lower-case letters, digits and dashes'),
  /** The name shown on the sign-in button. */
  name: z.string().min(1).max(80),
  /** The issuer; its /.well-known/openid-configuration is discovered at the first sign-in. */
  issuer: z.url(),
  clientId: z.string().min(1),
  /** Absent for a public client (PKCE only, token_endpoint_auth_method none). */
  clientSecret: z.string().min(1).optional(),
  scopes: z
    .array(z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/))
    .min(1)
    .default(['openid', 'email', 'profile']),
  /** The claim of the ID token that carries the assurance level (default `acr`). */
  assuranceClaim: z.string().min(1).default('acr'),
  /** Assurance levels that count as a verified identity, e.g. ["level2"] for VNeID level 2. */
  verifiedAcrValues: z.array(z.string().min(1)).default([]),
  /** acr_values to request, space-separated (optional). */
  acrValues: z.string().min(1).optional(),
});
export type OidcProviderConfig = z.output<typeof oidcProviderSchema>;

const oidcProviders = z
  .string()
  .optional()
  .transform((raw, ctx): unknown => {
    if (raw === undefined || raw.trim() === '') return [];
    try {
      return JSON.parse(raw);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array of providers' });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .array(oidcProviderSchema)
      .max(20)
      .refine((list) => new Set(list.map((p) => p.id)).size === list.length, 'provider ids must be unique'),
  );

/** Every environment variable the api reads, with what it expects. `.env.example` documents each one. */
export const apiConfigSchema = z
  .object({
    ...sharedEnvFields,
    ...poolEnvFields,
    ...metricsEnvFields,
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    PUBLIC_URL: z.url().optional(),
    COOKIE_SECRET: z
      .string({ error: 'is required: a random string of at least 32 characters' })
      .min(32, 'must be at least 32 characters'),
    COOKIE_SECURE: envBool.optional(),
    /** SIGTERM: the longest the api drains (finishes requests in flight) before it exits anyway. */
    SHUTDOWN_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .min(0)
      .max(10 * 60_000)
      .default(10_000),
    /** SIGTERM: how long readiness answers 503 while requests are still served, before draining starts. */
    SHUTDOWN_DELAY_MS: z.coerce
      .number()
      .int()
      .min(0)
      .max(5 * 60_000)
      .default(0),
    SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    BODY_LIMIT_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(50 * 1024 * 1024)
      .default(256 * 1024),
    /** The largest population sheet (CSV or XLSX upload) accepted, in bytes. */
    POPULATION_SHEET_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(50 * 1024 * 1024)
      .default(5 * 1024 * 1024),
    /** The largest studio material (PDF, image, office document) a teacher may upload, in bytes. */
    MATERIAL_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(500 * 1024 * 1024)
      .default(20 * 1024 * 1024),
    /** The largest course archive (.zip) a teacher may import, in bytes (docs/course-export.md). */
    COURSE_ZIP_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(2 * 1024 * 1024 * 1024)
      .default(200 * 1024 * 1024),
    /** The largest studio video a teacher may upload (tus), in bytes; default 2 GiB. */
    VIDEO_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(64 * 1024 ** 3)
      .default(2 * 1024 ** 3),
    /** Where video uploads in progress are kept (local disk; every api replica must see the same folder). */
    VIDEO_UPLOAD_DIR: z.string().min(1).optional(),
    /** Sign-in, sign-up, password reset and one-time codes per device (address and browser) and route, a minute. */
    AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(10),
    /**
     * The same routes per address, a minute, for every device behind it: a commune training room of 30 phones on
     * one Wi-Fi signs up together; a client shedding cookies for fresh device budgets stops here. Unset: 15 devices'
     * worth of AUTH_RATE_LIMIT_PER_MINUTE, and at least 150.
     */
    AUTH_ADDRESS_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).optional(),
    /**
     * Which proxies' X-Forwarded-For to believe (the client address that rate limits key on): unset or empty for
     * none, a hop count (`1` behind the shipped nginx), or a comma-separated list of addresses or CIDRs.
     */
    TRUST_PROXY: z
      .string()
      .trim()
      .default('')
      .refine((v) => v === '' || /^\d{1,2}$/.test(v) || v.split(',').every((p) => trustedProxy(p.trim())), {
        message: 'expected nothing, a hop count (e.g. 1), or a comma-separated list of IP addresses or CIDRs',
      }),
    HEARTBEAT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
    /** Heartbeat batch transactions in flight at once, each on one pooled connection (docs/performance.md). */
    HEARTBEAT_BATCHES_IN_FLIGHT: z.coerce.number().int().min(1).max(8).default(4),
    /**
     * At most one heartbeat batch starts per this window (ms) unless the next is full (docs/performance.md,
     * "Batches that fill"); 0 = start each batch as soon as a slot is free.
     */
    HEARTBEAT_BATCH_FILL_MS: z.coerce.number().int().min(0).max(1000).default(10),
    /** Questions to the assistant per signed-in person and minute (docs/assistant.md). */
    ASSISTANT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(20),
    /** Questions to the assistant per address and minute from people not signed in (stricter). */
    ASSISTANT_ANONYMOUS_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(10),
    /**
     * Off by default. An OpenAI-compatible API (`https://host/v1`) that phrases the assistant's answers from the
     * retrieved passages; only the question (personal data removed) and the passages are sent.
     */
    ASSISTANT_LLM_URL: z.url({ protocol: /^https?$/ }).optional(),
    ASSISTANT_LLM_MODEL: z.string().min(1).max(200).default('default'),
    ASSISTANT_LLM_API_KEY: z.string().min(1).optional(),
    ASSISTANT_LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(8000),
    CONTENT_DIR: z.string().min(1).default('content'),
    WEB_DIST: z.string().optional(),
    RUN_MIGRATIONS: envBool.default(true),
    SESSION_ROTATE_MINUTES: z.coerce
      .number()
      .int()
      .min(0)
      .max(24 * 60)
      .default(15),
    SESSION_ROTATE_GRACE_SECONDS: z.coerce.number().int().min(0).max(600).default(30),
    SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).max(30).default(5),
    OIDC_PROVIDERS: oidcProviders,
  })
  .superRefine((c, ctx) => {
    if (c.NODE_ENV !== 'production') return;
    const publicUrlProblem = productionPublicUrlProblem(c.PUBLIC_URL);
    if (publicUrlProblem) ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: publicUrlProblem });
    for (const p of c.OIDC_PROVIDERS) {
      if (!p.issuer.startsWith('https://')) {
        ctx.addIssue({
          code: 'custom',
          path: ['OIDC_PROVIDERS'],
          message: `provider ${p.id}: the issuer must be https:// in production`,
        });
      }
    }
  });

export type ApiConfigInput = z.input<typeof apiConfigSchema>;

export interface ApiConfig {
  env: 'development' | 'test' | 'production';
  host: string;
  port: number;
  publicUrl: string;
  databaseUrl: string;
  /** A read replica (DATABASE_REPLICA_URL): the coverage read endpoints read there; absent, the primary. */
  databaseReplicaUrl?: string;
  /** The Postgres pool: size, acquire, lock, statement and idle-in-transaction timeouts, the transaction guard. */
  db: PoolSettings;
  redisUrl?: string;
  cookieSecret: string;
  cookieSecure: boolean;
  /** SIGTERM: stop accepting, close idle connections, finish requests in flight within `timeoutMs`, then exit. */
  shutdown: { timeoutMs: number; delayMs: number };
  sessionTtlDays: number;
  bodyLimitBytes: number;
  /** The largest population sheet (CSV or XLSX) accepted, in bytes; also bounds an XLSX's unpacked size (×20). */
  populationSheetMaxBytes: number;
  /** The largest studio material upload, in bytes (MATERIAL_MAX_BYTES). */
  materialMaxBytes: number;
  /** The largest course archive import, in bytes (COURSE_ZIP_MAX_BYTES). */
  courseZipMaxBytes: number;
  /** The largest studio video upload, in bytes (VIDEO_MAX_BYTES). */
  videoMaxBytes: number;
  /** Uploads in progress (VIDEO_UPLOAD_DIR, default `<STORAGE_DIR>/../video-uploads`). */
  videoUploadDir: string;
  authRateLimitPerMinute: number;
  /** The daily SMS caps per person, per phone number and for the platform (docs/sms.md). */
  smsCaps: { perPerson: number; perPhone: number; global: number };
  /** Fastify's trustProxy: false (none), a hop count, or addresses/CIDRs. */
  trustProxy: false | number | string[];
  authAddressRateLimitPerMinute: number;
  heartbeatRateLimitPerMinute: number;
  /** Heartbeat batch transactions in flight at once. */
  heartbeatBatchesInFlight: number;
  heartbeatBatchFillMs: number;
  assistant: {
    rateLimitPerMinute: number;
    anonymousRateLimitPerMinute: number;
    /** The optional model that phrases answers; undefined: answers quote the lessons (the default). */
    model?: { url: string; model: string; apiKey?: string; timeoutMs: number };
  };
  contentDir: string;
  issuer: { publicUrl: string; keySecret: string; name: { vi: string; en: string } };
  storageDir: string;
  /** Where generated files go: local disk (STORAGE_DIR) or an S3-compatible bucket. */
  storage: StorageSettings;
  logLevel: string;
  webDist?: string;
  runMigrations: boolean;
  /** Verifies the one-click unsubscribe links the worker signs. */
  unsubscribeSecret: string;
  /** A session token older than this is replaced by a new one of the same family (0: on every request). */
  sessionRotateMinutes: number;
  /** How long a replaced token still works (concurrent requests); presented later, it revokes the family. */
  sessionRotateGraceSeconds: number;
  /**
   * How long the video heartbeat ingest (heartbeat-ingest.ts) may reuse a session the database validated,
   * never longer than the rotation grace (docs/performance.md); 0: never.
   */
  sessionCacheSeconds: number;
  /** The OpenID Providers people may sign in with. */
  oidcProviders: OidcProviderConfig[];
  /** How e-mail written by the api leaves: the worker sends `smtp` rows; `local` rows stay in the outbox. */
  mailTransport: 'smtp' | 'local';
  /** Who may read /api/metrics: the METRICS_TOKEN bearer token, or an address in METRICS_ALLOW. */
  metrics: MetricsAccessSettings;
}

/** Thrown at boot with every wrong or missing variable named. */
export class ConfigError extends Error {}

/** Reads and validates the environment once. Nothing else in the api reads process.env. */
export function loadApiConfig(env: Record<string, string | undefined> = process.env): ApiConfig {
  const parsed = apiConfigSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(formatConfigIssues('api', parsed.error));
  const c = parsed.data;
  // One spelling of the public address everywhere (links, xAPI activity ids, did:web): no trailing slash.
  const publicUrl = (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, '');
  return {
    env: c.NODE_ENV,
    host: c.HOST,
    port: c.PORT,
    publicUrl,
    databaseUrl: c.DATABASE_URL,
    databaseReplicaUrl: c.DATABASE_REPLICA_URL,
    db: poolSettings(c),
    redisUrl: c.REDIS_URL,
    cookieSecret: c.COOKIE_SECRET,
    cookieSecure: c.COOKIE_SECURE ?? c.NODE_ENV === 'production',
    shutdown: { timeoutMs: c.SHUTDOWN_TIMEOUT_MS, delayMs: c.SHUTDOWN_DELAY_MS },
    sessionTtlDays: c.SESSION_TTL_DAYS,
    bodyLimitBytes: c.BODY_LIMIT_BYTES,
    populationSheetMaxBytes: c.POPULATION_SHEET_MAX_BYTES,
    materialMaxBytes: c.MATERIAL_MAX_BYTES,
    courseZipMaxBytes: c.COURSE_ZIP_MAX_BYTES,
    videoMaxBytes: c.VIDEO_MAX_BYTES,
    videoUploadDir: c.VIDEO_UPLOAD_DIR ?? join(c.STORAGE_DIR, '..', 'video-uploads'),
    authRateLimitPerMinute: c.AUTH_RATE_LIMIT_PER_MINUTE,
    smsCaps: smsCapsOf(c),
    trustProxy:
      c.TRUST_PROXY === ''
        ? false
        : /^\d+$/.test(c.TRUST_PROXY)
          ? Number(c.TRUST_PROXY) || false
          : c.TRUST_PROXY.split(',').map((p) => p.trim()),
    authAddressRateLimitPerMinute:
      c.AUTH_ADDRESS_RATE_LIMIT_PER_MINUTE ?? Math.max(150, 15 * c.AUTH_RATE_LIMIT_PER_MINUTE),
    heartbeatRateLimitPerMinute: c.HEARTBEAT_RATE_LIMIT_PER_MINUTE,
    heartbeatBatchesInFlight: c.HEARTBEAT_BATCHES_IN_FLIGHT,
    heartbeatBatchFillMs: c.HEARTBEAT_BATCH_FILL_MS,
    assistant: {
      rateLimitPerMinute: c.ASSISTANT_RATE_LIMIT_PER_MINUTE,
      anonymousRateLimitPerMinute: c.ASSISTANT_ANONYMOUS_RATE_LIMIT_PER_MINUTE,
      model: c.ASSISTANT_LLM_URL
        ? {
            url: c.ASSISTANT_LLM_URL,
            model: c.ASSISTANT_LLM_MODEL,
            apiKey: c.ASSISTANT_LLM_API_KEY,
            timeoutMs: c.ASSISTANT_LLM_TIMEOUT_MS,
          }
        : undefined,
    },
    contentDir: c.CONTENT_DIR,
    issuer: {
      publicUrl,
      keySecret: c.ISSUER_KEY_SECRET,
      name: { vi: c.ISSUER_NAME.normalize('NFC'), en: c.ISSUER_NAME.normalize('NFC') },
    },
    storageDir: c.STORAGE_DIR,
    storage: storageSettings(c),
    logLevel: c.LOG_LEVEL,
    webDist: c.WEB_DIST,
    runMigrations: c.RUN_MIGRATIONS,
    unsubscribeSecret: c.UNSUBSCRIBE_SECRET,
    sessionRotateMinutes: c.SESSION_ROTATE_MINUTES,
    sessionRotateGraceSeconds: c.SESSION_ROTATE_GRACE_SECONDS,
    sessionCacheSeconds: c.SESSION_CACHE_SECONDS,
    oidcProviders: c.OIDC_PROVIDERS,
    mailTransport: c.SMTP_URL ? 'smtp' : 'local',
    metrics: metricsAccessSettings(c),
  };
}

export const API_CONFIG = Symbol('API_CONFIG');

/** An IP address or a CIDR (address/prefix length) that TRUST_PROXY may name. */
function trustedProxy(p: string): boolean {
  const [address, bits, extra] = p.split('/');
  if (extra !== undefined || !address || isIP(address) === 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d{1,3}$/.test(bits) && n <= (isIP(address) === 4 ? 32 : 128);
}
