import type { AmbassadorRequirement, ScopeFilter } from '@hocvuso/domain';
import { execute, type Queryable, selectOne, selectRows } from './queryable';
import { scopeCondition } from './scope-conditions';

/**
 * Digital ambassadors: the required courses (data), nominations and their decisions, invitation links,
 * mentorships (the mentee's consent, revocable), the mentees' progress summaries and the badge request.
 */

/** The required courses, global and per target group, in id order. */
export async function ambassadorRequirements(db: Queryable): Promise<AmbassadorRequirement[]> {
  const rows = await selectRows<{ target_group: string | null; course_id: string }>(
    db,
    `SELECT target_group, course_id FROM ambassador_requirements ORDER BY id`,
  );
  return rows.map((r) => ({ targetGroup: r.target_group, courseId: r.course_id }));
}

/** The ids of the courses a person completed. */
export async function completedCourseIds(db: Queryable, userId: string): Promise<string[]> {
  const rows = await selectRows<{ course_id: string }>(
    db,
    `SELECT course_id FROM enrolments WHERE user_id = $1 AND status = 'completed' ORDER BY course_id`,
    [userId],
  );
  return rows.map((r) => r.course_id);
}

export interface CandidateRow {
  user_id: string;
  display_name: string;
  target_groups: string[];
  unit_id: string | null;
  unit_path: string | null;
  organisation_id: string | null;
}

/** A person with their target groups and place (nulls without a profile); undefined for no such user. */
export function ambassadorCandidate(db: Queryable, userId: string): Promise<CandidateRow | undefined> {
  return selectOne<CandidateRow>(
    db,
    `SELECT u.id AS user_id, u.display_name, coalesce(lp.target_groups, '{}') AS target_groups, lp.unit_id, lp.unit_path,
            lp.organisation_id
       FROM users u LEFT JOIN learner_profiles lp ON lp.user_id = u.id
      WHERE u.id = $1 AND u.deidentified_at IS NULL`,
    [userId],
  );
}

/** The titles of courses by id (for the requirements list). */
export function courseTitles(
  db: Queryable,
  courseIds: readonly string[],
): Promise<Array<{ id: string; title: Record<string, string> }>> {
  return selectRows(
    db,
    `SELECT c.id, v.title FROM courses c JOIN course_versions v ON v.id = c.current_version_id WHERE c.id = ANY($1::text[])`,
    [courseIds],
  );
}

/** Whether the person holds one of these roles anywhere, now (the caller names the roles by capability). */
export async function holdsAnyRole(
  db: Queryable,
  userId: string,
  roles: readonly string[],
): Promise<boolean> {
  const row = await selectOne<{ held: boolean }>(
    db,
    `SELECT EXISTS (SELECT 1 FROM role_grants WHERE user_id = $1 AND role = ANY($2::text[]) AND revoked_at IS NULL) AS held`,
    [userId, roles],
  );
  return row?.held === true;
}

// ---------- nominations ----------

export interface NominationRow {
  id: string;
  user_id: string;
  display_name: string;
  status: 'pending' | 'approved' | 'declined';
  created_at: Date;
  decided_at: Date | null;
  unit_id: string | null;
  unit_path: string | null;
  unit_name: string | null;
  organisation_id: string | null;
}

const NOMINATION_COLUMNS = `n.id, n.user_id, u.display_name, n.status, n.created_at, n.decided_at, lp.unit_id, lp.unit_path,
       au.name AS unit_name, lp.organisation_id`;
const NOMINATION_FROM = `ambassador_nominations n JOIN users u ON u.id = n.user_id
       LEFT JOIN learner_profiles lp ON lp.user_id = n.user_id LEFT JOIN administrative_units au ON au.id = lp.unit_id`;

/** Nominates a person; undefined when they already have a pending nomination. */
export async function insertNomination(db: Queryable, userId: string): Promise<string | undefined> {
  const row = await selectOne<{ id: string }>(
    db,
    `INSERT INTO ambassador_nominations (user_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING id`,
    [userId],
  );
  return row?.id;
}

/** A person's latest nomination, or undefined. */
export function latestNominationOf(db: Queryable, userId: string): Promise<NominationRow | undefined> {
  return selectOne<NominationRow>(
    db,
    `SELECT ${NOMINATION_COLUMNS} FROM ${NOMINATION_FROM} WHERE n.user_id = $1 ORDER BY n.created_at DESC LIMIT 1`,
    [userId],
  );
}

