import { normalizeSignInCode } from './sign-in-code';

/** The codes sent by SMS (sign-up confirmation, password reset): six digits. */
export const PHONE_CODE_DIGITS = 6;

export type PhoneCodeProblem = 'codeRequired' | 'codeInvalid';

/** The code as typed or pasted ("123 456", full-width digits) as the six digits the api expects. */
export const normalizePhoneCode = (input: string): string => normalizeSignInCode(input);

/** What is wrong with the typed code before asking the server. */
export function phoneCodeProblem(input: string): PhoneCodeProblem | undefined {
  const code = normalizePhoneCode(input);
  if (!code) return 'codeRequired';
  return new RegExp(`^[0-9]{${PHONE_CODE_DIGITS}}$`).test(code) ? undefined : 'codeInvalid';
}

/**
 * The number as a person reads it on their phone: +84912345678 → 0912 345 678 (other numbers as they are), so
 * "we sent a code to …" names the number they typed.
 */
export function displayPhone(e164: string): string {
  const m = /^\+84(\d{3})(\d{3})(\d{3})$/.exec(e164);
  return m ? `0${m[1]} ${m[2]} ${m[3]}` : e164;
}

/** Seconds left of a wait that ends at `until` (ms since epoch), never negative, rounded up. */
export const secondsLeft = (until: number, now: number): number =>
  Math.max(0, Math.ceil((until - now) / 1000));
