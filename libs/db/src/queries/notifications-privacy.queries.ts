import type { NotificationPreferencesRow } from './notification-preferences.queries';
import { execute, type Queryable, selectOne, selectRows } from './queryable';

// The notifications' part of a person's data rights: the inbox, the switches, e-mail waiting in the outbox.

export interface NotificationExportRow {
  kind: string;
  title: { vi: string; en?: string };
  body: { vi: string; en?: string };
  link: string | null;
  created_at: Date;
  read_at: Date | null;
}

/** Every notification of the inbox, oldest first, in every language stored. */
export function notificationsForExport(db: Queryable, userId: string): Promise<NotificationExportRow[]> {
  return selectRows<NotificationExportRow>(
    db,
    `SELECT kind, title, body, link, created_at, read_at FROM notifications WHERE user_id = $1 ORDER BY created_at`,
    [userId],
  );
}

/** The switches as stored; undefined when the person never changed them (the export then says null). */
export function storedNotificationPreferences(
  db: Queryable,
  userId: string,
): Promise<NotificationPreferencesRow | undefined> {
  return selectOne<NotificationPreferencesRow>(
    db,
    `SELECT email_enabled, in_app_enabled, reminders_enabled FROM notification_preferences WHERE user_id = $1`,
    [userId],
  );
}

/** Empties the person's inbox. */
export function eraseNotifications(tx: Queryable, userId: string): Promise<number> {
  return execute(tx, `DELETE FROM notifications WHERE user_id = $1`, [userId]);
}

/** Turns every channel off (e-mail, in-app, reminders), so nothing is sent to the account any more. */
export async function silenceNotificationChannels(tx: Queryable, userId: string): Promise<void> {
  await execute(
    tx,
    `INSERT INTO notification_preferences (user_id, email_enabled, in_app_enabled, reminders_enabled) VALUES ($1, false, false, false)
       ON CONFLICT (user_id) DO UPDATE SET email_enabled = false, in_app_enabled = false, reminders_enabled = false, updated_at = now()`,
    [userId],
  );
}

/** Drops the outbox e-mail (sent or waiting) addressed to `address`. */
export function eraseOutboxMailTo(tx: Queryable, address: string): Promise<number> {
  return execute(tx, `DELETE FROM mail_outbox WHERE to_address = $1`, [address]);
}
