import { DomainError } from '../errors';

/**
 * Codes sent by SMS to a phone (docs/sms.md): six digits, valid ten minutes, five wrong tries spend them, a new
 * one at most once a minute. What they say, and the daily caps on how many SMS one person, one number and
 * the whole platform may cost.
 */
export const PHONE_CODE_DIGITS = 6;
export const PHONE_CODE_MINUTES = 10;
export const PHONE_CODE_MAX_FAILURES = 5;
export const PHONE_CODE_RESEND_SECONDS = 60;

export type PhoneCodePurpose = 'verify' | 'reset';

/** Six digits, the shape a code must have before anything is looked up. */
export const isPhoneCode = (code: string): boolean => /^[0-9]{6}$/.test(code);

/**
 * The SMS that carries a code, short enough for one UCS-2 message (70 characters), in the person's language.
 * It names the service and what the code is for, and says not to hand it to anyone (the usual lure).
 */
export function phoneCodeSms(purpose: PhoneCodePurpose, language: 'vi' | 'en', code: string): string {
  if (language === 'en')
    return purpose === 'verify'
      ? `Học vụ số: your code is ${code}. Valid ${PHONE_CODE_MINUTES} min. Never share it.`
      : `Học vụ số password reset code: ${code}. Valid ${PHONE_CODE_MINUTES} min. Never share it.`;
  return purpose === 'verify'
    ? `Mã Học vụ số của bạn: ${code}. Dùng trong ${PHONE_CODE_MINUTES} phút, không đưa ai.`
    : `Mã đặt lại mật khẩu Học vụ số: ${code}. Hạn ${PHONE_CODE_MINUTES} phút, không đưa ai.`;
}

/** Seconds left before another code may be sent (0 when it may be sent now). */
export function resendWaitSeconds(ageSeconds: number | undefined): number {
  if (ageSeconds === undefined) return 0;
  return Math.max(0, PHONE_CODE_RESEND_SECONDS - Math.max(0, ageSeconds));
}

export interface SmsCaps {
  /** SMS one person may cause per Vietnam day (codes, reminders). */
  perPerson: number;
  /** SMS one phone number may receive per Vietnam day, whoever asks. */
  perPhone: number;
  /** SMS the whole platform sends per Vietnam day (the budget). */
  global: number;
}

export const SMS_SCOPE_GLOBAL = 'global';
export const smsPersonScope = (userId: string) => `user:${userId}`;
export const smsPhoneScope = (e164: string) => `phone:${e164}`;

/**
 * The scopes one SMS counts against, in the fixed order the counters are taken in (person, number, platform):
 * every transaction locks them in the same order of kinds, so none waits on another in a cycle.
 */
export function smsCapScopes(
  to: { userId: string | null; phone: string },
  caps: SmsCaps,
): Array<{ scope: string; cap: number }> {
  return [
    ...(to.userId ? [{ scope: smsPersonScope(to.userId), cap: caps.perPerson }] : []),
    { scope: smsPhoneScope(to.phone), cap: caps.perPhone },
    { scope: SMS_SCOPE_GLOBAL, cap: caps.global },
  ];
}

/**
 * Over a daily cap: 429 `SMS_DAILY_LIMIT`, saying when it starts again and that nothing was sent. The wording
 * blames nobody: the limit protects the person's phone and the platform's budget.
 */
export function smsDailyLimitError(retryAfterSeconds: number): DomainError {
  return new DomainError(
    'SMS_DAILY_LIMIT',
    'rate_limited',
    'Today’s text messages for this number have all been used; nothing was sent. New ones are possible after midnight (Vietnam time).',
    { retryAfterSeconds },
  );
}

/** Asked for a new code within a minute of the last one: 429 `SMS_RESEND_TOO_SOON`. */
export function smsResendTooSoonError(retryAfterSeconds: number): DomainError {
  return new DomainError(
    'SMS_RESEND_TOO_SOON',
    'rate_limited',
    'A code was sent a moment ago; it may take a minute to arrive. A new one can be sent shortly.',
    { retryAfterSeconds },
  );
}
