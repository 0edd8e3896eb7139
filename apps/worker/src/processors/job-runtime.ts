import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createStorage } from '@hocvuso/storage';
import {
  BullJobQueue,
  RunnerJobQueue,
  type JobEnvelope,
  type JobHandler,
  type JobNameValue,
  InProcessJobRunner,
  PG_JOB_CHANNEL,
  QueueName,
  type QueueNameValue,
  redisConnection,
  SCHEDULES,
  QUEUE_OF,
  DEFAULT_JOB_OPTIONS,
} from '@hocvuso/jobs';
import { Worker } from 'bullmq';
import { Client } from 'pg';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { WORKER_CONFIG, WORKER_LOGGER } from '../tokens';
import type { WorkerConfig } from '../config/worker.config';
import { jobHandlers } from '../jobs/handlers';
import { createMailer, type Mailer } from '../mail/mailer';

type Handlers = ReturnType<typeof jobHandlers>;

/**
 * Runs the jobs. With Redis: one BullMQ worker per queue and BullMQ job schedulers for the sweeps. Without:
 * a Postgres LISTEN on the jobs channel feeds an in-process runner, and timers replace the schedulers.
 * On shutdown the workers finish or release their active jobs before the process exits.
 */
@Injectable()
export class JobRuntime implements OnApplicationBootstrap, OnApplicationShutdown {
  private workers: Worker[] = [];
  private runner?: InProcessJobRunner;
  private listener?: Client;
  private timers: NodeJS.Timeout[] = [];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(WORKER_LOGGER) private readonly logger: Logger,
  ) {}

  /** The schedules, with the certificate sweep timed by configuration; set once at bootstrap. */
  private schedules: typeof SCHEDULES = [];

  private producer?: BullJobQueue;
  private mailer?: Mailer;

  async onApplicationBootstrap(): Promise<void> {
    const sweep = this.config.certificateSweep;
    this.schedules = SCHEDULES.map((s) =>
      s.job === 'sweep-certificate-requests'
        ? { ...s, everyMs: sweep.everySeconds * 1000, payload: { olderThanSeconds: sweep.afterSeconds } }
        : s,
    );
    const queue = this.config.redisUrl
      ? (this.producer = new BullJobQueue(redisConnection(this.config.redisUrl)))
      : new RunnerJobQueue(() => this.runner);
    const handlers = jobHandlers({
      db: this.db,
      queue,
      logger: this.logger,
      issuance: { db: this.db, storage: createStorage(this.config.storage), settings: this.config.issuer },
      reminders: {
        db: this.db,
        queue,
        mailer: (this.mailer = createMailer(this.config.mail)),
        clock: () => new Date(),
        settings: {
          publicUrl: this.config.publicUrl,
          unsubscribeSecret: this.config.unsubscribeSecret,
          enabled: this.config.reminders.enabled,
        },
      },
    });
    if (this.config.redisUrl) await this.startBull(this.config.redisUrl, handlers);
    else await this.startInProcess(handlers);
    if (!this.config.mail.smtpUrl)
      this.logger.warn(
        'no SMTP_URL: e-mail stays in the local outbox (mail_outbox), readable by a system administrator',
      );
  }

  private async startBull(url: string, handlers: Handlers) {
    const connection = redisConnection(url);
    for (const name of Object.values(QueueName) as QueueNameValue[]) {
      const worker = new Worker(
        name,
        async (job) => {
          const handler = handlers[job.name as JobNameValue] as JobHandler | undefined;
          if (!handler) throw new Error(`no handler for job ${job.name}`);
          return handler(job.data);
        },
        { connection, prefix: 'hvs', concurrency: this.config.concurrency, autorun: true },
      );
      worker.on('completed', (job, outcome) =>
        this.logger.info({ job: job.name, jobId: job.id, outcome }, 'job finished'),
      );
      worker.on('failed', (job, err) =>
        this.logger.warn(
          { job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message },
          'job failed',
        ),
      );
      worker.on('error', (err) => this.logger.error({ err: err.message }, 'worker error'));
      this.workers.push(worker);
    }
    // The schedules go through the producer's queues (one Queue object per name for the whole worker).
    for (const s of this.schedules) {
      await this.producer!.queue(QUEUE_OF[s.job]).upsertJobScheduler(
        s.id,
        { every: s.everyMs },
        { name: s.job, data: s.payload, opts: DEFAULT_JOB_OPTIONS },
      );
    }
    this.logger.info(
      { queues: Object.values(QueueName), schedules: this.schedules.length },
      'worker ready (BullMQ on Redis)',
    );
  }

  private async startInProcess(handlers: Handlers) {
    this.runner = new InProcessJobRunner(handlers as Partial<Record<JobNameValue, JobHandler>>, this.logger);
    this.listener = new Client({ connectionString: this.config.databaseUrl });
    await this.listener.connect();
    this.listener.on('notification', (msg) => {
      try {
        const env = JSON.parse(msg.payload ?? '') as JobEnvelope;
        this.runner?.submit(env.name, env.payload, env.jobId, env.delayMs);
      } catch (err) {
        this.logger.warn({ err }, 'ignored a malformed job notification');
      }
    });
    this.listener.on('error', (err) => this.logger.error({ err: err.message }, 'job listener error'));
    await this.listener.query(`LISTEN ${PG_JOB_CHANNEL}`);
    for (const s of this.schedules) {
      this.runner.submit(s.job, s.payload, `${s.id}:boot`, 5_000);
      this.timers.push(
        setInterval(() => this.runner?.submit(s.job, s.payload, `${s.id}:${Date.now()}`), s.everyMs),
      );
    }
    this.logger.warn(
      'no REDIS_URL: jobs run in-process in the worker, fed by Postgres notifications (Postgres remains the source of truth)',
    );
  }

  async onApplicationShutdown(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    // worker.close() waits for active jobs to finish; queued jobs stay in Redis for the next worker.
    await Promise.all(this.workers.map((w) => w.close()));
    await this.producer?.close();
    await this.runner?.close();
    await this.listener?.end().catch(() => undefined);
    this.mailer?.close();
  }
}
