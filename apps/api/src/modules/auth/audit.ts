import type { DataSource } from 'typeorm';

type Db = Pick<DataSource, 'query'>;

/** Appends one row to the audit log (who, what, on whom, in which scope, before/after, why). */
export async function audit(
  db: Db,
  entry: {
    actor: string | null;
    action: string;
    subjectType: string;
    subjectId: string;
    scope?: string | null;
    before?: unknown;
    after?: unknown;
    reason?: string | null;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (actor_user_id, action, subject_type, subject_id, scope, before, after, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      entry.actor,
      entry.action,
      entry.subjectType,
      entry.subjectId,
      entry.scope ?? null,
      entry.before === undefined || entry.before === null ? null : JSON.stringify(entry.before),
      entry.after === undefined || entry.after === null ? null : JSON.stringify(entry.after),
      entry.reason ?? null,
    ],
  );
}