/** Pending nominations of people placed in the scope, oldest first. */
export function pendingNominations(db: Queryable, scope: ScopeFilter, limit = 200): Promise<NominationRow[]> {
  const cond = scopeCondition('lp', scope, 1);
  return selectRows<NominationRow>(
    db,
    `SELECT ${NOMINATION_COLUMNS} FROM ${NOMINATION_FROM}
      WHERE n.status = 'pending' AND ${cond.sql} ORDER BY n.created_at, n.id LIMIT $4`,
    [...cond.params, limit],
  );
}

/** A pending nomination, locked, with the nominee's place; undefined when none is pending with this id. */
export function lockPendingNomination(db: Queryable, id: string): Promise<NominationRow | undefined> {
  return selectOne<NominationRow>(
    db,
    `SELECT ${NOMINATION_COLUMNS} FROM ${NOMINATION_FROM} WHERE n.id = $1 AND n.status = 'pending' FOR UPDATE OF n`,
    [id],
  );
}

/** Records the decision on a pending nomination. */
export function decideNomination(
  db: Queryable,
  id: string,
  status: 'approved' | 'declined',
  decidedBy: string,
): Promise<number> {
  return execute(
    db,
    `UPDATE ambassador_nominations SET status = $2, decided_by = $3, decided_at = now() WHERE id = $1 AND status = 'pending'`,
    [id, status, decidedBy],
  );
}

/** Approves any pending nomination of a person (an administrator named them directly). */
export function approvePendingNominationsOf(
  db: Queryable,
  userId: string,
  decidedBy: string,
): Promise<number> {
  return execute(
    db,
    `UPDATE ambassador_nominations SET status = 'approved', decided_by = $2, decided_at = now() WHERE user_id = $1 AND status = 'pending'`,
    [userId, decidedBy],
  );
}

// ---------- invitations ----------

/**
 * Serialises the work on one ambassador (new invitations against the caps; counting guided mentees against the
 * badge) until the transaction ends. A transaction-level advisory lock: nothing to clean up.
 */
export async function lockAmbassador(db: Queryable, ambassadorId: string): Promise<void> {
  await selectRows(db, `SELECT pg_advisory_xact_lock(hashtextextended('ambassador:' || $1::text, 0))`, [
    ambassadorId,
  ]);
}

/** Invitations an ambassador made today (Vietnam calendar day) and those still open (unused, not expired). */
export async function mentorInvitationCounts(
  db: Queryable,
  ambassadorId: string,
): Promise<{ createdToday: number; open: number }> {
  const row = await selectOne<{ created_today: number; open: number }>(
    db,
    `SELECT count(*) FILTER (WHERE (created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date = (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)::int AS created_today,
            count(*) FILTER (WHERE used_by IS NULL AND expires_at > now())::int AS open
       FROM mentor_invitations WHERE ambassador_id = $1 AND created_at > now() - interval '400 days'`,
    [ambassadorId],
  );
  return { createdToday: row?.created_today ?? 0, open: row?.open ?? 0 };
}

/** A new invitation link of an ambassador, valid for `ttlHours` from now. */
export async function insertMentorInvitation(
  db: Queryable,
  ambassadorId: string,
  ttlHours: number,
): Promise<{ id: string; expires_at: Date }> {
  const row = await selectOne<{ id: string; expires_at: Date }>(
    db,
    `INSERT INTO mentor_invitations (ambassador_id, expires_at) VALUES ($1, now() + make_interval(hours => $2))
     RETURNING id, expires_at`,
    [ambassadorId, ttlHours],
  );
  return row!;
}

export interface MentorInvitationRow {
  id: string;
  ambassador_id: string;
  ambassador_name: string;
  expires_at: Date;
  used_by: string | null;
  expired: boolean;
}

const INVITATION_SELECT = `SELECT i.id, i.ambassador_id, u.display_name AS ambassador_name, i.expires_at, i.used_by,
            i.expires_at <= now() AS expired
       FROM mentor_invitations i JOIN users u ON u.id = i.ambassador_id`;

/** An invitation with its ambassador's name, or undefined. */
export function mentorInvitation(db: Queryable, id: string): Promise<MentorInvitationRow | undefined> {
  return selectOne<MentorInvitationRow>(db, `${INVITATION_SELECT} WHERE i.id = $1`, [id]);
}

