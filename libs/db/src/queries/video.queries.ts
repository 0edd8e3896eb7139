import { execute, type Queryable, selectOne, selectRows } from './queryable';

export interface VideoProgressRow {
  /** Everything credited so far, as multirange text such as {[0,15.5),[20,30)}. */
  watched: string;
  /** Watch credit left in the bucket when it was last settled. */
  tokens: string;
  /**
   * Seconds since the bucket was last settled, by the database's wall clock. clock_timestamp(), never now():
   * now() is the transaction's start, so a heartbeat that waited for a parallel tab's lock would settle the
   * bucket back in time and the next one would be credited the same seconds twice. Read at (or before) the
   * lock and settled at the save, the bucket only ever under-credits a lock wait.
   */
  elapsed_seconds: string;
  completed: boolean;
}

/**
 * The learner's watch state on a video, locked for the rest of the transaction (take the enrolment lock
 * first). Nothing when the learner never opened the video.
 */
export async function lockVideoProgress(
  db: Queryable,
  userId: string,
  lessonId: string,
): Promise<VideoProgressRow | undefined> {
  return selectOne<VideoProgressRow>(
    db,
    `SELECT watched::text AS watched, tokens, greatest(0, extract(epoch FROM clock_timestamp() - last_heartbeat_at)) AS elapsed_seconds,
            completed_at IS NOT NULL AS completed
       FROM video_progress WHERE user_id = $1 AND lesson_revision_id = $2 FOR UPDATE`,
    [userId, lessonId],
  );
}

/** The first opening of a video: the bucket starts with `tokens` (the one grace), settled now. */
export async function createVideoProgress(
  db: Queryable,
  userId: string,
  lessonId: string,
  tokens: number,
): Promise<void> {
  await execute(
    db,
    `INSERT INTO video_progress (user_id, lesson_revision_id, tokens, last_heartbeat_at) VALUES ($1, $2, $3, clock_timestamp())
     ON CONFLICT (user_id, lesson_revision_id) DO NOTHING`,
    [userId, lessonId, tokens],
  );
}

/** Settles the bucket at `tokens` now (a re-opening of the video). */
export async function settleWatchTokens(
  db: Queryable,
  userId: string,
  lessonId: string,
  tokens: number,
): Promise<void> {
  await execute(
    db,
    `UPDATE video_progress SET tokens = $3, last_heartbeat_at = clock_timestamp() WHERE user_id = $1 AND lesson_revision_id = $2`,
    [userId, lessonId, tokens],
  );
}

/**
 * Saves what a heartbeat credited (computed by creditHeartbeat in libs/domain under the row lock): the
 * watched intervals, the bucket settled now, the claim and the playhead.
 */
export const saveHeartbeat = (
  db: Queryable,
  p: Omit<VideoWatchWrite, 'heartbeats' | 'capped' | 'settledAt'> & { capped: boolean },
): Promise<void> => saveVideoWatch(db, { ...p, heartbeats: 1, capped: p.capped ? 1 : 0 });

/** A learner's watch state after crediting, as `saveVideoWatch` stores it. */
export interface VideoWatchWrite {
  userId: string;
  lessonId: string;
  watched: ReadonlyArray<readonly [number, number]>;
  claimed: ReadonlyArray<readonly [number, number]>;
  tokens: number;
  position: number;
  /** How many heartbeats this write settles, and how many of them were capped. */
  heartbeats: number;
  capped: number;
  /** The moment the bucket is settled at (epoch ms, never later than now); now when absent. */
  settledAt?: number;
}

/**
 * The one write of a learner's watch state after crediting: online (one heartbeat, settled now) and offline
 * (a sync's heartbeats, settled at the last one's moment, `settledAt` in epoch ms, never later than now).
 */
export async function saveVideoWatch(db: Queryable, p: VideoWatchWrite): Promise<void> {
  await execute(
    db,
    `UPDATE video_progress SET
        watched = (SELECT coalesce(range_agg(numrange(s, e, '[)')), '{}'::nummultirange) FROM unnest($3::numeric[], $4::numeric[]) AS t(s, e)),
        last_claim = (SELECT coalesce(range_agg(numrange(s, e, '[)')), '{}'::nummultirange) FROM unnest($5::numeric[], $6::numeric[]) AS t(s, e)),
        tokens = $7,
        position = $8,
        heartbeats = heartbeats + $10::int,
        capped_heartbeats = capped_heartbeats + $11::int,
        last_heartbeat_at = least(clock_timestamp(), coalesce(to_timestamp($9::double precision / 1000), clock_timestamp()))
      WHERE user_id = $1 AND lesson_revision_id = $2`,
    [
      p.userId,
      p.lessonId,
      p.watched.map((i) => i[0]),
      p.watched.map((i) => i[1]),
      p.claimed.map((i) => i[0]),
      p.claimed.map((i) => i[1]),
      p.tokens,
      p.position,
      p.settledAt ?? null,
      p.heartbeats,
      p.capped,
    ],
  );
}

/** Marks the video watched once; true only for the call that did it. */
export async function completeVideo(db: Queryable, userId: string, lessonId: string): Promise<boolean> {
  const rows = await selectRows<{ done: number }>(
    db,
    `UPDATE video_progress SET completed_at = now() WHERE user_id = $1 AND lesson_revision_id = $2 AND completed_at IS NULL RETURNING 1 AS done`,
    [userId, lessonId],
  );
  return rows.length > 0;
}

export interface VideoStateRow {
  /** Everything credited so far, as multirange text (parse it with parseMultirange; measure it in libs/domain). */
  watched: string;
  /** The last playhead reported (numeric, as text). */
  position: string;
}

/** What a learner watched of a video and where they stopped; nothing when they never opened it. */
export async function videoState(
  db: Queryable,
  userId: string,
  lessonId: string,
): Promise<VideoStateRow | undefined> {
  return selectOne<VideoStateRow>(
    db,
    `SELECT watched::text AS watched, position FROM video_progress WHERE user_id = $1 AND lesson_revision_id = $2`,
    [userId, lessonId],
  );
}

/** Parses Postgres multirange text such as {[0,15.5),[20,30)} into intervals. */
export function parseMultirange(text: string): Array<[number, number]> {
  return [...text.matchAll(/[[(]([\d.]+),([\d.]+)[\])]/g)].map((m) => [Number(m[1]), Number(m[2])]);
}
