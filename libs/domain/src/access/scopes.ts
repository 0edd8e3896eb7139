import type { Role } from '../identity';

/** Privilege order: a role may be granted only by someone holding an equal or higher one. */
export const ROLE_RANK: Record<Role, number> = {
  learner: 0,
  community_helper: 1,
  teacher: 2,
  reviewer: 3,
  unit_admin: 4,
  province_admin: 5,
  system_admin: 6,
};

/** Roles whose powers are limited to a unit subtree or an organisation. */
export const SCOPED_ROLES: readonly Role[] = ['community_helper', 'unit_admin', 'province_admin'];
/** Roles that administer learners (read them, enrol them, assign mandates, report). */
export const ADMIN_ROLES: readonly Role[] = ['unit_admin', 'province_admin', 'system_admin'];

/** A role held for a scope. `unitPath` is the materialised path of codes (`/01/00004/`). */
export interface Grant {
  role: Role;
  unitPath: string | null;
  organisationId: string | null;
}

/** Where a resource sits: a learner's unit and organisation, a mandate's scope, an organisation's unit. */
export interface ScopeTarget {
  unitPath: string | null;
  organisationId: string | null;
}

/** Whether one grant reaches a target: global for a system admin, else the unit subtree or the organisation. */
export function grantCovers(grant: Grant, target: ScopeTarget): boolean {
  if (grant.role === 'system_admin') return true;
  if (grant.unitPath) return target.unitPath !== null && target.unitPath.startsWith(grant.unitPath);
  if (grant.organisationId)
    return target.organisationId !== null && target.organisationId === grant.organisationId;
  return false;
}

/** Whether any of the caller's grants with one of `roles` reaches the target. */
export function canReach(grants: readonly Grant[], roles: readonly Role[], target: ScopeTarget): boolean {
  return grants.some((g) => roles.includes(g.role) && grantCovers(g, target));
}

/** The filter an admin list query applies: everything, or these unit paths and organisations. */
export interface ScopeFilter {
  global: boolean;
  unitPaths: string[];
  organisationIds: string[];
}

export function scopeFilter(grants: readonly Grant[], roles: readonly Role[] = ADMIN_ROLES): ScopeFilter {
  const mine = grants.filter((g) => roles.includes(g.role));
  return {
    global: mine.some((g) => g.role === 'system_admin'),
    unitPaths: [...new Set(mine.flatMap((g) => (g.unitPath ? [g.unitPath] : [])))],
    organisationIds: [...new Set(mine.flatMap((g) => (g.organisationId ? [g.organisationId] : [])))],
  };
}

export type GrantRefusal = 'ROLE_ABOVE_OWN' | 'SCOPE_OUTSIDE_OWN' | 'SCOPE_REQUIRED' | 'SCOPE_NOT_ALLOWED';

/**
 * Whether `granter` may grant `role` for `scope`. Nobody grants a role above their own; a scoped grant must
 * lie inside a scope the granter administers with an equal or higher role; scoped roles need a scope, and the
 * global ones (teacher, reviewer, system admin) take none.
 */
export function grantRefusal(
  granter: readonly Grant[],
  role: Role,
  scope: ScopeTarget,
): GrantRefusal | undefined {
  const rank = ROLE_RANK[role];
  const strongEnough = granter.filter((g) => ROLE_RANK[g.role] >= rank && ADMIN_ROLES.includes(g.role));
  if (strongEnough.length === 0) return 'ROLE_ABOVE_OWN';
  const scoped = SCOPED_ROLES.includes(role);
  const hasScope = scope.unitPath !== null || scope.organisationId !== null;
  if (scoped && !hasScope) return 'SCOPE_REQUIRED';
  if (!scoped && role !== 'learner' && hasScope) return 'SCOPE_NOT_ALLOWED';
  // Global roles reach every unit, so only a system admin (or a province admin, for teachers and reviewers)
  // hands them out.
  if (!scoped) {
    const allowed = granter.some(
      (g) =>
        g.role === 'system_admin' || (g.role === 'province_admin' && ROLE_RANK[role] < ROLE_RANK.unit_admin),
    );
    return allowed ? undefined : 'ROLE_ABOVE_OWN';
  }
  return strongEnough.some((g) => grantCovers(g, scope)) ? undefined : 'SCOPE_OUTSIDE_OWN';
}

/** Unit paths are chains of official codes: `/01/`, `/01/00004/`, `/01/00004/T1/`. */
export const UNIT_CODE = /^[A-Za-z0-9]{1,20}$/;
export const unitPathOf = (parentPath: string | null, code: string) => `${parentPath ?? '/'}${code}/`;
