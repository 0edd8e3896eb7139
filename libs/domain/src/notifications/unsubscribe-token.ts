import { isUuid } from '../text';
/**
 * Signed one-click unsubscribe tokens: `base64url(payload).base64url(HMAC-SHA256(secret, first part))`. The
 * HMAC is injected (`mac`), so this module stays free of Node APIs; the api and the worker pass the same
 * secret. The token names only the user and the purpose; it does not expire, so a link in an old e-mail
 * still works, and it can only ever turn reminders off.
 */
export interface UnsubscribePayload {
  userId: string;
  purpose: 'reminders';
}

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

export function signUnsubscribeToken(userId: string, mac: Mac): string {
  const payload: UnsubscribePayload = { userId, purpose: 'reminders' };
  const body = toBase64Url(JSON.stringify(payload));
  return `${body}.${mac(body)}`;
}

/** The payload of a token whose signature is right and whose content is well formed; otherwise null. */
export function verifyUnsubscribeToken(token: string, mac: Mac): UnsubscribePayload | null {
  if (typeof token !== 'string' || token.length > 512) return null;
  const parts = token.split('.');
  if (parts.length !== 2 || !parts.every((p) => BASE64URL.test(p))) return null;
  const [body, signature] = parts as [string, string];
  if (!sameText(mac(body), signature)) return null;
  try {
    const payload = JSON.parse(fromBase64Url(body)) as Partial<UnsubscribePayload>;
    if (payload.purpose !== 'reminders' || typeof payload.userId !== 'string' || !isUuid(payload.userId))
      return null;
    return { userId: payload.userId.toLowerCase(), purpose: 'reminders' };
  } catch {
    return null;
  }
}
