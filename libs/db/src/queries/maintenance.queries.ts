import { type Queryable, selectRows } from './queryable';

/**
 * Housekeeping deletes of the worker: short-lived secrets and sessions whose expiry or use lies past the
 * retention window. Each table's statement is fixed here (its key and its "spent" column are constants, never
 * input).
 */

/** The tables the purge jobs empty, with their key and the column that says the row was used or revoked. */
export const PURGEABLE_TABLES = {
  password_reset_tokens: { key: 'id', spent: 'used_at' },
  sign_in_codes: { key: 'id', spent: 'used_at' },
  phone_codes: { key: 'id', spent: 'used_at' },
  oidc_login_states: { key: 'state_hash', spent: 'used_at' },
  oidc_pending_links: { key: 'id', spent: 'used_at' },
  sessions: { key: 'id', spent: 'revoked_at' },
} as const;

export type PurgeableTable = keyof typeof PURGEABLE_TABLES;

const PURGE_BATCH_SQL = Object.fromEntries(
  Object.entries(PURGEABLE_TABLES).map(([table, { key, spent }]) => [
    table,
    `WITH doomed AS (
       SELECT ${key} FROM ${table}
        WHERE expires_at < now() - make_interval(days => $1)
           OR ${spent} < now() - make_interval(days => $1)
        LIMIT $2 FOR UPDATE SKIP LOCKED)
     DELETE FROM ${table} t USING doomed WHERE t.${key} = doomed.${key} RETURNING 1 AS deleted`,
  ]),
) as Record<PurgeableTable, string>;

/**
 * Deletes at most `batchSize` rows of `table` whose expiry or spent time lies more than `retentionDays` in the
 * past (database clock), skipping rows another transaction holds. Returns how many it deleted.
 */
export async function purgeExpiredBatch(
  db: Queryable,
  table: PurgeableTable,
  retentionDays: number,
  batchSize: number,
): Promise<number> {
  return (await selectRows<{ deleted: number }>(db, PURGE_BATCH_SQL[table], [retentionDays, batchSize]))
    .length;
}
