import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { path as ffmpegPath } from '@ffmpeg-installer/ffmpeg';
import { path as ffprobePath } from '@ffprobe-installer/ffprobe';
import { createStorage } from '@hocvuso/storage';
import { checkIssuerIdentity } from '@hocvuso/issuance';
import {
  BullJobQueue,
  RunnerJobQueue,
  type JobHandler,
  type JobNameValue,
  InProcessJobRunner,
  redisConnection,
  SCHEDULES,
} from '@hocvuso/jobs';
import { poolStats } from '@hocvuso/db';
import {
  createJobMetrics,
  createMetricsRegistry,
  metricsAccess,
  registerPoolGauges,
  startMetricsServer,
} from '@hocvuso/observability';
import { Worker } from 'bullmq';
import { Gauge } from 'prom-client';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { createDataSource, replicaDataSourceOptions } from '@hocvuso/db';
import { WORKER_CONFIG, WORKER_LOGGER } from '../tokens';
import type { WorkerConfig } from '../config/worker.config';
import { jobHandlers } from '../jobs/handlers';
import { createMailer, type Mailer } from '../mail/mailer';
import { PgJobListener } from './pg-job-listener';
import { instrumentHandlers } from './instrumented-handlers';
import { createSmsGateway, type SmsGateway } from '../sms/sms-gateway';
import { createPdfRenderer, type PdfRenderer } from '../certificate-pdf/pdf-renderer';

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
  private listener?: PgJobListener;
  private timers: NodeJS.Timeout[] = [];
  private checkingSchedules?: Promise<void>;
  private watcher?: Redis;
  /** The worker's metrics: job durations and outcomes, certificates, the pool, the in-process runner's load. */
  readonly metrics = createMetricsRegistry('worker');
  private readonly jobMetrics = createJobMetrics(this.metrics);
  private metricsServer?: { port: number; close(): Promise<void> };

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(WORKER_LOGGER) private readonly logger: Logger,
  ) {}

  /** The schedules, with the certificate sweep timed by configuration; set once at bootstrap. */
  private schedules: typeof SCHEDULES = [];

  private producer?: BullJobQueue;
  /** The read replica's pool (DATABASE_REPLICA_URL): report generation reads its counts there. */
  private replica?: DataSource;
  private mailer?: Mailer;
  private sms?: SmsGateway;
  private pdfRenderer?: PdfRenderer;

  async onApplicationBootstrap(): Promise<void> {
    // Refuse to start on a changed PUBLIC_URL or a wrong ISSUER_KEY_SECRET, as the api does (tests share one
    // database between several addresses, so they may issue under a new one).
    await checkIssuerIdentity(this.db, this.config.issuer, { allowNewUrl: this.config.env === 'test' });
    const sweep = this.config.certificateSweep;
    this.schedules = SCHEDULES.map((s) =>
      s.job === 'sweep-certificate-requests'
        ? { ...s, everyMs: sweep.everySeconds * 1000, payload: { olderThanSeconds: sweep.afterSeconds } }
        : s.job === 'reconcile-coverage'
          ? { ...s, payload: { hour: this.config.coverageReconcileHour } }
          : s,
    );
    const queue = this.config.redisUrl
      ? (this.producer = new BullJobQueue(redisConnection(this.config.redisUrl), 'hvs', {
          onError: (err) => this.logger.debug({ err: err.message }, 'job producer connection error'),
        }))
      : new RunnerJobQueue(() => this.runner);
    if (this.config.databaseReplicaUrl) {
      this.replica = await createDataSource(
        replicaDataSourceOptions(this.config.databaseReplicaUrl, this.config.db),
        { mode: this.config.db.transactionGuard },
      ).initialize();
      this.logger.info('coverage reports read their counts from the read replica (DATABASE_REPLICA_URL)');
    }
    const handlers = instrumentHandlers(
      jobHandlers({
        reader: this.replica,
        db: this.db,
        queue,
        logger: this.logger,
        issuance: {
          db: this.db,
          storage: createStorage(this.config.storage),
          settings: this.config.issuer,
          renderPdf: (input) => this.renderer().render(input),
        },
        media: { storage: createStorage(this.config.storage), ffmpegPath, ffprobePath },
        sms: {
          db: this.db,
          sender: (this.sms = createSmsGateway(this.config.sms)),
          settings: { retryBaseSeconds: this.config.sms.retryBaseSeconds },
        },
        reminders: {
          db: this.db,
          queue,
          mailer: (this.mailer = createMailer(this.config.mail)),
          clock: () => new Date(),
          settings: {
            publicUrl: this.config.publicUrl,
            unsubscribeSecret: this.config.unsubscribeSecret,
            enabled: this.config.reminders.enabled,
            smsCaps: this.config.smsCaps,
          },
        },
      }),
      this.jobMetrics,
    );
    await this.startMetrics();
    if (this.config.redisUrl) await this.startBull(this.config.redisUrl, handlers);
    else await this.startInProcess(handlers);
    if (!this.config.mail.smtpUrl)
      this.logger.warn(
        'no SMTP_URL: e-mail stays in the local outbox (mail_outbox), readable by a system administrator',
      );
    if (!this.config.sms.url)
      this.logger.warn('no SMPP_URL: SMS stay queued in sms_outbox until an SMSC is configured');
  }

  private async startBull(url: string, handlers: Handlers) {
    const connection = redisConnection(url);
    for (const name of this.config.queues) {
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
        outcome === 'failed'
          ? this.logger.warn(
              { job: job.name, jobId: job.id, data: job.data },
              'job failed for good; recorded for an administrator',
            )
          : this.logger.info({ job: job.name, jobId: job.id, outcome }, 'job finished'),
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
    // The schedules go through the producer's queues (one Queue object per name for the whole worker). Redis
    // may lose them (FLUSHALL, a restart without persistence): check periodically and whenever the producer's
    // connection becomes ready again, and register what is missing.
    try {
      await this.producer!.registerSchedules(this.schedules);
    } catch (err) {
      this.logger.error({ err: (err as Error).message }, 'could not register the schedules yet; will retry');
    }
    this.timers.push(setInterval(() => void this.checkSchedules(), this.config.scheduleCheckSeconds * 1000));
    // A small connection of its own says when Redis is back (it fires 'ready' on every reconnect).
    this.watcher = new Redis({ ...connection, maxRetriesPerRequest: null });
    this.watcher.on('error', () => undefined);
    this.watcher.on('ready', () => void this.checkSchedules());
    this.logger.info(
      { queues: this.config.queues, schedules: this.schedules.length },
      'worker ready (BullMQ on Redis)',
    );
  }

  /**
   * The metrics registry's pool and runner gauges, and the listener when METRICS_PORT is set (Prometheus
   * scrapes each worker pod directly; the api serves the queue depths).
   */
  private async startMetrics(): Promise<void> {
    registerPoolGauges(this.metrics, () => poolStats(this.db));
    const runner = () => this.runner;
    new Gauge({
      name: 'hvs_inprocess_jobs',
      help: 'Jobs of the in-process runner (no Redis): running, or due and waiting for a slot',
      labelNames: ['state'] as const,
      registers: [this.metrics],
      collect() {
        const load = runner()?.load;
        if (!load) return;
        this.set({ state: 'running' }, load.running);
        this.set({ state: 'waiting' }, load.waiting);
      },
    });
    const { port, host, access } = this.config.metrics;
    if (port === undefined) return;
    this.metricsServer = await startMetricsServer(this.metrics, metricsAccess(access), { port, host });
    this.logger.info({ port: this.metricsServer.port, host }, 'worker metrics listening on /metrics');
  }

  /** The port the metrics listener took (METRICS_PORT, or the one the system chose for 0). */
  get metricsPort(): number | undefined {
    return this.metricsServer?.port;
  }

  /** Registers the schedules Redis no longer holds; one check at a time. */
  checkSchedules(): Promise<void> {
    this.checkingSchedules ??= (async () => {
      try {
        const registered = await this.producer?.ensureSchedules(this.schedules);
        if (registered?.length)
          this.logger.warn(
            { schedules: registered },
            'Redis had lost repeating schedules; registered them again',
          );
      } catch (err) {
        this.logger.warn(
          { err: (err as Error).message },
          'could not check the schedules (Redis unavailable?)',
        );
      } finally {
        this.checkingSchedules = undefined;
      }
    })();
    return this.checkingSchedules;
  }

  private async startInProcess(handlers: Handlers) {
    this.runner = new InProcessJobRunner(
      handlers as Partial<Record<JobNameValue, JobHandler>>,
      this.logger,
      undefined,
      this.config.concurrency,
    );
    const sweepNow = () => {
      // Jobs announced while nobody listened were lost with their notification: look in Postgres now.
      const at = Date.now();
      this.runner?.submit(
        'sweep-certificate-requests',
        { olderThanSeconds: 0 },
        `sweep-certificate-requests:reconnect:${at}`,
      );
      this.runner?.submit('send-pending-mail', { olderThanSeconds: 0 }, `send-pending-mail:reconnect:${at}`);
      this.runner?.submit('send-pending-sms', {}, `send-pending-sms:reconnect:${at}`);
    };
    this.listener = new PgJobListener(
      this.config.databaseUrl,
      (env) => this.runner?.submit(env.name, env.payload, env.jobId, env.delayMs),
      this.logger,
      sweepNow,
    );
    await this.listener.start();
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

  /**
   * The certificate PDF renderer, made at the first certificate: a worker boot pays nothing for it (each thread
   * costs ~1 s of CPU to start and warm), and a worker that issues no certificate never starts render threads.
   */
  private renderer(): PdfRenderer {
    if (!this.pdfRenderer) {
      this.pdfRenderer = createPdfRenderer({ threads: this.config.certificateRenderThreads, dir: __dirname });
      this.logger.info(
        { threads: this.pdfRenderer.threads },
        this.pdfRenderer.threads
          ? 'certificate PDFs render on a pool of threads'
          : 'certificate PDFs render on the main thread',
      );
    }
    return this.pdfRenderer;
  }

  /** Whether the in-process runner listens for jobs right now (undefined with Redis). */
  get listening(): boolean | undefined {
    return this.listener?.listening;
  }

  async onApplicationShutdown(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    // worker.close() waits for active jobs to finish; queued jobs stay in Redis for the next worker.
    this.watcher?.disconnect();
    await Promise.all(this.workers.map((w) => w.close()));
    await this.producer?.close();
    await this.listener?.close();
    await this.runner?.close();
    this.mailer?.close();
    await this.sms?.close();
    await this.pdfRenderer?.close();
    await this.metricsServer?.close();
    await this.replica?.destroy();
  }
}
