import type { AttemptQuestion, BankQuestion, LocalizedText } from '@hocvuso/domain';
import {
  ENROLMENT_LESSONS_SQL,
  type EnrolmentContextRow,
  type EnrolmentLessonRow,
  LOCK_ENROLMENT_SQL,
  MARK_LESSON_COMPLETED_SQL,
} from './learning.queries';
import { type Queryable, selectOne, selectRows } from './queryable';
import { prepared } from '../prepared-statements';
import {
  APPEND_LOCK_SQL,
  APPEND_STATEMENTS_SQL,
  appendStatementsParams,
  type StatementRow,
  statementArrays,
} from './xapi.queries';

/**
 * The columns `now`, `attempts` and `grants` of an attempt history: `attempts` reads the FROM item `source` (rows of
 * quiz_attempts aliased `a`, with their WHERE), the grants are those of the user and lesson at the given parameters.
 * Only built from constants.
 */
const HISTORY_COLUMNS = (source: string, user: string, lesson: string) => `now() AS now,
       coalesce((SELECT json_agg(json_build_object(
           'attempt_no', a.attempt_no, 'started_at', a.started_at,
           'ended_at', coalesce(a.submitted_at, CASE WHEN a.deadline_at < now() THEN a.deadline_at END),
           'passed', coalesce(a.passed, false),
           'question_ids', (SELECT coalesce(json_agg(q->>'id'), '[]'::json) FROM jsonb_array_elements(a.layout) q)
         ) ORDER BY a.attempt_no)
         FROM ${source}), '[]'::json) AS attempts,
       coalesce((SELECT json_agg(json_build_object('at', g.created_at, 'extra_attempts', g.extra_attempts) ORDER BY g.created_at)
         FROM quiz_attempt_grants g JOIN lesson_revisions l ON l.id = ${lesson}
        WHERE g.user_id = ${user} AND g.course_id = l.course_id AND g.lesson_key = l.lesson_key), '[]'::json) AS grants`;

export interface AttemptRow {
  id: string;
  user_id: string;
  lesson_revision_id: string;
  question_bank_id: string;
  attempt_no: number;
  layout: AttemptQuestion[];
  started_at: Date;
  deadline_at: Date | null;
  submitted_at: Date | null;
  idempotency_key: string | null;
  answers: Record<string, string | string[]> | null;
  score_percent: string | null;
  passed: boolean | null;
  /** Computed by the database clock: the deadline has passed. */
  expired: boolean;
  remaining_seconds: number | null;
}

// Named columns, not `a.*`: these statements run prepared (prepared-statements.ts); the seed stays in the database.
const ATTEMPT_COLUMNS = `a.id, a.user_id, a.lesson_revision_id, a.question_bank_id, a.attempt_no, a.layout, a.started_at,
  a.deadline_at, a.submitted_at, a.idempotency_key, a.answers, a.score_percent, a.passed,
  (a.deadline_at IS NOT NULL AND a.deadline_at < now()) AS expired,
  CASE WHEN a.deadline_at IS NULL THEN NULL ELSE greatest(0, floor(extract(epoch FROM a.deadline_at - now())))::int END AS remaining_seconds`;

export interface QuestionBankRow {
  id: string;
  /** The bank's questions as imported (jsonb). */
  questions: BankQuestion[];
}

/** The bank a quiz lesson was imported with (its content hash is part of the lesson). */
export async function bankForLesson(
  db: Queryable,
  courseId: string,
  bankKey: string,
  bankHash: string,
): Promise<QuestionBankRow | undefined> {
  return selectOne<QuestionBankRow>(
    db,
    `SELECT id, questions FROM question_banks WHERE course_id = $1 AND bank_key = $2 AND content_hash = $3`,
    [courseId, bankKey, bankHash],
  );
}

