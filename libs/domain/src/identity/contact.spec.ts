import { normalizeEmail, normalizeVietnamesePhone, parseLoginIdentifier } from './contact';
import { passwordProblems } from './password-policy';

describe('parseLoginIdentifier', () => {
  it('recognises e-mail addresses and lower-cases them', () => {
    expect(parseLoginIdentifier('  An.Nguyen@Example.COM ')).toEqual({
      kind: 'email',
      value: 'an.nguyen@example.com',
    });
  });

  it.each(['0912 345 678', '+84912345678', '84-912-345-678', '(091) 234.5678'])(
    'normalises the phone %s to E.164',
    (input) => {
      expect(parseLoginIdentifier(input).value).toMatch(/^\+849\d{8}$/);
    },
  );

  it('rejects numbers that are not Vietnamese mobiles, with a stable code', () => {
    expect(() => normalizeVietnamesePhone('0212345678')).toThrow(
      expect.objectContaining({ code: 'INVALID_PHONE' }),
    );
    expect(() => normalizeVietnamesePhone('12345')).toThrow(
      expect.objectContaining({ code: 'INVALID_PHONE' }),
    );
  });

  it('rejects implausible e-mail addresses', () => {
    expect(() => normalizeEmail('no-at-sign')).toThrow(expect.objectContaining({ code: 'INVALID_EMAIL' }));
    expect(() => normalizeEmail(`${'a'.repeat(250)}@x.vn`)).toThrow(
      expect.objectContaining({ code: 'INVALID_EMAIL' }),
    );
  });
});

describe('passwordProblems', () => {
  it('accepts a long passphrase without composition rules', () => {
    expect(passwordProblems('mat khau an toan')).toEqual([]);
  });

  it('refuses short, repeated or identifier-containing passwords', () => {
    expect(passwordProblems('short')).toContain('at least 8 characters');
    expect(passwordProblems('aaaaaaaaaa')).toContain('must not repeat one character');
    expect(passwordProblems('an.nguyen-2026', ['an.nguyen'])).toContain(
      'must not contain your e-mail or phone number',
    );
  });

  it('counts characters as a person sees them, whatever the Unicode form', () => {
    expect(passwordProblems('mật khẩu'.normalize('NFD'))).toEqual([]);
    expect(passwordProblems('mậtkhẩ'.normalize('NFD'))).toContain('at least 8 characters');
  });
});
