import { isDomainError } from '../errors';
import { splitSmsText } from '../notifications/sms';
import {
  isPhoneCode,
  PHONE_CODE_RESEND_SECONDS,
  phoneCodeSms,
  resendWaitSeconds,
  smsCapScopes,
  smsDailyLimitError,
  smsResendTooSoonError,
} from './phone-code';

const USER = '2f1e4c9a-7b1d-4c2e-9a51-3d0c6f2b8e11';
const CAPS = { perPerson: 5, perPhone: 4, global: 10_000 };

describe('the code SMS', () => {
  it('fits one UCS-2 SMS in both languages and for both purposes, names the service and carries the code once', () => {
    for (const purpose of ['verify', 'reset'] as const)
      for (const language of ['vi', 'en'] as const) {
        const text = phoneCodeSms(purpose, language, '012345');
        expect(splitSmsText(text)).toHaveLength(1);
        expect(text).toContain('Học vụ số');
        expect(text.match(/\d{6}/g)).toEqual(['012345']);
        expect(text).toBe(text.normalize('NFC'));
      }
    expect(phoneCodeSms('verify', 'vi', '000123')).toBe(
      'Mã Học vụ số của bạn: 000123. Dùng trong 10 phút, không đưa ai.',
    );
  });

  it('accepts exactly six ASCII digits as a code', () => {
    expect(isPhoneCode('000000')).toBe(true);
    for (const bad of ['', '12345', '1234567', '１２３４５６', '12345a', '123 456', '123456\n'])
      expect(isPhoneCode(bad)).toBe(false);
  });
});

describe('the resend wait', () => {
  it('is a minute from the last code, nothing when there was none, never negative', () => {
    expect(resendWaitSeconds(undefined)).toBe(0);
    expect(resendWaitSeconds(0)).toBe(PHONE_CODE_RESEND_SECONDS);
    expect(resendWaitSeconds(59)).toBe(1);
    expect(resendWaitSeconds(60)).toBe(0);
    expect(resendWaitSeconds(3_600)).toBe(0);
    // A clock skew that makes the code look younger than zero does not stretch the wait.
    expect(resendWaitSeconds(-30)).toBe(PHONE_CODE_RESEND_SECONDS);
  });
});

describe('the daily cap scopes', () => {
  it('counts a person, their number and the platform, always in that order (no lock cycles)', () => {
    expect(smsCapScopes({ userId: USER, phone: '+84912345678' }, CAPS)).toEqual([
      { scope: `user:${USER}`, cap: 5 },
      { scope: 'phone:+84912345678', cap: 4 },
      { scope: 'global', cap: 10_000 },
    ]);
  });

  it('counts only the number and the platform when no account is involved', () => {
    expect(smsCapScopes({ userId: null, phone: '+84912345678' }, CAPS).map((s) => s.scope)).toEqual([
      'phone:+84912345678',
      'global',
    ]);
  });
});

describe('the refusals', () => {
  it('over a cap: 429 SMS_DAILY_LIMIT with when to come back, wording that blames nobody', () => {
    const e = smsDailyLimitError(3_600);
    expect(isDomainError(e)).toBe(true);
    expect(e).toMatchObject({
      code: 'SMS_DAILY_LIMIT',
      kind: 'rate_limited',
      details: { retryAfterSeconds: 3_600 },
    });
    expect(e.message).toMatch(/nothing was sent/);
    expect(e.message).not.toMatch(/too many|you (have )?(sent|asked)/i);
  });

  it('too soon: 429 SMS_RESEND_TOO_SOON with the seconds left', () => {
    expect(smsResendTooSoonError(42)).toMatchObject({
      code: 'SMS_RESEND_TOO_SOON',
      kind: 'rate_limited',
      details: { retryAfterSeconds: 42 },
    });
  });
});
