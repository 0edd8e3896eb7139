import { type Queryable, selectOne, selectRows } from './queryable';

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
  return selectRows<NotificationRow>(
    db,
    `SELECT id, kind, title, body, link, created_at, read_at FROM notifications
      WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
    [userId, limit],
  );
}

/** How many of the learner's notifications are unread. */
export async function unreadNotificationCount(db: Queryable, userId: string): Promise<number> {
  const row = await selectOne<{ n: number }>(
    db,
    `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
    [userId],
  );
  return row!.n;
}

/** Marks the learner's notifications read: the given ones (others' ids are ignored), or all when `ids` is null. */
export async function markNotificationsRead(
  db: Queryable,
  userId: string,
  ids: string[] | null,
): Promise<number> {
  const rows = await selectRows<{ id: string }>(
    db,
    `UPDATE notifications SET read_at = now()
      WHERE user_id = $1 AND read_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY ($2::uuid[]))
      RETURNING id`,
    [userId, ids],
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

/** Writes one notification to a learner's inbox; returns its id. */
export async function insertNotification(db: Queryable, n: NewNotification): Promise<string> {
  const row = await selectOne<{ id: string }>(
    db,
    `INSERT INTO notifications (user_id, kind, title, body, link) VALUES ($1, $2, $3::jsonb, $4::jsonb, $5) RETURNING id`,
    [n.userId, n.kind, JSON.stringify(n.title), JSON.stringify(n.body), n.link],
  );
  return row!.id;
}

/** Many notifications in one statement (a roster's enrolment notices); returns how many were written. */
export async function insertNotifications(db: Queryable, list: NewNotification[]): Promise<number> {
  if (list.length === 0) return 0;
  const rows = await selectRows<{ id: string }>(
    db,
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
  return rows.length;
}
