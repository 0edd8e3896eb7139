import type { MeResponse, SessionItem } from '@hocvuso/contracts';

export type LinkedProvider = MeResponse['linkedProviders'][number];

/** How one session signed in, with the identity provider and its assurance when they can be known. */
export type SignInMethod =
  | { kind: 'password' | 'sign_in_code' | 'other' }
  | {
      kind: 'oidc';
      /** The provider, when it can be told (the api records only the method on the session). */
      provider: LinkedProvider | null;
      /** The assurance of this very sign-in: known when it was the provider's latest one. */
      assurance: { acr: string | null; authTime: string | null } | null;
    };

/** A provider sign-in and the session it opened are written within moments of each other. */
const SAME_SIGN_IN_MS = 2 * 60 * 1000;

/**
 * Tells how a session signed in. A session records only its method; for a provider sign-in, the linked
 * provider whose latest sign-in happened when the session began is the one (and its acr and auth_time are this
 * sign-in's); otherwise, with a single linked provider, it can only have been that one, at an unknown level.
 */
export function signInMethodOf(
  session: Pick<SessionItem, 'authMethod' | 'createdAt'>,
  linked: readonly LinkedProvider[],
): SignInMethod {
  if (session.authMethod === 'password' || session.authMethod === 'sign_in_code')
    return { kind: session.authMethod };
  if (session.authMethod !== 'oidc') return { kind: 'other' };
  const began = Date.parse(session.createdAt);
  const same = linked.find((p) => Math.abs(Date.parse(p.lastLoginAt) - began) <= SAME_SIGN_IN_MS);
  if (same) return { kind: 'oidc', provider: same, assurance: { acr: same.acr, authTime: same.authTime } };
  return { kind: 'oidc', provider: linked.length === 1 ? linked[0]! : null, assurance: null };
}
