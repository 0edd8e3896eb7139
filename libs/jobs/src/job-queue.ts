import { Queue, type RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';
import {
  DEFAULT_JOB_OPTIONS,
  type EnqueueOptions,
  type JobNameValue,
  type JobPayloads,
  QUEUE_OF,
  type QueueNameValue,
  type ScheduleSpec,
} from './registry';

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

/** How long announcing a job may take before the caller moves on (the outbox row and the sweep remain). */
export const ENQUEUE_TIMEOUT_MS = 1_000;

/** How long readiness waits for Redis (connecting included) before it says Redis is down. */
export const PING_TIMEOUT_MS = 2_000;

/** Rejects when `work` has not settled within `ms` (the work itself may still finish later). */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export class BullJobQueue implements JobQueue {
  readonly transport = 'redis' as const;
  private readonly queues = new Map<QueueNameValue, Queue>();
  private pinger?: Redis;

  constructor(
    private readonly connection: RedisOptions,
    private readonly prefix = 'hvs',
    private readonly options: { enqueueTimeoutMs?: number; onError?: (err: Error) => void } = {},
  ) {}

  queue(name: QueueNameValue): Queue {
    let q = this.queues.get(name);
    if (!q) {
      // Producers fail fast instead of hanging a request when Redis is down: no offline queue (a command
      // while disconnected fails at once), one retry, a short connect timeout. Workers keep their own
      // never-give-up connection.
      q = new Queue(name, {
        connection: {
          ...this.connection,
          maxRetriesPerRequest: 1,
          enableOfflineQueue: false,
          connectTimeout: 2_000,
        },
        prefix: this.prefix,
      });
      // Without a listener an 'error' event would crash the process; connection errors are expected here.
      q.on('error', (err) => this.options.onError?.(err));
      this.queues.set(name, q);
    }
    return q;
  }

  /**
   * Announces a job. Settles within `enqueueTimeoutMs` whatever Redis does (down, restarting, flushed): the
   * caller logs the rejection and moves on, and the sweeps find the work in Postgres.
   */
  async enqueue<N extends JobNameValue>(
    name: N,
    payload: JobPayloads[N],
    options: EnqueueOptions = {},
  ): Promise<void> {
    const add = this.queue(QUEUE_OF[name]).add(name, payload, {
      ...DEFAULT_JOB_OPTIONS,
      jobId: options.jobId,
      delay: options.delayMs,
    });
    add.catch(() => undefined); // a late failure after the timeout is not an unhandled rejection
    await withTimeout(add, this.options.enqueueTimeoutMs ?? ENQUEUE_TIMEOUT_MS, `enqueue ${name}`);
  }

  /** The ids of `schedules` that Redis no longer holds (flushed, or a Redis restarted without persistence). */
  async missingSchedules(schedules: Array<Pick<ScheduleSpec, 'id' | 'job'>>): Promise<string[]> {
    const missing: string[] = [];
    for (const s of schedules) {
      const found = await withTimeout(
        this.queue(QUEUE_OF[s.job]).getJobScheduler(s.id),
        this.options.enqueueTimeoutMs ?? ENQUEUE_TIMEOUT_MS,
        'read job scheduler',
      );
      if (!found) missing.push(s.id);
    }
    return missing;
  }

  /** Registers the schedules Redis does not hold; returns the ids registered now. */
  async ensureSchedules(schedules: ScheduleSpec[], timeoutMs = 5_000): Promise<string[]> {
    const missing = new Set(await this.missingSchedules(schedules));
    for (const s of schedules.filter((x) => missing.has(x.id))) {
      await withTimeout(
        this.queue(QUEUE_OF[s.job]).upsertJobScheduler(
          s.id,
          { every: s.everyMs },
          { name: s.job, data: s.payload, opts: DEFAULT_JOB_OPTIONS },
        ),
        timeoutMs,
        'register job scheduler',
      );
    }
    return [...missing];
  }

  /** Registers (or updates) every schedule, as at start. */
  async registerSchedules(schedules: ScheduleSpec[], timeoutMs = 5_000): Promise<void> {
    for (const s of schedules) {
      await withTimeout(
        this.queue(QUEUE_OF[s.job]).upsertJobScheduler(
          s.id,
          { every: s.everyMs },
          { name: s.job, data: s.payload, opts: DEFAULT_JOB_OPTIONS },
        ),
        timeoutMs,
        'register job scheduler',
      );
    }
  }

  async ping(): Promise<boolean> {
    if (!this.pinger) {
      this.pinger = new Redis({
        ...this.connection,
        lazyConnect: true,
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
        connectTimeout: PING_TIMEOUT_MS,
      });
      this.pinger.on('error', () => undefined);
    }
    const pinger = this.pinger;
    // Connecting counts against the same bound as the PING: a Redis that accepts the connection but never
    // answers (frozen, overloaded, a half-open link) would otherwise hold connect()'s ready check, and with it
    // every readiness probe, forever.
    const answer = (async () => {
      if (pinger.status === 'wait' || pinger.status === 'end') await pinger.connect();
      return pinger.ping();
    })();
    answer.catch(() => undefined); // settles after the timeout when Redis wakes up; nobody waits for it then
    try {
      return (await withTimeout(answer, PING_TIMEOUT_MS, 'ping')) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
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

  /** `notify` sends a payload on a Postgres channel (libs/db's `notifyChannel` over the application's pool). */
  constructor(private readonly notify: (channel: string, payload: string) => Promise<unknown>) {}

  async enqueue<N extends JobNameValue>(
    name: N,
    payload: JobPayloads[N],
    options: EnqueueOptions = {},
  ): Promise<void> {
    const envelope: JobEnvelope<N> = { name, payload, jobId: options.jobId, delayMs: options.delayMs };
    await this.notify(PG_JOB_CHANNEL, JSON.stringify(envelope));
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    // Nothing to release: notifications go through the application's own Postgres pool.
  }
}
