import { SESSION_CACHE_MAX_MS, sessionCacheLifetimeMs } from './session-cache';

describe('how long a validated session may be reused without asking the database', () => {
  const current = { replaced: false, rotated: false };

  it('keeps a current token for a few seconds', () => {
    expect(sessionCacheLifetimeMs(current, 30)).toBe(SESSION_CACHE_MAX_MS);
    expect(SESSION_CACHE_MAX_MS).toBeLessThanOrEqual(10_000);
  });

  it('never keeps it longer than the rotation grace, so a rotated token is never served past its grace', () => {
    expect(sessionCacheLifetimeMs(current, 2)).toBe(2_000);
    expect(sessionCacheLifetimeMs(current, 0)).toBe(0);
  });

  it('never keeps a token already replaced (in its grace window), nor one this request just rotated', () => {
    expect(sessionCacheLifetimeMs({ replaced: true, rotated: false }, 30)).toBe(0);
    expect(sessionCacheLifetimeMs({ replaced: false, rotated: true }, 30)).toBe(0);
  });

  it('takes a smaller bound when given one, and never a negative lifetime', () => {
    expect(sessionCacheLifetimeMs(current, 30, 1_000)).toBe(1_000);
    expect(sessionCacheLifetimeMs(current, -5)).toBe(0);
  });
});
