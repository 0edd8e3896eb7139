import {
  type Capability,
  ForbiddenError,
  holds,
  NotFoundError,
  reaches,
  type ScopeTarget,
} from '@hocvuso/domain';
import type { AuthUser } from '../decorators/current-user.decorator';

/**
 * Refuses (403 FORBIDDEN) a caller who holds the capability nowhere (see the permission table in libs/domain).
 * What they reach with it is decided afterwards, per resource, by its scope rule (out of scope answers 404).
 */
export function requireCapability(
  user: Pick<AuthUser, 'grants'>,
  capability: Capability,
  message = 'You may not do this.',
): void {
  if (!holds(user.grants, capability)) throw new ForbiddenError('FORBIDDEN', message);
}

/**
 * Refuses a target outside the caller's reach with the capability as if it did not exist: `notFound` is the
 * 404 of the resource (a learner, a mandate, a certificate), so nobody learns what lies outside their area.
 */
export function requireReach(
  user: Pick<AuthUser, 'grants'>,
  capability: Capability,
  target: ScopeTarget | null | undefined,
  notFound: () => NotFoundError,
): asserts target is ScopeTarget {
  if (!target || !reaches(user.grants, capability, target)) throw notFound();
}
