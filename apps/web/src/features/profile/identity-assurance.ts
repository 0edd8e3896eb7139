import type { MeResponse } from '@hocvuso/contracts';

/** Who vouched for the person's identity and at which level, in words the page can show. */
export interface IdentityAssurance {
  /** The provider's display name (its id when it is no longer linked or configured). */
  provider: string;
  /** The provider's assurance level (`acr`), as the provider names it. */
  acr: string;
}

/**
 * Reads `identityAssurance` (`<provider id>:<acr>`, e.g. `vneid:level2`; an acr may itself contain colons,
 * `urn:…:loa:2`) and names the provider from the linked ones. Nothing when the identity is not verified.
 */
export function identityAssurance(
  me: Pick<MeResponse, 'identityVerified' | 'identityAssurance' | 'linkedProviders'>,
): IdentityAssurance | undefined {
  if (!me.identityVerified || !me.identityAssurance) return undefined;
  const split = me.identityAssurance.indexOf(':');
  if (split <= 0 || split === me.identityAssurance.length - 1) return undefined;
  const id = me.identityAssurance.slice(0, split);
  const acr = me.identityAssurance.slice(split + 1);
  const provider = me.linkedProviders.find((p) => p.provider === id)?.name ?? id;
  return { provider, acr };
}
