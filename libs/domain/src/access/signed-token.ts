/**
 * Signed tokens: `base64url(JSON payload).base64url(HMAC-SHA256(secret, first part))`. The HMAC is injected
 * (`mac`), so this module stays free of Node APIs; each use passes its own secret (or a key derived for its
 * purpose), so a token of one kind never passes as another.
 */

/** Computes base64url(HMAC-SHA256(secret, data)). */
export type Mac = (data: string) => string;

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** Compares two strings in time that depends only on their length. */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** Signs a JSON payload. */
export function signToken(payload: object, mac: Mac): string {
  const body = toBase64Url(JSON.stringify(payload));
  return `${body}.${mac(body)}`;
}

/**
 * The parsed payload of a token whose signature is right, or null (wrong shape, too long, bad signature,
 * not JSON). The caller still checks the payload's fields.
 */
export function readSignedToken(token: unknown, mac: Mac, maxLength = 512): unknown {
  if (typeof token !== 'string' || token.length > maxLength) return null;
  const parts = token.split('.');
  if (parts.length !== 2 || !parts.every((p) => BASE64URL.test(p))) return null;
  const [body, signature] = parts as [string, string];
  if (!sameText(mac(body), signature)) return null;
  try {
    return JSON.parse(fromBase64Url(body)) as unknown;
  } catch {
    return null;
  }
}
