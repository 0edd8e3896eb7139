import { type Queryable, execute, selectOne, selectRows } from './queryable';
import { saveVideoWatch } from './video.queries';
import type { HeartbeatRunWrite } from './video-batch.queries';

// Offline learning (docs/offline.md): downloads, and the offline events applied at sync.

/**
 * Records that the learner downloaded a course for offline use; the first download counts (a later one keeps
 * it). Answers the download time and the server clock; nothing when the learner is not enrolled.
 */
export async function recordOfflineDownload(
  db: Queryable,
  userId: string,
  courseId: string,
): Promise<{ downloaded_at: Date; server_time: Date } | undefined> {
  return selectOne(
    db,
    `WITH e AS (SELECT 1 FROM enrolments WHERE user_id = $1 AND course_id = $2),
          ins AS (
            INSERT INTO offline_downloads (user_id, course_id) SELECT $1, $2 WHERE EXISTS (SELECT 1 FROM e)
            ON CONFLICT (user_id, course_id) DO NOTHING RETURNING downloaded_at)
     SELECT coalesce((SELECT downloaded_at FROM ins),
                     (SELECT downloaded_at FROM offline_downloads WHERE user_id = $1 AND course_id = $2))
              AS downloaded_at,
            now() AS server_time
      WHERE EXISTS (SELECT 1 FROM e)`,
    [userId, courseId],
  );
}

/** The learner's downloads of the given courses, by course id. */
export async function offlineDownloads(
  db: Queryable,
  userId: string,
  courseIds: string[],
): Promise<Map<string, Date>> {
  const rows = await selectRows<{ course_id: string; downloaded_at: Date }>(
    db,
    `SELECT course_id, downloaded_at FROM offline_downloads WHERE user_id = $1 AND course_id = ANY($2::text[])`,
    [userId, courseIds],
  );
  return new Map(rows.map((r) => [r.course_id, r.downloaded_at]));
}

export interface OfflineEventRow {
  event_id: string;
  course_id: string;
  kind: 'read' | 'complete' | 'quiz' | 'watch' | 'video-answer';
  status: 'credited' | 'completed' | 'graded' | 'refused';
  reason: string | null;
  seconds: number | null;
  passed: boolean | null;
}

/** The events of these ids the learner's syncs already applied (a replay answers their verdicts again). */
export async function appliedOfflineEvents(
  db: Queryable,
  userId: string,
  eventIds: string[],
): Promise<Map<string, OfflineEventRow>> {
  const rows = await selectRows<OfflineEventRow>(
    db,
    `SELECT event_id, course_id, kind, status, reason, seconds, passed
       FROM offline_events WHERE user_id = $1 AND event_id = ANY($2::uuid[])`,
    [userId, eventIds],
  );
  return new Map(rows.map((r) => [r.event_id, r]));
}

/** The spans of server time already credited to the learner's offline reading of a course (epoch ms). */
export async function creditedOfflineSpans(
  db: Queryable,
  userId: string,
  courseId: string,
): Promise<[number, number][]> {
  const rows = await selectRows<{ s: string; e: string }>(
    db,
    `SELECT (extract(epoch FROM started_at) * 1000)::bigint AS s, (extract(epoch FROM ended_at) * 1000)::bigint AS e
       FROM offline_events
      WHERE user_id = $1 AND course_id = $2 AND status = 'credited' AND started_at IS NOT NULL`,
    [userId, courseId],
  );
  return rows.map((r) => [Number(r.s), Number(r.e)]);
}

export interface NewOfflineEvent {
  eventId: string;
  courseId: string;
  lessonId: string;
  kind: OfflineEventRow['kind'];
  status: OfflineEventRow['status'];
  span?: readonly [number, number];
  reason?: string | null;
  seconds?: number | null;
  passed?: boolean | null;
}

/**
 * Records an applied event once; true only for the call that recorded it (a concurrent sync of the same
 * event, which waited on the enrolment lock, finds it recorded and applies nothing).
 */
export async function recordOfflineEvent(
  db: Queryable,
  userId: string,
  e: NewOfflineEvent,
): Promise<boolean> {
  const rows = await selectRows<{ ok: number }>(
    db,
    `INSERT INTO offline_events
            (user_id, event_id, course_id, lesson_id, kind, status, started_at, ended_at, reason, seconds, passed)
     VALUES ($1, $2, $3, $4, $5, $6, to_timestamp($7::double precision / 1000), to_timestamp($8::double precision / 1000),
             $9, $10, $11)
     ON CONFLICT (user_id, event_id) DO NOTHING RETURNING 1 AS ok`,
    [
      userId,
      e.eventId,
      e.courseId,
      e.lessonId,
      e.kind,
      e.status,
      e.span?.[0] ?? null,
      e.span?.[1] ?? null,
      e.reason ?? null,
      e.seconds ?? null,
      e.passed ?? null,
    ],
  );
  return rows.length > 0;
}

/**
 * Ends the course's open lesson without banking its stint (the download opened lessons one after another; the
 * clock of the last one must not run while the learner reads offline, where it is timed by offline events).
 */
export async function closeOpenLesson(db: Queryable, userId: string, courseId: string): Promise<void> {
  await execute(
    db,
    `UPDATE enrolments SET current_lesson_id = NULL, current_lesson_since = NULL
      WHERE user_id = $1 AND course_id = $2`,
    [userId, courseId],
  );
}

/** The learner's bucket on a video, locked for an offline sync: `settled_ms` is when it was last settled (epoch ms). */
export async function lockVideoBucket(
  db: Queryable,
  userId: string,
  lessonId: string,
): Promise<{ watched: string; tokens: string; settled_ms: string; completed: boolean } | undefined> {
  return selectOne(
    db,
    `SELECT watched::text AS watched, tokens, (extract(epoch FROM last_heartbeat_at) * 1000)::bigint AS settled_ms,
            completed_at IS NOT NULL AS completed
       FROM video_progress WHERE user_id = $1 AND lesson_revision_id = $2 FOR UPDATE`,
    [userId, lessonId],
  );
}

/**
 * Saves what a sync's offline heartbeats credited (planOfflineWatch in libs/domain, under the row lock): the
 * watched intervals, the bucket settled at the last heartbeat's moment (server time, epoch ms, never later than
 * now), the last claim and playhead, and the heartbeat counters. The online heartbeat's write (video.queries.ts).
 */
export const saveOfflineHeartbeats = (
  db: Queryable,
  p: HeartbeatRunWrite & { settledAt: number },
): Promise<void> => saveVideoWatch(db, { ...p, claimed: p.lastClaim });
