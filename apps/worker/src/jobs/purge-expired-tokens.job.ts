import type { JobOutcome, JobPayloads } from '@hocvuso/jobs';
import { type PurgeableTable, purgeExpiredBatch, purgeOldSmsCounts, type Queryable } from '@hocvuso/db';

/** Days the SMS cap counters (which name people and numbers) are kept after their Vietnam day. */
export const SMS_COUNT_RETENTION_DAYS = 2;

export interface PurgeLogger {
  info(obj: object, msg: string): void;
}

/**
 * The short-lived sign-in secrets, each by its key: rows whose expiry or use lies more than the retention
 * window in the past are of no use any more (a used or expired token can never be accepted) and only keep
 * personal data around. Their statements are fixed in libs/db (maintenance.queries).
 */
export const PURGED_TOKEN_TABLES = [
  { table: 'password_reset_tokens' },
  { table: 'sign_in_codes' },
  { table: 'phone_codes' },
  { table: 'oidc_login_states' },
  { table: 'oidc_pending_links' },
] as const satisfies ReadonlyArray<{ table: PurgeableTable }>;
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
    deleted[target.table] = await purgeInBatches(db, target.table, payload.retentionDays, payload.batchSize);
  }
  // The SMS cap counters of past days (`user:<id>`, `phone:<number>`): only today's matter.
  await purgeOldSmsCounts(db, SMS_COUNT_RETENTION_DAYS);
  const total = Object.values(deleted).reduce((a, b) => a + b, 0);
  logger?.info(
    { job: 'purge-expired-tokens', retentionDays: payload.retentionDays, deleted, total },
    'purged expired sign-in tokens',
  );
  return total > 0 ? 'done' : 'skipped';
}

/**
 * Deletes the rows of `table` whose `expires_at` or spent time (used, revoked) lies more than `retentionDays`
 * in the past, `batchSize` rows per statement, skipping rows another transaction holds (left for the next
 * run). Returns how many it deleted.
 */
export async function purgeInBatches(
  db: Queryable,
  table: PurgeableTable,
  retentionDays: number,
  batchSize: number,
): Promise<number> {
  let deleted = 0;
  for (;;) {
    const n = await purgeExpiredBatch(db, table, retentionDays, batchSize);
    deleted += n;
    if (n < batchSize) return deleted;
  }
}
