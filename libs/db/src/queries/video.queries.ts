import { type Queryable, rowsOf } from './queryable';

/**
 * Starts (or restarts) the watch clock when a learner opens a video lesson: the budget of the next heartbeat
 * counts from at most 30 s ago, so a lesson opened long ago gives no credit in advance, while re-opening it
 * mid-watch (a language switch) keeps the last half-minute.
 */
export async function launchVideo(db: Queryable, userId: string, lessonId: string): Promise<void> {
  await db.query(
    `INSERT INTO video_progress (user_id, lesson_revision_id) VALUES ($1, $2)
     ON CONFLICT (user_id, lesson_revision_id) DO UPDATE
       SET last_heartbeat_at = greatest(video_progress.last_heartbeat_at, now() - interval '30 seconds')`,
    [userId, lessonId],
  );
}

export interface HeartbeatResult {
  watched_seconds: string;
  watched: string;
  completed: boolean;
  capped: boolean;
  position: string;
}

/**
 * The hottest write: merges a heartbeat's claimed intervals into what the learner watched, crediting no more
 * new seconds than the wall-clock time since the previous heartbeat allows at the maximum playback speed.
 * One statement, one round trip, under the row lock; idempotent (a replay adds nothing) and order-safe
 * (a union). Returns nothing when the learner never opened the lesson (so is not enrolled in it).
 */
export async function recordHeartbeat(
  db: Queryable,
  p: {
    userId: string;
    lessonId: string;
    starts: number[];
    ends: number[];
    position: number;
    maxRate: number;
    graceSeconds: number;
  },
): Promise<HeartbeatResult | undefined> {
  const rows = rowsOf<HeartbeatResult>(
    await db.query(
      `UPDATE video_progress vp SET
        watched = hvs_credit_watch(vp.watched, c.m, greatest(0, extract(epoch FROM now() - vp.last_heartbeat_at)) * $5 + $6),
        capped_heartbeats = vp.capped_heartbeats
          + (hvs_measure(c.m - hvs_credit_watch(vp.watched, c.m, greatest(0, extract(epoch FROM now() - vp.last_heartbeat_at)) * $5 + $6)) > 0)::int,
        last_claim = c.m,
        position = $4,
        heartbeats = vp.heartbeats + 1,
        last_heartbeat_at = now()
       FROM (SELECT coalesce(range_agg(numrange(s, e, '[)')), '{}'::nummultirange) AS m
               FROM unnest($2::numeric[], $3::numeric[]) AS t(s, e)) c
      WHERE vp.user_id = $1 AND vp.lesson_revision_id = $7
     RETURNING hvs_measure(vp.watched) AS watched_seconds, vp.watched::text AS watched, vp.completed_at IS NOT NULL AS completed,
               hvs_measure(c.m - vp.watched) > 0 AS capped, vp.position`,
      [p.userId, p.starts, p.ends, p.position, p.maxRate, p.graceSeconds, p.lessonId],
    ),
  );
  return rows[0];
}

/** Marks the video watched once; true only for the call that did it. */
export async function completeVideo(db: Queryable, userId: string, lessonId: string): Promise<boolean> {
  const rows = rowsOf(
    await db.query(
      `UPDATE video_progress SET completed_at = now() WHERE user_id = $1 AND lesson_revision_id = $2 AND completed_at IS NULL RETURNING 1`,
      [userId, lessonId],
    ),
  );
  return rows.length > 0;
}

export interface VideoStateRow {
  watched_seconds: string;
  watched: string;
  position: string;
}

export async function videoState(
  db: Queryable,
  userId: string,
  lessonId: string,
): Promise<VideoStateRow | undefined> {
  const rows = await db.query(
    `SELECT hvs_measure(watched) AS watched_seconds, watched::text AS watched, position FROM video_progress WHERE user_id = $1 AND lesson_revision_id = $2`,
    [userId, lessonId],
  );
  return rows[0];
}

/** Parses Postgres multirange text such as {[0,15.5),[20,30)} into intervals. */
export function parseMultirange(text: string): Array<[number, number]> {
  return [...text.matchAll(/[[(]([\d.]+),([\d.]+)[\])]/g)].map((m) => [Number(m[1]), Number(m[2])]);
}
