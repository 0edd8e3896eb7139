import { execute, type Queryable, selectOne, selectRows } from './queryable';

/**
 * The SMS outbox (docs/mandates.md, "SMS"): one row per text message, written in the transaction of the
 * change it announces (dedupe_key unique), sent over SMPP by the worker. A row is `queued` until sent; a failed
 * try counts the attempt, keeps the error and waits (next_attempt_at, on the database clock) before the next;
 * after the last allowed try it is `failed` for good, visible to an administrator.
 */

export interface OutboxSmsRow {
  id: string;
  to_number: string;
  text: string;
  dedupe_key: string;
  user_id: string | null;
  status: 'queued' | 'sent' | 'failed';
  created_at: Date;
  next_attempt_at: Date;
  sent_at: Date | null;
  attempts: number;
  error: string | null;
  message_ids: string[];
  /** The gateway that sent it (`smpp`, …); null while queued. */
  gateway: string | null;
}

/** Queues one SMS; returns its id, or undefined when an SMS with that dedupe key exists already. */
export async function insertOutboxSms(
  db: Queryable,
  s: { toNumber: string; text: string; dedupeKey: string; userId: string | null },
): Promise<string | undefined> {
  const row = await selectOne<{ id: string }>(
    db,
    `INSERT INTO sms_outbox (to_number, text, dedupe_key, user_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    [s.toNumber, s.text, s.dedupeKey, s.userId],
  );
  return row?.id;
}

/** Queued SMS whose next try is due (database clock), oldest first. */
export async function dueOutboxSms(db: Queryable, limit: number): Promise<string[]> {
  const rows = await selectRows<{ id: string }>(
    db,
    `SELECT id FROM sms_outbox WHERE status = 'queued' AND next_attempt_at <= now()
      ORDER BY next_attempt_at, created_at LIMIT $1`,
    [limit],
  );
  return rows.map((r) => r.id);
}

/** Locks one queued, due SMS for sending (inside a transaction); undefined when sent, not due or taken. */
export function claimOutboxSms(tx: Queryable, id: string): Promise<OutboxSmsRow | undefined> {
  return selectOne<OutboxSmsRow>(
    tx,
    `SELECT * FROM sms_outbox WHERE id = $1 AND status = 'queued' AND next_attempt_at <= now()
       FOR UPDATE SKIP LOCKED`,
    [id],
  );
}

/** Records a send: the gateway and its ids (one per part for SMPP), the attempt counted, the error cleared. */
export async function markOutboxSmsSent(
  tx: Queryable,
  id: string,
  messageIds: string[],
  gateway: string,
): Promise<void> {
  await execute(
    tx,
    `UPDATE sms_outbox SET status = 'sent', sent_at = now(), attempts = attempts + 1, error = NULL,
            message_ids = $2, gateway = $3 WHERE id = $1`,
    [id, messageIds, gateway],
  );
}

/**
 * Records a failed try: counts it, keeps the error (first 1,000 characters) and waits `retryBaseSeconds`
 * × 2^(attempts) before the next (capped at six hours); after `maxAttempts` the SMS is failed for good.
 */
export async function markOutboxSmsFailed(
  db: Queryable,
  id: string,
  error: string,
  p: { maxAttempts: number; retryBaseSeconds: number },
): Promise<void> {
  await execute(
    db,
    `UPDATE sms_outbox SET attempts = attempts + 1, error = $2,
            status = CASE WHEN attempts + 1 >= $3 THEN 'failed' ELSE 'queued' END,
            next_attempt_at = now() + make_interval(secs => least($4::float8 * power(2, attempts), 21600))
      WHERE id = $1 AND status = 'queued'`,
    [id, error.slice(0, 1000), p.maxAttempts, p.retryBaseSeconds],
  );
}

/** The SMS of one person, newest first (their data export, an administrator's look). */
export function outboxSmsOf(db: Queryable, userId: string): Promise<OutboxSmsRow[]> {
  return selectRows<OutboxSmsRow>(
    db,
    `SELECT * FROM sms_outbox WHERE user_id = $1 ORDER BY created_at DESC, id DESC`,
    [userId],
  );
}

/** Rows by dedupe key prefix (a mandate's notices), for the sender's tests and an administrator's look. */
export function outboxSmsByKeyPrefix(db: Queryable, prefix: string): Promise<OutboxSmsRow[]> {
  return selectRows<OutboxSmsRow>(
    db,
    `SELECT * FROM sms_outbox WHERE starts_with(dedupe_key, $1) ORDER BY created_at, id`,
    [prefix],
  );
}

/** Drops the person's SMS (sent or waiting): de-identification. */
export function eraseOutboxSmsOf(tx: Queryable, userId: string): Promise<number> {
  return execute(tx, `DELETE FROM sms_outbox WHERE user_id = $1`, [userId]);
}
