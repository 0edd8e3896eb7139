import type { Role } from '@hocvuso/domain';
import { execute, type Queryable, selectOne, selectRows } from './queryable';
import { sharesWithUnit } from './scope-conditions';

/** Admins' learner lists and details, where people and places sit, and role grants. */

export interface LearnerRow {
  id: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  target_groups: string[] | null;
  unit_name: string | null;
  organisation_name: string | null;
  enrolments: number;
  completed: number;
}

export interface LearnerPageRow extends LearnerRow {
  /** The number of rows of the whole list (every row carries it). */
  total: number;
}

const LEARNER_COLUMNS = `u.id, u.display_name, u.email, u.phone, lp.target_groups, au.name AS unit_name, o.name AS organisation_name,
            (SELECT count(*)::int FROM enrolments e WHERE e.user_id = u.id) AS enrolments,
            (SELECT count(*)::int FROM enrolments e WHERE e.user_id = u.id AND e.status = 'completed') AS completed`;

/**
 * SQL: learner profile `lp` may be named to an admin (consent to share with their unit, or staff of `$orgParam`),
 * never NULL: someone without an organisation is "not named" rather than unknown (isNamedInList in the domain).
 */
const namedSql = (orgParam: number) =>
  `(${sharesWithUnit('lp.user_id')} OR coalesce(lp.organisation_id = ANY ($${orgParam}::uuid[]), false))`;

/**
 * How many learner profiles in `scope` (a scopeCondition on alias `lp`, numbered from $1) may not be named to the
 * reader: no consent to share with their unit, and not staff of `organisationIds`.
 */
export async function countNotNamedLearners(
  db: Queryable,
  scope: { sql: string; params: unknown[] },
  organisationIds: string[],
): Promise<number> {
  const n = scope.params.length;
  const row = await selectOne<{ not_named: number }>(
    db,
    `SELECT count(*)::int AS not_named FROM learner_profiles lp WHERE ${scope.sql} AND NOT ${namedSql(n + 1)}`,
    [...scope.params, organisationIds],
  );
  return row!.not_named;
}

/**
 * One page of the learners in `scope` (a scopeCondition on alias `lp`, numbered from $1) who may be named to the
 * reader, by name; `needle` (lower-cased, '' for all) matches part of the name, or the whole e-mail or phone.
 */
export function namedLearnersPage(
  db: Queryable,
  scope: { sql: string; params: unknown[] },
  p: { organisationIds: string[]; needle: string; limit: number; offset: number },
): Promise<LearnerPageRow[]> {
  const n = scope.params.length;
  return selectRows<LearnerPageRow>(
    db,
    `SELECT ${LEARNER_COLUMNS},
            count(*) OVER ()::int AS total
       FROM learner_profiles lp JOIN users u ON u.id = lp.user_id
       LEFT JOIN administrative_units au ON au.id = lp.unit_id LEFT JOIN organisations o ON o.id = lp.organisation_id
      WHERE ${scope.sql} AND ${namedSql(n + 1)}
        AND ($${n + 2}::text = '' OR position($${n + 2}::text in lower(u.display_name)) > 0 OR u.email = $${n + 2}::text OR u.phone = $${n + 2}::text)
      ORDER BY u.display_name, u.id LIMIT $${n + 3} OFFSET $${n + 4}`,
    [...scope.params, p.organisationIds, p.needle, p.limit, p.offset],
  );
}

/** One person as a learner row (with or without a learner profile). */
export function learnerById(db: Queryable, userId: string): Promise<LearnerRow | undefined> {
  return selectOne<LearnerRow>(
    db,
    `SELECT ${LEARNER_COLUMNS}
       FROM users u LEFT JOIN learner_profiles lp ON lp.user_id = u.id
       LEFT JOIN administrative_units au ON au.id = lp.unit_id LEFT JOIN organisations o ON o.id = lp.organisation_id
      WHERE u.id = $1`,
    [userId],
  );
}

export interface PlacementRow {
  unit_path: string | null;
  organisation_id: string | null;
}

/** Where a user sits (nulls without a profile); undefined for no such user. */
export function placementOf(db: Queryable, userId: string): Promise<PlacementRow | undefined> {
  return selectOne<PlacementRow>(
    db,
    `SELECT lp.unit_path, lp.organisation_id FROM users u LEFT JOIN learner_profiles lp ON lp.user_id = u.id WHERE u.id = $1`,
    [userId],
  );
}

export interface RoleGrantRow {
  id: string;
  role: Role;
  unit_id: string | null;
  unit_name: string | null;
  organisation_id: string | null;
  organisation_name: string | null;
  granted_at: Date;
}

/** A user's roles in force, oldest first, with the names of their places. */
export function activeGrantsOf(db: Queryable, userId: string): Promise<RoleGrantRow[]> {
  return selectRows<RoleGrantRow>(
    db,
    `SELECT g.id, g.role, g.unit_id, au.name AS unit_name, g.organisation_id, o.name AS organisation_name, g.granted_at
       FROM role_grants g LEFT JOIN administrative_units au ON au.id = g.unit_id LEFT JOIN organisations o ON o.id = g.organisation_id
      WHERE g.user_id = $1 AND g.revoked_at IS NULL ORDER BY g.granted_at`,
    [userId],
  );
}

/** Grants a role; returns its id, or undefined when the same grant is already in force. */
export async function insertRoleGrant(
  db: Queryable,
  g: {
    userId: string;
    role: string;
    unitId: string | null;
    organisationId: string | null;
    grantedBy: string;
  },
): Promise<string | undefined> {
  const row = await selectOne<{ id: string }>(
    db,
    `INSERT INTO role_grants (user_id, role, unit_id, organisation_id, granted_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING RETURNING id`,
    [g.userId, g.role, g.unitId, g.organisationId, g.grantedBy],
  );
  return row?.id;
}

export interface ActiveGrantRow {
  id: string;
  user_id: string;
  role: Role;
  unit_id: string | null;
  unit_path: string | null;
  organisation_id: string | null;
}

/** A role grant in force, with the path of its unit. */
export function activeGrant(db: Queryable, grantId: string): Promise<ActiveGrantRow | undefined> {
  return selectOne<ActiveGrantRow>(
    db,
    `SELECT g.id, g.user_id, g.role, g.unit_id, au.path AS unit_path, g.organisation_id
       FROM role_grants g LEFT JOIN administrative_units au ON au.id = g.unit_id WHERE g.id = $1 AND g.revoked_at IS NULL`,
    [grantId],
  );
}

/** Ends a role grant now. */
export function revokeRoleGrant(db: Queryable, grantId: string): Promise<number> {
  return execute(db, `UPDATE role_grants SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [
    grantId,
  ]);
}
