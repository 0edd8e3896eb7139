import type { LocalizedText } from '@hocvuso/domain';
import { execute, type Queryable, selectOne, selectRows } from './queryable';

/**
 * Issuing a certificate from its request (the worker's side of the certificate outbox): the request and its
 * enrolment, the certificate row (one per enrolment), what the credential and the PDF print, and the request's
 * attempt, issued and failed states.
 */

/** A request for a course certificate (an enrolment) or for an achievement (a user and an achievement id). */
export type IssuanceRequestRow = {
  id: string;
  issued_at: Date | null;
  failed_at: Date | null;
  user_id: string;
  /** When the course was completed, or when the achievement was requested. */
  completed_at: Date | null;
} & (
  | { enrolment_id: string; course_version_id: string; course_id: string; achievement_id: null }
  | { enrolment_id: null; course_version_id: null; course_id: null; achievement_id: string }
);

/**
 * Takes a request up for issuing, in one statement: counts one more attempt (its backoff runs from here) and answers
 * the request with its enrolment (as `issuanceRequest`) and the pseudonym of its learner (null when the user is
 * gone); nothing when the request is unknown, already issued or failed for good.
 */
export function claimIssuanceRequest(
  db: Queryable,
  requestId: string,
): Promise<(IssuanceRequestRow & { pseudonym: string | null }) | undefined> {
  return selectOne<IssuanceRequestRow & { pseudonym: string | null }>(
    db,
    `WITH r AS (
       UPDATE certificate_requests SET attempts = attempts + 1, last_attempt_at = now()
        WHERE id = $1 AND issued_at IS NULL AND failed_at IS NULL RETURNING *)
     SELECT r.id, r.enrolment_id, r.course_version_id, r.achievement_id, r.issued_at, r.failed_at,
            coalesce(e.user_id, r.user_id) AS user_id, e.course_id,
            CASE WHEN r.achievement_id IS NULL THEN e.completed_at ELSE r.requested_at END AS completed_at,
            u.pseudonym
       FROM r LEFT JOIN enrolments e ON e.id = r.enrolment_id
       LEFT JOIN users u ON u.id = coalesce(e.user_id, r.user_id)`,
    [requestId],
  );
}

/** Marks a request issued (keeping an earlier issued time) and clears its last error: its certificate already was. */
export function markRequestIssuedIfNot(db: Queryable, requestId: string): Promise<number> {
  return execute(
    db,
    `UPDATE certificate_requests SET issued_at = coalesce(issued_at, now()), last_error = NULL WHERE id = $1`,
    [requestId],
  );
}

/** Fails a not yet issued request for good, with its reason code and message (re-run by an administrator). */
export function markRequestFailed(
  db: Queryable,
  requestId: string,
  failureCode: string,
  message: string,
): Promise<number> {
  return execute(
    db,
    `UPDATE certificate_requests SET failed_at = now(), failure_code = $2, last_error = $3 WHERE id = $1 AND issued_at IS NULL`,
    [requestId, failureCode, message],
  );
}

/** Notes a transient error on a request (it is retried). */
export function noteRequestError(db: Queryable, requestId: string, message: string): Promise<number> {
  return execute(db, `UPDATE certificate_requests SET last_error = $2 WHERE id = $1`, [requestId, message]);
}

export interface CertificateRow {
  id: string;
  /** Null for an achievement (then `achievement_id` and `achievement_name` are set). */
  enrolment_id: string | null;
  user_id: string;
  course_id: string | null;
  course_version_id: string | null;
  achievement_id: string | null;
  achievement_name: LocalizedText | null;
  serial: string;
  status_list_id: string;
  suspension_list_id: string;
  status_index: number;
  recipient_name: string;
  credential: Record<string, unknown> | null;
  pdf_key: string | null;
  created_at: Date;
  issued_at: Date | null;
  status_state: 'revoked' | 'suspended' | null;
  status_reason: string | null;
  status_changed_at: Date | null;
}

/** The certificate of an enrolment (there is at most one), or undefined. */
export function certificateOfEnrolment(
  db: Queryable,
  enrolmentId: string,
): Promise<CertificateRow | undefined> {
  return selectOne<CertificateRow>(db, `SELECT * FROM certificates WHERE enrolment_id = $1`, [enrolmentId]);
}

export interface NewCertificate {
  id: string;
  enrolmentId: string;
  userId: string;
  courseId: string;
  courseVersionId: string;
  serial: string;
  statusListId: string;
  suspensionListId: string;
  statusIndex: number;
}

/**
 * Inserts a not yet issued certificate printed with the learner's current name and answers it. Does nothing
 * (undefined) when the enrolment already has one or the serial or status index is taken (the caller reads again
 * and retries).
 */
export async function insertCertificate(
  db: Queryable,
  c: NewCertificate,
): Promise<CertificateRow | undefined> {
  return selectOne<CertificateRow>(
    db,
    `INSERT INTO certificates (id, enrolment_id, user_id, course_id, course_version_id, serial, status_list_id, suspension_list_id, status_index, recipient_name)
     SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, u.display_name FROM users u WHERE u.id = $3
     ON CONFLICT DO NOTHING RETURNING *`,
    [
      c.id,
      c.enrolmentId,
      c.userId,
      c.courseId,
      c.courseVersionId,
      c.serial,
      c.statusListId,
      c.suspensionListId,
      c.statusIndex,
    ],
  );
}

