import { ValidationError } from '../errors';
import { hasInvisibleOrControl } from '../text/safe-text';

/**
 * Lower-cased, NFC, trimmed e-mail. Throws for an address that is not plausible, and for one holding a
 * zero-width, text-direction or control character: `an\u200Bna@x.vn` would otherwise be a second account that
 * looks exactly like `anna@x.vn`.
 */
export function normalizeEmail(input: string): string {
  const email = input.normalize('NFC').trim().toLowerCase();
  if (hasInvisibleOrControl(email)) {
    throw new ValidationError(
      'INVALID_EMAIL',
      'The e-mail address contains an invisible or control character.',
    );
  }
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw new ValidationError('INVALID_EMAIL', 'The e-mail address is not valid.');
  }
  return email;
}

/**
 * Vietnamese mobile numbers in E.164: accepts `0912 345 678`, `+84912345678`, `84-912-345-678`.
 * Vietnamese mobile numbers have 9 digits after the country code and start with 3, 5, 7, 8 or 9.
 */
export function normalizeVietnamesePhone(input: string): string {
  const digits = input.replace(/[\s.\-()]/g, '');
  let national: string | undefined;
  if (/^\+84\d{9}$/.test(digits)) national = digits.slice(3);
  else if (/^84\d{9}$/.test(digits)) national = digits.slice(2);
  else if (/^0\d{9}$/.test(digits)) national = digits.slice(1);
  if (!national || !/^[35789]/.test(national)) {
    throw new ValidationError('INVALID_PHONE', 'The phone number is not a valid Vietnamese mobile number.');
  }
  return `+84${national}`;
}

export type LoginIdentifier = { kind: 'email'; value: string } | { kind: 'phone'; value: string };

/** A sign-in identifier is either an e-mail address or a phone number; this decides which and normalises it. */
export function parseLoginIdentifier(input: string): LoginIdentifier {
  const trimmed = input.trim();
  if (trimmed.includes('@')) return { kind: 'email', value: normalizeEmail(trimmed) };
  return { kind: 'phone', value: normalizeVietnamesePhone(trimmed) };
}
