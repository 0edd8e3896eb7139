import { ADMIN_ROLES, ForbiddenError, type Role } from '@hocvuso/domain';
import type { AuthUser } from '../decorators/current-user.decorator';

/**
 * Refuses (403) a caller who holds none of `roles` anywhere. What they reach with it is decided afterwards, per
 * resource, by their scopes (out of scope answers 404).
 */
export function requireRole(user: Pick<AuthUser, 'grants'>, roles: readonly Role[], message: string): void {
  if (!user.grants.some((g) => roles.includes(g.role))) throw new ForbiddenError('FORBIDDEN', message);
}

/** Refuses (403) a caller who administers no area. */
export function requireAdmin(user: AuthUser, message = 'This needs an administrator role.'): void {
  requireRole(user, ADMIN_ROLES, message);
}

/** Who registers people in person and hands them sign-in codes: community helpers, and administrators. */
export const HELPER_ROLES: readonly Role[] = ['community_helper', ...ADMIN_ROLES];

/** Refuses (403) a caller who is neither a community helper nor an administrator. */
export function requireHelper(user: AuthUser): void {
  requireRole(user, HELPER_ROLES, 'This needs a community helper or administrator role.');
}
