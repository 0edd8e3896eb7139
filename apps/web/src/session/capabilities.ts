import type { MeResponse } from '@hocvuso/contracts';
import type { Capability } from '@hocvuso/domain';
import { useSession } from './session';

/** What the web needs of a session to show and hide things: the capabilities /api/auth/me answered. */
export type Capabilities = Pick<MeResponse, 'capabilities' | 'globalCapabilities'> | null | undefined;

/**
 * Whether the signed-in person holds a capability of the permission table somewhere. The web shows and hides by
 * capabilities only, never by role names; where it reaches (which learners, which courses) the api decides.
 */
export const can = (me: Capabilities, capability: Capability): boolean =>
  Boolean(me?.capabilities.includes(capability));

/** Whether they hold it everywhere (every area, every course), not only in their own area or courses. */
export const canEverywhere = (me: Capabilities, capability: Capability): boolean =>
  Boolean(me?.globalCapabilities.includes(capability));

/** `can` for the signed-in person of this session. */
export function useCan(capability: Capability): boolean {
  return can(useSession().me, capability);
}
