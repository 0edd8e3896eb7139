import { isoWeekKey } from './iso-week';

const hcm = (isoLocal: string) => new Date(`${isoLocal}+07:00`);

describe('ISO week keys (local date in Vietnam)', () => {
  it('numbers ordinary weeks from Monday', () => {
    expect(isoWeekKey(hcm('2026-03-09T10:00:00'))).toBe('2026-W11'); // Monday
    expect(isoWeekKey(hcm('2026-03-15T23:59:59'))).toBe('2026-W11'); // Sunday
    expect(isoWeekKey(hcm('2026-03-16T00:00:00'))).toBe('2026-W12');
  });

  it('puts 1 January in the week of its Thursday, which may belong to the previous year', () => {
    expect(isoWeekKey(hcm('2026-01-01T12:00:00'))).toBe('2026-W01'); // a Thursday
    expect(isoWeekKey(hcm('2027-01-01T12:00:00'))).toBe('2026-W53'); // a Friday: 2026 has 53 weeks
    expect(isoWeekKey(hcm('2027-01-04T12:00:00'))).toBe('2027-W01');
    expect(isoWeekKey(hcm('2024-12-30T12:00:00'))).toBe('2025-W01'); // a Monday in December
    expect(isoWeekKey(hcm('2021-01-03T12:00:00'))).toBe('2020-W53');
  });

  it('follows the Vietnamese date, not the UTC one, around midnight', () => {
    // Sunday 17:30 UTC is already Monday 00:30 in Vietnam.
    expect(isoWeekKey(new Date('2026-03-15T17:30:00Z'))).toBe('2026-W12');
    expect(isoWeekKey(new Date('2026-03-15T16:59:59Z'))).toBe('2026-W11');
    expect(isoWeekKey(new Date('2026-03-15T17:30:00Z'), 'UTC')).toBe('2026-W11');
  });
});
