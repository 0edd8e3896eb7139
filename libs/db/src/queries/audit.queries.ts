import type { Queryable } from './queryable';

export interface AuditEntry {
  /** Who did it (null for the system or an anonymous request). */
  actor: string | null;
  /** e.g. role.grant, certificate.revoke, consent.change, learner.export */
  action: string;
  subjectType: string;
  subjectId: string;
  /** The unit path the action concerns, when it has one. */
  scope?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/** Appends one row to the append-only audit log: who, what, on whom, in which scope, before/after, why. */
export async function appendAudit(db: Queryable, e: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (actor_user_id, action, subject_type, subject_id, scope, before, after, reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      e.actor,
      e.action,
      e.subjectType,
      e.subjectId,
      e.scope ?? null,
      json(e.before),
      json(e.after),
      e.reason ?? null,
    ],
  );
}
