import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * One registry per process (never prom-client's global one, so several apps in one test process do not
 * collide), with Node's default process metrics and a `service` label on every series.
 */
export function createMetricsRegistry(service: 'api' | 'worker'): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** Latency buckets in seconds, from a cached read (5 ms) to the statement timeout's neighbourhood. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** `2xx`, `4xx`…: the status class keeps the label set small. */
export const statusClass = (status: number): string =>
  status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : 'other';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * HTTP requests by route pattern (`/api/courses/:courseId`, never the raw URL: ids must not multiply the
 * series), method and status class. The histogram's `_count` is the request count.
 */
export function createHttpMetrics(registry: Registry) {
  const duration = new Histogram({
    name: 'hvs_http_request_duration_seconds',
    help: 'HTTP request latency by route pattern, method and status class (its _count is the request count)',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  return {
    /** `route` is the matched route pattern, or undefined when no route matched (404s of unknown paths). */
    observe(method: string, route: string | undefined, status: number, seconds: number): void {
      duration.observe(
        {
          method: METHODS.has(method) ? method : 'OTHER',
          route: route ?? 'unmatched',
          status_class: statusClass(status),
        },
        seconds,
      );
    },
  };
}
export type HttpMetrics = ReturnType<typeof createHttpMetrics>;

/** What a pg pool holds (libs/db's poolStats). */
export interface PoolNumbers {
  max: number;
  total: number;
  idle: number;
  waiting: number;
}

/** The Postgres pool, read at scrape time: size, open, idle and busy connections, and clients waiting. */
export function registerPoolGauges(
  registry: Registry,
  read: () => PoolNumbers | undefined,
  pool = 'primary',
): void {
  const gauge = (name: string, help: string, pick: (p: PoolNumbers) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['pool'] as const,
      registers: [registry],
      collect() {
        const p = read();
        if (p) this.set({ pool }, pick(p));
      },
    });
  gauge('hvs_db_pool_max_connections', 'Configured size of the Postgres pool', (p) => p.max);
  gauge('hvs_db_pool_total_connections', 'Open Postgres connections (busy or idle)', (p) => p.total);
  gauge('hvs_db_pool_idle_connections', 'Open Postgres connections nobody uses', (p) => p.idle);
  gauge('hvs_db_pool_busy_connections', 'Postgres connections in use', (p) => p.total - p.idle);
  gauge(
    'hvs_db_pool_waiting_clients',
    'Queries waiting for a free connection (above 0: the pool is saturated)',
    (p) => p.waiting,
  );
}

/**
 * Memoises an async read for `ttlMs` (scrapes of several Prometheus servers, or a fast scrape interval, then
 * cost one read), and shares one read in flight. A failed read is not cached.
 */
export function cachedRead<T>(read: () => Promise<T>, ttlMs: number, now: () => number = Date.now) {
  let last: { at: number; value: T } | undefined;
  let inFlight: Promise<T> | undefined;
  return (): Promise<T> => {
    if (last && now() - last.at < ttlMs) return Promise.resolve(last.value);
    inFlight ??= read()
      .then((value) => {
        last = { at: now(), value };
        return value;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };
}

export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

/**
 * Jobs per queue and state, read at scrape time through `read` (cached by the caller). A read that fails
 * (Redis down) leaves the gauge empty and sets `hvs_queue_depth_up` to 0 instead of failing the scrape.
 */
export function registerQueueGauges(
  registry: Registry,
  read: () => Promise<Array<{ queue: string; counts: Partial<Record<QueueState, number>> }>>,
): void {
  // Both gauges are collected in the same scrape: they share one read.
  type Depths = Awaited<ReturnType<typeof read>>;
  let inFlight: Promise<Depths | undefined> | undefined;
  const load = () =>
    (inFlight ??= read()
      .catch(() => undefined)
      .finally(() => {
        inFlight = undefined;
      }));
  new Gauge({
    name: 'hvs_queue_depth_up',
    help: 'Whether the last read of the queue depths succeeded (1) or not (0)',
    registers: [registry],
    async collect() {
      this.set((await load()) ? 1 : 0);
    },
  });
  new Gauge({
    name: 'hvs_queue_jobs',
    help: 'Jobs per queue and state (waiting, active, delayed, failed), read at scrape time',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const { queue, counts } of (await load()) ?? [])
        for (const state of QUEUE_STATES) this.set({ queue, state }, counts[state] ?? 0);
    },
  });
}

/** Background jobs: how long each took and how it ended (done, skipped, failed for good, error to retry). */
export function createJobMetrics(registry: Registry) {
  const duration = new Histogram({
    name: 'hvs_job_duration_seconds',
    help: 'Background job run time by queue, job and outcome (done, skipped, failed, error)',
    labelNames: ['queue', 'job', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [registry],
  });
  const issued = new Counter({
    name: 'hvs_certificates_issued_total',
    help: 'Certificates issued by this process',
    registers: [registry],
  });
  const failed = new Counter({
    name: 'hvs_certificates_failed_total',
    help: 'Certificate requests that failed for good in this process (recorded for an administrator)',
    registers: [registry],
  });
  return {
    observe(queue: string, job: string, outcome: string, seconds: number): void {
      duration.observe({ queue, job, outcome }, seconds);
    },
    certificate(outcome: 'issued' | 'failed'): void {
      (outcome === 'issued' ? issued : failed).inc();
    },
  };
}
export type JobMetrics = ReturnType<typeof createJobMetrics>;
