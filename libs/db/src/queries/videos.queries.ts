import { execute, type Queryable, selectOne, selectRows } from './queryable';

/** Studio videos (docs/video-pipeline.md): one row per accepted upload, moved along by the worker. */
export interface CourseVideoRow {
  id: string;
  course_id: string;
  owner_id: string;
  original_name: string;
  media_type: string;
  original_key: string;
  size_bytes: string;
  sha256: string;
  duration_seconds: number;
  width: number;
  height: number;
  status: 'uploaded' | 'transcoding' | 'ready' | 'failed';
  progress: number;
  error_code: string | null;
  error_message: string | null;
  hls_key: string | null;
  poster_key: string | null;
  renditions: Array<{ name: string; height: number | null }>;
  attempts: number;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `id, course_id, owner_id, original_name, media_type, original_key, size_bytes, sha256, duration_seconds,
  width, height, status, progress, error_code, error_message, hls_key, poster_key, renditions, attempts, created_at,
  updated_at`;

/** Records an accepted upload (status `uploaded`); the id is the upload's, so a replayed finish inserts nothing. */
export async function insertCourseVideo(
  db: Queryable,
  v: {
    id: string;
    courseId: string;
    ownerId: string;
    originalName: string;
    mediaType: string;
    originalKey: string;
    sizeBytes: number;
    sha256: string;
    durationSeconds: number;
    width: number;
    height: number;
  },
): Promise<CourseVideoRow | undefined> {
  return selectOne<CourseVideoRow>(
    db,
    `INSERT INTO course_videos (id, course_id, owner_id, original_name, media_type, original_key, size_bytes, sha256,
       duration_seconds, width, height)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (id) DO NOTHING RETURNING ${COLUMNS}`,
    [
      v.id,
      v.courseId,
      v.ownerId,
      v.originalName,
      v.mediaType,
      v.originalKey,
      v.sizeBytes,
      v.sha256,
      v.durationSeconds,
      v.width,
      v.height,
    ],
  );
}

/** A video of a course (undefined for another course's video: callers answer 404). */
export function courseVideo(
  db: Queryable,
  courseId: string,
  videoId: string,
): Promise<CourseVideoRow | undefined> {
  return selectOne<CourseVideoRow>(
    db,
    `SELECT ${COLUMNS} FROM course_videos WHERE course_id = $1 AND id = $2`,
    [courseId, videoId],
  );
}

/** A video by id alone (the worker and the public media route, which know no course). */
export function courseVideoById(db: Queryable, videoId: string): Promise<CourseVideoRow | undefined> {
  return selectOne<CourseVideoRow>(db, `SELECT ${COLUMNS} FROM course_videos WHERE id = $1`, [videoId]);
}

export function courseVideos(db: Queryable, courseId: string): Promise<CourseVideoRow[]> {
  return selectRows<CourseVideoRow>(
    db,
    `SELECT ${COLUMNS} FROM course_videos WHERE course_id = $1 ORDER BY created_at, id`,
    [courseId],
  );
}

/**
 * Claims a video for transcoding: `uploaded`, `failed` or a `transcoding` left by a worker that died move to
 * `transcoding` (attempts + 1, progress 0, error cleared). A `ready` video is never claimed again.
 */
export function claimVideoForTranscoding(
  db: Queryable,
  videoId: string,
): Promise<CourseVideoRow | undefined> {
  return selectOne<CourseVideoRow>(
    db,
    `UPDATE course_videos SET status = 'transcoding', progress = 0, error_code = NULL, error_message = NULL,
       attempts = attempts + 1, updated_at = now()
     WHERE id = $1 AND status <> 'ready' RETURNING ${COLUMNS}`,
    [videoId],
  );
}

/** Progress in whole percent, while the video is still transcoding (never moves backwards). */
export function setVideoProgress(db: Queryable, videoId: string, progress: number): Promise<number> {
  return execute(
    db,
    `UPDATE course_videos SET progress = GREATEST(progress, $2), updated_at = now()
     WHERE id = $1 AND status = 'transcoding'`,
    [videoId, progress],
  );
}

export function markVideoReady(
  db: Queryable,
  videoId: string,
  out: { hlsKey: string; posterKey: string; renditions: Array<{ name: string; height: number | null }> },
): Promise<number> {
  return execute(
    db,
    `UPDATE course_videos SET status = 'ready', progress = 100, hls_key = $2, poster_key = $3, renditions = $4::jsonb,
       error_code = NULL, error_message = NULL, updated_at = now()
     WHERE id = $1 AND status = 'transcoding'`,
    [videoId, out.hlsKey, out.posterKey, JSON.stringify(out.renditions)],
  );
}

export function markVideoFailed(
  db: Queryable,
  videoId: string,
  code: string,
  message: string,
): Promise<number> {
  return execute(
    db,
    `UPDATE course_videos SET status = 'failed', error_code = $2, error_message = $3, updated_at = now()
     WHERE id = $1 AND status = 'transcoding'`,
    [videoId, code, message.slice(0, 2000)],
  );
}

/** Videos still `uploaded`, or `transcoding` untouched for `olderThanSeconds` (a lost job or a dead worker). */
export function videosToTranscode(
  db: Queryable,
  olderThanSeconds: number,
  limit = 100,
): Promise<Array<{ id: string }>> {
  return selectRows<{ id: string }>(
    db,
    `SELECT id FROM course_videos
     WHERE (status = 'uploaded' AND created_at < now() - make_interval(secs => $1))
        OR (status = 'transcoding' AND updated_at < now() - make_interval(secs => $1 * 10))
     ORDER BY created_at LIMIT $2`,
    [olderThanSeconds, limit],
  );
}

export interface VideoCaptionRow {
  video_id: string;
  language: string;
  storage_key: string;
  sha256: string;
  cue_count: number;
  coverage: number;
  updated_at: Date;
}

/** Records (or replaces) a video's caption file in one language. */
export function upsertVideoCaption(
  db: Queryable,
  c: {
    videoId: string;
    language: string;
    storageKey: string;
    sha256: string;
    cueCount: number;
    coverage: number;
    uploadedBy: string;
  },
): Promise<VideoCaptionRow | undefined> {
  return selectOne<VideoCaptionRow>(
    db,
    `INSERT INTO course_video_captions (video_id, language, storage_key, sha256, cue_count, coverage, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (video_id, language) DO UPDATE SET storage_key = EXCLUDED.storage_key, sha256 = EXCLUDED.sha256,
       cue_count = EXCLUDED.cue_count, coverage = EXCLUDED.coverage, uploaded_by = EXCLUDED.uploaded_by,
       updated_at = now()
     RETURNING video_id, language, storage_key, sha256, cue_count, coverage, updated_at`,
    [c.videoId, c.language, c.storageKey, c.sha256, c.cueCount, c.coverage, c.uploadedBy],
  );
}

/** The caption files of these videos, by video and language. */
export function videoCaptions(db: Queryable, videoIds: string[]): Promise<VideoCaptionRow[]> {
  return selectRows<VideoCaptionRow>(
    db,
    `SELECT video_id, language, storage_key, sha256, cue_count, coverage, updated_at
     FROM course_video_captions WHERE video_id = ANY($1::uuid[]) ORDER BY video_id, language`,
    [videoIds],
  );
}

/**
 * Locks a course's video row (`FOR UPDATE`): caption writes and the clean-up of replaced caption files of one
 * video take turns, so a file is never removed while another request is about to point a row at it.
 */
export function lockCourseVideo(
  db: Queryable,
  courseId: string,
  videoId: string,
): Promise<CourseVideoRow | undefined> {
  return selectOne<CourseVideoRow>(
    db,
    `SELECT ${COLUMNS} FROM course_videos WHERE course_id = $1 AND id = $2 FOR UPDATE`,
    [courseId, videoId],
  );
}

/** The caption file of a video in one language, if any. */
export function videoCaption(
  db: Queryable,
  videoId: string,
  language: string,
): Promise<VideoCaptionRow | undefined> {
  return selectOne<VideoCaptionRow>(
    db,
    `SELECT video_id, language, storage_key, sha256, cue_count, coverage, updated_at
     FROM course_video_captions WHERE video_id = $1 AND language = $2`,
    [videoId, language],
  );
}

/** Removes a video's caption in one language; returns the removed row (undefined when there was none). */
export function deleteVideoCaption(
  db: Queryable,
  videoId: string,
  language: string,
): Promise<VideoCaptionRow | undefined> {
  return selectOne<VideoCaptionRow>(
    db,
    `DELETE FROM course_video_captions WHERE video_id = $1 AND language = $2
     RETURNING video_id, language, storage_key, sha256, cue_count, coverage, updated_at`,
    [videoId, language],
  );
}

/**
 * Whether a stored caption file is still needed: a caption row of the video names it (another language with
 * the same bytes), or a published lesson revision of the course does (learners on an older version).
 */
export async function isVideoCaptionKeyInUse(
  db: Queryable,
  courseId: string,
  videoId: string,
  storageKey: string,
): Promise<boolean> {
  const row = await selectOne<{ used: boolean }>(
    db,
    `SELECT EXISTS (SELECT 1 FROM course_video_captions WHERE video_id = $2 AND storage_key = $3)
         OR EXISTS (SELECT 1 FROM lesson_revisions r, jsonb_each_text(COALESCE(r.data->'captions', '{}'::jsonb)) c
                     WHERE r.course_id = $1 AND r.kind = 'video' AND c.value = $3) AS used`,
    [courseId, videoId, storageKey],
  );
  return row?.used ?? false;
}
