import type { Queryable } from './queryable';

export interface AttemptRow {
  id: string;
  user_id: string;
  lesson_revision_id: string;
  question_bank_id: string;
  attempt_no: number;
  layout: Array<{ id: string; type: string; optionOrder: string[] }>;
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

const ATTEMPT_COLUMNS = `a.*, (a.deadline_at IS NOT NULL AND a.deadline_at < now()) AS expired,
  CASE WHEN a.deadline_at IS NULL THEN NULL ELSE greatest(0, floor(extract(epoch FROM a.deadline_at - now())))::int END AS remaining_seconds`;

/** The bank a quiz lesson was imported with (its content hash is part of the lesson). */
export async function bankForLesson(
  db: Queryable,
  courseId: string,
  bankKey: string,
  bankHash: string,
): Promise<{ id: string; questions: unknown[] } | undefined> {
  const rows = await db.query(
    `SELECT id, questions FROM question_banks WHERE course_id = $1 AND bank_key = $2 AND content_hash = $3`,
    [courseId, bankKey, bankHash],
  );
  return rows[0];
}

/** The attempt still open (not submitted, time not up), if any. */
export async function openAttempt(
  db: Queryable,
  userId: string,
  lessonId: string,
): Promise<AttemptRow | undefined> {
  const rows = await db.query(
    `SELECT ${ATTEMPT_COLUMNS} FROM quiz_attempts a
      WHERE a.user_id = $1 AND a.lesson_revision_id = $2 AND a.submitted_at IS NULL AND (a.deadline_at IS NULL OR a.deadline_at >= now())
      ORDER BY a.attempt_no DESC LIMIT 1`,
    [userId, lessonId],
  );
  return rows[0];
}

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
  const rows = await db.query(
    `WITH ins AS (
       INSERT INTO quiz_attempts (user_id, lesson_revision_id, question_bank_id, attempt_no, seed, layout, deadline_at)
       VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $7::int IS NULL THEN NULL ELSE now() + make_interval(mins => $7::int) END)
       ON CONFLICT (user_id, lesson_revision_id, attempt_no) DO NOTHING RETURNING *)
     SELECT ${ATTEMPT_COLUMNS} FROM ins a`,
    [a.userId, a.lessonId, a.bankId, a.attemptNo, a.seed, JSON.stringify(a.layout), a.timeLimitMinutes],
  );
  return rows[0];
}

/** The caller's attempt, locked for the rest of the transaction when `lock` is set. */
export async function findAttempt(
  db: Queryable,
  attemptId: string,
  userId: string,
  lock = false,
): Promise<AttemptRow | undefined> {
  const rows = await db.query(
    `SELECT ${ATTEMPT_COLUMNS} FROM quiz_attempts a WHERE a.id = $1 AND a.user_id = $2 ${lock ? 'FOR UPDATE' : ''}`,
    [attemptId, userId],
  );
  return rows[0];
}

export async function saveSubmission(
  db: Queryable,
  s: {
    attemptId: string;
    idempotencyKey: string;
    answers: Record<string, unknown>;
    scorePercent: number;
    passed: boolean;
  },
): Promise<void> {
  await db.query(
    `UPDATE quiz_attempts SET submitted_at = now(), idempotency_key = $2, answers = $3, score_percent = $4, passed = $5 WHERE id = $1 AND submitted_at IS NULL`,
    [s.attemptId, s.idempotencyKey, JSON.stringify(s.answers), s.scorePercent, s.passed],
  );
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

/**
 * Every attempt of a learner at a quiz lesson in order, the grants of extra attempts, and the database
 * clock, read in one statement (pass the transaction when inside one).
 */
export async function attemptHistory(
  db: Queryable,
  userId: string,
  lessonId: string,
): Promise<{ attempts: AttemptHistoryRow[]; grants: Array<{ at: Date; extra_attempts: number }>; now: Date }> {
  const rows = await db.query(
    `SELECT now() AS now,
       coalesce((SELECT json_agg(json_build_object(
           'attempt_no', a.attempt_no, 'started_at', a.started_at,
           'ended_at', coalesce(a.submitted_at, CASE WHEN a.deadline_at < now() THEN a.deadline_at END),
           'passed', coalesce(a.passed, false),
           'question_ids', (SELECT coalesce(json_agg(q->>'id'), '[]'::json) FROM jsonb_array_elements(a.layout) q)
         ) ORDER BY a.attempt_no)
         FROM quiz_attempts a WHERE a.user_id = $1 AND a.lesson_revision_id = $2), '[]'::json) AS attempts,
       coalesce((SELECT json_agg(json_build_object('at', g.created_at, 'extra_attempts', g.extra_attempts) ORDER BY g.created_at)
         FROM quiz_attempt_grants g JOIN lesson_revisions l ON l.id = $2
        WHERE g.user_id = $1 AND g.course_id = l.course_id AND g.lesson_key = l.lesson_key), '[]'::json) AS grants`,
    [userId, lessonId],
  );
  const r = rows[0];
  return {
    now: new Date(r.now),
    attempts: (r.attempts as Array<Record<string, unknown>>).map((a) => ({
      attempt_no: a.attempt_no as number,
      started_at: new Date(a.started_at as string),
      ended_at: a.ended_at ? new Date(a.ended_at as string) : null,
      passed: a.passed as boolean,
      question_ids: a.question_ids as string[],
    })),
    grants: (r.grants as Array<{ at: string; extra_attempts: number }>).map((g) => ({
      at: new Date(g.at),
      extra_attempts: g.extra_attempts,
    })),
  };
}

/** The names of competencies by `framework:code` (unknown codes are left out). */
export async function competencyNames(
  db: Queryable,
  refs: string[],
): Promise<Map<string, { vi: string; en?: string }>> {
  if (refs.length === 0) return new Map();
  const rows: Array<{ ref: string; name: { vi: string; en?: string } }> = await db.query(
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
  const rows = await db.query(
    `SELECT u.id, p.unit_path, p.organisation_id,
            EXISTS (SELECT 1 FROM enrolments e WHERE e.user_id = u.id AND e.course_id = $2) AS enrolled
       FROM users u LEFT JOIN learner_profiles p ON p.user_id = u.id
      WHERE u.id = $1 AND u.deidentified_at IS NULL`,
    [learnerId, courseId],
  );
  return rows[0];
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
  const rows = await db.query(
    `INSERT INTO quiz_attempt_grants (user_id, course_id, lesson_key, extra_attempts, granted_by, reason, idempotency_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT ON CONSTRAINT "UQ_quiz_attempt_grants_idempotency" DO NOTHING
     RETURNING id, user_id, course_id, lesson_key, extra_attempts, reason, created_at`,
    [g.userId, g.courseId, g.lessonKey, g.extraAttempts, g.grantedBy, g.reason, g.idempotencyKey],
  );
  return rows[0];
}

/** The grant a granter already made with this Idempotency-Key, if any. */
export async function attemptGrantByKey(
  db: Queryable,
  grantedBy: string,
  idempotencyKey: string,
): Promise<QuizGrantRow | undefined> {
  const rows = await db.query(
    `SELECT id, user_id, course_id, lesson_key, extra_attempts, reason, created_at
       FROM quiz_attempt_grants WHERE granted_by = $1 AND idempotency_key = $2`,
    [grantedBy, idempotencyKey],
  );
  return rows[0];
}
