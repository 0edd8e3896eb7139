import { describe, expect, it } from '@jest/globals';
import { formatCount, formatShare } from '../../i18n/format';
import { formatMonth, meterValue, subGroupKey, subGroupsOf, targetParts } from './coverage-format';

describe('coverage formatting', () => {
  it('writes shares and counts the Vietnamese way', () => {
    expect(formatShare(0.825, 'vi')).toMatch(/^82,5\s?%$/);
    expect(formatShare(1, 'en')).toBe('100%');
    expect(formatShare(null, 'vi')).toBe('—');
    expect(formatShare(Number.NaN, 'vi')).toBe('—');
    expect(formatCount(170000, 'vi')).toBe('170.000');
    expect(formatCount(null, 'vi')).toBe('—');
    expect(formatMonth('2025-07')).toBe('07/2025');
  });

  it('says "more than" or "at least" and the date of a target', () => {
    expect(targetParts({ by: '2025-12-31', share: 0.8, strictlyAbove: true }, 'vi')).toEqual({
      comparison: 'strictlyAbove',
      goal: expect.stringMatching(/^80\s?%$/) as unknown as string,
      by: '31/12/2025',
    });
    expect(targetParts({ by: '2026-12-31', count: 250000 }, 'vi')).toEqual({
      comparison: 'atLeast',
      goal: '250.000',
      by: '31/12/2026',
    });
  });

  it('caps the meter at full and never goes below empty', () => {
    expect(meterValue({ share: 1.2 })).toBe(1);
    expect(meterValue({ share: -0.1 })).toBe(0);
    expect(meterValue({ share: null })).toBe(0);
    expect(meterValue({ share: 0.4 })).toBe(0.4);
  });

  it('offers the sub-groups of each target group only', () => {
    expect(subGroupsOf('students')).toContain('school:upper-secondary');
    expect(subGroupsOf('students').every((c) => c.startsWith('school:'))).toBe(true);
    expect(subGroupsOf('enterprise-workers')).toContain('org:cooperative_union');
    expect(subGroupsOf('citizens')).toEqual(['age:16+']);
    expect(subGroupsOf('*')).toEqual([]);
    expect(subGroupsOf(undefined)).toEqual([]);
    expect(subGroupKey('age:16+')).toBe('coverage.subGroups.age_16plus');
  });
});
