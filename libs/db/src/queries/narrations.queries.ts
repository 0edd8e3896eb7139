import { type Queryable, selectOne, selectRows } from './queryable';

/** Studio narration files (docs/read-aloud.md "In the studio"): one row per course and content (sha256). */
export interface CourseNarrationRow {
  id: string;
  course_id: string;
  original_name: string;
  media_type: string;
  size_bytes: string;
  sha256: string;
  storage_key: string;
  duration_seconds: number;
  created_at: Date;
}

const COLUMNS = `id, course_id, original_name, media_type, size_bytes, sha256, storage_key, duration_seconds,
  created_at`;

/**
 * Records a narration; when the course already has these bytes (same sha256, also from a concurrent upload)
 * nothing is inserted and the existing row is returned with `created` false. `id` is the database's unless given
 * (a course import names its narrations in the draft before inserting them).
 */
export async function insertCourseNarration(
  db: Queryable,
  n: {
    id?: string;
    courseId: string;
    originalName: string;
    mediaType: string;
    sizeBytes: number;
    sha256: string;
    storageKey: string;
    durationSeconds: number;
    uploadedBy: string;
  },
): Promise<{ row: CourseNarrationRow; created: boolean }> {
  const inserted = await selectRows<CourseNarrationRow>(
    db,
    `INSERT INTO course_narrations (id, course_id, original_name, media_type, size_bytes, sha256, storage_key,
       duration_seconds, uploaded_by)
     VALUES (COALESCE($9::uuid, gen_random_uuid()), $1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (course_id, sha256) DO NOTHING RETURNING ${COLUMNS}`,
    [
      n.courseId,
      n.originalName,
      n.mediaType,
      n.sizeBytes,
      n.sha256,
      n.storageKey,
      n.durationSeconds,
      n.uploadedBy,
      n.id ?? null,
    ],
  );
  if (inserted[0]) return { row: inserted[0], created: true };
  const existing = await selectOne<CourseNarrationRow>(
    db,
    `SELECT ${COLUMNS} FROM course_narrations WHERE course_id = $1 AND sha256 = $2`,
    [n.courseId, n.sha256],
  );
  return { row: existing!, created: false };
}

export function courseNarrations(db: Queryable, courseId: string): Promise<CourseNarrationRow[]> {
  return selectRows<CourseNarrationRow>(
    db,
    `SELECT ${COLUMNS} FROM course_narrations WHERE course_id = $1 ORDER BY created_at, id`,
    [courseId],
  );
}

/** One narration by id, of any course (its URL holds the random id, as a video's does). */
export function narrationById(db: Queryable, narrationId: string): Promise<CourseNarrationRow | undefined> {
  return selectOne<CourseNarrationRow>(db, `SELECT ${COLUMNS} FROM course_narrations WHERE id = $1`, [
    narrationId,
  ]);
}
