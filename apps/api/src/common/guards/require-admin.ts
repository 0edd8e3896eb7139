import { ADMIN_ROLES, ForbiddenError } from '@hocvuso/domain';
import type { AuthUser } from '../decorators/current-user.decorator';

/**
 * Refuses (403) a caller who administers no area. Which learners, mandates and records an admin reaches is
 * decided afterwards, per resource, by their scopes (out of scope answers 404).
 */
export function requireAdmin(user: AuthUser, message = 'This needs an administrator role.'): void {
  if (!user.grants.some((g) => ADMIN_ROLES.includes(g.role))) throw new ForbiddenError('FORBIDDEN', message);
}
