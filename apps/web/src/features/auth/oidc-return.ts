import type { OidcProvidersResponse } from '@hocvuso/contracts';
import { isUuid } from '@hocvuso/domain';
import { safeNextPath } from '../../session/next-path';

/**
 * Codes the api's provider sign-in sends back to the sign-in page (`?oidcError=<code>`), each explained in
 * plain words there. Any other value reads as a sign-in that did not complete.
 */
const OIDC_RETURN_ERRORS = [
  'OIDC_SIGN_IN_FAILED',
  'OIDC_STATE_INVALID',
  'OIDC_PROVIDER_NOT_FOUND',
  'OIDC_PROVIDER_UNAVAILABLE',
  'OIDC_SIGN_IN_CONFLICT',
  'OIDC_LINK_NOT_FOUND',
  'RATE_LIMITED',
] as const;
export type OidcReturnError = (typeof OIDC_RETURN_ERRORS)[number];

/** What the sign-in page's address says about a provider sign-in that came back. */
export type OidcReturn =
  | { kind: 'none' }
  /** The provider's e-mail matched an existing account: its owner confirms with the password. */
  | { kind: 'link'; pendingLinkId: string; providerId: string | undefined }
  | { kind: 'error'; code: OidcReturnError; providerId: string | undefined };

/** The api's provider ids: lower-case letters, digits and dashes. */
const PROVIDER_ID = /^[a-z0-9][a-z0-9-]{0,31}$/;

const isReturnError = (code: string): code is OidcReturnError =>
  (OIDC_RETURN_ERRORS as readonly string[]).includes(code);

/** Reads `oidcLink`, `oidcError` and `provider` from the sign-in page's query. */
export function readOidcReturn(params: URLSearchParams): OidcReturn {
  const rawProvider = params.get('provider');
  const providerId = rawProvider && PROVIDER_ID.test(rawProvider) ? rawProvider : undefined;
  const link = params.get('oidcLink');
  if (link !== null) {
    // A damaged id can never be confirmed: say so at once instead of asking for a password first.
    return isUuid(link)
      ? { kind: 'link', pendingLinkId: link.toLowerCase(), providerId }
      : { kind: 'error', code: 'OIDC_LINK_NOT_FOUND', providerId };
  }
  const error = params.get('oidcError');
  if (error !== null) {
    return { kind: 'error', code: isReturnError(error) ? error : 'OIDC_SIGN_IN_FAILED', providerId };
  }
  return { kind: 'none' };
}

/** One configured provider of GET /api/auth/oidc/providers. */
export type OidcProviderItem = OidcProvidersResponse['items'][number];

/** The provider of that id among the configured ones, if it is (still) configured. */
export function findProvider(
  providers: readonly OidcProviderItem[] | undefined,
  id: string | undefined,
): OidcProviderItem | undefined {
  return id ? providers?.find((p) => p.id === id) : undefined;
}

/**
 * The address that starts a provider's sign-in and comes back to `next` afterwards (only a path of this app;
 * the api checks it again).
 */
export function oidcStartHref(startUrl: string, next: string | null | undefined): string {
  const returnTo = safeNextPath(next);
  return `${startUrl}${startUrl.includes('?') ? '&' : '?'}returnTo=${encodeURIComponent(returnTo)}`;
}
