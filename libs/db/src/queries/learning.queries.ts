import type { LocalizedText } from '@hocvuso/domain';
import { execute, type Queryable, selectOne, selectRows } from './queryable';
import { prepared } from '../prepared-statements';

/**
 * The version learner `e` reads of course `c` (versionRead in @hocvuso/domain, docs/crediting.md "Staying on a
 * version"): an enrolment in progress reads its own version; a completed one, no enrolment (e's columns null)
 * or an enrolment whose version is gone reads the course's current version.
 */
export const READ_VERSION = `CASE WHEN e.status = 'completed' OR e.course_version_id IS NULL THEN c.current_version_id ELSE e.course_version_id END`;

export interface EnrolmentLessonRow {
  enrolment_id: string;
  course_id: string;
  course_title: LocalizedText;
  status: string;
  enrolled_at: Date;
  completed_at: Date | null;
  completion: { lessons: 'all' | string[]; quizzes: string[] };
  lesson_id: string | null;
  lesson_key: string | null;
  lesson_title: LocalizedText | null;
  lesson_status: string | null;
  lesson_passed: boolean | null;
  lesson_kind: string | null;
  /** The lesson's place in the outline of the version (null when the version has no lesson). */
  lesson_position: number | null;
  certificate: boolean;
  course_version_id: string;
  /**
   * The learner completed an earlier revision of this lesson but not this one: its change set their credit
   * aside (a major change, or any change of a file course), and they are asked to read it again.
   */
  lesson_reread: boolean | null;
}

/**
 * A learner's enrolments with every lesson of the version each one reads (READ_VERSION) and the learner's state on it,
 * in outline order; one row per lesson. Optionally only one course. `lesson_id` is the lesson's address for
 * life (lesson_revisions.lesson_id); the learner's state is the one on the current revision.
 */
export async function enrolmentLessons(
  db: Queryable,
  userId: string,
  courseId?: string,
): Promise<EnrolmentLessonRow[]> {
  return selectRows<EnrolmentLessonRow>(
    db,
    `${ENROLMENT_LESSONS_SQL('$1', '$2')} ORDER BY e.last_activity_at DESC, e.course_id, l.position`,
    [userId, courseId ?? null],
  );
}

/**
 * The SELECT of `enrolmentLessons` without its ORDER BY (rows of one course come in outline order by
 * `lesson_position`), the user and the course (text, or null for every course) at the given parameters. Only built
 * from constants: a statement that reads the outline in a subquery of its own (a quiz submission) uses it.
 */
export const ENROLMENT_LESSONS_SQL = (user: string, course: string) =>
  `SELECT e.id AS enrolment_id, e.course_id, v.title AS course_title, e.status, e.enrolled_at, e.completed_at,
            v.completion, v.certificate, v.id AS course_version_id, r.lesson_id, r.lesson_key, r.kind AS lesson_kind,
            r.title AS lesson_title, p.status AS lesson_status, p.passed AS lesson_passed, l.position AS lesson_position,
            CASE WHEN r.id IS NULL THEN NULL
                 ELSE p.status IS DISTINCT FROM 'completed' AND EXISTS (
                   SELECT 1 FROM lesson_revisions o JOIN lesson_progress op ON op.lesson_revision_id = o.id
                    WHERE o.lesson_id = r.lesson_id AND o.id <> r.id AND op.user_id = e.user_id AND op.status = 'completed')
            END AS lesson_reread
       FROM enrolments e
       JOIN courses c ON c.id = e.course_id
       JOIN course_versions v ON v.id = ${READ_VERSION}
       LEFT JOIN course_version_lessons l ON l.course_version_id = v.id
       LEFT JOIN lesson_revisions r ON r.id = l.lesson_revision_id
       LEFT JOIN lesson_progress p ON p.user_id = e.user_id AND p.lesson_revision_id = r.id
      WHERE e.user_id = ${user} AND (${course}::text IS NULL OR e.course_id = ${course}::text)`;

/** Enrols idempotently; returns whether a new enrolment was created. */
export async function enrol(db: Queryable, userId: string, courseId: string): Promise<boolean> {
  const rows = await selectRows<{ id: string }>(
    db,
    `INSERT INTO enrolments (user_id, course_id) VALUES ($1, $2) ON CONFLICT (user_id, course_id) DO NOTHING RETURNING id`,
    [userId, courseId],
  );
  return rows.length > 0;
}

export interface LessonForLearnerRow {
  /** The revision of the course's current version (progress is kept per revision). */
  id: string;
  /** The lesson's address for life, the same in every version. */
  lesson_id: string;
  /** See EnrolmentLessonRow.lesson_reread. */
  reread: boolean;
  lesson_key: string;
  kind: string;
  title: LocalizedText;
  body_html: LocalizedText;
  minutes: number;
  min_read_seconds: number;
  course_id: string;
  course_title: LocalizedText;
  languages: string[];
  default_language: string;
  enrolment_id: string | null;
  progress_status: string | null;
  previous_lesson_id: string | null;
  next_lesson_id: string | null;
}

