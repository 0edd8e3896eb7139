import { type Queryable, selectOne, selectRows } from './queryable';

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
  const row = await selectOne<NotificationPreferencesRow>(
    db,
    `SELECT coalesce(p.email_enabled, true) AS email_enabled, coalesce(p.in_app_enabled, true) AS in_app_enabled,
            coalesce(p.reminders_enabled, true) AS reminders_enabled
       FROM (SELECT $1::uuid AS user_id) u LEFT JOIN notification_preferences p ON p.user_id = u.user_id`,
    [userId],
  );
  return row!;
}

/** Saves a learner's three switches (insert or update) and returns them as stored. */
export async function saveNotificationPreferences(
  db: Queryable,
  userId: string,
  prefs: { emailEnabled: boolean; inAppEnabled: boolean; remindersEnabled: boolean },
): Promise<NotificationPreferencesRow> {
  const row = await selectOne<NotificationPreferencesRow>(
    db,
    `INSERT INTO notification_preferences (user_id, email_enabled, in_app_enabled, reminders_enabled) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id) DO UPDATE
       SET email_enabled = EXCLUDED.email_enabled, in_app_enabled = EXCLUDED.in_app_enabled,
           reminders_enabled = EXCLUDED.reminders_enabled, updated_at = now()
     RETURNING email_enabled, in_app_enabled, reminders_enabled`,
    [userId, prefs.emailEnabled, prefs.inAppEnabled, prefs.remindersEnabled],
  );
  return row!;
}

/** Turns learning reminders off (the unsubscribe link). False when the user no longer exists. */
export async function disableReminders(db: Queryable, userId: string): Promise<boolean> {
  const rows = await selectRows<{ user_id: string }>(
    db,
    `INSERT INTO notification_preferences (user_id, reminders_enabled)
     SELECT id, false FROM users WHERE id = $1
     ON CONFLICT (user_id) DO UPDATE SET reminders_enabled = false, updated_at = now()
     RETURNING user_id`,
    [userId],
  );
  return rows.length > 0;
}

/** The users among `userIds` who switched in-app notifications off. */
export async function inAppDisabledUsers(db: Queryable, userIds: string[]): Promise<Set<string>> {
  const rows = await selectRows<{ user_id: string }>(
    db,
    `SELECT user_id FROM notification_preferences WHERE user_id = ANY ($1::uuid[]) AND NOT in_app_enabled`,
    [userIds],
  );
  return new Set(rows.map((r) => r.user_id));
}
