import { Inject, Injectable, type OnModuleDestroy, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { creditHeartbeatRun, type HeartbeatCredit, type Interval, planHeartbeatBatch } from '@hocvuso/domain';
import {
  type HeartbeatKey,
  type HeartbeatRunWrite,
  lockEnrolmentsOfHeartbeats,
  lockVideoProgressBatch,
  parseMultirange,
  saveHeartbeatRuns,
} from '@hocvuso/db';
import type { DataSource, EntityManager } from 'typeorm';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { ApiMetrics } from '../metrics/api-metrics';

/** The most heartbeats one transaction credits. */
const MAX_BATCH = 256;
/**
 * A batch this full starts at once, inside the window too: more would only wait longer for little gain. A batch's
 * round trips cost the api about as much CPU as that many heartbeats' requests (six of them measured ~1.6 ms
 * against ~260 µs; five since the video-row locks also read the live sessions), so at 48 they are about an eighth
 * of what a heartbeat costs or less (at 16, over a quarter; docs/performance.md, "Batches that fill").
 */
const FILL_TARGET = 48;

/** The first item of each key, in order. */
function distinct<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(keyOf(item))) seen.set(keyOf(item), item);
  return [...seen.values()];
}

/** One validated heartbeat waiting for its batch. */
export interface QueuedHeartbeat extends HeartbeatKey {
  /** The session the request came with (maybe from the guard's cache): the batch checks it is still live. */
  sessionId: string;
  claimed: readonly Interval[];
  position: number;
  durationSeconds: number;
  threshold: number;
}

/**
 * What the batch did with a heartbeat. `credited`: written and committed, with its honest credit. `refused`: its
 * session was no longer live when the batch was written (signed out, revoked, expired): nothing credited, the
 * caller answers 401. `alone`: not written here; the caller runs the single-heartbeat transaction (a heartbeat
 * that completes the video, one of a learner who has not opened it or is not enrolled, one whose lesson revision
 * is no longer the learner's, which that path resolves again, or a batch that failed).
 */
export type BatchedHeartbeat =
  { kind: 'credited'; credit: HeartbeatCredit; completed: boolean } | { kind: 'refused' } | { kind: 'alone' };

interface Waiting extends QueuedHeartbeat {
  resolve: (outcome: BatchedHeartbeat) => void;
  /** When it was queued (performance.now(), ms): the oldest waiting one bounds the fill window. */
  queuedAt: number;
}

/**
 * Group commit of video heartbeats (docs/performance.md): heartbeats that arrive while a batch is being written
 * wait for the next one, which locks every learner-video it holds once (enrolments in id order), then in one
 * statement locks the video rows in key order (only revisions still in the version each learner reads) and reads
 * which sessions are still live, refuses the heartbeats of the others, credits each heartbeat by THE rule in
 * arrival order (creditHeartbeatRun), writes all rows in one statement and commits, and only then answers each
 * request. So every answer is committed (durable before it is sent, nothing to lose on SIGTERM), and several api
 * replicas stay correct through the row locks.
 */
@Injectable()
export class HeartbeatBatcher implements OnModuleDestroy {
  private queue: Waiting[] = [];
  private inFlight = 0;
  private scheduled = false;
  /** The pending fill-window timer, if the next batch is waiting to fill. */
  private fillTimer: NodeJS.Timeout | undefined;
  /** When the last batch started (performance.now(), ms). */
  private lastStartAt = -Infinity;
  private idle: Array<() => void> = [];

