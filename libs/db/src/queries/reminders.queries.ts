import { mandateAppliesTo } from './mandates.queries';
import { type Queryable, selectOne, selectRows } from './queryable';

// ---- inactivity reminders ------------------------------------------------------------------------------------

export interface InactiveEnrolmentRow {
  user_id: string;
  course_id: string;
}

/**
 * One page of the inactivity sweep: active enrolments untouched for `inactiveDays` (database clock) of learners
 * who want reminders on at least one channel they can receive and got no inactivity nudge in `period` yet.
 * One course per learner (the one touched last, the likeliest to be resumed); keyset-paged by user id.
 */
export function inactiveEnrolments(
  db: Queryable,
  q: { inactiveDays: number; period: string; afterUserId: string | null; limit: number },
): Promise<InactiveEnrolmentRow[]> {
  return selectRows<InactiveEnrolmentRow>(
    db,
    `SELECT DISTINCT ON (e.user_id) e.user_id, e.course_id
       FROM enrolments e
       JOIN users u ON u.id = e.user_id
       JOIN courses c ON c.id = e.course_id AND c.published
       LEFT JOIN notification_preferences p ON p.user_id = e.user_id
      WHERE e.status = 'active'
        AND e.last_activity_at < now() - make_interval(days => $1)
        AND coalesce(p.reminders_enabled, true)
        AND (coalesce(p.in_app_enabled, true)
             OR (coalesce(p.email_enabled, true) AND (u.email IS NOT NULL OR u.phone_verified_at IS NOT NULL)))
        AND NOT EXISTS (SELECT 1 FROM reminder_deliveries d WHERE d.kind = 'inactive' AND d.user_id = e.user_id AND d.period = $2)
        AND ($3::uuid IS NULL OR e.user_id > $3::uuid)
      ORDER BY e.user_id, e.last_activity_at DESC, e.course_id
      LIMIT $4`,
    [q.inactiveDays, q.period, q.afterUserId, q.limit],
  );
}

export interface StillInactiveEnrolmentRow {
  course_title: { vi: string; en?: string };
  idle_days: number;
}

/** The enrolment behind an inactivity reminder, if it is still active and still untouched for `inactiveDays`. */
export function stillInactiveEnrolment(
  db: Queryable,
  userId: string,
  courseId: string,
  inactiveDays: number,
): Promise<StillInactiveEnrolmentRow | undefined> {
  return selectOne<StillInactiveEnrolmentRow>(
    db,
    `SELECT v.title AS course_title, floor(extract(epoch FROM now() - e.last_activity_at) / 86400)::int AS idle_days
       FROM enrolments e
       JOIN courses c ON c.id = e.course_id AND c.published
       JOIN course_versions v ON v.id = c.current_version_id
      WHERE e.user_id = $1 AND e.course_id = $2 AND e.status = 'active'
        AND e.last_activity_at < now() - make_interval(days => $3)`,
    [userId, courseId, inactiveDays],
  );
}

// ---- recipients and deliveries -------------------------------------------------------------------------------

export interface ReminderRecipientRow {
  id: string;
  display_name: string;
  email: string | null;
  /** E.164, only when the number is confirmed (docs/sms.md); null otherwise. */
  verified_phone: string | null;
  language: string;
  email_enabled: boolean;
  in_app_enabled: boolean;
  reminders_enabled: boolean;
}

/** Who gets a reminder: name, address, language and switches (defaults when never changed). */
export function reminderRecipient(db: Queryable, userId: string): Promise<ReminderRecipientRow | undefined> {
  return selectOne<ReminderRecipientRow>(
    db,
    `SELECT u.id, u.display_name, u.email, CASE WHEN u.phone_verified_at IS NOT NULL THEN u.phone END AS verified_phone,
            u.language, coalesce(p.email_enabled, true) AS email_enabled, coalesce(p.in_app_enabled, true) AS in_app_enabled,
            coalesce(p.reminders_enabled, true) AS reminders_enabled
       FROM users u LEFT JOIN notification_preferences p ON p.user_id = u.id
      WHERE u.id = $1`,
    [userId],
  );
}

