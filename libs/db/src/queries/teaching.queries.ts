import type { CourseStaffRole, LocalizedText } from '@hocvuso/domain';
import { READ_VERSION } from './learning.queries';
import { execute, type Queryable, selectOne, selectRows } from './queryable';

export interface CourseForTeacherRow {
  id: string;
  source: 'content' | 'studio';
  published: boolean;
  staff_role: CourseStaffRole | null;
}

/** A course with the caller's place on its staff (null when none), or nothing when there is no such course. */
export async function courseForTeacher(
  db: Queryable,
  courseId: string,
  userId: string,
): Promise<CourseForTeacherRow | undefined> {
  return selectOne<CourseForTeacherRow>(
    db,
    `SELECT c.id, c.source, c.published, s.role AS staff_role
       FROM courses c LEFT JOIN course_staff s ON s.course_id = c.id AND s.user_id = $2
      WHERE c.id = $1`,
    [courseId, userId],
  );
}

export interface TeachingCourseRow {
  id: string;
  source: 'content' | 'studio';
  published: boolean;
  staff_role: CourseStaffRole | null;
  title: LocalizedText;
  version_no: number | null;
  draft_revision: number | null;
  published_revision: number | null;
  draft_updated_at: Date | null;
  enrolled: number;
  completed: number;
}

/**
 * The courses a teacher teaches (every course for a system admin), with the draft's state and enrolment
 * counts. A studio course that was never published shows its draft title.
 */
export async function teachingCourses(
  db: Queryable,
  userId: string,
  everyCourse: boolean,
): Promise<TeachingCourseRow[]> {
  return selectRows<TeachingCourseRow>(
    db,
    `SELECT c.id, c.source, c.published, s.role AS staff_role,
            coalesce(v.title, jsonb_build_object('vi', d.document -> 'title' ->> 'vi', 'en', d.document -> 'title' ->> 'en')) AS title,
            v.version_no, d.revision AS draft_revision, d.published_revision, d.updated_at AS draft_updated_at,
            (SELECT count(*) FROM enrolments e WHERE e.course_id = c.id)::int AS enrolled,
            (SELECT count(*) FROM enrolments e WHERE e.course_id = c.id AND e.status = 'completed')::int AS completed
       FROM courses c
       LEFT JOIN course_staff s ON s.course_id = c.id AND s.user_id = $1
       LEFT JOIN course_versions v ON v.id = c.current_version_id
       LEFT JOIN course_drafts d ON d.course_id = c.id
      WHERE s.user_id IS NOT NULL OR $2::boolean
      ORDER BY coalesce(d.updated_at, c.updated_at) DESC, c.id`,
    [userId, everyCourse],
  );
}

/** One person who teaches a course, as the teaching api answers it. */
export interface CourseStaffMember {
  userId: string;
  displayName: string;
  role: CourseStaffRole;
  addedAt: Date;
}

/** Who teaches a course: owners first, then editors, each in the order they were added. */
export async function courseStaff(db: Queryable, courseId: string): Promise<CourseStaffMember[]> {
  return selectRows<CourseStaffMember>(
    db,
    `SELECT s.user_id AS "userId", u.display_name AS "displayName", s.role, s.added_at AS "addedAt"
       FROM course_staff s JOIN users u ON u.id = s.user_id
      WHERE s.course_id = $1 ORDER BY s.role DESC, s.added_at, s.user_id`,
    [courseId],
  );
}

export type CourseLearnerStatus = 'not_started' | 'in_progress' | 'completed';

export interface CourseLearnerRow {
  user_id: string;
  display_name: string;
  deidentified: boolean;
  status: CourseLearnerStatus;
  completed_lessons: number;
  total_lessons: number;
  enrolled_at: Date;
  last_activity_at: Date | null;
  completed_at: Date | null;
  certificate_issued: boolean;
}

/**
 * One row per learner of course $1 with how far they got in the version they read (READ_VERSION: the one they are
 * on while in progress, the current one once completed): lessons completed of the total, enrolment dates, whether
 * a certificate was issued, and a status (not started, in progress, completed). A completed enrolment also counts
 * lessons it completed before a major change (as the learner's page does), so "completed" never sits beside "1/2".
 */