const LESSON_FOR_LEARNER_SQL = prepared(
  'lesson_for_learner',
  `WITH target AS (
       SELECT l.course_version_id, l.position, c.id AS course_id
         FROM lesson_revisions r0
         JOIN courses c ON c.id = r0.course_id
         LEFT JOIN enrolments e ON e.course_id = c.id AND e.user_id = $2
         JOIN course_version_lessons l ON l.lesson_revision_id = r0.id AND l.course_version_id = ${READ_VERSION}
        WHERE r0.id = $1 AND (c.published OR (e.id IS NOT NULL AND e.status <> 'completed')))
     SELECT r.id, r.lesson_id, r.lesson_key, r.kind, r.title, r.body_html, r.minutes, r.min_read_seconds,
            t.course_id, v.title AS course_title, v.languages, v.default_language,
            e.id AS enrolment_id, p.status AS progress_status,
            (p.status IS DISTINCT FROM 'completed' AND EXISTS (
               SELECT 1 FROM lesson_revisions o JOIN lesson_progress op ON op.lesson_revision_id = o.id
                WHERE o.lesson_id = r.lesson_id AND o.id <> r.id AND op.user_id = $2 AND op.status = 'completed')) AS reread,
            (SELECT pr.lesson_id FROM course_version_lessons pl JOIN lesson_revisions pr ON pr.id = pl.lesson_revision_id
              WHERE pl.course_version_id = t.course_version_id AND pl.position < t.position ORDER BY pl.position DESC LIMIT 1) AS previous_lesson_id,
            (SELECT nr.lesson_id FROM course_version_lessons nl JOIN lesson_revisions nr ON nr.id = nl.lesson_revision_id
              WHERE nl.course_version_id = t.course_version_id AND nl.position > t.position ORDER BY nl.position ASC LIMIT 1) AS next_lesson_id
       FROM target t
       JOIN lesson_revisions r ON r.id = $1
       JOIN course_versions v ON v.id = t.course_version_id
       LEFT JOIN enrolments e ON e.course_id = t.course_id AND e.user_id = $2
       LEFT JOIN lesson_progress p ON p.lesson_revision_id = r.id AND p.user_id = $2`,
);

/**
 * A lesson revision of the version the caller reads (READ_VERSION), with their enrolment and progress and its
 * neighbours in that version. A course taken out of the catalogue stays readable to a learner in progress on it
 * (they can finish what they started); to anyone else it is gone.
 */
export async function lessonForLearner(
  db: Queryable,
  lessonId: string,
  userId: string,
): Promise<LessonForLearnerRow | undefined> {
  return selectOne<LessonForLearnerRow>(db, LESSON_FOR_LEARNER_SQL, [lessonId, userId]);
}

/**
 * The revision of the course's current version that a lesson address stands for: the address itself
 * (lesson_revisions.lesson_id) or the id of any revision of the lesson, as older links and bookmarks hold.
 * Nothing when the lesson is not in the current version (it was removed).
 */
export async function currentLessonRevisionId(db: Queryable, lessonId: string): Promise<string | undefined> {
  const row = await selectOne<{ id: string }>(
    db,
    `SELECT cur.id
       FROM lesson_revisions r
       JOIN courses c ON c.id = r.course_id
       JOIN course_version_lessons l ON l.course_version_id = c.current_version_id
       JOIN lesson_revisions cur ON cur.id = l.lesson_revision_id AND cur.lesson_id = r.lesson_id
      WHERE r.id = $1`,
    [lessonId],
  );
  return row?.id;
}

const LEARNER_LESSON_REVISION_SQL = prepared(
  'learner_lesson_revision',
  `SELECT cur.id
       FROM lesson_revisions r
       JOIN courses c ON c.id = r.course_id
       LEFT JOIN enrolments e ON e.course_id = c.id AND e.user_id = $2
       JOIN course_version_lessons l ON l.course_version_id = ${READ_VERSION}
       JOIN lesson_revisions cur ON cur.id = l.lesson_revision_id AND cur.lesson_id = r.lesson_id
      WHERE r.id = $1`,
);

/**
 * The revision a lesson address stands for in the version this learner reads (READ_VERSION): the address itself
 * or the id of any revision of the lesson. Nothing when that version does not have the lesson.
 */
export async function learnerLessonRevisionId(
  db: Queryable,
  lessonId: string,
  userId: string,
): Promise<string | undefined> {
  const row = await selectOne<{ id: string }>(db, LEARNER_LESSON_REVISION_SQL, [lessonId, userId]);
  return row?.id;
}

