import { availableParallelism } from 'node:os';
import {
  envBool,
  formatConfigIssues,
  productionPublicUrlProblem,
  sharedEnvFields,
  smsCapsOf,
} from '@hocvuso/contracts';
import { poolEnvFields, poolSettings, type PoolSettings, WORKER_POOL_SETTINGS } from '@hocvuso/db';
import { storageSettings, type StorageSettings } from '@hocvuso/storage';
import { QueueName, type QueueNameValue } from '@hocvuso/jobs';
import {
  metricsAccessSettings,
  type MetricsAccessSettings,
  workerMetricsEnvFields,
} from '@hocvuso/observability';
import { z } from 'zod';
import { SMS_GATEWAYS, type SmsGatewayName } from '../sms/sms-gateway';

const QUEUES = Object.values(QueueName) as QueueNameValue[];

const schema = z
  .object({
    ...sharedEnvFields,
    ...poolEnvFields,
    ...workerMetricsEnvFields,
    /**
     * The queues this worker consumes (with Redis), comma-separated; empty for all of them. Tier 2 runs one
     * Deployment per group of queues so certificates never wait behind reminders.
     */
    WORKER_QUEUES: z
      .string()
      .trim()
      .default('')
      .refine((v) => v === '' || v.split(',').every((q) => (QUEUES as string[]).includes(q.trim())), {
        message: `expected a comma-separated list of queues among ${QUEUES.join(', ')}`,
      }),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
    /**
     * Threads rendering certificate PDFs beside the worker's event loop (0: on the event loop). Default: one per
     * core the process may use, at most 4 (each thread holds ~30 MB: pdfkit, the fonts).
     */
    CERTIFICATE_RENDER_THREADS: z.coerce
      .number()
      .int()
      .min(0)
      .max(32)
      .default(Math.min(4, availableParallelism())),
    PUBLIC_URL: z
      .url({ error: 'must be the public http(s) address of the platform, e.g. https://hocvuso.example.vn' })
      .default('http://localhost:3000'),
    CERTIFICATE_SWEEP_EVERY_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
    CERTIFICATE_SWEEP_AFTER_SECONDS: z.coerce.number().int().min(0).max(86_400).default(120),
    MAIL_FROM: z.string().trim().min(3).default('Học vụ số <no-reply@hocvuso.local>'),
    REMINDERS_ENABLED: envBool.default(true),
    SCHEDULE_CHECK_SECONDS: z.coerce.number().int().min(1).max(3_600).default(15),
    /**
     * Which SMS gateway sends the outbox (docs/sms.md, "Gateways"): `smpp` is the one shipped; a provider's HTTP
     * API or Zalo ZNS plugs in as another value with its own settings.
     */
    SMS_GATEWAY: z.enum(SMS_GATEWAYS as [SmsGatewayName, ...SmsGatewayName[]]).default('smpp'),
    SMPP_URL: z
      .string()
      .regex(/^smpps?:\/\/[^/\s:]+(:\d{1,5})?\/?$/, { error: 'must be smpp://host:port (or smpps://)' })
      .optional(),
    SMPP_SYSTEM_ID: z.string().max(16).default(''),
    SMPP_PASSWORD: z.string().max(9).default(''),
    SMPP_SOURCE_ADDR: z.string().max(20).default('HocVuSo'),
    SMS_RETRY_BASE_SECONDS: z.coerce.number().min(0).max(86_400).default(60),
    COVERAGE_RECONCILE_HOUR: z.coerce.number().int().min(0).max(23).default(2),
  })
  .superRefine((c, ctx) => {
    // The worker signs the credentials: in production their issuer (did:web of PUBLIC_URL) must be a public https address.
    if (c.NODE_ENV !== 'production') return;
    const publicUrlProblem = productionPublicUrlProblem(c.PUBLIC_URL);
    if (publicUrlProblem) ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: publicUrlProblem });
  });

