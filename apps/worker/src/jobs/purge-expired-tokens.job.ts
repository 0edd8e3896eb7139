import type { JobOutcome, JobPayloads } from '@hocvuso/jobs';
import { type Queryable, rowsOf } from '@hocvuso/db';

export interface PurgeLogger {
  info(obj: object, msg: string): void;
}

/**
 * The short-lived sign-in secrets, each by its key: rows whose expiry or use lies more than the retention
 * window in the past are of no use any more (a used or expired token can never be accepted) and only keep
 * personal data around. Table and key names are constants here, never input.
 */
export const PURGED_TOKEN_TABLES = [
  { table: 'password_reset_tokens', key: 'id', spent: 'used_at' },
  { table: 'sign_in_codes', key: 'id', spent: 'used_at' },
  { table: 'oidc_login_states', key: 'state_hash', spent: 'used_at' },
  { table: 'oidc_pending_links', key: 'id', spent: 'used_at' },
] as const;
export type PurgedTokenTable = (typeof PURGED_TOKEN_TABLES)[number]['table'];

/**
 * Deletes password-reset tokens (roster invitations included), one-time sign-in codes, OIDC login states and
 * OIDC pending links that expired or were used more than `retentionDays` ago (database clock), in batches of
 * `batchSize` rows so no statement holds many locks or runs long; rows another transaction holds are skipped
 * and left for the next run. Logs what it deleted per table. Safe to run twice: a second run finds nothing.
 */
export async function purgeExpiredTokens(
  db: Queryable,
  payload: JobPayloads['purge-expired-tokens'],
  logger?: PurgeLogger,
): Promise<JobOutcome> {
  const deleted = {} as Record<PurgedTokenTable, number>;
  for (const target of PURGED_TOKEN_TABLES) {
    deleted[target.table] = await purgeInBatches(db, target, payload.retentionDays, payload.batchSize);
  }
  const total = Object.values(deleted).reduce((a, b) => a + b, 0);
  logger?.info(
    { job: 'purge-expired-tokens', retentionDays: payload.retentionDays, deleted, total },
    'purged expired sign-in tokens',
  );
  return total > 0 ? 'done' : 'skipped';
}

/**
 * Deletes the rows of `table` whose `expires_at` or `spent` time (used, revoked) lies more than `retentionDays`
 * in the past, `batchSize` rows per statement, skipping rows another transaction holds (left for the next
 * run). Returns how many it deleted. Table and column names are constants of the callers, never input.
 */
export async function purgeInBatches(
  db: Queryable,
  target: { table: string; key: string; spent: string },
  retentionDays: number,
  batchSize: number,
): Promise<number> {
  const { table, key, spent } = target;
  let deleted = 0;
  for (;;) {
    const rows = rowsOf(
      await db.query(
        `WITH doomed AS (
           SELECT ${key} FROM ${table}
            WHERE expires_at < now() - make_interval(days => $1)
               OR ${spent} < now() - make_interval(days => $1)
            LIMIT $2 FOR UPDATE SKIP LOCKED)
         DELETE FROM ${table} t USING doomed WHERE t.${key} = doomed.${key} RETURNING 1`,
        [retentionDays, batchSize],
      ),
    );
    deleted += rows.length;
    if (rows.length < batchSize) return deleted;
  }
}
