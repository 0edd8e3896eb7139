import { safeReturnTo } from './oidc.service';

describe('safeReturnTo: where the browser goes after a provider sign-in', () => {
  it('keeps a path of this site', () => {
    expect(safeReturnTo('/courses/online-scams?tab=2')).toBe('/courses/online-scams?tab=2');
  });

  it.each([
    undefined,
    '',
    'https://evil.example/',
    '//evil.example/x',
    '/\\evil.example',
    'javascript:alert(1)',
    '/bài-học',
    `/${'a'.repeat(600)}`,
  ])('falls back to / for %p', (value) => {
    expect(safeReturnTo(value)).toBe('/');
  });
});