const LEARNER_ROWS = `
  WITH reads AS (
    SELECT e.id AS enrolment_id, e.user_id, ${READ_VERSION} AS version_id
      FROM enrolments e JOIN courses c ON c.id = e.course_id WHERE e.course_id = $1),
  lessons AS (
    SELECT l.course_version_id AS version_id, l.lesson_revision_id, r.lesson_id
      FROM course_version_lessons l JOIN lesson_revisions r ON r.id = l.lesson_revision_id
     WHERE l.course_version_id IN (SELECT DISTINCT version_id FROM reads)),
  totals AS (SELECT version_id, count(*)::int AS n FROM lessons GROUP BY version_id),
  progress AS (
    SELECT rd.user_id, count(*)::int AS opened, (count(*) FILTER (WHERE p.status = 'completed'))::int AS completed
      FROM reads rd JOIN lessons x ON x.version_id = rd.version_id
      JOIN lesson_progress p ON p.user_id = rd.user_id AND p.lesson_revision_id = x.lesson_revision_id
     GROUP BY rd.user_id),
  -- lessons completed on an earlier revision only (a major change since): a completed enrolment keeps them
  earlier AS (
    SELECT rd.user_id, count(DISTINCT x.lesson_id)::int AS kept
      FROM reads rd JOIN lessons x ON x.version_id = rd.version_id
      JOIN lesson_revisions o ON o.lesson_id = x.lesson_id AND o.id <> x.lesson_revision_id
      JOIN lesson_progress op ON op.lesson_revision_id = o.id AND op.user_id = rd.user_id AND op.status = 'completed'
     WHERE NOT EXISTS (SELECT 1 FROM lesson_progress cp
                        WHERE cp.user_id = rd.user_id AND cp.lesson_revision_id = x.lesson_revision_id AND cp.status = 'completed')
     GROUP BY rd.user_id),
  learner_rows AS (
    SELECT e.user_id, e.enrolled_at, e.last_activity_at, e.completed_at,
           coalesce(pr.completed, 0) + CASE WHEN e.status = 'completed' THEN coalesce(ea.kept, 0) ELSE 0 END AS completed_lessons,
           coalesce(t.n, 0) AS total_lessons,
           ce.id IS NOT NULL AS certificate_issued,
           CASE WHEN e.status = 'completed' THEN 'completed'
                WHEN pr.opened > 0 OR ea.kept > 0 THEN 'in_progress' ELSE 'not_started' END AS status
      FROM enrolments e
      JOIN reads rd ON rd.enrolment_id = e.id
      LEFT JOIN totals t ON t.version_id = rd.version_id
      LEFT JOIN progress pr ON pr.user_id = e.user_id
      LEFT JOIN earlier ea ON ea.user_id = e.user_id
      LEFT JOIN certificates ce ON ce.enrolment_id = e.id
     WHERE e.course_id = $1)`;

/** A learner row's columns, from learner_rows r joined with users u. */
const LEARNER_COLUMNS = `r.user_id, u.display_name, u.deidentified_at IS NOT NULL AS deidentified, r.status, r.completed_lessons,
       r.total_lessons, r.enrolled_at, r.last_activity_at, r.completed_at, r.certificate_issued`;

export type CourseLearnerCounts = Record<CourseLearnerStatus | 'enrolled', number>;

/**
 * The learners of a course, optionally of one status, paged, with how many are in each state (all learners)
 * and `total` (the filtered rows), in one statement: the per-learner rows are computed once for both.
 */
