import type { ScopeFilter } from '@hocvuso/domain';
import { scopeCondition } from './scope-conditions';
import { execute, type Queryable, selectOne, selectRows } from './queryable';

export interface StatementRow {
  id: string;
  actorName: string;
  verb: string;
  activityId: string;
  registration?: string;
  timestamp: Date;
  statement: Record<string, unknown>;
}

/**
 * The advisory lock (two-key form) every statement writer holds, shared, from before it reads the clock for `stored`
 * until its transaction ends. Readers never take it: they look at who holds it to know how far the store is complete
 * (`consistentThrough`).
 */
const XAPI_APPEND_LOCK = [48_756, 1] as const;

/**
 * The append lock as a CTE body (`WITH append_lock AS MATERIALIZED (…)`), its two keys at parameters `$first` and
 * `$first + 1`: another statement that appends in a CTE of its own (a quiz submission) takes it the same way.
 */
export const APPEND_LOCK_SQL = (first: number) =>
  `SELECT pg_advisory_xact_lock_shared($${first}::int, $${first + 1}::int) AS held`;

/**
 * The INSERT of `appendStatements`, reading `append_lock` (which must be a MATERIALIZED CTE of the same statement,
 * so the lock is held before `stored` reads the clock) and the seven arrays at parameters `$first`…`$first + 6`;
 * `onlyIf`, a condition on the rest of the statement (the statements are appended only when it holds). Only built
 * from constants.
 */
export const APPEND_STATEMENTS_SQL = (first: number, onlyIf = 'true') =>
  `INSERT INTO xapi_statements (id, actor_name, verb, activity_id, registration, timestamp, statement, stored)
     SELECT r.*, date_trunc('milliseconds', clock_timestamp())
       FROM append_lock,
            unnest($${first}::uuid[], $${first + 1}::text[], $${first + 2}::text[], $${first + 3}::text[], $${first + 4}::uuid[], $${first + 5}::timestamptz[], $${first + 6}::jsonb[])
              AS r(id, actor_name, verb, activity_id, registration, timestamp, statement)
      WHERE ${onlyIf}
     ON CONFLICT (id) DO NOTHING`;

/** The parameters of APPEND_STATEMENTS_SQL (seven arrays) followed by those of APPEND_LOCK_SQL (its two keys). */
export function appendStatementsParams(rows: StatementRow[]): unknown[] {
  return [...statementArrays(rows), XAPI_APPEND_LOCK[0], XAPI_APPEND_LOCK[1]];
}

/** The seven arrays of APPEND_STATEMENTS_SQL alone (a second append in a statement that already has the lock's keys). */
export function statementArrays(rows: StatementRow[]): unknown[] {
  return [
    rows.map((r) => r.id),
    rows.map((r) => r.actorName),
    rows.map((r) => r.verb),
    rows.map((r) => r.activityId),
    rows.map((r) => r.registration ?? null),
    rows.map((r) => r.timestamp.toISOString()),
    rows.map((r) => JSON.stringify(r.statement)),
  ];
}

/**
 * Appends statements (the table refuses updates and deletes). A repeated statement id is ignored.
 *
 * `stored` is the database clock at the insert, to the millisecond (what the xAPI read shows, so `since`/`until`
 * compare exactly what a client saw), read only after the append lock is held: the one statement takes the lock
 * before it reads the clock, whether or not the caller is in a transaction.
 */
export async function appendStatements(db: Queryable, rows: StatementRow[]): Promise<void> {
  if (rows.length === 0) return;
  await execute(
    db,
    `WITH append_lock AS MATERIALIZED (${APPEND_LOCK_SQL(8)}) ${APPEND_STATEMENTS_SQL(1)}`,
    appendStatementsParams(rows),
  );
}

/**
 * The xAPI `X-Experience-API-Consistent-Through` instant: every statement whose `stored` is before it is committed
 * and visible now, and none can appear later. It is the database clock, held back to the start of the oldest
 * transaction that holds the append lock (it may still commit statements stored from then on), to the millisecond.
 * Call it before reading statements, in its own statement, so the read's snapshot is taken after it. Needs to see
 * the writers' `xact_start` in pg_stat_activity (the same database role, or pg_read_all_stats); a writer it cannot
 * see holds the horizon at -infinity rather than risk a gap.
 */