  /** Batch transactions in flight at once (each holds one pooled connection): HEARTBEAT_BATCHES_IN_FLIGHT. */
  private readonly maxInFlight: number;
  /** At most one batch starts per this window (ms) unless the next is full: HEARTBEAT_BATCH_FILL_MS. */
  private readonly fillMs: number;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(API_CONFIG) config: ApiConfig,
    @Optional() @Inject(ApiMetrics) private readonly metrics?: ApiMetrics,
  ) {
    this.maxInFlight = config.heartbeatBatchesInFlight;
    this.fillMs = config.heartbeatBatchFillMs;
  }

  /** Credits a heartbeat in the next batch; resolves once that batch committed (or failed: then `alone`). */
  credit(heartbeat: QueuedHeartbeat): Promise<BatchedHeartbeat> {
    return new Promise((resolve) => {
      this.queue.push({ ...heartbeat, resolve, queuedAt: performance.now() });
      this.schedule();
    });
  }

  /** Waits until every queued heartbeat is written (the api's shutdown, after the last request was answered). */
  async onModuleDestroy(): Promise<void> {
    await this.drained();
  }

  drained(): Promise<void> {
    if (this.queue.length === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /**
   * Starts batches on the next turn of the event loop, so requests parsed in this one share a batch; or, when a
   * batch started less than fillMs ago, once the next is full enough or the window has passed (`mayStart`).
   */
  private schedule(): void {
    const now = this.mayStart();
    if (this.scheduled && (!now || !this.fillTimer)) return;
    if (this.fillTimer) clearTimeout(this.fillTimer);
    this.fillTimer = undefined;
    this.scheduled = true;
    const run = () => {
      this.scheduled = false;
      this.fillTimer = undefined;
      this.pump();
    };
    if (now) setImmediate(run);
    else {
      const from = Math.min(this.queue[0]!.queuedAt, this.lastStartAt);
      this.fillTimer = setTimeout(run, Math.max(0, from + this.fillMs - performance.now()));
    }
  }

  /**
   * Group commit with a window, as Postgres's commit_delay: batches start at most once per fillMs unless the next
   * is full (FILL_TARGET), or its oldest heartbeat has waited fillMs. Under load, a batch started as soon as a
   * slot freed held the few heartbeats parsed meanwhile, and each batch costs five round trips whatever its size;
   * at rest (no batch started within the window) a heartbeat still goes at once.
   */
  private mayStart(): boolean {
    const now = performance.now();
    return (
      this.queue.length >= FILL_TARGET ||
      now - this.lastStartAt >= this.fillMs ||
      now - this.queue[0]!.queuedAt >= this.fillMs
    );
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      if (!this.mayStart()) {
        this.schedule();
        return;
      }
      const batch = this.queue.splice(0, MAX_BATCH);
      this.lastStartAt = performance.now();
      this.inFlight++;
      void this.write(batch).finally(() => {
        this.inFlight--;
        if (this.queue.length > 0) this.pump();
        else if (this.inFlight === 0) for (const done of this.idle.splice(0)) done();
      });
    }
  }

  private async write(batch: Waiting[]): Promise<void> {
    let outcomes: BatchedHeartbeat[];
    try {
      const done = await this.db.transaction((tx) => this.creditBatch(tx, batch));
      outcomes = done.outcomes;
      // Counted once committed: the heartbeats that shared a write with another instead of one each.
      if (done.written > 1) this.metrics?.heartbeatCoalesced(done.written - 1);
    } catch {
      // Nothing of the batch was written (rolled back): each heartbeat goes its own way, whose error (a 503 when
      // the database is away) is the one its learner should see.
      outcomes = batch.map(() => ({ kind: 'alone' }));
    }
    batch.forEach((h, i) => h.resolve(outcomes[i]!));
  }

  private async creditBatch(
    tx: EntityManager,
    batch: Waiting[],
  ): Promise<{ outcomes: BatchedHeartbeat[]; written: number }> {
    const enrolled = await lockEnrolmentsOfHeartbeats(
      tx,
      distinct(batch, (h) => `${h.userId}|${h.courseId}`),
    );
    // Read after the enrolment locks, in one statement: the video rows (locked) and which sessions are still
    // live, so a sign-out that committed before the batch got its enrolment locks is seen. Rows are locked for
    // every enrolled learner-video of the batch, also one whose heartbeats turn out refused: it is not written.
    const { rows, liveSessions } = await lockVideoProgressBatch(
      tx,
      distinct(batch, (h) => `${h.userId}|${h.lessonId}`).filter((k) =>
        enrolled.has(`${k.userId}|${k.courseId}`),
      ),
      distinct(batch, (h) => h.sessionId),
    );
    const { refused, runs } = planHeartbeatBatch(batch, liveSessions);
    const byKey = new Map(rows.map((r) => [`${r.user_id}|${r.lesson_revision_id}`, r]));
    const outcomes: BatchedHeartbeat[] = batch.map(() => ({ kind: 'alone' }));
    for (const i of refused) outcomes[i] = { kind: 'refused' };
    const writes: HeartbeatRunWrite[] = [];
    for (const [key, idx] of runs) {
      const row = byKey.get(key);
      if (!row) continue; // not enrolled, never opened, or no longer the learner's revision: the single path says
      const first = batch[idx[0]!]!;
      const run = creditHeartbeatRun(
        {
          watched: parseMultirange(row.watched),
          tokens: Number(row.tokens),
          elapsedSeconds: Number(row.elapsed_seconds),
          completed: row.completed,
        },
        idx.map((i) => batch[i]!),
        { durationSeconds: first.durationSeconds, threshold: first.threshold },
      );
      if (run.applied === 0) continue;
      run.credits.forEach((credit, j) => {
        outcomes[idx[j]!] = { kind: 'credited', credit, completed: row.completed };
      });
      writes.push({
        userId: first.userId,
        lessonId: first.lessonId,
        watched: run.watched,
        lastClaim: run.lastClaim!,
        tokens: run.tokens,
        position: run.position!,
        heartbeats: run.applied,
        capped: run.cappedCount,
      });
    }
    await saveHeartbeatRuns(tx, writes);
    return { outcomes, written: writes.reduce((n, w) => n + w.heartbeats, 0) };
  }
}