export async function courseLearners(
  db: Queryable,
  courseId: string,
  opts: { status?: CourseLearnerStatus; limit: number; offset: number },
): Promise<{ rows: CourseLearnerRow[]; total: number; counts: CourseLearnerCounts }> {
  const result = await selectRows<CourseLearnerCounts & Partial<CourseLearnerRow> & { total: number | null }>(
    db,
    `${LEARNER_ROWS},
     counts AS (
       SELECT count(*)::int AS enrolled,
              count(*) FILTER (WHERE status = 'not_started')::int AS not_started,
              count(*) FILTER (WHERE status = 'in_progress')::int AS in_progress,
              count(*) FILTER (WHERE status = 'completed')::int AS completed
         FROM learner_rows),
     page AS (
       SELECT ${LEARNER_COLUMNS}, count(*) OVER ()::int AS total
         FROM learner_rows r JOIN users u ON u.id = r.user_id
        WHERE ($2::text IS NULL OR r.status = $2::text)
        ORDER BY u.display_name, r.user_id
        LIMIT $3 OFFSET $4)
     SELECT c.*, p.* FROM counts c LEFT JOIN page p ON true
      ORDER BY p.display_name, p.user_id`,
    [courseId, opts.status ?? null, opts.limit, opts.offset],
  );
  const { enrolled, not_started, in_progress, completed } = result[0]!;
  const rows = result
    .filter((r) => r.user_id !== null)
    .map(
      ({ enrolled: _e, not_started: _n, in_progress: _i, completed: _c, total: _t, ...r }) =>
        r as CourseLearnerRow,
    );
  return { rows, total: result[0]!.total ?? 0, counts: { enrolled, not_started, in_progress, completed } };
}

/** Every learner of a course, by name, for an export: no counts, no paging. */
export function allCourseLearners(db: Queryable, courseId: string): Promise<CourseLearnerRow[]> {
  return selectRows<CourseLearnerRow>(
    db,
    `${LEARNER_ROWS}
     SELECT ${LEARNER_COLUMNS} FROM learner_rows r JOIN users u ON u.id = r.user_id ORDER BY u.display_name, r.user_id`,
    [courseId],
  );
}

/** Every shipped competency with its name and its framework's levels, keyed `framework:code`. */
export async function competencyIndex(
  db: Queryable,
): Promise<Map<string, { name: LocalizedText; levels: number[] }>> {
  const rows = await selectRows<{ key: string; name: LocalizedText; levels: number[] }>(
    db,
    `SELECT fc.framework_id || ':' || fc.code AS key, fc.name,
            ARRAY(SELECT (l ->> 'code')::int FROM jsonb_array_elements(f.levels) l) AS levels
       FROM framework_competencies fc JOIN frameworks f ON f.id = fc.framework_id`,
  );
  return new Map(rows.map((r) => [r.key, { name: r.name, levels: r.levels }]));
}

export interface StaffPlaceRow {
  user_id: string;
  role: CourseStaffRole;
}

/** The course's staff, locked until the transaction ends, so two changes cannot both take away its last owner. */
export function lockCourseStaff(db: Queryable, courseId: string): Promise<StaffPlaceRow[]> {
  return selectRows<StaffPlaceRow>(
    db,
    `SELECT user_id, role FROM course_staff WHERE course_id = $1 FOR UPDATE`,
    [courseId],
  );
}

/**
 * The id of the person who signs in with this email or phone, holds one of `roles` (not revoked) and is not
 * de-identified, or undefined.
 */
export async function teacherByLogin(
  db: Queryable,
  login: { kind: 'email' | 'phone'; value: string },
  roles: readonly string[],
): Promise<string | undefined> {
  const row = await selectOne<{ id: string }>(
    db,
    login.kind === 'email' ? TEACHER_BY_EMAIL : TEACHER_BY_PHONE,
    [login.value, roles],
  );
  return row?.id;
}

const TEACHER_WHERE = `u.deidentified_at IS NULL
  AND EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = u.id AND g.role = ANY ($2::text[]) AND g.revoked_at IS NULL)`;
const TEACHER_BY_EMAIL = `SELECT u.id FROM users u WHERE u.email = $1 AND ${TEACHER_WHERE}`;
const TEACHER_BY_PHONE = `SELECT u.id FROM users u WHERE u.phone = $1 AND ${TEACHER_WHERE}`;

/** Adds a person to a course's staff, or changes their role when they already are. */
export async function upsertCourseStaff(
  db: Queryable,
  member: { courseId: string; userId: string; role: CourseStaffRole; addedBy: string },
): Promise<void> {
  await execute(
    db,
    `INSERT INTO course_staff (course_id, user_id, role, added_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (course_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
    [member.courseId, member.userId, member.role, member.addedBy],
  );
}

/** Takes a person off a course's staff; returns how many rows it removed. */
export function removeCourseStaff(db: Queryable, courseId: string, userId: string): Promise<number> {
  return execute(db, `DELETE FROM course_staff WHERE course_id = $1 AND user_id = $2`, [courseId, userId]);
}
