import type { LocalizedText } from '@hocvuso/domain';
import { execute, type Queryable, selectOne, selectRows } from './queryable';

/**
 * Learners staying on the version they started, and moving to a newer one (docs/crediting.md "Staying on a
 * version"). Which version a learner reads is READ_VERSION (learning.queries.ts).
 */

export interface EnrolmentVersionRow {
  enrolment_id: string;
  status: string;
  /** The version the enrolment is on (null when that version is gone). */
  course_version_id: string | null;
  version_no: number | null;
  current_version_id: string | null;
  current_version_no: number | null;
  published: boolean;
  current_lesson_id: string | null;
  open_for_seconds: string | null;
}

/**
 * The learner's enrolment in a course with the version it is on and the course's current one; locked for the
 * rest of the transaction when `lock` (a move takes the enrolment lock first, as every learning transaction).
 */
export async function enrolmentVersion(
  db: Queryable,
  userId: string,
  courseId: string,
  lock = false,
): Promise<EnrolmentVersionRow | undefined> {
  return selectOne<EnrolmentVersionRow>(
    db,
    `SELECT e.id AS enrolment_id, e.status, e.course_version_id, ev.version_no,
            c.current_version_id, cv.version_no AS current_version_no, c.published, e.current_lesson_id,
            greatest(0, extract(epoch FROM now() - e.current_lesson_since)) AS open_for_seconds
       FROM enrolments e
       JOIN courses c ON c.id = e.course_id
       LEFT JOIN course_versions ev ON ev.id = e.course_version_id
       LEFT JOIN course_versions cv ON cv.id = c.current_version_id
      WHERE e.user_id = $1 AND e.course_id = $2
      ${lock ? 'FOR UPDATE OF e' : ''}`,
    [userId, courseId],
  );
}

/** Which course a version belongs to, and its number; nothing when there is no such version. */
export async function courseVersionRef(
  db: Queryable,
  versionId: string,
): Promise<{ course_id: string; version_no: number } | undefined> {
  return selectOne(db, `SELECT course_id, version_no FROM course_versions WHERE id = $1`, [versionId]);
}

export interface VersionLessonRow {
  course_version_id: string;
  lesson_id: string;
  revision_id: string;
  title: LocalizedText;
}

/** The lessons of some versions, in outline order, each with its address for life and its revision. */
export async function versionLessons(db: Queryable, versionIds: string[]): Promise<VersionLessonRow[]> {
  return selectRows<VersionLessonRow>(
    db,
    `SELECT l.course_version_id, r.lesson_id, r.id AS revision_id, r.title
       FROM course_version_lessons l JOIN lesson_revisions r ON r.id = l.lesson_revision_id
      WHERE l.course_version_id = ANY ($1::uuid[])
      ORDER BY l.course_version_id, l.position`,
    [versionIds],
  );
}

/** Every change marked minor at a publish of the course (credit on `from_revision_id` carries to `to_revision_id`). */
export async function revisionCarries(
  db: Queryable,
  courseId: string,
): Promise<Array<{ from_revision_id: string; to_revision_id: string }>> {
  return selectRows(
    db,
    `SELECT k.from_revision_id, k.to_revision_id
       FROM lesson_revision_carries k JOIN lesson_revisions r ON r.id = k.to_revision_id
      WHERE r.course_id = $1`,
    [courseId],
  );
}

/** Records that a publish marked a lesson's change from one revision to the next minor (idempotent). */
export async function recordRevisionCarry(
  db: Queryable,
  fromRevisionId: string,
  toRevisionId: string,
): Promise<void> {
  await execute(
    db,
    `INSERT INTO lesson_revision_carries (from_revision_id, to_revision_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
    [fromRevisionId, toRevisionId],
  );
}

/**
 * One learner's state on a lesson's old revision carried to its new one (reading time, ticks, completion, a quiz
 * passed), for a move to a newer version. A state already on the new revision keeps what it has unless the
 * carried one is further: a completion wins, and the longer reading time. Call under the enrolment lock.
 */
export async function carryLearnerProgress(
  db: Queryable,
  userId: string,
  fromRevisionId: string,
  toRevisionId: string,
): Promise<void> {
  await execute(
    db,
    `INSERT INTO lesson_progress AS lp (user_id, lesson_revision_id, status, started_at, completed_at, updated_at, passed, state, read_seconds)
     SELECT user_id, $3::uuid, status, started_at, completed_at, now(), passed, state, read_seconds
       FROM lesson_progress WHERE user_id = $1 AND lesson_revision_id = $2::uuid
     ON CONFLICT (user_id, lesson_revision_id) DO UPDATE
        SET status = CASE WHEN EXCLUDED.status = 'completed' THEN 'completed' ELSE lp.status END,
            completed_at = CASE WHEN EXCLUDED.status = 'completed' THEN EXCLUDED.completed_at ELSE lp.completed_at END,
            state = CASE WHEN EXCLUDED.status = 'completed' THEN EXCLUDED.state ELSE lp.state END,
            passed = lp.passed OR EXCLUDED.passed,
            read_seconds = greatest(lp.read_seconds, EXCLUDED.read_seconds),
            updated_at = now()
      WHERE lp.status <> 'completed'`,
    [userId, fromRevisionId, toRevisionId],
  );
}

/**
 * Puts the enrolment on another version, with the lesson that stays open (its reading clock restarting now) or
 * none. Only an enrolment in progress on another version moves; true when this call moved it.
 */
export async function moveEnrolmentToVersion(
  db: Queryable,
  enrolmentId: string,
  versionId: string,
  openLessonId: string | null,
): Promise<boolean> {
  const rows = await selectRows<{ one: number }>(
    db,
    `UPDATE enrolments
        SET course_version_id = $2, current_lesson_id = $3::uuid,
            current_lesson_since = CASE WHEN $3::uuid IS NULL THEN NULL ELSE now() END, last_activity_at = now()
      WHERE id = $1 AND status <> 'completed' AND course_version_id IS DISTINCT FROM $2
      RETURNING 1 AS one`,
    [enrolmentId, versionId, openLessonId],
  );
  return rows.length > 0;
}

export interface LearnersPerVersionRow {
  version_id: string;
  version_no: number;
  current: boolean;
  in_progress: number;
  completed: number;
}

/**
 * How many learners of a course are on each version: in progress (enrolled, not completed) on it, and completed
 * on it (the version they completed). Versions nobody is on are left out.
 */
export async function learnersPerVersion(db: Queryable, courseId: string): Promise<LearnersPerVersionRow[]> {
  return selectRows<LearnersPerVersionRow>(
    db,
    `SELECT v.id AS version_id, v.version_no, v.id = c.current_version_id AS current,
            (count(*) FILTER (WHERE e.status <> 'completed'))::int AS in_progress,
            (count(*) FILTER (WHERE e.status = 'completed'))::int AS completed
       FROM enrolments e
       JOIN courses c ON c.id = e.course_id
       JOIN course_versions v ON v.id = coalesce(e.course_version_id, c.current_version_id)
      WHERE e.course_id = $1
      GROUP BY v.id, v.version_no, c.current_version_id
      ORDER BY v.version_no`,
    [courseId],
  );
}