/** Records that the learner opened a lesson (`started_at` is the first opening; the reading clock is on the enrolment). */
export async function startLesson(
  db: Queryable,
  userId: string,
  lessonId: string,
  courseId: string,
): Promise<void> {
  await execute(
    db,
    `WITH p AS (
       INSERT INTO lesson_progress (user_id, lesson_revision_id, status) VALUES ($1, $2, 'in_progress')
       ON CONFLICT (user_id, lesson_revision_id) DO UPDATE SET updated_at = now() RETURNING 1)
     UPDATE enrolments SET last_activity_at = now() WHERE user_id = $1 AND course_id = $3`,
    [userId, lessonId, courseId],
  );
}

export interface EnrolmentClockRow {
  enrolment_id: string;
  status: string;
  /** The course's open lesson (opened last), if any. */
  current_lesson_id: string | null;
  /** Seconds since it became the open lesson, by the database clock. */
  open_for_seconds: string | null;
}

/**
 * The enrolment, locked for the rest of the transaction (every learning transaction takes this lock first),
 * with its open lesson and for how long it has been open. Nothing when the learner is not enrolled.
 */
export async function lockEnrolmentClock(
  db: Queryable,
  userId: string,
  courseId: string,
): Promise<EnrolmentClockRow | undefined> {
  return selectOne<EnrolmentClockRow>(
    db,
    `SELECT id AS enrolment_id, status, current_lesson_id,
            greatest(0, extract(epoch FROM now() - current_lesson_since)) AS open_for_seconds
       FROM enrolments WHERE user_id = $1 AND course_id = $2 FOR UPDATE`,
    [userId, courseId],
  );
}

/** Adds reading seconds to a lesson's bank (the stint that ended when another lesson was opened). */
export async function bankReadingSeconds(
  db: Queryable,
  userId: string,
  lessonId: string,
  seconds: number,
): Promise<void> {
  await execute(
    db,
    `UPDATE lesson_progress SET read_seconds = read_seconds + $3 WHERE user_id = $1 AND lesson_revision_id = $2`,
    [userId, lessonId, seconds],
  );
}

/** Makes `lessonId` the enrolment's open lesson, its stint starting now (database clock). */
export async function setOpenLesson(db: Queryable, enrolmentId: string, lessonId: string): Promise<void> {
  await execute(
    db,
    `UPDATE enrolments SET current_lesson_id = $2, current_lesson_since = now() WHERE id = $1`,
    [enrolmentId, lessonId],
  );
}

export interface ReadingStateRow {
  status: string;
  read_seconds: string;
  /** Kind-specific state (checklist ticks, document opened). */
  state: { ticked?: number[] } & Record<string, unknown>;
}

/** The learner's state on a lesson, locked (after the enrolment); nothing when it was never opened. */
export async function lockLessonProgress(
  db: Queryable,
  userId: string,
  lessonId: string,
): Promise<ReadingStateRow | undefined> {
  return selectOne<ReadingStateRow>(
    db,
    `SELECT status, read_seconds, state FROM lesson_progress WHERE user_id = $1 AND lesson_revision_id = $2 FOR UPDATE`,
    [userId, lessonId],
  );
}

/** Marks the enrolment completed once; answers its completion time only to the call that completed it. */
export async function completeEnrolment(db: Queryable, enrolmentId: string): Promise<Date | undefined> {
  const done = await selectOne<{ completed_at: Date }>(
    db,
    `UPDATE enrolments SET status = 'completed', completed_at = now(), last_activity_at = now()
      WHERE id = $1 AND status <> 'completed' RETURNING completed_at`,
    [enrolmentId],
  );
  return done?.completed_at;
}

/** Marks a lesson completed once (and passed, for a quiz); true only for the call that completed it. */
export async function markLessonCompleted(
  db: Queryable,
  userId: string,
  lessonId: string,
  passed: boolean,
): Promise<boolean> {
  const rows = await selectRows<{ done: number }>(db, MARK_LESSON_COMPLETED_SQL('$1', '$2', '$3::boolean'), [
    userId,
    lessonId,
    passed,
  ]);
  return rows.length > 0;
}

/**
 * The upsert of `markLessonCompleted` (RETURNING a row only when it completed the lesson now), the user, lesson and
 * passed at the given parameters, applied only when `onlyIf` holds. An upsert: a quiz passed through the API without
 * opening its lesson page still completes the lesson. Only built from constants (a quiz submission runs it in a CTE).
 */
