import { mandateAppliesTo } from './compliance.queries';
import { type Queryable, rowsOf } from './queryable';

// ---- in-app inbox ------------------------------------------------------------------------------------------

export interface NotificationRow {
  id: string;
  kind: string;
  title: { vi: string; en?: string };
  body: { vi: string; en?: string };
  link: string | null;
  created_at: Date;
  read_at: Date | null;
}

/** A learner's latest notifications, newest first. */
export function latestNotifications(
  db: Queryable,
  userId: string,
  limit: number,
): Promise<NotificationRow[]> {
  return db.query(
    `SELECT id, kind, title, body, link, created_at, read_at FROM notifications
      WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
    [userId, limit],
  );
}

export async function unreadNotificationCount(db: Queryable, userId: string): Promise<number> {
  const [row] = await db.query(
    `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
    [userId],
  );
  return row.n;
}

/** Marks the learner's notifications read: the given ones (others' ids are ignored), or all when `ids` is null. */
export async function markNotificationsRead(
  db: Queryable,
  userId: string,
  ids: string[] | null,
): Promise<number> {
  const rows = rowsOf(
    await db.query(
      `UPDATE notifications SET read_at = now()
        WHERE user_id = $1 AND read_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY ($2::uuid[]))
        RETURNING id`,
      [userId, ids],
    ),
  );
  return rows.length;
}

export interface NewNotification {
  userId: string;
  kind: string;
  title: { vi: string; en?: string };
  body: { vi: string; en?: string };
  link: string | null;
}

export async function insertNotification(db: Queryable, n: NewNotification): Promise<string> {
  const [row] = await db.query(
    `INSERT INTO notifications (user_id, kind, title, body, link) VALUES ($1, $2, $3::jsonb, $4::jsonb, $5) RETURNING id`,
    [n.userId, n.kind, JSON.stringify(n.title), JSON.stringify(n.body), n.link],
  );
  return row.id;
}

/** Many notifications in one statement (a roster's enrolment notices); returns how many were written. */
export async function insertNotifications(db: Queryable, list: NewNotification[]): Promise<number> {
  if (list.length === 0) return 0;
  const rows = await db.query(
    `INSERT INTO notifications (user_id, kind, title, body, link)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::jsonb[], $5::text[])
     RETURNING id`,
    [
      list.map((n) => n.userId),
      list.map((n) => n.kind),
      list.map((n) => JSON.stringify(n.title)),
      list.map((n) => JSON.stringify(n.body)),
      list.map((n) => n.link),
    ],
  );
  return rowsOf(rows).length;
}

/** The users among `userIds` who switched in-app notifications off. */
export async function inAppDisabledUsers(db: Queryable, userIds: string[]): Promise<Set<string>> {
  const rows: Array<{ user_id: string }> = await db.query(
    `SELECT user_id FROM notification_preferences WHERE user_id = ANY ($1::uuid[]) AND NOT in_app_enabled`,
    [userIds],
  );
  return new Set(rows.map((r) => r.user_id));
}

// ---- preferences -------------------------------------------------------------------------------------------

export interface NotificationPreferencesRow {
  email_enabled: boolean;
  in_app_enabled: boolean;
  reminders_enabled: boolean;
}

/** A learner's switches; the defaults (everything on) when they never changed them. */
export async function notificationPreferences(
  db: Queryable,
  userId: string,
): Promise<NotificationPreferencesRow> {
  const [row] = await db.query(
    `SELECT coalesce(p.email_enabled, true) AS email_enabled, coalesce(p.in_app_enabled, true) AS in_app_enabled,
            coalesce(p.reminders_enabled, true) AS reminders_enabled
       FROM (SELECT $1::uuid AS user_id) u LEFT JOIN notification_preferences p ON p.user_id = u.user_id`,
    [userId],
  );
  return row;
}

export async function saveNotificationPreferences(
  db: Queryable,
  userId: string,
  prefs: { emailEnabled: boolean; inAppEnabled: boolean; remindersEnabled: boolean },
): Promise<NotificationPreferencesRow> {
  const [row] = await db.query(
    `INSERT INTO notification_preferences (user_id, email_enabled, in_app_enabled, reminders_enabled) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id) DO UPDATE
       SET email_enabled = EXCLUDED.email_enabled, in_app_enabled = EXCLUDED.in_app_enabled,
           reminders_enabled = EXCLUDED.reminders_enabled, updated_at = now()
     RETURNING email_enabled, in_app_enabled, reminders_enabled`,
    [userId, prefs.emailEnabled, prefs.inAppEnabled, prefs.remindersEnabled],
  );
  return row;
}