/** The same, locked for the transaction that uses it. */
export function lockMentorInvitation(db: Queryable, id: string): Promise<MentorInvitationRow | undefined> {
  return selectOne<MentorInvitationRow>(db, `${INVITATION_SELECT} WHERE i.id = $1 FOR UPDATE OF i`, [id]);
}

/** Marks an unused invitation used by this person; 0 when someone used it already. */
export function useMentorInvitation(db: Queryable, id: string, userId: string): Promise<number> {
  return execute(
    db,
    `UPDATE mentor_invitations SET used_by = $2, used_at = now() WHERE id = $1 AND used_by IS NULL`,
    [id, userId],
  );
}

// ---------- mentorships ----------

export interface MentorshipRow {
  id: string;
  ambassador_id: string;
  ambassador_name: string;
  mentee_id: string;
  accepted_at: Date;
  ended_at: Date | null;
}

const MENTORSHIP_SELECT = `SELECT m.id, m.ambassador_id, u.display_name AS ambassador_name, m.mentee_id, m.accepted_at, m.ended_at
       FROM mentorships m JOIN users u ON u.id = m.ambassador_id`;

/** The mentorship of this ambassador and mentee (in force or ended), or undefined. */
export function mentorshipBetween(
  db: Queryable,
  ambassadorId: string,
  menteeId: string,
): Promise<MentorshipRow | undefined> {
  return selectOne<MentorshipRow>(
    db,
    `${MENTORSHIP_SELECT} WHERE m.ambassador_id = $1 AND m.mentee_id = $2`,
    [ambassadorId, menteeId],
  );
}

/** The mentorship in force of a mentee (at most one), or undefined. */
export function mentorshipInForceOf(db: Queryable, menteeId: string): Promise<MentorshipRow | undefined> {
  return selectOne<MentorshipRow>(db, `${MENTORSHIP_SELECT} WHERE m.mentee_id = $1 AND m.ended_at IS NULL`, [
    menteeId,
  ]);
}

/** A mentee's mentorships, newest first. */
export function mentorshipsOfMentee(db: Queryable, menteeId: string): Promise<MentorshipRow[]> {
  return selectRows<MentorshipRow>(
    db,
    `${MENTORSHIP_SELECT} WHERE m.mentee_id = $1 ORDER BY m.accepted_at DESC`,
    [menteeId],
  );
}

/**
 * Starts a mentorship; undefined when the pair already has one or the mentee already has one in force (the
 * unique keys decide, so two accepts at once cannot both win).
 */
export async function insertMentorship(
  db: Queryable,
  m: { ambassadorId: string; menteeId: string; invitationId: string },
): Promise<{ id: string; accepted_at: Date } | undefined> {
  return selectOne<{ id: string; accepted_at: Date }>(
    db,
    `INSERT INTO mentorships (ambassador_id, mentee_id, invitation_id) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING id, accepted_at`,
    [m.ambassadorId, m.menteeId, m.invitationId],
  );
}

/** Ends a mentee's mentorship in force with this id; the end time, or undefined when there is none. */
export async function endMentorship(db: Queryable, id: string, menteeId: string): Promise<Date | undefined> {
  const row = await selectOne<{ ended_at: Date }>(
    db,
    `UPDATE mentorships SET ended_at = now() WHERE id = $1 AND mentee_id = $2 AND ended_at IS NULL RETURNING ended_at`,
    [id, menteeId],
  );
  return row?.ended_at;
}

/** The ambassadors whose mentorship with this mentee is in force. */
export async function ambassadorsInForceOf(db: Queryable, menteeId: string): Promise<string[]> {
  const rows = await selectRows<{ ambassador_id: string }>(
    db,
    `SELECT ambassador_id FROM mentorships WHERE mentee_id = $1 AND ended_at IS NULL`,
    [menteeId],
  );
  return rows.map((r) => r.ambassador_id);
}

