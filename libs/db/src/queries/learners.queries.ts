import type { LearnerNeedle, LearnerStatus, Role, ScopeFilter } from '@hocvuso/domain';
import { execute, type Queryable, selectOne, selectRows } from './queryable';
import { scopeCondition, sharesWithUnit } from './scope-conditions';

/** Admins' learner lists and details, where people and places sit, and role grants. */

export interface LearnerRow {
  id: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  target_groups: string[] | null;
  sub_groups: string[] | null;
  has_profile: boolean;
  unit_name: string | null;
  organisation_name: string | null;
  enrolments: number;
  completed: number;
}

export interface LearnerPageRow extends LearnerRow {
  /** The number of rows of the whole list (every row carries it). */
  total: number;
}

const LEARNER_COLUMNS = `u.id, u.display_name, u.email, u.phone, lp.target_groups, lp.sub_groups, lp.user_id IS NOT NULL AS has_profile,
            au.name AS unit_name, o.name AS organisation_name,
            (SELECT count(*)::int FROM enrolments e WHERE e.user_id = u.id) AS enrolments,
            (SELECT count(*)::int FROM enrolments e WHERE e.user_id = u.id AND e.status = 'completed') AS completed`;

/** Every person (with or without a learner profile `lp`), their unit `au` and organisation `o`. */
const PEOPLE = `users u LEFT JOIN learner_profiles lp ON lp.user_id = u.id
       LEFT JOIN administrative_units au ON au.id = lp.unit_id LEFT JOIN organisations o ON o.id = lp.organisation_id`;

/**
 * SQL: person `u` (learner profile `lp`, possibly none) may be named to an admin: not de-identified, and consent
 * to share with their unit, or staff of `$orgParam`; never NULL: someone without an organisation is "not named"
 * rather than unknown (isNamedInList in the domain).
 */
const namedSql = (orgParam: number) =>
  `(u.deidentified_at IS NULL AND (${sharesWithUnit('u.id')} OR coalesce(lp.organisation_id = ANY ($${orgParam}::uuid[]), false)))`;

/** The filters of a learner list, resolved (a unit filter is the unit's path; the needle from learnerNeedle). */
export interface LearnerListFilter {
  needle: LearnerNeedle | null;
  unitPath: string | null;
  organisationId: string | null;
  targetGroup: string | null;
  subGroup: string | null;
  status: LearnerStatus | null;
}

export const NO_LEARNER_FILTER: LearnerListFilter = {
  needle: null,
  unitPath: null,
  organisationId: null,
  targetGroup: null,
  subGroup: null,
  status: null,
};

const STATUS_SQL: Record<LearnerStatus, string> = {
  'no-profile': 'lp.user_id IS NULL',
  'no-place': 'lp.unit_id IS NULL',
  'not-enrolled': 'NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.user_id = u.id)',
  enrolled: 'EXISTS (SELECT 1 FROM enrolments e WHERE e.user_id = u.id)',
  completed: `EXISTS (SELECT 1 FROM enrolments e WHERE e.user_id = u.id AND e.status = 'completed')`,
};

/**
 * The WHERE clause of a learner list: the reader's scope (a ScopeFilter on `lp`; someone without a profile has no
 * place, so only a global reader reaches them), the filters, and named or not-named people (`named`); the needle
 * applies only to named people (a search never finds, nor counts, anyone it may not name).
 */
