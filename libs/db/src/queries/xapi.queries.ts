import type { ScopeFilter } from '@hocvuso/domain';
import { scopeCondition } from './compliance.queries';
import type { Queryable } from './queryable';

export interface StatementRow {
  id: string;
  actorName: string;
  verb: string;
  activityId: string;
  registration?: string;
  timestamp: Date;
  statement: Record<string, unknown>;
}

/** Appends statements (the table refuses updates and deletes). A repeated statement id is ignored. */
export async function appendStatements(db: Queryable, rows: StatementRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO xapi_statements (id, actor_name, verb, activity_id, registration, timestamp, statement)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::timestamptz[], $7::jsonb[])
     ON CONFLICT (id) DO NOTHING`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.actorName),
      rows.map((r) => r.verb),
      rows.map((r) => r.activityId),
      rows.map((r) => r.registration ?? null),
      rows.map((r) => r.timestamp.toISOString()),
      rows.map((r) => JSON.stringify(r.statement)),
    ],
  );
}

export interface StatementQuery {
  /** Limit to learners whose profile lies in these scopes (unless global). */
  scope: ScopeFilter;
  actorName?: string;
  verb?: string;
  activityId?: string;
  since?: Date;
  until?: Date;
  /** Continue after this stored sequence (from a `more` link). */
  afterSeq?: string;
  limit: number;
}

/** Statements in store order, one more than asked to tell whether there is a next page. */
export async function queryStatements(
  db: Queryable,
  q: StatementQuery,
): Promise<Array<{ stored_seq: string; stored: Date; statement: Record<string, unknown> }>> {
  const scope = scopeCondition('lp', q.scope, 8);
  return db.query(
    `SELECT stored_seq, stored, statement FROM xapi_statements
      WHERE ($1::text IS NULL OR actor_name = $1) AND ($2::text IS NULL OR verb = $2) AND ($3::text IS NULL OR activity_id = $3)
        AND ($4::timestamptz IS NULL OR stored > $4) AND ($5::timestamptz IS NULL OR stored <= $5)
        AND ($6::bigint IS NULL OR stored_seq > $6)
        AND ($8::boolean OR EXISTS (
              SELECT 1 FROM users u JOIN learner_profiles lp ON lp.user_id = u.id
               WHERE u.pseudonym::text = xapi_statements.actor_name AND ${scope.sql}))
      ORDER BY stored_seq ASC LIMIT $7`,
    [
      q.actorName ?? null,
      q.verb ?? null,
      q.activityId ?? null,
      q.since ?? null,
      q.until ?? null,
      q.afterSeq ?? null,
      q.limit + 1,
      ...scope.params,
    ],
  );
}
