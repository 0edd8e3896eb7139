import { Signer, type UnsignResult } from '@fastify/cookie';
import { Lru } from '../cache/lru';

/** The most verified cookies one api process remembers (least recently used dropped first). */
const VERIFIED_COOKIES = 20_000;

/**
 * `@fastify/cookie`'s own signer (HMAC-SHA256, timing-safe comparison), remembering the cookies it has verified.
 * `@fastify/cookie`'s `secret` option takes a signer in place of the secret, so every reader of a signed cookie
 * (the session guard, the heartbeat ingest, the CSRF check, the OIDC return) goes through it.
 *
 * Every request with a session checks two signed cookies (the session and the CSRF secret): two HMACs, ~4 % of
 * the api's CPU per video heartbeat (docs/performance.md, "Verified cookies remembered"). A signature's validity
 * depends only on the cookie's text and this process's secrets, which never change while it runs, so a cookie
 * verified once is valid for the process's life: remembering it is exact, not a time window. Revocation is not a
 * signature matter (the session is looked up, or checked in SQL, each time).
 *
 * Only valid cookies are remembered, keyed by their whole signed text: a forged or altered cookie is never a hit
 * and always gets the full HMAC check. Anyone can still mint valid cookies (each GET /api/auth/csrf signs one),
 * so the bound is what holds the memory: VERIFIED_COOKIES entries (~5 MB); a flood of minted cookies only evicts
 * others, which then cost their HMAC again. The texts held are session tokens the process already sees on every
 * request; anyone able to read its memory also reads the cookie secret itself.
 */
export function rememberingCookieSigner(
  secret: string,
  entries = VERIFIED_COOKIES,
): Pick<Signer, 'sign' | 'unsign'> {
  const signer = new Signer(secret);
  const verified = new Lru<UnsignResult>(entries);
  return {
    sign: (value) => signer.sign(value),
    unsign(signedValue) {
      const known = verified.get(signedValue);
      if (known) return { ...known };
      const result = signer.unsign(signedValue);
      if (result.valid) verified.set(signedValue, { ...result });
      return result;
    },
  };
}