export const MARK_LESSON_COMPLETED_SQL = (user: string, lesson: string, passed: string, onlyIf = 'true') =>
  `INSERT INTO lesson_progress AS lp (user_id, lesson_revision_id, status, completed_at, passed)
     SELECT ${user}::uuid, ${lesson}::uuid, 'completed', now(), ${passed} WHERE ${onlyIf}
     ON CONFLICT (user_id, lesson_revision_id) DO UPDATE
        SET status = 'completed', completed_at = now(), updated_at = now(), passed = lp.passed OR ${passed}
      WHERE lp.status <> 'completed'
     RETURNING 1 AS done`;

export interface EnrolmentContextRow extends EnrolmentClockRow {
  course_id: string;
  pseudonym: string;
  course_title: LocalizedText;
}

/** The enrolment (locked for the rest of the transaction) with its reading clock, and the learner's pseudonym. */
export async function lockEnrolment(
  db: Queryable,
  userId: string,
  courseId: string,
): Promise<EnrolmentContextRow | undefined> {
  return selectOne<EnrolmentContextRow>(db, LOCK_ENROLMENT_PREPARED, [userId, courseId]);
}

/**
 * The SELECT … FOR UPDATE of `lockEnrolment`, the user and the course at the given parameters (or a scalar subquery
 * for the course). Only built from constants: a statement that locks the enrolment in a CTE of its own (a quiz
 * submission, enrolment first and then the attempt) uses it.
 */
export const LOCK_ENROLMENT_SQL = (user: string, course: string) =>
  `SELECT e.id AS enrolment_id, e.course_id, e.status, e.current_lesson_id,
            greatest(0, extract(epoch FROM now() - e.current_lesson_since)) AS open_for_seconds,
            u.pseudonym, v.title AS course_title
       FROM enrolments e JOIN users u ON u.id = e.user_id
       JOIN courses c ON c.id = e.course_id JOIN course_versions v ON v.id = ${READ_VERSION}
      WHERE e.user_id = ${user} AND e.course_id = ${course}
      FOR UPDATE OF e`;

/** `lockEnrolment`'s statement (defined after the fragment it uses). */
const LOCK_ENROLMENT_PREPARED = prepared('lock_enrolment', LOCK_ENROLMENT_SQL('$1', '$2'));

/** The outbox row for the certificate; one per enrolment, whatever happens. Returns its id when created now. */
export async function requestCertificate(
  db: Queryable,
  enrolmentId: string,
  courseVersionId: string,
): Promise<string | undefined> {
  const row = await selectOne<{ id: string }>(
    db,
    `INSERT INTO certificate_requests (enrolment_id, course_version_id) VALUES ($1, $2) ON CONFLICT (enrolment_id) DO NOTHING RETURNING id`,
    [enrolmentId, courseVersionId],
  );
  return row?.id;
}

/** Saves kind-specific state (checklist ticks) of an opened lesson. */
export async function saveLessonState(
  db: Queryable,
  userId: string,
  lessonId: string,
  state: Record<string, unknown>,
): Promise<boolean> {
  const rows = await selectRows<{ done: number }>(
    db,
    `UPDATE lesson_progress SET state = $3, updated_at = now() WHERE user_id = $1 AND lesson_revision_id = $2 RETURNING 1 AS done`,
    [userId, lessonId, JSON.stringify(state)],
  );
  return rows.length > 0;
}

/** Whether a course is published with a current version (the only courses a learner can enrol in). */
export async function isEnrollableCourse(db: Queryable, courseId: string): Promise<boolean> {
  const rows = await selectRows<{ one: number }>(
    db,
    `SELECT 1 AS one FROM courses WHERE id = $1 AND published AND current_version_id IS NOT NULL`,
    [courseId],
  );
  return rows.length > 0;
}

/** The learner's status on one lesson, if they ever opened it. */
export async function lessonStatus(
  db: Queryable,
  userId: string,
  lessonId: string,
): Promise<{ status: string } | undefined> {
  return selectOne<{ status: string }>(
    db,
    `SELECT status FROM lesson_progress WHERE user_id = $1 AND lesson_revision_id = $2`,
    [userId, lessonId],
  );
}

/** One lesson revision as imported (immutable once written). */
export interface LessonRevisionRow {
  id: string;
  lesson_key: string;
  kind: 'text' | 'video' | 'document' | 'checklist' | 'quiz';
  course_id: string;
  title: LocalizedText;
  min_read_seconds: number;
  /** The kind-specific body as imported (jsonb); parse it with lessonBodyOf from @hocvuso/contracts. */
  data: Record<string, unknown>;
}

/** A lesson revision by id, whatever course version it belongs to. */
export async function lessonRevision(
  db: Queryable,
  lessonId: string,
): Promise<LessonRevisionRow | undefined> {
  return selectOne<LessonRevisionRow>(
    db,
    `SELECT id, lesson_key, kind, course_id, title, min_read_seconds, data FROM lesson_revisions WHERE id = $1`,
    [lessonId],
  );
}
