// The batched heartbeat writer's three statements (apps/api/src/modules/learning/heartbeat-batcher.ts): many
// learners' heartbeats are credited in one transaction, each learner-video row locked and loaded once.
import { READ_VERSION } from './learning.queries';
import { execute, type Queryable, selectRows } from './queryable';
import { prepared } from '../prepared-statements';
import { liveSessionIdsSelect, type SessionRef } from './sessions.queries';
import type { VideoProgressRow, VideoWatchWrite } from './video.queries';

/** One learner's video in a batch: who, which lesson revision, and the course that holds the enrolment lock. */
export interface HeartbeatKey {
  userId: string;
  courseId: string;
  lessonId: string;
}

/**
 * Locks the enrolments of a batch of heartbeats, in id order (the order a publish takes them, so the two never
 * deadlock), and gives the `user_id|course_id` keys that have one. The lock order stays the single path's: the
 * enrolment first, then the learner's rows on its lessons.
 */
export async function lockEnrolmentsOfHeartbeats(
  db: Queryable,
  keys: readonly HeartbeatKey[],
): Promise<Set<string>> {
  const rows = await selectRows<{ user_id: string; course_id: string }>(
    db,
    prepared(
      'lock_heartbeat_enrolments',
      `SELECT e.user_id, e.course_id FROM enrolments e
       JOIN unnest($1::uuid[], $2::text[]) AS k(user_id, course_id)
         ON e.user_id = k.user_id AND e.course_id = k.course_id
      ORDER BY e.id FOR UPDATE OF e`,
    ),
    [keys.map((k) => k.userId), keys.map((k) => k.courseId)],
  );
  return new Set(rows.map((r) => `${r.user_id}|${r.course_id}`));
}

export interface BatchVideoProgressRow extends VideoProgressRow {
  user_id: string;
  lesson_revision_id: string;
}

/**
 * The batch's video rows, locked, and in the same round trip its live sessions. The locks are taken in a
 * materialized CTE, so in key order as a plain SELECT ... ORDER BY ... FOR UPDATE takes them; the sessions come
 * after, one row each with `live_session_id` set and the rest NULL. Both parts read this statement's snapshot,
 * taken after the batch's enrolment locks were granted.
 */
export const LOCK_HEARTBEAT_PROGRESS_SQL = prepared(
  'lock_heartbeat_progress',
  `WITH locked AS MATERIALIZED (
     SELECT v.user_id, v.lesson_revision_id, v.watched::text AS watched, v.tokens,
            greatest(0, extract(epoch FROM clock_timestamp() - v.last_heartbeat_at)) AS elapsed_seconds,
            v.completed_at IS NOT NULL AS completed
       FROM video_progress v
       JOIN unnest($1::uuid[], $2::uuid[], $3::text[]) AS k(user_id, lesson_id, course_id)
         ON v.user_id = k.user_id AND v.lesson_revision_id = k.lesson_id
       JOIN enrolments e ON e.user_id = k.user_id AND e.course_id = k.course_id
       JOIN courses c ON c.id = e.course_id
       JOIN course_version_lessons l ON l.course_version_id = ${READ_VERSION} AND l.lesson_revision_id = k.lesson_id
      ORDER BY v.user_id, v.lesson_revision_id FOR UPDATE OF v)
   SELECT NULL::uuid AS live_session_id, user_id, lesson_revision_id, watched, tokens, elapsed_seconds, completed
     FROM locked
   UNION ALL
   SELECT live.id, NULL, NULL, NULL, NULL, NULL, NULL FROM (${liveSessionIdsSelect('$4', '$5')}) AS live`,
);

/** What lockVideoProgressBatch gives: the locked rows, and which of the batch's sessions are live. */
export interface LockedHeartbeatBatch {
  rows: BatchVideoProgressRow[];
  liveSessions: Set<string>;
}

/**
 * The watch state of each learner-video of a batch, locked in key order (two batches, in one api or in two
 * replicas, take them in the same order), and which of the batch's sessions are still live (liveSessionIds's
 * check: not revoked, not expired by the database clock, the user's own), in one round trip. A key is absent
 * when the learner never opened that revision, or when it is no longer the revision of the version they read
 * (READ_VERSION: a publish or a move to a newer version since the heartbeat was resolved). Run after the batch's
 * enrolment locks, so it sees every publish, move and sign-out that committed before them (a publish and a move
 * take the enrolment lock first).
 */
export async function lockVideoProgressBatch(
  db: Queryable,
  keys: readonly HeartbeatKey[],
  sessions: readonly SessionRef[],
): Promise<LockedHeartbeatBatch> {
  const result = await selectRows<BatchVideoProgressRow & { live_session_id: string | null }>(
    db,
    LOCK_HEARTBEAT_PROGRESS_SQL,
    [
      keys.map((k) => k.userId),
      keys.map((k) => k.lessonId),
      keys.map((k) => k.courseId),
      sessions.map((s) => s.sessionId),
      sessions.map((s) => s.userId),
    ],
  );
  const rows: BatchVideoProgressRow[] = [];
  const liveSessions = new Set<string>();
  for (const row of result) {
    if (row.live_session_id === null) rows.push(row);
    else liveSessions.add(row.live_session_id);
  }
  return { rows, liveSessions };
}

/**
 * What a run of heartbeats on one learner-video leaves to store (see creditHeartbeatRun in libs/domain): the
 * watch write's fields, with the run's last claim, settled now.
 */
export type HeartbeatRunWrite = Omit<VideoWatchWrite, 'claimed' | 'settledAt'> & {
  lastClaim: VideoWatchWrite['claimed'];
};

/** A multirange literal ('{[0,15.5),[20,30)}') of normalized intervals. */
const multirange = (intervals: ReadonlyArray<readonly [number, number]>) =>
  `{${intervals.map(([s, e]) => `[${s},${e})`).join(',')}}`;

/**
 * Saves the runs of a batch in one statement: per learner-video the watched intervals, the bucket settled now
 * (database clock), the last claim and playhead, and the heartbeat counters. Rows must be locked by the caller.
 */
export async function saveHeartbeatRuns(db: Queryable, runs: readonly HeartbeatRunWrite[]): Promise<number> {
  if (runs.length === 0) return 0;
  return execute(
    db,
    prepared(
      'save_heartbeat_runs',
      `UPDATE video_progress v SET
        watched = t.watched::nummultirange,
        last_claim = t.last_claim::nummultirange,
        tokens = t.tokens,
        position = t.position,
        heartbeats = v.heartbeats + t.heartbeats,
        capped_heartbeats = v.capped_heartbeats + t.capped,
        last_heartbeat_at = clock_timestamp()
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::numeric[], $6::numeric[], $7::int[], $8::int[])
            AS t(user_id, lesson_id, watched, last_claim, tokens, position, heartbeats, capped)
      WHERE v.user_id = t.user_id AND v.lesson_revision_id = t.lesson_id`,
    ),
    [
      runs.map((r) => r.userId),
      runs.map((r) => r.lessonId),
      runs.map((r) => multirange(r.watched)),
      runs.map((r) => multirange(r.lastClaim)),
      runs.map((r) => r.tokens),
      runs.map((r) => r.position),
      runs.map((r) => r.heartbeats),
      runs.map((r) => r.capped),
    ],
  );
}