/** The attempt still open (not submitted, time not up), if any. */
export async function openAttempt(
  db: Queryable,
  userId: string,
  lessonId: string,
): Promise<AttemptRow | undefined> {
  return selectOne<AttemptRow>(
    db,
    `SELECT ${ATTEMPT_COLUMNS} FROM quiz_attempts a
      WHERE a.user_id = $1 AND a.lesson_revision_id = $2 AND a.submitted_at IS NULL AND (a.deadline_at IS NULL OR a.deadline_at >= now())
      ORDER BY a.attempt_no DESC LIMIT 1`,
    [userId, lessonId],
  );
}

/** Starts attempt `attemptNo`; nothing when a concurrent start took that number first. */
export async function insertAttempt(
  db: Queryable,
  a: {
    userId: string;
    lessonId: string;
    bankId: string;
    attemptNo: number;
    seed: string;
    layout: unknown[];
    timeLimitMinutes: number | null;
  },
): Promise<AttemptRow | undefined> {
  return selectOne<AttemptRow>(
    db,
    `WITH ins AS (
       INSERT INTO quiz_attempts (user_id, lesson_revision_id, question_bank_id, attempt_no, seed, layout, deadline_at)
       VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $7::int IS NULL THEN NULL ELSE now() + make_interval(mins => $7::int) END)
       ON CONFLICT (user_id, lesson_revision_id, attempt_no) DO NOTHING RETURNING *)
     SELECT ${ATTEMPT_COLUMNS} FROM ins a`,
    [a.userId, a.lessonId, a.bankId, a.attemptNo, a.seed, JSON.stringify(a.layout), a.timeLimitMinutes],
  );
}

/** The caller's attempt, locked for the rest of the transaction when `lock` is set. */
export async function findAttempt(
  db: Queryable,
  attemptId: string,
  userId: string,
  lock = false,
): Promise<AttemptRow | undefined> {
  return selectOne<AttemptRow>(
    db,
    `SELECT ${ATTEMPT_COLUMNS} FROM quiz_attempts a WHERE a.id = $1 AND a.user_id = $2 ${lock ? 'FOR UPDATE' : ''}`,
    [attemptId, userId],
  );
}

export interface SubmittableAttemptRow extends AttemptRow {
  /** By the database clock: the deadline plus the grace has passed, so a submission no longer counts. */
  late: boolean;
}

/** What a submission locks and reads first: the caller's attempt and the enrolment of its course. */
export interface SubmissionContext {
  attempt: SubmittableAttemptRow;
  /** The learner's enrolment in the course of the attempt's lesson, locked. */
  enrolment: EnrolmentContextRow;
}

const LOCK_SUBMISSION_SQL = prepared(
  'lock_submission',
  `WITH enr AS MATERIALIZED (
       ${LOCK_ENROLMENT_SQL(
         '$2',
         `(SELECT r.course_id FROM quiz_attempts qa JOIN lesson_revisions r ON r.id = qa.lesson_revision_id
            WHERE qa.id = $1 AND qa.user_id = $2)`,
       )})
     SELECT ${ATTEMPT_COLUMNS},
            (a.deadline_at IS NOT NULL AND now() > a.deadline_at + make_interval(secs => $3)) AS late,
            enr.enrolment_id, enr.status AS enrolment_status, enr.current_lesson_id, enr.open_for_seconds,
            enr.pseudonym, enr.course_title, enr.course_id
       FROM enr, quiz_attempts a WHERE a.id = $1 AND a.user_id = $2
        FOR UPDATE OF a`,
);

/**
 * The one read that opens a submission, in the lock order of every learning transaction: the enrolment of the
 * attempt's course `FOR UPDATE` (with the learner's pseudonym and the course title, as `lockEnrolment`), then the
 * caller's attempt `FOR UPDATE`, with whether a submission now is past its deadline plus `graceSeconds` (database
 * clock). Nothing when the attempt is not the caller's or they are not enrolled in its course.
 *
 * One statement: the enrolment is locked in a MATERIALIZED CTE, and the attempt's row lock is taken above the join
 * with it, so always after it. The attempt's columns are its latest committed version (a concurrent submission
 * that committed while this one waited is seen as submitted).
 */
