import type { ScopeFilter } from '@hocvuso/domain';
import { scopeCondition } from './scope-conditions';
import { execute, type Queryable, selectRows } from './queryable';

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
  await execute(
    db,
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

export interface AuditRow {
  id: string;
  at: Date;
  actor_user_id: string | null;
  actor_name: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  scope: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface AuditQuery {
  /** An action (`role.grant`) or a family of actions ending in a dot (`certificate.`). */
  action?: string;
  subjectId?: string;
  actorId?: string;
  since?: string;
  until?: string;
  /** Keyset cursor: only entries older than this id. */
  beforeId?: string;
  limit: number;
}

/**
 * Audit entries newest first, within an admin's reach: everything for a system admin; otherwise entries whose
 * scope lies in one of the admin's unit subtrees, or whose subject is a person placed in the admin's units or
 * organisations. Keyset-paged by id.
 */
export async function queryAudit(db: Queryable, reach: ScopeFilter, q: AuditQuery): Promise<AuditRow[]> {
  // scopeCondition's $1 (global) and $2 (unit-path prefixes) also test the entry's own scope below.
  const scope = scopeCondition('lp', reach, 1);
  return selectRows<AuditRow>(
    db,
    `SELECT a.id::text AS id, a.at, a.actor_user_id, u.display_name AS actor_name, a.action, a.subject_type, a.subject_id,
            a.scope, a.before, a.after, a.reason
       FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id
      WHERE ($1::boolean
             OR a.scope LIKE ANY ($2::text[])
             OR (a.subject_type = 'user' AND EXISTS (
                   SELECT 1 FROM learner_profiles lp WHERE lp.user_id::text = a.subject_id AND ${scope.sql})))
        AND ($4::text IS NULL OR a.action = $4::text OR (right($4::text, 1) = '.' AND starts_with(a.action, $4::text)))
        AND ($5::text IS NULL OR a.subject_id = $5::text)
        AND ($6::uuid IS NULL OR a.actor_user_id = $6::uuid)
        AND ($7::timestamptz IS NULL OR a.at >= $7::timestamptz)
        AND ($8::timestamptz IS NULL OR a.at < $8::timestamptz)
        AND ($9::bigint IS NULL OR a.id < $9::bigint)
      ORDER BY a.id DESC
      LIMIT $10`,
    [
      ...scope.params,
      q.action ?? null,
      q.subjectId ?? null,
      q.actorId ?? null,
      q.since ?? null,
      q.until ?? null,
      q.beforeId ?? null,
      q.limit,
    ],
  );
}
