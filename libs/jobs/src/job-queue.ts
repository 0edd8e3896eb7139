import { Queue, type RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { DEFAULT_JOB_OPTIONS, type EnqueueOptions, type JobNameValue, type JobPayloads, QUEUE_OF, type QueueNameValue } from './registry';

/** The one way to start background work. Postgres holds the truth; the queue only carries ids. */
export interface JobQueue {
  readonly transport: 'redis' | 'postgres';
  enqueue<N extends JobNameValue>(name: N, payload: JobPayloads[N], options?: EnqueueOptions): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** ioredis options for BullMQ: workers must never give up on a command (maxRetriesPerRequest: null). */
export function redisConnection(url: string): RedisOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
  };
}

export class BullJobQueue implements JobQueue {
  readonly transport = 'redis' as const;
  private readonly queues = new Map<QueueNameValue, Queue>();
  private pinger?: Redis;

  constructor(
    private readonly connection: RedisOptions,
    private readonly prefix = 'hvs',
  ) {}

  queue(name: QueueNameValue): Queue {
    let q = this.queues.get(name);
    if (!q) {
      // Producers fail fast instead of hanging a request when Redis is down.
      q = new Queue(name, { connection: { ...this.connection, maxRetriesPerRequest: 1 }, prefix: this.prefix });
      this.queues.set(name, q);
    }
    return q;
  }

  async enqueue<N extends JobNameValue>(name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<void> {
    await this.queue(QUEUE_OF[name]).add(name, payload, {
      ...DEFAULT_JOB_OPTIONS,
      jobId: options.jobId,
      delay: options.delayMs,
    });
  }

  async ping(): Promise<boolean> {
    this.pinger ??= new Redis({ ...this.connection, lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 });
    try {
      if (this.pinger.status === 'wait' || this.pinger.status === 'end') await this.pinger.connect();
      return (await this.pinger.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
    this.pinger?.disconnect();
  }
}

/** Postgres channel that carries jobs when the deployment has no Redis (tier 0 without redis-server). */
export const PG_JOB_CHANNEL = 'hvs_jobs';

export interface JobEnvelope<N extends JobNameValue = JobNameValue> {
  name: N;
  payload: JobPayloads[N];
  jobId?: string;
  delayMs?: number;
}

/**
 * Without Redis, jobs travel as Postgres notifications to the worker, which runs them in-process with the
 * same handlers, retries and backoff. A notification sent while no worker listens is lost, exactly like a
 * job in a Redis that lost data: the sweepers re-enqueue from Postgres, so nothing that matters is lost.
 */
export class PgNotifyJobQueue implements JobQueue {
  readonly transport = 'postgres' as const;

  constructor(private readonly query: (sql: string, params: unknown[]) => Promise<unknown>) {}

  async enqueue<N extends JobNameValue>(name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<void> {
    const envelope: JobEnvelope<N> = { name, payload, jobId: options.jobId, delayMs: options.delayMs };
    await this.query('SELECT pg_notify($1, $2)', [PG_JOB_CHANNEL, JSON.stringify(envelope)]);
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    // Nothing to release: notifications go through the application's own Postgres pool.
  }
}