export async function lockSubmission(
  db: Queryable,
  attemptId: string,
  userId: string,
  graceSeconds: number,
): Promise<SubmissionContext | undefined> {
  const row = await selectOne<
    SubmittableAttemptRow & {
      enrolment_id: string;
      enrolment_status: string;
      current_lesson_id: string | null;
      open_for_seconds: string | null;
      pseudonym: string;
      course_title: LocalizedText;
      course_id: string;
    }
  >(db, LOCK_SUBMISSION_SQL, [attemptId, userId, graceSeconds]);
  if (!row) return undefined;
  const {
    enrolment_id,
    enrolment_status,
    current_lesson_id,
    open_for_seconds,
    pseudonym,
    course_title,
    course_id,
    ...attempt
  } = row;
  return {
    attempt,
    enrolment: {
      enrolment_id,
      status: enrolment_status,
      current_lesson_id,
      open_for_seconds,
      pseudonym,
      course_title,
      course_id,
    },
  };
}

/** A graded submission as saved, with what its answer needs read in the same statement. */
export interface SavedSubmission {
  attempt: AttemptRow;
  /** The learner's attempts at the quiz (the saved one as submitted), their grants, the database clock. */
  history: AttemptHistory;
  /** The learner's outline of the course (`enrolmentLessons` of one course), when asked for. */
  outline?: EnrolmentLessonRow[];
  /** With `completion`: this submission completed the lesson (as `markLessonCompleted`). */
  lessonCompleted: boolean;
}

const SAVE_SUBMISSION_SQL = prepared(
  'save_submission',
  `WITH append_lock AS MATERIALIZED (${APPEND_LOCK_SQL(17)}),
     upd AS (
       UPDATE quiz_attempts SET submitted_at = now(), idempotency_key = $5, answers = $6, score_percent = $7, passed = $8
        WHERE id = $1 AND user_id = $2 AND submitted_at IS NULL RETURNING *),
     appended AS (${APPEND_STATEMENTS_SQL(10, 'EXISTS (SELECT 1 FROM upd)')}),
     marked AS (${MARK_LESSON_COMPLETED_SQL('$2', '$4', 'true', '$19::boolean AND EXISTS (SELECT 1 FROM upd)')}),
     completion AS (${APPEND_STATEMENTS_SQL(20, 'EXISTS (SELECT 1 FROM marked)')})
     SELECT ${ATTEMPT_COLUMNS}, EXISTS (SELECT 1 FROM marked) AS lesson_completed,
            ${HISTORY_COLUMNS(
              `(SELECT * FROM quiz_attempts WHERE user_id = $2 AND lesson_revision_id = $4 AND id <> $1
                UNION ALL SELECT * FROM upd) a`,
              '$2',
              '$4',
            )},
            CASE WHEN $9::boolean THEN
              (SELECT coalesce(json_agg(o ORDER BY o.lesson_position), '[]'::json) FROM (${ENROLMENT_LESSONS_SQL('$2', '$3')}) o)
            END AS outline
       FROM upd a`,
);

/**
 * Saves a graded submission in one statement: grades the attempt (only while it is open: nothing at all when it
 * was already submitted), appends the xAPI statements (under the append lock, as `appendStatements`), and reads the
 * learner's attempt history with the saved attempt as submitted and, with `withOutline` (nothing else in the
 * transaction changes the outline: a failed attempt), the course outline. With `completion` (a pass), it also
 * marks the lesson completed and passed (as `markLessonCompleted`) and, only when that completed it now, appends
 * `completion` (the lesson's `completed` statement). Call holding the enrolment and attempt locks
 * (`lockSubmission`): everything read here is then what the transaction commits.
 */
