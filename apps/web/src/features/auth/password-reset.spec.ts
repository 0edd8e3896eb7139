import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../../api/client';
import {
  newPasswordProblem,
  newPasswordProblemFromApi,
  readResetToken,
  resetRequestProblem,
} from './password-reset';

const TOKEN = 'q8bZ3Xy1-_aW0cV9dE7fG6hJ5kL4mN2pQ1rS0tU9vWx';

describe('readResetToken', () => {
  it('reads the token of the e-mailed link', () => {
    expect(readResetToken(new URLSearchParams(`token=${TOKEN}`))).toBe(TOKEN);
  });

  it.each(['', 'token=', 'token=short', `token=${TOKEN}%3Cscript%3E`, `token=${'a'.repeat(201)}`])(
    'finds no token in %j',
    (search) => {
      expect(readResetToken(new URLSearchParams(search))).toBeUndefined();
    },
  );
});

describe('resetRequestProblem', () => {
  it('accepts an e-mail address or a Vietnamese mobile number', () => {
    expect(resetRequestProblem(' Lan@Example.com ')).toBeUndefined();
    expect(resetRequestProblem('0912 345 678')).toBeUndefined();
  });

  it('asks for something when the field is empty', () => {
    expect(resetRequestProblem('   ')).toBe('identifierRequired');
  });

  it('points out a typo, e-mail or phone', () => {
    expect(resetRequestProblem('lan@example')).toBe('INVALID_EMAIL');
    expect(resetRequestProblem('091234')).toBe('INVALID_PHONE');
  });
});

describe('newPasswordProblem', () => {
  it('accepts a long enough password, counting Vietnamese letters as one character each', () => {
    expect(newPasswordProblem('mật khẩu mới')).toBeUndefined();
    // "Đặt lại" typed with combining marks (NFD) is still 7 characters: one short.
    expect(newPasswordProblem('Đặt lại'.normalize('NFD'))).toBe('passwordTooShort');
  });

  it('explains an empty, short, overlong or one-character password', () => {
    expect(newPasswordProblem('')).toBe('passwordRequired');
    expect(newPasswordProblem('abc1234')).toBe('passwordTooShort');
    expect(newPasswordProblem('a'.repeat(129))).toBe('passwordTooLong');
    expect(newPasswordProblem('aaaaaaaaaa')).toBe('weakPassword');
  });
});

describe('newPasswordProblemFromApi', () => {
  it('puts the server’s weak-password and length answers next to the field', () => {
    expect(newPasswordProblemFromApi(new ApiError(400, 'WEAK_PASSWORD', 'weak'))).toBe('weakPassword');
    expect(
      newPasswordProblemFromApi(new ApiError(400, 'VALIDATION_FAILED', 'bad', [{ path: 'password' }])),
    ).toBe('passwordTooShort');
  });

  it('leaves a spent link and other failures to the whole form', () => {
    expect(newPasswordProblemFromApi(new ApiError(400, 'RESET_TOKEN_INVALID', 'used'))).toBeUndefined();
    expect(
      newPasswordProblemFromApi(new ApiError(400, 'VALIDATION_FAILED', 'bad', [{ path: 'token' }])),
    ).toBeUndefined();
    expect(newPasswordProblemFromApi(new Error('offline'))).toBeUndefined();
  });
});
