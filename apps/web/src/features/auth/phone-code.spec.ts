import { describe, expect, it } from '@jest/globals';
import { displayPhone, normalizePhoneCode, phoneCodeProblem, secondsLeft } from './phone-code';

describe('the code sent by SMS, as typed', () => {
  it('accepts six digits, with spaces, dashes or full-width digits from a Vietnamese keyboard', () => {
    expect(phoneCodeProblem('123456')).toBeUndefined();
    expect(normalizePhoneCode(' 123 456 ')).toBe('123456');
    expect(normalizePhoneCode('１２３-４５６')).toBe('123456');
    expect(phoneCodeProblem('１２３ ４５６')).toBeUndefined();
  });

  it('says what is wrong before asking the server: nothing typed, too short, too long, letters', () => {
    expect(phoneCodeProblem('')).toBe('codeRequired');
    expect(phoneCodeProblem('   ')).toBe('codeRequired');
    expect(phoneCodeProblem('12345')).toBe('codeInvalid');
    expect(phoneCodeProblem('1234567')).toBe('codeInvalid');
    expect(phoneCodeProblem('12a456')).toBe('codeInvalid');
    expect(phoneCodeProblem('123\u200b456')).toBe('codeInvalid');
  });
});

describe('the number and the countdown', () => {
  it('shows a Vietnamese number the way it is read on a phone, anything else unchanged', () => {
    expect(displayPhone('+84912345678')).toBe('0912 345 678');
    expect(displayPhone('+6591234567')).toBe('+6591234567');
  });

  it('counts whole seconds down to zero and never below', () => {
    expect(secondsLeft(61_000, 1_000)).toBe(60);
    expect(secondsLeft(61_000, 60_001)).toBe(1);
    expect(secondsLeft(61_000, 61_000)).toBe(0);
    expect(secondsLeft(61_000, 90_000)).toBe(0);
  });
});