export async function saveGradedSubmission(
  db: Queryable,
  s: {
    attemptId: string;
    userId: string;
    courseId: string;
    lessonId: string;
    idempotencyKey: string;
    answers: Record<string, unknown>;
    scorePercent: number;
    passed: boolean;
    statements: StatementRow[];
    withOutline: boolean;
    completion?: StatementRow[];
  },
): Promise<SavedSubmission | undefined> {
  // $1 attempt, $2 user, $3 course, $4 lesson, $5–$8 the grade, $9 withOutline, $10–$18 the xAPI append,
  // $19 complete the lesson, $20–$26 its completed statement.
  const row = await selectOne<
    AttemptRow & HistoryJson & { outline: EnrolmentLessonJson[] | null; lesson_completed: boolean }
  >(db, SAVE_SUBMISSION_SQL, [
    s.attemptId,
    s.userId,
    s.courseId,
    s.lessonId,
    s.idempotencyKey,
    JSON.stringify(s.answers),
    s.scorePercent,
    s.passed,
    s.withOutline,
    ...appendStatementsParams(s.statements),
    s.completion !== undefined,
    ...statementArrays(s.completion ?? []),
  ]);
  if (!row) return undefined;
  const { now, attempts, grants, outline, lesson_completed, ...attempt } = row;
  return {
    attempt,
    lessonCompleted: lesson_completed,
    history: historyOf({ now, attempts, grants }),
    ...(outline
      ? {
          outline: outline.map((r) => ({
            ...r,
            enrolled_at: new Date(r.enrolled_at),
            completed_at: r.completed_at ? new Date(r.completed_at) : null,
          })),
        }
      : {}),
  };
}

/** An outline row as JSON gives it (times as text). */
type EnrolmentLessonJson = Omit<EnrolmentLessonRow, 'enrolled_at' | 'completed_at'> & {
  enrolled_at: string;
  completed_at: string | null;
};

/** A learner's attempts at a quiz lesson: how many, the open one and the latest one. */
export interface QuizAttemptSummaryRow {
  used: number;
  open_id: string | null;
  last_id: string | null;
}

/** How many attempts a learner used at a quiz lesson, the open one (if any) and the latest one. */
export async function quizAttemptSummary(
  db: Queryable,
  userId: string,
  lessonId: string,
): Promise<QuizAttemptSummaryRow> {
  const row = await selectOne<QuizAttemptSummaryRow>(
    db,
    `SELECT count(*)::int AS used,
            (array_agg(id ORDER BY attempt_no DESC) FILTER (WHERE submitted_at IS NULL AND (deadline_at IS NULL OR deadline_at >= now())))[1] AS open_id,
            (array_agg(id ORDER BY attempt_no DESC))[1] AS last_id
       FROM quiz_attempts WHERE user_id = $1 AND lesson_revision_id = $2`,
    [userId, lessonId],
  );
  return row ?? { used: 0, open_id: null, last_id: null };
}

/** One past or open attempt of a learner at a quiz, for the retake and reveal rules. */
export interface AttemptHistoryRow {
  attempt_no: number;
  started_at: Date;
  /** Submitted, or ran out of time; null while open. */
  ended_at: Date | null;
  passed: boolean;
  question_ids: string[];
}

/** A learner's attempts at a quiz, the grants of extra attempts and the database clock. */
export interface AttemptHistory {
  attempts: AttemptHistoryRow[];
  grants: Array<{ at: Date; extra_attempts: number }>;
  now: Date;
}

const ATTEMPT_HISTORY_SQL = prepared(
  'attempt_history',
  `SELECT ${HISTORY_COLUMNS('quiz_attempts a WHERE a.user_id = $1 AND a.lesson_revision_id = $2', '$1', '$2')}`,
);

/**
 * Every attempt of a learner at a quiz lesson in order, the grants of extra attempts, and the database
 * clock, read in one statement (pass the transaction when inside one).
 */
export async function attemptHistory(
  db: Queryable,
  userId: string,
  lessonId: string,
): Promise<AttemptHistory> {
  const r = await selectOne<HistoryJson>(db, ATTEMPT_HISTORY_SQL, [userId, lessonId]);
  if (!r) throw new Error('attemptHistory: the statement returned no row');
  return historyOf(r);
}

