import { describe, expect, it } from '@jest/globals';
import { headerNextPath, isAuthPage, safeNextPath, signInPath } from './next-path';

describe('safeNextPath', () => {
  it('keeps a path inside the app', () => {
    expect(safeNextPath('/courses/smartphone-basics?x=1')).toBe('/courses/smartphone-basics?x=1');
  });

  it.each([
    '//evil.example',
    '//evil.com',
    'https://evil.com',
    'https://evil.example',
    '/\\evil.example',
    '/\\evil.com',
    '\\\\evil.com',
    '/courses\\..\\..\\/evil.com',
    'javascript:alert(1)',
    'JavaScript:alert(document.cookie)',
    ' /courses/x',
    '/ok\n',
    '/ok\t',
    '/\u0000evil',
    '/ok\u007f',
    // Dot segments that a browser resolves to "//evil.com", a host.
    '/..//evil.com',
    '/courses/..//evil.com',
    '/%2e%2e//evil.com',
    'evil.com',
    '',
    null,
    undefined,
  ])('refuses %j and uses the fallback', (raw) => {
    expect(safeNextPath(raw)).toBe('/me/learning');
  });

  it('keeps a path whose dot segments stay on the site', () => {
    expect(safeNextPath('/courses/a/../b')).toBe('/courses/a/../b');
  });

  it('does not reach a sign-in page through dot segments either', () => {
    expect(safeNextPath('/courses/../sign-in?next=/x', '/')).toBe('/');
  });

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

describe('headerNextPath', () => {
  it('is the page the person is on, with its query', () => {
    expect(headerNextPath('/courses/online-scams', '')).toBe('/courses/online-scams');
    expect(headerNextPath('/', '?q=dien+thoai')).toBe('/?q=dien+thoai');
  });

  it('is nothing on the bare front page (signing in then leads to My learning)', () => {
    expect(headerNextPath('/', '')).toBeUndefined();
  });

  it('on a sign-in page, keeps where that page was already heading', () => {
    expect(headerNextPath('/sign-in', '?next=%2Fcourses%2Fonline-scams')).toBe('/courses/online-scams');
    expect(headerNextPath('/sign-up', '?next=/courses/x')).toBe('/courses/x');
    expect(headerNextPath('/sign-in', '')).toBeUndefined();
  });

  it.each([
    '//evil.com',
    'https://evil.com',
    '/\\evil.com',
    'javascript:alert(1)',
    '/..//evil.com',
    '/sign-up',
  ])('drops an unsafe "next" (%j) instead of passing it on', (next) => {
    expect(headerNextPath('/sign-in', `?next=${encodeURIComponent(next)}`)).toBeUndefined();
  });
});