export async function xapiConsistentThrough(db: Queryable): Promise<Date> {
  const row = await selectOne<{ through: Date }>(
    db,
    `SELECT date_trunc('milliseconds', least(clock_timestamp(), coalesce(
              (SELECT min(coalesce(a.xact_start, '-infinity'::timestamptz))
                 FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'advisory' AND l.granted
                  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND l.classid = $1::int::oid AND l.objid = $2::int::oid AND l.objsubid = 2),
              'infinity'::timestamptz))) AS through`,
    [XAPI_APPEND_LOCK[0], XAPI_APPEND_LOCK[1]],
  );
  if (!row) throw new Error('xapiConsistentThrough: the statement returned no row');
  return new Date(row.through);
}

export interface StatementQuery {
  /** Limit to learners whose profile lies in these scopes (unless global). */
  scope: ScopeFilter;
  actorName?: string;
  /** The agent account's homePage: an agent is `{homePage, name}`, both must match. */
  actorHomePage?: string;
  verb?: string;
  activityId?: string;
  /** Exclusive, compared to the millisecond (as `stored` is shown). */
  since?: Date;
  /** Inclusive, compared to the millisecond. */
  until?: Date;
  /** Only statements stored before this instant (`xapiConsistentThrough`), so paging never skips a late commit. */
  consistentThrough: Date;
  /** Continue after the statement with this stored sequence (from a `more` link), in the same order. */
  afterSeq?: string;
  /** Oldest first; the default (xAPI) is newest first. */
  ascending: boolean;
  limit: number;
}

/** A stored statement as the xAPI read shows it. */
export interface StoredStatementRow {
  /** The store sequence (bigint, as text): the paging cursor. */
  stored_seq: string;
  /** `stored`, to the millisecond. */
  stored: Date;
  statement: Record<string, unknown>;
}

/**
 * Statements ordered by `stored` (to the millisecond), then store sequence, newest first unless `ascending`; one
 * more than asked to tell whether there is a next page. The cursor is a statement's sequence: the page continues
 * strictly after that statement's (stored, sequence) position.
 */
export async function queryStatements(db: Queryable, q: StatementQuery): Promise<StoredStatementRow[]> {
  const scope = scopeCondition('lp', q.scope, 8);
  const after = q.ascending ? '>' : '<';
  const dir = q.ascending ? 'ASC' : 'DESC';
  return selectRows<StoredStatementRow>(
    db,
    `SELECT s.stored_seq, date_trunc('milliseconds', s.stored) AS stored, s.statement FROM xapi_statements s
      WHERE ($1::text IS NULL OR s.actor_name = $1)
        AND ($11::text IS NULL OR s.statement->'actor'->'account'->>'homePage' = $11)
        AND ($2::text IS NULL OR s.verb = $2) AND ($3::text IS NULL OR s.activity_id = $3)
        AND date_trunc('milliseconds', s.stored) < $12::timestamptz
        AND ($4::timestamptz IS NULL OR date_trunc('milliseconds', s.stored) > $4)
        AND ($5::timestamptz IS NULL OR date_trunc('milliseconds', s.stored) <= $5)
        AND ($6::bigint IS NULL OR (date_trunc('milliseconds', s.stored), s.stored_seq) ${after}
              (SELECT date_trunc('milliseconds', c.stored), c.stored_seq FROM xapi_statements c WHERE c.stored_seq = $6))
        AND ($8::boolean OR EXISTS (
              SELECT 1 FROM users u JOIN learner_profiles lp ON lp.user_id = u.id
               WHERE u.pseudonym::text = s.actor_name AND ${scope.sql}))
      ORDER BY date_trunc('milliseconds', s.stored) ${dir}, s.stored_seq ${dir} LIMIT $7`,
    [
      q.actorName ?? null,
      q.verb ?? null,
      q.activityId ?? null,
      q.since ?? null,
      q.until ?? null,
      q.afterSeq ?? null,
      q.limit + 1,
      ...scope.params,
      q.actorHomePage ?? null,
      q.consistentThrough,
    ],
  );
}
