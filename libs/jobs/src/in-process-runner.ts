import { DEFAULT_JOB_OPTIONS, type JobNameValue, type JobOutcome, type JobPayloads } from './registry';

export type JobHandler<N extends JobNameValue = JobNameValue> = (
  payload: JobPayloads[N],
) => Promise<JobOutcome>;

export interface RunnerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * Runs jobs inside this process with the same contract as BullMQ: deterministic ids run once while pending,
 * bounded retries with exponential backoff, at most `concurrency` jobs at a time (WORKER_CONCURRENCY; the
 * others wait their turn in order), and a drain on shutdown.
 */
export class InProcessJobRunner {
  private readonly pending = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  /** Jobs that are due and wait for a free slot. */
  private readonly due: Array<{ name: JobNameValue; payload: unknown; key: string; attempt: number }> = [];
  private closed = false;

  constructor(
    private readonly handlers: Partial<Record<JobNameValue, JobHandler>>,
    private readonly logger: RunnerLogger,
    private readonly backoffMs = DEFAULT_JOB_OPTIONS.backoff.delay,
    private readonly concurrency = Number.POSITIVE_INFINITY,
  ) {
    if (!(concurrency >= 1)) throw new Error('concurrency must be at least 1');
  }

  /** How many jobs run right now and how many wait for a slot (for logs and tests). */
  get load(): { running: number; waiting: number } {
    return { running: this.running.size, waiting: this.due.length };
  }

  submit<N extends JobNameValue>(name: N, payload: JobPayloads[N], jobId?: string, delayMs = 0): void {
    if (this.closed) return;
    const key = jobId ?? `${name}:${Math.random().toString(36).slice(2)}`;
    if (this.pending.has(key)) return;
    this.pending.add(key);
    this.schedule(name, payload, key, 1, delayMs);
  }

  private schedule(name: JobNameValue, payload: unknown, key: string, attempt: number, delayMs: number) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.due.push({ name, payload, key, attempt });
      this.pump();
    }, delayMs);
    this.timers.add(timer);
  }

  /** Starts due jobs while a slot is free. */
  private pump(): void {
    while (!this.closed && this.running.size < this.concurrency && this.due.length > 0) {
      const next = this.due.shift()!;
      const run: Promise<void> = this.attempt(next.name, next.payload, next.key, next.attempt).finally(() => {
        this.running.delete(run);
        this.pump();
      });
      this.running.add(run);
    }
  }

  private async attempt(name: JobNameValue, payload: unknown, key: string, attempt: number): Promise<void> {
    const handler = this.handlers[name] as JobHandler | undefined;
    if (!handler) {
      this.logger.error({ job: name }, 'no handler for job');
      this.pending.delete(key);
      return;
    }
    try {
      const outcome = await handler(payload as never);
      if (outcome === 'failed')
        this.logger.warn(
          { job: name, jobId: key, attempt },
          'job failed for good; recorded for an administrator',
        );
      else this.logger.info({ job: name, jobId: key, outcome, attempt }, 'job finished');
      this.pending.delete(key);
    } catch (err) {
      if (attempt >= DEFAULT_JOB_OPTIONS.attempts || this.closed) {
        this.logger.error({ job: name, jobId: key, attempt, err }, 'job failed for good');
        this.pending.delete(key);
        return;
      }
      this.logger.warn({ job: name, jobId: key, attempt, err }, 'job failed; will retry');
      this.schedule(name, payload, key, attempt + 1, this.backoffMs * 2 ** (attempt - 1));
    }
  }

  /** Stops taking work, cancels waiting retries and queued jobs, and waits for the jobs that are running. */
  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.due.length = 0;
    await Promise.allSettled([...this.running]);
  }
}

/** The JobQueue face of an in-process runner, for jobs that enqueue other jobs (sweeps) inside the worker. */
export class RunnerJobQueue {
  readonly transport = 'postgres' as const;
  constructor(private readonly runner: () => InProcessJobRunner | undefined) {}
  async enqueue<N extends JobNameValue>(
    name: N,
    payload: JobPayloads[N],
    options: { jobId?: string; delayMs?: number } = {},
  ): Promise<void> {
    this.runner()?.submit(name, payload, options.jobId, options.delayMs);
  }
  async ping(): Promise<boolean> {
    return true;
  }
  async close(): Promise<void> {
    // The runner is closed by its owner.
  }
}