/** Whether a delivery with this dedupe key was recorded already. */
export async function reminderDelivered(db: Queryable, dedupeKey: string): Promise<boolean> {
  const rows = await selectRows<{ one: number }>(
    db,
    `SELECT 1 AS one FROM reminder_deliveries WHERE dedupe_key = $1`,
    [dedupeKey],
  );
  return rows.length > 0;
}

export interface NewReminderDelivery {
  dedupeKey: string;
  userId: string;
  kind: string;
  subjectId: string;
  period: string;
  channels: string[];
}

/**
 * Records a delivery. False when the key is taken, or when the learner already got an inactivity nudge this
 * period: the caller then sends nothing (ON CONFLICT DO NOTHING covers both unique constraints).
 */
export async function recordReminderDelivery(db: Queryable, d: NewReminderDelivery): Promise<boolean> {
  const rows = await selectRows<{ dedupe_key: string }>(
    db,
    `INSERT INTO reminder_deliveries (dedupe_key, user_id, kind, subject_id, period, channels)
     VALUES ($1, $2, $3, $4, $5, $6::text[])
     ON CONFLICT DO NOTHING RETURNING dedupe_key`,
    [d.dedupeKey, d.userId, d.kind, d.subjectId, d.period, d.channels],
  );
  return rows.length > 0;
}

// ---- mandate deadlines ---------------------------------------------------------------------------------------

export interface DeadlineCandidateRow {
  user_id: string;
  mandate_id: string;
  days_left: number;
  next_course_id: string;
}

/**
 * Learners of live mandates due in 1..maxDays days (dates in Vietnam) who have not completed every mandated
 * course and want reminders, paged by (user, mandate). `next_course_id` is the first course still to finish.
 */
export function mandateDeadlineCandidates(
  db: Queryable,
  p: { today: string; maxDays: number; after: [string, string] | null; limit: number },
): Promise<DeadlineCandidateRow[]> {
  return selectRows<DeadlineCandidateRow>(
    db,
    `WITH m AS (
       SELECT id, course_ids, unit_path, organisation_id, target_group, (due_on - $1::date) AS days_left
         FROM mandates WHERE archived_at IS NULL AND status = 'active' AND due_on - $1::date BETWEEN 1 AND $2)
     SELECT lp.user_id, m.id AS mandate_id, m.days_left,
            (SELECT c FROM unnest(m.course_ids) WITH ORDINALITY AS x(c, n)
              WHERE NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.user_id = lp.user_id AND e.course_id = x.c AND e.status = 'completed')
              ORDER BY x.n LIMIT 1) AS next_course_id
       FROM m JOIN learner_profiles lp
         ON ${mandateAppliesTo('m', 'lp')}
       LEFT JOIN notification_preferences np ON np.user_id = lp.user_id
      WHERE coalesce(np.reminders_enabled, true)
        AND ($3::uuid IS NULL OR (lp.user_id, m.id) > ($3::uuid, $4::uuid))
        AND EXISTS (SELECT 1 FROM unnest(m.course_ids) AS c
                     WHERE NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.user_id = lp.user_id AND e.course_id = c AND e.status = 'completed'))
      ORDER BY lp.user_id, m.id LIMIT $5`,
    [p.today, p.maxDays, p.after?.[0] ?? null, p.after?.[1] ?? null, p.limit],
  );
}

export interface StillDueMandateRow {
  title: string;
  days_left: number;
}

/**
 * At send time: the mandate is still live, still due in 1..7 days, still applies to the learner (place and target
 * group, as when the sweep chose them), and the learner still has a course to finish.
 */
export function stillDueMandate(
  db: Queryable,
  userId: string,
  mandateId: string,
  today: string,
): Promise<StillDueMandateRow | undefined> {
  return selectOne<StillDueMandateRow>(
    db,
    `SELECT m.title, (m.due_on - $3::date) AS days_left
       FROM mandates m JOIN learner_profiles lp ON lp.user_id = $1
      WHERE m.id = $2 AND m.archived_at IS NULL AND m.status = 'active' AND m.due_on - $3::date BETWEEN 1 AND 7
        AND ${mandateAppliesTo('m', 'lp')}
        AND EXISTS (SELECT 1 FROM unnest(m.course_ids) AS c
                     WHERE NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.user_id = $1 AND e.course_id = c AND e.status = 'completed'))`,
    [userId, mandateId, today],
  );
}