/** The history columns as the database gives them (times as text inside the JSON). */
interface HistoryJson {
  now: Date;
  attempts: Array<{
    attempt_no: number;
    started_at: string;
    ended_at: string | null;
    passed: boolean;
    question_ids: string[];
  }>;
  grants: Array<{ at: string; extra_attempts: number }>;
}

function historyOf(r: HistoryJson): AttemptHistory {
  return {
    now: new Date(r.now),
    attempts: r.attempts.map((a) => ({
      attempt_no: a.attempt_no,
      started_at: new Date(a.started_at),
      ended_at: a.ended_at ? new Date(a.ended_at) : null,
      passed: a.passed,
      question_ids: a.question_ids,
    })),
    grants: r.grants.map((g) => ({
      at: new Date(g.at),
      extra_attempts: g.extra_attempts,
    })),
  };
}

/** The names of competencies by `framework:code` (unknown codes are left out). */
export async function competencyNames(db: Queryable, refs: string[]): Promise<Map<string, LocalizedText>> {
  if (refs.length === 0) return new Map();
  const rows = await selectRows<{ ref: string; name: LocalizedText }>(
    db,
    `SELECT framework_id || ':' || code AS ref, name FROM framework_competencies
      WHERE framework_id || ':' || code = ANY($1::text[])`,
    [refs],
  );
  return new Map(rows.map((r) => [r.ref, r.name]));
}

/** The person a grant of extra attempts is for: where they are placed, and whether they take the course. */
export interface QuizGrantLearnerRow {
  id: string;
  unit_path: string | null;
  organisation_id: string | null;
  enrolled: boolean;
}

/** A learner who can receive a grant at a course's quiz (never a de-identified account). */
export async function quizGrantLearner(
  db: Queryable,
  learnerId: string,
  courseId: string,
): Promise<QuizGrantLearnerRow | undefined> {
  return selectOne<QuizGrantLearnerRow>(
    db,
    `SELECT u.id, p.unit_path, p.organisation_id,
            EXISTS (SELECT 1 FROM enrolments e WHERE e.user_id = u.id AND e.course_id = $2) AS enrolled
       FROM users u LEFT JOIN learner_profiles p ON p.user_id = u.id
      WHERE u.id = $1 AND u.deidentified_at IS NULL`,
    [learnerId, courseId],
  );
}

export interface QuizGrantRow {
  id: string;
  user_id: string;
  course_id: string;
  lesson_key: string;
  extra_attempts: number;
  reason: string | null;
  created_at: Date;
}

/**
 * Records a grant once per granter and Idempotency-Key: answers the new row, or undefined when a grant with
 * this key already exists (a concurrent replay waits for the first to commit, then finds it).
 */
export async function insertAttemptGrantOnce(
  db: Queryable,
  g: {
    userId: string;
    courseId: string;
    lessonKey: string;
    extraAttempts: number;
    grantedBy: string;
    reason: string;
    idempotencyKey: string;
  },
): Promise<QuizGrantRow | undefined> {
  return selectOne<QuizGrantRow>(
    db,
    `INSERT INTO quiz_attempt_grants (user_id, course_id, lesson_key, extra_attempts, granted_by, reason, idempotency_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT ON CONSTRAINT "UQ_quiz_attempt_grants_idempotency" DO NOTHING
     RETURNING id, user_id, course_id, lesson_key, extra_attempts, reason, created_at`,
    [g.userId, g.courseId, g.lessonKey, g.extraAttempts, g.grantedBy, g.reason, g.idempotencyKey],
  );
}

/** The grant a granter already made with this Idempotency-Key, if any. */
export async function attemptGrantByKey(
  db: Queryable,
  grantedBy: string,
  idempotencyKey: string,
): Promise<QuizGrantRow | undefined> {
  return selectOne<QuizGrantRow>(
    db,
    `SELECT id, user_id, course_id, lesson_key, extra_attempts, reason, created_at
       FROM quiz_attempt_grants WHERE granted_by = $1 AND idempotency_key = $2`,
    [grantedBy, idempotencyKey],
  );
}
