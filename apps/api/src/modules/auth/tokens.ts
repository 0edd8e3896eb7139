import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, URL-safe: session tokens and password-reset links. */
export const randomToken = () => randomBytes(32).toString('base64url');

/** What the database keeps of a bearer token: its SHA-256. */
export const sha256 = (token: string) => createHash('sha256').update(token).digest();

/** Eight random digits, zero-padded: the one-time sign-in code a helper hands over. */
export const randomSignInCode = () => String(randomInt(0, 100_000_000)).padStart(8, '0');

/**
 * An eight-digit code is guessable offline from a plain hash, so it is stored keyed (HMAC with the server's
 * cookie secret) and bound to its user.
 */
export const signInCodeHash = (secret: string, userId: string, code: string) =>
  createHmac('sha256', secret).update(`sign-in-code:${userId}:${code}`).digest();

export const sameBytes = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

/** Six random digits, zero-padded: the code sent by SMS to prove a phone number or reset a password. */
export const randomPhoneCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/**
 * A six-digit code is guessed offline from a plain hash in a million tries, so it is stored keyed (HMAC with
 * the server's cookie secret) and bound to its person, purpose and number.
 */
export const phoneCodeHash = (secret: string, userId: string, purpose: string, phone: string, code: string) =>
  createHmac('sha256', secret).update(`phone-code:${purpose}:${userId}:${phone}:${code}`).digest();