/** Every mentorship of an ambassador (in force or ended), as periods for the counting rule. */
export async function mentorshipPeriods(
  db: Queryable,
  ambassadorId: string,
): Promise<Array<{ menteeId: string; acceptedAt: Date; endedAt: Date | null }>> {
  const rows = await selectRows<{ mentee_id: string; accepted_at: Date; ended_at: Date | null }>(
    db,
    `SELECT mentee_id, accepted_at, ended_at FROM mentorships WHERE ambassador_id = $1`,
    [ambassadorId],
  );
  return rows.map((r) => ({
    menteeId: r.mentee_id,
    acceptedAt: new Date(r.accepted_at),
    endedAt: r.ended_at ? new Date(r.ended_at) : null,
  }));
}

/** The course completions of an ambassador's mentees (every mentorship, any time). */
export async function menteeCompletions(
  db: Queryable,
  ambassadorId: string,
): Promise<Array<{ userId: string; completedAt: Date }>> {
  const rows = await selectRows<{ user_id: string; completed_at: Date }>(
    db,
    `SELECT e.user_id, e.completed_at FROM mentorships m JOIN enrolments e ON e.user_id = m.mentee_id
      WHERE m.ambassador_id = $1 AND e.status = 'completed' AND e.completed_at IS NOT NULL`,
    [ambassadorId],
  );
  return rows.map((r) => ({ userId: r.user_id, completedAt: new Date(r.completed_at) }));
}

export interface MenteeSummaryRow {
  mentorship_id: string;
  mentee_id: string;
  display_name: string;
  accepted_at: Date;
  courses: Array<{
    courseId: string;
    title: Record<string, string>;
    completedLessons: number;
    totalLessons: number;
    completed: boolean;
  }>;
}

/**
 * The progress summary of an ambassador's mentees whose mentorship is in force: the name, and per course the
 * lessons completed of the current version's total and whether it is completed. Nothing else: no answers,
 * no contact, no place.
 */
export function menteeSummaries(db: Queryable, ambassadorId: string): Promise<MenteeSummaryRow[]> {
  return selectRows<MenteeSummaryRow>(
    db,
    `SELECT m.id AS mentorship_id, m.mentee_id, u.display_name, m.accepted_at,
            coalesce((SELECT json_agg(json_build_object(
                        'courseId', e.course_id, 'title', v.title,
                        'completedLessons', (SELECT count(*) FROM lesson_progress p
                                              JOIN course_version_lessons l ON l.lesson_revision_id = p.lesson_revision_id
                                             WHERE p.user_id = e.user_id AND l.course_version_id = c.current_version_id
                                               AND p.status = 'completed'),
                        'totalLessons', (SELECT count(*) FROM course_version_lessons l WHERE l.course_version_id = c.current_version_id),
                        'completed', e.status = 'completed') ORDER BY e.enrolled_at)
                        FROM enrolments e JOIN courses c ON c.id = e.course_id
                        JOIN course_versions v ON v.id = c.current_version_id
                       WHERE e.user_id = m.mentee_id), '[]'::json) AS courses
       FROM mentorships m JOIN users u ON u.id = m.mentee_id
      WHERE m.ambassador_id = $1 AND m.ended_at IS NULL AND u.deidentified_at IS NULL
      ORDER BY m.accepted_at, m.id`,
    [ambassadorId],
  );
}

// ---------- the badge ----------

/** Writes the request of a user's achievement (the certificate outbox); its id, or undefined when it exists. */
export async function requestAchievement(
  db: Queryable,
  userId: string,
  achievementId: string,
): Promise<string | undefined> {
  const row = await selectOne<{ id: string }>(
    db,
    `INSERT INTO certificate_requests (user_id, achievement_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id`,
    [userId, achievementId],
  );
  return row?.id;
}

export interface AchievementStateRow {
  request_id: string;
  failed_at: Date | null;
  certificate_id: string | null;
  issued_at: Date | null;
  status_state: 'revoked' | 'suspended' | null;
}

/** A user's achievement: its request and certificate, or undefined when not requested. */
export function achievementState(
  db: Queryable,
  userId: string,
  achievementId: string,
): Promise<AchievementStateRow | undefined> {
  return selectOne<AchievementStateRow>(
    db,
    `SELECT r.id AS request_id, r.failed_at, c.id AS certificate_id, c.issued_at, c.status_state
       FROM certificate_requests r
       LEFT JOIN certificates c ON c.user_id = r.user_id AND c.achievement_id = r.achievement_id
      WHERE r.user_id = $1 AND r.achievement_id = $2`,
    [userId, achievementId],
  );
}