/** Turns learning reminders off (the unsubscribe link). False when the user no longer exists. */
export async function disableReminders(db: Queryable, userId: string): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO notification_preferences (user_id, reminders_enabled)
     SELECT id, false FROM users WHERE id = $1
     ON CONFLICT (user_id) DO UPDATE SET reminders_enabled = false, updated_at = now()
     RETURNING user_id`,
    [userId],
  );
  return rowsOf(rows).length > 0;
}

// ---- reminders ---------------------------------------------------------------------------------------------

/**
 * One page of the inactivity sweep: active enrolments untouched for `inactiveDays` (database clock) of learners
 * who want reminders on at least one channel they can receive and got no inactivity nudge in `period` yet.
 * One course per learner (the one touched last, the likeliest to be resumed); keyset-paged by user id.
 */
export function inactiveEnrolments(
  db: Queryable,
  q: { inactiveDays: number; period: string; afterUserId: string | null; limit: number },
): Promise<Array<{ user_id: string; course_id: string }>> {
  return db.query(
    `SELECT DISTINCT ON (e.user_id) e.user_id, e.course_id
       FROM enrolments e
       JOIN users u ON u.id = e.user_id
       JOIN courses c ON c.id = e.course_id AND c.published
       LEFT JOIN notification_preferences p ON p.user_id = e.user_id
      WHERE e.status = 'active'
        AND e.last_activity_at < now() - make_interval(days => $1)
        AND coalesce(p.reminders_enabled, true)
        AND (coalesce(p.in_app_enabled, true) OR (coalesce(p.email_enabled, true) AND u.email IS NOT NULL))
        AND NOT EXISTS (SELECT 1 FROM reminder_deliveries d WHERE d.kind = 'inactive' AND d.user_id = e.user_id AND d.period = $2)
        AND ($3::uuid IS NULL OR e.user_id > $3::uuid)
      ORDER BY e.user_id, e.last_activity_at DESC, e.course_id
      LIMIT $4`,
    [q.inactiveDays, q.period, q.afterUserId, q.limit],
  );
}

/** The enrolment behind an inactivity reminder, if it is still active and still untouched for `inactiveDays`. */
export async function stillInactiveEnrolment(
  db: Queryable,
  userId: string,
  courseId: string,
  inactiveDays: number,
): Promise<{ course_title: { vi: string; en?: string }; idle_days: number } | undefined> {
  const [row] = await db.query(
    `SELECT v.title AS course_title, floor(extract(epoch FROM now() - e.last_activity_at) / 86400)::int AS idle_days
       FROM enrolments e
       JOIN courses c ON c.id = e.course_id AND c.published
       JOIN course_versions v ON v.id = c.current_version_id
      WHERE e.user_id = $1 AND e.course_id = $2 AND e.status = 'active'
        AND e.last_activity_at < now() - make_interval(days => $3)`,
    [userId, courseId, inactiveDays],
  );
  return row;
}

export interface ReminderRecipientRow {
  id: string;
  display_name: string;
  email: string | null;
  language: string;
  email_enabled: boolean;
  in_app_enabled: boolean;
  reminders_enabled: boolean;
}

/** Who gets a reminder: name, address, language and switches (defaults when never changed). */
export async function reminderRecipient(
  db: Queryable,
  userId: string,
): Promise<ReminderRecipientRow | undefined> {
  const [row] = await db.query(
    `SELECT u.id, u.display_name, u.email, u.language,
            coalesce(p.email_enabled, true) AS email_enabled, coalesce(p.in_app_enabled, true) AS in_app_enabled,
            coalesce(p.reminders_enabled, true) AS reminders_enabled
       FROM users u LEFT JOIN notification_preferences p ON p.user_id = u.id
      WHERE u.id = $1`,
    [userId],
  );
  return row;
}

export async function reminderDelivered(db: Queryable, dedupeKey: string): Promise<boolean> {
  const rows = await db.query(`SELECT 1 FROM reminder_deliveries WHERE dedupe_key = $1`, [dedupeKey]);
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
  const rows = await db.query(
    `INSERT INTO reminder_deliveries (dedupe_key, user_id, kind, subject_id, period, channels)
     VALUES ($1, $2, $3, $4, $5, $6::text[])
     ON CONFLICT DO NOTHING RETURNING dedupe_key`,
    [d.dedupeKey, d.userId, d.kind, d.subjectId, d.period, d.channels],
  );
  return rows.length > 0;
}

// ---- mail outbox -------------------------------------------------------------------------------------------

export interface NewOutboxMail {
  toAddress: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  dedupeKey: string | null;
  transport: 'smtp' | 'local';
}

export async function insertOutboxMail(db: Queryable, m: NewOutboxMail): Promise<string> {
  const [row] = await db.query(
    `INSERT INTO mail_outbox (to_address, subject, text, html, headers, dedupe_key, transport)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7) RETURNING id`,
    [m.toAddress, m.subject, m.text, m.html, JSON.stringify(m.headers), m.dedupeKey, m.transport],
  );
  return row.id;
}

/** Many e-mails in one statement per thousand (a roster's invitations); returns how many were written. */
export async function insertOutboxMails(db: Queryable, mails: NewOutboxMail[]): Promise<number> {
  let written = 0;
  for (let i = 0; i < mails.length; i += 1000) {
    const chunk = mails.slice(i, i + 1000);
    const rows = await db.query(
      `INSERT INTO mail_outbox (to_address, subject, text, html, headers, dedupe_key, transport)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::text[], $7::text[])
       RETURNING id`,
      [
        chunk.map((m) => m.toAddress),
        chunk.map((m) => m.subject),
        chunk.map((m) => m.text),
        chunk.map((m) => m.html),
        chunk.map((m) => JSON.stringify(m.headers)),
        chunk.map((m) => m.dedupeKey),
        chunk.map((m) => m.transport),
      ],
    );
    written += rowsOf(rows).length;
  }
  return written;
}

export interface OutboxMailRow {
  id: string;
  to_address: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  dedupe_key: string | null;
  transport: string;
  created_at: Date;
  sent_at: Date | null;
  attempts: number;
  error: string | null;
}

/**
 * E-mail waiting for SMTP: the mail of one reminder (`dedupeKey`), or everything created more than
 * `olderThanSeconds` ago that is still unsent after fewer than `maxAttempts` tries. `withReminders: false`
 * leaves reminder e-mail (the rows with a dedupe key) for later: quiet hours.
 */
export async function pendingOutboxMail(
  db: Queryable,
  q: {
    dedupeKey?: string;
    olderThanSeconds?: number;
    withReminders?: boolean;
    maxAttempts: number;
    limit: number;
  },
): Promise<string[]> {
  const rows: Array<{ id: string }> = await db.query(
    `SELECT id FROM mail_outbox
      WHERE transport = 'smtp' AND sent_at IS NULL AND attempts < $3
        AND ($1::text IS NULL OR dedupe_key = $1)
        AND ($2::int IS NULL OR created_at < now() - make_interval(secs => $2))
        AND ($5::boolean OR dedupe_key IS NULL)
      ORDER BY created_at LIMIT $4`,
    [q.dedupeKey ?? null, q.olderThanSeconds ?? null, q.maxAttempts, q.limit, q.withReminders ?? true],
  );
  return rows.map((r) => r.id);
}

/** Locks one unsent SMTP mail for sending (inside a transaction); undefined when sent or taken by another worker. */
export async function claimOutboxMail(tx: Queryable, id: string): Promise<OutboxMailRow | undefined> {
  const [row] = await tx.query(
    `SELECT * FROM mail_outbox WHERE id = $1 AND transport = 'smtp' AND sent_at IS NULL FOR UPDATE SKIP LOCKED`,
    [id],
  );
  return row;
}

export async function markOutboxMailSent(tx: Queryable, id: string): Promise<void> {
  await tx.query(
    `UPDATE mail_outbox SET sent_at = now(), attempts = attempts + 1, error = NULL WHERE id = $1`,
    [id],
  );
}

export async function markOutboxMailFailed(db: Queryable, id: string, error: string): Promise<void> {
  await db.query(`UPDATE mail_outbox SET attempts = attempts + 1, error = $2 WHERE id = $1`, [
    id,
    error.slice(0, 1000),
  ]);
}

/** The latest e-mails, newest first (the local outbox page of a system administrator). */
export function latestOutboxMail(db: Queryable, limit: number): Promise<OutboxMailRow[]> {
  return db.query(`SELECT * FROM mail_outbox ORDER BY created_at DESC, id DESC LIMIT $1`, [limit]);
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
  return db.query(
    `WITH m AS (
       SELECT id, course_ids, unit_path, organisation_id, target_group, (due_on - $1::date) AS days_left
         FROM mandates WHERE archived_at IS NULL AND due_on - $1::date BETWEEN 1 AND $2)
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

/**
 * At send time: the mandate is still live, still due in 1..7 days, still applies to the learner (place and target
 * group, as when the sweep chose them), and the learner still has a course to finish.
 */
export async function stillDueMandate(
  db: Queryable,
  userId: string,
  mandateId: string,
  today: string,
): Promise<{ title: string; days_left: number } | undefined> {
  const [row] = await db.query(
    `SELECT m.title, (m.due_on - $3::date) AS days_left
       FROM mandates m JOIN learner_profiles lp ON lp.user_id = $1
      WHERE m.id = $2 AND m.archived_at IS NULL AND m.due_on - $3::date BETWEEN 1 AND 7
        AND ${mandateAppliesTo('m', 'lp')}
        AND EXISTS (SELECT 1 FROM unnest(m.course_ids) AS c
                     WHERE NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.user_id = $1 AND e.course_id = c AND e.status = 'completed'))`,
    [userId, mandateId, today],
  );
  return row;
}