export interface WorkerConfig {
  env: 'development' | 'test' | 'production';
  databaseUrl: string;
  /** A read replica (DATABASE_REPLICA_URL): report generation reads its counts there; absent, the primary. */
  databaseReplicaUrl?: string;
  /** The Postgres pool: size, acquire, lock, statement and idle-in-transaction timeouts, the transaction guard. */
  db: PoolSettings;
  redisUrl?: string;
  concurrency: number;
  /** Threads rendering certificate PDFs (0: the event loop renders them). */
  certificateRenderThreads: number;
  logLevel: string;
  issuer: { publicUrl: string; keySecret: string; name: { vi: string; en: string } };
  storageDir: string;
  /** Where generated files go: local disk (STORAGE_DIR) or an S3-compatible bucket. */
  storage: StorageSettings;
  /** How often the sweep looks for certificate requests not issued, and how old they must be. */
  certificateSweep: { everySeconds: number; afterSeconds: number };
  /** The public address of the platform (links in e-mails), without a trailing slash. */
  publicUrl: string;
  /** E-mail: sent over SMTP when `smtpUrl` is set, otherwise kept in the local outbox (mail_outbox). */
  mail: { smtpUrl?: string; from: string };
  /** Signs the one-click unsubscribe links; the api verifies them with the same secret. */
  unsubscribeSecret: string;
  /** Whether the reminder sweeps send anything (off for a staging copy of production data). */
  reminders: { enabled: boolean };
  /** How often a BullMQ worker checks that Redis still holds the repeating schedules (FLUSHALL, a restart). */
  scheduleCheckSeconds: number;
  /**
   * SMS over SMPP (bind_transceiver with systemId/password): without `url` the SMS stay queued in sms_outbox.
   * A failed send waits retryBaseSeconds × 2^attempts before the next try.
   */
  sms: {
    gateway: SmsGatewayName;
    url?: string;
    systemId: string;
    password: string;
    sourceAddr: string;
    retryBaseSeconds: number;
  };
  /** The daily SMS caps (per person, per number, for the platform) that reminders by SMS respect. */
  smsCaps: { perPerson: number; perPhone: number; global: number };
  /** The hour (0–23, Vietnam time) from which the nightly reconcile of the coverage rollups runs. */
  coverageReconcileHour: number;
  /** The queues whose jobs this worker runs (with Redis); all of them by default. */
  queues: QueueNameValue[];
  /** The worker's metrics listener (none without a port) and who may read it. */
  metrics: { port?: number; host: string; access: MetricsAccessSettings };
}

export class WorkerConfigError extends Error {}

/** Reads and validates the worker's environment once; nothing else in the worker reads process.env. */
export function loadWorkerConfig(env: Record<string, string | undefined> = process.env): WorkerConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new WorkerConfigError(formatConfigIssues('worker', parsed.error));
  const c = parsed.data;
  return {
    env: c.NODE_ENV,
    databaseUrl: c.DATABASE_URL,
    databaseReplicaUrl: c.DATABASE_REPLICA_URL,
    db: poolSettings(c, WORKER_POOL_SETTINGS),
    redisUrl: c.REDIS_URL,
    concurrency: c.WORKER_CONCURRENCY,
    certificateRenderThreads: c.CERTIFICATE_RENDER_THREADS,
    logLevel: c.LOG_LEVEL,
    issuer: {
      publicUrl: c.PUBLIC_URL.replace(/\/$/, ''),
      keySecret: c.ISSUER_KEY_SECRET,
      name: { vi: c.ISSUER_NAME.normalize('NFC'), en: c.ISSUER_NAME.normalize('NFC') },
    },
    storageDir: c.STORAGE_DIR,
    storage: storageSettings(c),
    certificateSweep: {
      everySeconds: c.CERTIFICATE_SWEEP_EVERY_SECONDS,
      afterSeconds: c.CERTIFICATE_SWEEP_AFTER_SECONDS,
    },
    publicUrl: c.PUBLIC_URL.replace(/\/$/, ''),
    mail: { smtpUrl: c.SMTP_URL, from: c.MAIL_FROM.normalize('NFC') },
    unsubscribeSecret: c.UNSUBSCRIBE_SECRET,
    reminders: { enabled: c.REMINDERS_ENABLED },
    scheduleCheckSeconds: c.SCHEDULE_CHECK_SECONDS,
    sms: {
      gateway: c.SMS_GATEWAY,
      url: c.SMPP_URL,
      systemId: c.SMPP_SYSTEM_ID,
      password: c.SMPP_PASSWORD,
      sourceAddr: c.SMPP_SOURCE_ADDR,
      retryBaseSeconds: c.SMS_RETRY_BASE_SECONDS,
    },
    smsCaps: smsCapsOf(c),
    coverageReconcileHour: c.COVERAGE_RECONCILE_HOUR,
    queues:
      c.WORKER_QUEUES === ''
        ? QUEUES
        : [...new Set(c.WORKER_QUEUES.split(',').map((q) => q.trim() as QueueNameValue))],
    metrics: { port: c.METRICS_PORT, host: c.METRICS_HOST, access: metricsAccessSettings(c) },
  };
}
