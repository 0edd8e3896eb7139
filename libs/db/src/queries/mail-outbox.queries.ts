import { execute, type Queryable, selectOne, selectRows } from './queryable';

export interface NewOutboxMail {
  toAddress: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  dedupeKey: string | null;
  transport: 'smtp' | 'local';
}

/** Queues one e-mail in the outbox; returns its id. */
export async function insertOutboxMail(db: Queryable, m: NewOutboxMail): Promise<string> {
  const row = await selectOne<{ id: string }>(
    db,
    `INSERT INTO mail_outbox (to_address, subject, text, html, headers, dedupe_key, transport)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7) RETURNING id`,
    [m.toAddress, m.subject, m.text, m.html, JSON.stringify(m.headers), m.dedupeKey, m.transport],
  );
  return row!.id;
}

/** Many e-mails in one statement per thousand (a roster's invitations); returns how many were written. */
export async function insertOutboxMails(db: Queryable, mails: NewOutboxMail[]): Promise<number> {
  let written = 0;
  for (let i = 0; i < mails.length; i += 1000) {
    const chunk = mails.slice(i, i + 1000);
    const rows = await selectRows<{ id: string }>(
      db,
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
    written += rows.length;
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
  const rows = await selectRows<{ id: string }>(
    db,
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
  return selectOne<OutboxMailRow>(
    tx,
    `SELECT * FROM mail_outbox WHERE id = $1 AND transport = 'smtp' AND sent_at IS NULL FOR UPDATE SKIP LOCKED`,
    [id],
  );
}

/** Records a successful send (counts the attempt, clears the last error). */
export async function markOutboxMailSent(tx: Queryable, id: string): Promise<void> {
  await execute(
    tx,
    `UPDATE mail_outbox SET sent_at = now(), attempts = attempts + 1, error = NULL WHERE id = $1`,
    [id],
  );
}

/** Records a failed send: counts the attempt and keeps the error (first 1,000 characters). */
export async function markOutboxMailFailed(db: Queryable, id: string, error: string): Promise<void> {
  await execute(db, `UPDATE mail_outbox SET attempts = attempts + 1, error = $2 WHERE id = $1`, [
    id,
    error.slice(0, 1000),
  ]);
}

/** The latest e-mails, newest first (the local outbox page of a system administrator). */
export function latestOutboxMail(db: Queryable, limit: number): Promise<OutboxMailRow[]> {
  return selectRows<OutboxMailRow>(
    db,
    `SELECT * FROM mail_outbox ORDER BY created_at DESC, id DESC LIMIT $1`,
    [limit],
  );
}
