import { describe, expect, it } from '@jest/globals';
import { normalizeSignInCode, normalizeSignInPhone, signInCodeProblems } from './sign-in-code';

describe('normalizeSignInCode', () => {
  it.each([
    ['1234 5678', '12345678'],
    [' 1234-5678 ', '12345678'],
    ['1234–5678', '12345678'],
    ['１２３４５６７８', '12345678'],
  ])('reads %j as %j', (typed, code) => {
    expect(normalizeSignInCode(typed)).toBe(code);
  });
});

describe('normalizeSignInPhone', () => {
  it('makes full-width digits plain and trims', () => {
    expect(normalizeSignInPhone(' ０９１２３４５６７８ ')).toBe('0912345678');
  });
});

describe('signInCodeProblems', () => {
  it('accepts a Vietnamese mobile number and eight digits, spaces allowed', () => {
    expect(signInCodeProblems({ phone: '0912 345 678', code: '1234 5678' })).toEqual({});
    expect(signInCodeProblems({ phone: '+84912345678', code: '00000001' })).toEqual({});
  });

  it('asks for both fields when empty', () => {
    expect(signInCodeProblems({ phone: ' ', code: '' })).toEqual({
      phone: 'phoneRequired',
      code: 'codeRequired',
    });
  });

  it('explains a number that is not a Vietnamese mobile and a code that is not eight digits', () => {
    expect(signInCodeProblems({ phone: '0212345678', code: '1234567' })).toEqual({
      phone: 'INVALID_PHONE',
      code: 'codeInvalid',
    });
    expect(signInCodeProblems({ phone: '0912345678', code: '1234567a' }).code).toBe('codeInvalid');
  });
});
