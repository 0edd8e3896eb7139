import { describe, expect, it } from '@jest/globals';
import { groupedCode, vietnamDateTime, vietnamToday } from './session-time';

describe('times typed by a host', () => {
  it('reads a date and a time on the Vietnam clock', () => {
    expect(vietnamDateTime('2026-12-06', '08:00')).toBe('2026-12-06T08:00:00+07:00');
    expect(new Date(vietnamDateTime('2026-12-06', '08:00')!).toISOString()).toBe('2026-12-06T01:00:00.000Z');
  });

  it('refuses a missing or impossible date or time', () => {
    expect(vietnamDateTime('', '08:00')).toBeUndefined();
    expect(vietnamDateTime('2026-12-06', '8h')).toBeUndefined();
    expect(vietnamDateTime('2026-13-40', '08:00')).toBeUndefined();
  });

  it('knows today in Vietnam late in the UTC evening', () => {
    expect(vietnamToday(new Date('2026-12-05T18:30:00Z'))).toBe('2026-12-06');
  });

  it('groups a code in fours', () => {
    expect(groupedCode('AB12CD34')).toBe('AB12 CD34');
    expect(groupedCode('')).toBe('');
  });
});
