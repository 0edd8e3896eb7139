import type { CourseStaffRole } from '@hocvuso/domain';
import { READ_VERSION } from './learning.queries';
import { recordRevisionCarry } from './learning-versions.queries';
import { execute, type Queryable, selectOne, selectRows } from './queryable';

/**
 * The teaching studio's own rows: studio courses, their one draft (optimistic revisions), the versions they
 * published, and whether they are in the catalogue. Publishing itself writes through the content importer.
 */

/** Creates an unpublished studio course; false when the id is taken. */
export async function insertStudioCourse(db: Queryable, courseId: string): Promise<boolean> {
  const rows = await selectRows<{ id: string }>(
    db,
    `INSERT INTO courses (id, source, published) VALUES ($1, 'studio', false) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [courseId],
  );
  return rows.length > 0;
}

/** Which of these course ids are taken (by any course); a course import refuses early before checking its files. */
export async function takenCourseIds(db: Queryable, ids: string[]): Promise<string[]> {
  const rows = await selectRows<{ id: string }>(
    db,
    `SELECT id FROM courses WHERE id = ANY($1::text[]) ORDER BY id`,
    [ids],
  );
  return rows.map((r) => r.id);
}

/** Puts a person on a course's staff (a new course's creator, as its owner). */
export async function insertCourseStaff(
  db: Queryable,
  member: { courseId: string; userId: string; role: CourseStaffRole; addedBy: string },
): Promise<void> {
  await execute(db, `INSERT INTO course_staff (course_id, user_id, role, added_by) VALUES ($1, $2, $3, $4)`, [
    member.courseId,
    member.userId,
    member.role,
    member.addedBy,
  ]);
}

/** The first draft of a new studio course. */
export async function insertCourseDraft(
  db: Queryable,
  courseId: string,
  document: unknown,
  userId: string,
): Promise<void> {
  await execute(db, `INSERT INTO course_drafts (course_id, document, updated_by) VALUES ($1, $2, $3)`, [
    courseId,
    JSON.stringify(document),
    userId,
  ]);
}

export interface CourseDraftRow {
  /** The draft document as saved (validated by the caller). */
  document: unknown;
  revision: number;
  published_revision: number | null;
  updated_at: Date;
  updated_by_name: string | null;
}

/** A course's draft with who saved it last, or undefined (a course from the content files has none). */
export function courseDraft(db: Queryable, courseId: string): Promise<CourseDraftRow | undefined> {
  return selectOne<CourseDraftRow>(
    db,
    `SELECT d.document, d.revision, d.published_revision, d.updated_at, u.display_name AS updated_by_name
       FROM course_drafts d LEFT JOIN users u ON u.id = d.updated_by WHERE d.course_id = $1`,
    [courseId],
  );
}

export interface LockedDraftRow {
  document: unknown;
  revision: number;
}

/** A course's draft locked until the transaction ends (saving or publishing it), or undefined. */
export function lockCourseDraft(db: Queryable, courseId: string): Promise<LockedDraftRow | undefined> {
  return selectOne<LockedDraftRow>(
    db,
    `SELECT document, revision FROM course_drafts WHERE course_id = $1 FOR UPDATE`,
    [courseId],
  );
}

/** Saves a draft's document as the next revision. */
export function saveCourseDraft(
  db: Queryable,
  courseId: string,
  document: unknown,
  userId: string,
): Promise<number> {
  return execute(
    db,
    `UPDATE course_drafts SET document = $2, revision = revision + 1, updated_by = $3, updated_at = now() WHERE course_id = $1`,
    [courseId, JSON.stringify(document), userId],
  );
}

/** Records that the draft's current revision is the published one. */
export function markDraftPublished(db: Queryable, courseId: string): Promise<number> {
  return execute(
    db,
    `UPDATE course_drafts SET published_revision = revision, published_document = document WHERE course_id = $1`,
    [courseId],
  );
}

export interface CourseVersionListRow {
  version_no: number;
  edition: string;
  created_at: Date;
  /** The course's current version. */
  current: boolean;
}

/** A course's latest versions (at most 20), newest first. */
export function courseVersionList(db: Queryable, courseId: string): Promise<CourseVersionListRow[]> {
  return selectRows<CourseVersionListRow>(
    db,
    `SELECT v.version_no, v.edition, v.created_at, v.id = c.current_version_id AS current
       FROM course_versions v JOIN courses c ON c.id = v.course_id WHERE v.course_id = $1 ORDER BY v.version_no DESC LIMIT 20`,
    [courseId],
  );
}

/** The number of a course's current version, or undefined when it has none. */
export async function currentVersionNo(db: Queryable, courseId: string): Promise<number | undefined> {
  const row = await selectOne<{ version_no: number }>(
    db,
    `SELECT v.version_no FROM courses c JOIN course_versions v ON v.id = c.current_version_id WHERE c.id = $1`,
    [courseId],
  );
  return row?.version_no;
}

/** Puts a course in the catalogue (nothing when it already is). */
export function publishCourseListing(db: Queryable, courseId: string): Promise<number> {
  return execute(
    db,
    `UPDATE courses SET published = true, updated_at = now() WHERE id = $1 AND NOT published`,
    [courseId],
  );
}

/** Takes a course out of the catalogue. */
export function unpublishCourseListing(db: Queryable, courseId: string): Promise<number> {
  return execute(db, `UPDATE courses SET published = false, updated_at = now() WHERE id = $1`, [courseId]);
}

export interface PublishedLessonRow {
  /** The lesson's address for life. */
  lesson_id: string;
  lesson_key: string;
  /** Its revision in the course's current version. */
  revision_id: string;
  /** That revision's content hash (a draft lesson with another hash changes it). */
  content_hash: string;
}

/** The lessons of a course's current version, in outline order (none before its first publish). */
export function publishedLessons(db: Queryable, courseId: string): Promise<PublishedLessonRow[]> {
  return selectRows<PublishedLessonRow>(
    db,
    `SELECT r.lesson_id, r.lesson_key, r.id AS revision_id, r.content_hash
       FROM courses c
       JOIN course_version_lessons l ON l.course_version_id = c.current_version_id
       JOIN lesson_revisions r ON r.id = l.lesson_revision_id
      WHERE c.id = $1 ORDER BY l.position`,
    [courseId],
  );
}

/**
 * Locks every enrolment of a course, in id order (learning transactions lock one enrolment first, then the
 * learner's rows, so taking these locks before touching progress keeps the same order and cannot deadlock).
 */
export async function lockCourseEnrolments(db: Queryable, courseId: string): Promise<number> {
  const rows = await selectRows<{ id: string }>(
    db,
    `SELECT id FROM enrolments WHERE course_id = $1 ORDER BY id FOR UPDATE`,
    [courseId],
  );
  return rows.length;
}

/**
 * A minor change: every learner's state on the lesson's previous revision carries to its new one (reading
 * time, ticks, completion, a quiz passed), and a learner reading it now keeps reading the new one. A state
 * already on the new revision (a revert) keeps its own progress unless the carried one is completed. Returns
 * how many learners' states were carried, and records the carry (lesson_revision_carries). Call after
 * lockCourseEnrolments, in the same transaction.
 */
export async function carryLessonProgress(
  db: Queryable,
  courseId: string,
  fromRevisionId: string,
  toRevisionId: string,
): Promise<number> {
  const rows = await selectRows<{ one: number }>(
    db,
    `INSERT INTO lesson_progress AS lp (user_id, lesson_revision_id, status, started_at, completed_at, updated_at, passed, state, read_seconds)
     SELECT user_id, $2::uuid, status, started_at, completed_at, now(), passed, state, read_seconds
       FROM lesson_progress WHERE lesson_revision_id = $1::uuid
     ON CONFLICT (user_id, lesson_revision_id) DO UPDATE
        SET status = 'completed', completed_at = EXCLUDED.completed_at, updated_at = now(), passed = lp.passed OR EXCLUDED.passed
      WHERE lp.status <> 'completed' AND EXCLUDED.status = 'completed'
     RETURNING 1 AS one`,
    [fromRevisionId, toRevisionId],
  );
  // Only learners who read the new version follow (completed ones, or on it already); one in progress on an
  // earlier version keeps reading that revision until they move (docs/crediting.md "Staying on a version").
  await execute(
    db,
    `UPDATE enrolments e SET current_lesson_id = $3 FROM courses c
      WHERE c.id = e.course_id AND e.course_id = $1 AND e.current_lesson_id = $2 AND ${READ_VERSION} = c.current_version_id`,
    [courseId, fromRevisionId, toRevisionId],
  );
  // The marking is kept: a learner who moves to this version later keeps their credit for the lesson too.
  await recordRevisionCarry(db, fromRevisionId, toRevisionId);
  return rows.length;
}
