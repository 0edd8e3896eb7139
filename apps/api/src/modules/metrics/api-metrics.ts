import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { certificateRequestCounts, poolStats } from '@hocvuso/db';
import { BullJobQueue, type JobQueue, QueueName, type QueueNameValue, withTimeout } from '@hocvuso/jobs';
import {
  cachedRead,
  createHttpMetrics,
  createMetricsRegistry,
  metricsAccess,
  registerPoolGauges,
  registerQueueGauges,
} from '@hocvuso/observability';
import { Counter, Gauge } from 'prom-client';
import type { DataSource } from 'typeorm';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { JOB_QUEUE } from '../jobs/jobs.module';

/** Reads that cost a round trip (Redis, Postgres) are taken at most this often, whatever the scrape rate. */
export const SCRAPE_CACHE_MS = 5_000;
/** How long a scrape waits for Redis before it reports the queues as unreadable. */
const QUEUE_READ_TIMEOUT_MS = 1_000;

/**
 * The api's metrics (one registry per application): Node's process metrics, HTTP latency by route pattern,
 * the Postgres pool, BullMQ queue depths and the certificate backlog (read at scrape time, cached for
 * SCRAPE_CACHE_MS), and video heartbeats. Served by MetricsController to the callers METRICS_TOKEN or
 * METRICS_ALLOW let in.
 */
@Injectable()
export class ApiMetrics {
  readonly registry = createMetricsRegistry('api');
  readonly http = createHttpMetrics(this.registry);
  readonly access: ReturnType<typeof metricsAccess>;
  private readonly heartbeatsReceived = new Counter({
    name: 'hvs_heartbeats_received_total',
    help: 'Video heartbeats that reached the learning service (validated requests)',
    registers: [this.registry],
  });
  private readonly heartbeatsCoalesced = new Counter({
    name: 'hvs_heartbeats_coalesced_total',
    help: 'Video heartbeats merged into another write instead of written alone (0 until heartbeats are batched)',
    registers: [this.registry],
  });

  constructor(
    @InjectDataSource() db: DataSource,
    @Inject(JOB_QUEUE) jobs: JobQueue,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    this.access = metricsAccess(config.metrics);
    registerPoolGauges(this.registry, () => poolStats(db));
    if (jobs instanceof BullJobQueue) {
      const queues = Object.values(QueueName) as QueueNameValue[];
      registerQueueGauges(
        this.registry,
        cachedRead(
          () =>
            withTimeout(
              Promise.all(
                queues.map(async (queue) => ({
                  queue,
                  counts: await jobs.queue(queue).getJobCounts('waiting', 'active', 'delayed', 'failed'),
                })),
              ),
              QUEUE_READ_TIMEOUT_MS,
              'read the queue depths',
            ),
          SCRAPE_CACHE_MS,
        ),
      );
    }
    const backlog = cachedRead(() => certificateRequestCounts(db), SCRAPE_CACHE_MS);
    new Gauge({
      name: 'hvs_certificate_requests',
      help: 'Certificate requests not issued, by state: pending (all not failed), retrying (5+ attempts), failed for good',
      labelNames: ['state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        const counts = await backlog().catch(() => undefined);
        if (!counts) return;
        this.set({ state: 'pending' }, counts.pending);
        this.set({ state: 'retrying' }, counts.retrying);
        this.set({ state: 'failed' }, counts.failed);
      },
    });
    new Gauge({
      name: 'hvs_certificate_request_oldest_pending_seconds',
      help: 'Age of the oldest certificate request still pending',
      registers: [this.registry],
      async collect() {
        const counts = await backlog().catch(() => undefined);
        if (counts) this.set(counts.oldestPendingSeconds);
      },
    });
  }

  /** A video heartbeat reached the service. */
  heartbeatReceived(): void {
    this.heartbeatsReceived.inc();
  }

  /** `n` heartbeats were folded into another write (for the batched heartbeat writer). */
  heartbeatCoalesced(n = 1): void {
    this.heartbeatsCoalesced.inc(n);
  }

  /** The exposition text and its content type. */
  async scrape(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }
}
