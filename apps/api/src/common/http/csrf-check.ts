import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { Lru } from '../cache/lru';

/** The CSRF secret's cookie (signed, httpOnly), as registered with @fastify/csrf-protection. */
export const CSRF_COOKIE = 'hvs_csrf';

/** The most verified (cookie, token) pairs one api process remembers (least recently used dropped first). */
const VERIFIED_PAIRS = 20_000;

/**
 * Where a request carries its CSRF token: `_csrf` in the body (navigator.sendBeacon can send no header), or one of
 * the headers @fastify/csrf-protection reads by default, in its order. The plugin is given this function as its
 * `getToken`, so the pair remembered below is always the pair the plugin checked.
 */
export function csrfToken(req: FastifyRequest): string | undefined {
  const body = req.body as { _csrf?: unknown } | null | undefined;
  const token =
    (typeof body === 'object' && body !== null ? body._csrf : undefined) ||
    req.headers['csrf-token'] ||
    req.headers['xsrf-token'] ||
    req.headers['x-csrf-token'] ||
    req.headers['x-xsrf-token'];
  return typeof token === 'string' ? token : undefined;
}

/**
 * The double-submit check of @fastify/csrf-protection (`fastify.csrfProtection`), remembering the (secret cookie,
 * token) pairs it has accepted. A pair's validity depends only on the two texts and the cookie secret: the tokens
 * carry no time (no `validity`) and no user (`userInfo`), so a pair accepted once is accepted for the process's
 * life, and remembering it is exact. As with the cookie signatures (cookie-signer.ts), only accepted pairs are
 * remembered, keyed by both whole texts: a forged or altered cookie or token is never a hit and always gets the
 * plugin's full, timing-safe check. The bound holds the memory against a flood of minted pairs. In the video
 * heartbeat case the check was ~3.5 % of the api's CPU per heartbeat (docs/performance.md).
 */
export function rememberingCsrfCheck(
  fastify: FastifyInstance,
  entries = VERIFIED_PAIRS,
): (req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => void {
  const accepted = new Lru<true>(entries);
  return (req, reply, done) => {
    const cookie = req.cookies[CSRF_COOKIE];
    const token = csrfToken(req);
    const pair = cookie !== undefined && token !== undefined ? `${cookie}\n${token}` : undefined;
    if (pair !== undefined && accepted.get(pair)) return done();
    // The plugin calls back only when it accepts; otherwise it answers the 403 itself.
    fastify.csrfProtection(req, reply, () => {
      if (pair !== undefined) accepted.set(pair, true);
      done();
    });
  };
}
