import { describe, expect, it } from '@jest/globals';
import { isAuthPage, safeNextPath, signInPath } from './next-path';

describe('safeNextPath', () => {
  it('keeps a path inside the app', () => {
    expect(safeNextPath('/courses/smartphone-basics?x=1')).toBe('/courses/smartphone-basics?x=1');
  });

  it.each(['//evil.example', 'https://evil.example', '/\\evil.example', 'javascript:alert(1)', '/ok\n', ''])(
    'refuses %j and uses the fallback',
    (raw) => {
      expect(safeNextPath(raw)).toBe('/me/learning');
    },
  );

  it('does not loop back to a sign-in page', () => {
    expect(safeNextPath('/sign-in?next=/x', '/')).toBe('/');
    expect(safeNextPath('/sign-up', '/')).toBe('/');
    expect(safeNextPath('/sign-in-code?next=/x', '/')).toBe('/');
    expect(safeNextPath('/forgot-password', '/')).toBe('/');
  });

  it('never carries a password-reset token onwards', () => {
    expect(safeNextPath('/reset-password?token=abc')).toBe('/me/learning');
  });
});

describe('isAuthPage', () => {
  it('knows the sign-in pages, with or without a query, and nothing else', () => {
    for (const page of [
      '/sign-in',
      '/sign-in-code',
      '/sign-up',
      '/forgot-password',
      '/reset-password?token=x',
    ])
      expect(isAuthPage(page)).toBe(true);
    for (const page of ['/', '/me/learning', '/courses/sign-in-safely']) expect(isAuthPage(page)).toBe(false);
  });
});

describe('signInPath', () => {
  it('encodes where to come back to', () => {
    expect(signInPath('/courses/a b')).toBe('/sign-in?next=%2Fcourses%2Fa%20b');
    expect(signInPath(undefined, '/sign-up')).toBe('/sign-up');
  });
});