/** The certificate of a user's achievement (there is at most one), or undefined. */
export function certificateOfAchievement(
  db: Queryable,
  userId: string,
  achievementId: string,
): Promise<CertificateRow | undefined> {
  return selectOne<CertificateRow>(
    db,
    `SELECT * FROM certificates WHERE user_id = $1 AND achievement_id = $2`,
    [userId, achievementId],
  );
}

export interface NewAchievementCertificate {
  id: string;
  userId: string;
  achievementId: string;
  achievementName: LocalizedText;
  serial: string;
  statusListId: string;
  suspensionListId: string;
  statusIndex: number;
}

/**
 * Inserts a not yet issued achievement certificate printed with the holder's current name. Does nothing (false)
 * when the user already has this achievement or the serial or status index is taken (the caller reads again).
 */
export async function insertAchievementCertificate(
  db: Queryable,
  c: NewAchievementCertificate,
): Promise<CertificateRow | undefined> {
  return selectOne<CertificateRow>(
    db,
    `INSERT INTO certificates (id, user_id, achievement_id, achievement_name, serial, status_list_id, suspension_list_id, status_index, recipient_name)
     SELECT $1, $2, $3, $4, $5, $6, $7, $8, u.display_name FROM users u WHERE u.id = $2
     ON CONFLICT DO NOTHING RETURNING *`,
    [
      c.id,
      c.userId,
      c.achievementId,
      JSON.stringify(c.achievementName),
      c.serial,
      c.statusListId,
      c.suspensionListId,
      c.statusIndex,
    ],
  );
}

/** Reprints a not yet issued certificate with the learner's current name; the name it now carries, or undefined. */
export async function refreshRecipientName(
  db: Queryable,
  certificateId: string,
): Promise<string | undefined> {
  const row = await selectOne<{ recipient_name: string }>(
    db,
    `UPDATE certificates c SET recipient_name = u.display_name FROM users u
      WHERE c.id = $1 AND u.id = c.user_id AND c.issued_at IS NULL RETURNING c.recipient_name`,
    [certificateId],
  );
  return row?.recipient_name;
}

/**
 * Stores the signed credential and the PDF's key of a not yet issued certificate, marks it issued now, and marks its
 * request issued, in one statement (so both commit together). Answers whether the certificate was issued by this call.
 */
export async function storeIssuedCertificateAndRequest(
  db: Queryable,
  certificateId: string,
  requestId: string,
  credential: object,
  pdfKey: string,
): Promise<boolean> {
  const row = await selectOne<{ stored: number }>(
    db,
    `WITH c AS (
       UPDATE certificates SET credential = $3, pdf_key = $4, issued_at = now() WHERE id = $1 AND issued_at IS NULL RETURNING 1),
     r AS (
       UPDATE certificate_requests SET issued_at = now(), last_error = NULL WHERE id = $2 AND issued_at IS NULL RETURNING 1)
     SELECT (SELECT count(*) FROM c)::int AS stored`,
    [certificateId, requestId, JSON.stringify(credential), pdfKey],
  );
  return (row?.stored ?? 0) > 0;
}

export interface CourseVersionTextRow {
  title: LocalizedText;
  summary: LocalizedText;
}

/** The title and summary of a course version, or undefined when it is gone. */
export function courseVersionText(
  db: Queryable,
  versionId: string,
): Promise<CourseVersionTextRow | undefined> {
  return selectOne<CourseVersionTextRow>(db, `SELECT title, summary FROM course_versions WHERE id = $1`, [
    versionId,
  ]);
}

export interface CourseVersionRequirementsRow {
  completion: { lessons: 'all' | string[]; quizzes: string[] };
  /** The version's lessons in outline order, each quiz with its pass mark. */
  lessons: Array<{ key: string; kind: string; passMark: number | null }>;
}

/** What a course version requires to complete (its rule and outline), or undefined when it is gone. */
export function courseVersionRequirements(
  db: Queryable,
  versionId: string,
): Promise<CourseVersionRequirementsRow | undefined> {
  return selectOne<CourseVersionRequirementsRow>(
    db,
    `SELECT v.completion,
            coalesce((SELECT json_agg(json_build_object('key', r.lesson_key, 'kind', r.kind,
                                                        'passMark', (r.data->'quiz'->>'passMark')::int)
                                      ORDER BY l.position)
                        FROM course_version_lessons l JOIN lesson_revisions r ON r.id = l.lesson_revision_id
                       WHERE l.course_version_id = v.id), '[]'::json) AS lessons
       FROM course_versions v WHERE v.id = $1`,
    [versionId],
  );
}

export interface CourseVersionCompetencyRow {
  framework_id: string;
  framework_name: LocalizedText;
  code: string;
  name: LocalizedText;
  level: number | null;
}

/** The competencies a course version certifies, with their names and frameworks, by framework then code. */
export function courseVersionCompetencies(
  db: Queryable,
  versionId: string,
): Promise<CourseVersionCompetencyRow[]> {
  return selectRows<CourseVersionCompetencyRow>(
    db,
    `SELECT cc.framework_id, f.name AS framework_name, cc.code, fc.name, cc.level
       FROM course_version_competencies cc
       JOIN framework_competencies fc ON fc.framework_id = cc.framework_id AND fc.code = cc.code
       JOIN frameworks f ON f.id = cc.framework_id
      WHERE cc.course_version_id = $1 ORDER BY cc.framework_id, cc.code`,
    [versionId],
  );
}