function learnerWhere(
  f: ScopeFilter,
  filter: LearnerListFilter,
  named: boolean,
): { sql: string; params: unknown[]; param: (v: unknown) => string } {
  const scope = scopeCondition('lp', f, 1);
  const params: unknown[] = [...scope.params];
  const param = (v: unknown) => `$${params.push(v)}`;
  const named$ = namedSql(params.push(f.organisationIds));
  const where = [scope.sql, named ? named$ : `NOT ${named$}`];
  if (filter.unitPath !== null) where.push(`lp.unit_path LIKE ${param(`${filter.unitPath}%`)}`);
  if (filter.organisationId !== null)
    where.push(`lp.organisation_id = ${param(filter.organisationId)}::uuid`);
  if (filter.targetGroup !== null) where.push(`${param(filter.targetGroup)}::text = ANY (lp.target_groups)`);
  if (filter.subGroup !== null) where.push(`${param(filter.subGroup)}::text = ANY (lp.sub_groups)`);
  if (filter.status !== null) where.push(STATUS_SQL[filter.status]);
  const n = filter.needle;
  if (named && n) {
    const any: string[] = [];
    if (n.email !== null) any.push(`u.email = ${param(n.email)}::text`);
    if (n.phone !== null)
      any.push(
        'exact' in n.phone
          ? `u.phone = ${param(n.phone.exact)}::text`
          : `u.phone LIKE ${param(n.phone.like)}::text`,
      );
    // Terms are letters and digits only (searchTerms): no LIKE syntax reaches the pattern.
    if (n.terms.length > 0)
      any.push(`(${n.terms.map((t) => `u.search_name LIKE ${param(`% ${t}%`)}::text`).join(' AND ')})`);
    where.push(any.length > 0 ? `(${any.join(' OR ')})` : 'false');
  }
  return { sql: where.join('\n        AND '), params, param };
}

/**
 * How many people in the reader's scope matching `filter` (its needle aside) may not be named to them: no consent
 * to share with their unit and not staff of `f.organisationIds`, or de-identified.
 */
export async function countNotNamedLearners(
  db: Queryable,
  f: ScopeFilter,
  filter: LearnerListFilter,
): Promise<number> {
  const w = learnerWhere(f, filter, false);
  const row = await selectOne<{ not_named: number }>(
    db,
    `SELECT count(*)::int AS not_named FROM users u LEFT JOIN learner_profiles lp ON lp.user_id = u.id WHERE ${w.sql}`,
    w.params,
  );
  return row!.not_named;
}

/**
 * One page of the people in the reader's scope (with or without a learner profile) who may be named to them and
 * match `filter`, by name.
 */
export function namedLearnersPage(
  db: Queryable,
  f: ScopeFilter,
  filter: LearnerListFilter,
  page: { limit: number; offset: number },
): Promise<LearnerPageRow[]> {
  const w = learnerWhere(f, filter, true);
  return selectRows<LearnerPageRow>(
    db,
    `SELECT ${LEARNER_COLUMNS}, count(*) OVER ()::int AS total
       FROM ${PEOPLE}
      WHERE ${w.sql}
      ORDER BY u.display_name, u.id LIMIT ${w.param(page.limit)} OFFSET ${w.param(page.offset)}`,
    w.params,
  );
}

/**
 * The next `limit` named people matching `filter` after `after` (by name, then id; null from the start): the CSV
 * export reads the whole list in these batches (keyset, so a long export never skips or repeats anyone).
 */
export function namedLearnersAfter(
  db: Queryable,
  f: ScopeFilter,
  filter: LearnerListFilter,
  after: { displayName: string; id: string } | null,
  limit: number,
): Promise<LearnerRow[]> {
  const w = learnerWhere(f, filter, true);
  const from = after
    ? `AND (u.display_name, u.id) > (${w.param(after.displayName)}::text, ${w.param(after.id)}::uuid)`
    : '';
  return selectRows<LearnerRow>(
    db,
    `SELECT ${LEARNER_COLUMNS}
       FROM ${PEOPLE}
      WHERE ${w.sql} ${from}
      ORDER BY u.display_name, u.id LIMIT ${w.param(limit)}`,
    w.params,
  );
}

/** Where an organisation sits (the path of its unit); undefined for an unknown id. */
export function organisationPlace(
  db: Queryable,
  organisationId: string,
): Promise<{ unit_path: string } | undefined> {
  return selectOne<{ unit_path: string }>(
    db,
    `SELECT au.path AS unit_path FROM organisations o JOIN administrative_units au ON au.id = o.unit_id WHERE o.id = $1`,
    [organisationId],
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
