import type { ErrorResponse } from '@hocvuso/contracts';
import type { FastifyRequest } from 'fastify';

const OIDC_NAVIGATION = /^\/api\/auth\/oidc\/([^/?#]+)\/(?:start|callback)(?:[?#]|$)/;

/**
 * Where a person's browser goes when a provider sign-in fails. The sign-in button and the provider's redirect
 * back are page navigations: an error there would show a JSON page, so the browser goes to the sign-in page with
 * the error's code (`oidcError`), which that page explains in plain words. This covers every refusal, also those
 * raised before the controller runs (the rate limiter). Api clients (no text/html in Accept) keep the JSON error.
 */
export function oidcBrowserReturn(request: FastifyRequest, error: ErrorResponse): string | undefined {
  if (request.method !== 'GET' || !(request.headers.accept ?? '').includes('text/html')) return undefined;
  const match = OIDC_NAVIGATION.exec(request.url);
  if (!match) return undefined;
  const provider = decodeURIComponent(match[1]!);
  return `/sign-in?oidcError=${encodeURIComponent(error.code)}&provider=${encodeURIComponent(provider)}`;
}
