import { delayUntilQuietHoursEnd, isQuietHours, localClock } from './quiet-hours';

/** An instant given as a wall-clock time in Hồ Chí Minh City (UTC+7 all year). */
const hcm = (isoLocal: string) => new Date(`${isoLocal}+07:00`);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('quiet hours 21:00–07:00 in Asia/Ho_Chi_Minh', () => {
  it('reads the local wall clock from a UTC instant (UTC+7, no daylight saving)', () => {
    expect(localClock(new Date('2026-03-10T14:00:00Z'), 'Asia/Ho_Chi_Minh')).toEqual({
      year: 2026,
      month: 3,
      day: 10,
      hour: 21,
      minute: 0,
      second: 0,
    });
    expect(localClock(new Date('2026-03-10T17:30:00Z'), 'Asia/Ho_Chi_Minh')).toMatchObject({
      day: 11,
      hour: 0,
      minute: 30,
    });
    expect(localClock(new Date('2026-07-01T00:00:00Z'), 'Asia/Ho_Chi_Minh')).toMatchObject({ hour: 7 });
  });

  it('20:59 local is not quiet; 21:00 local is', () => {
    expect(isQuietHours(hcm('2026-03-10T20:59:00'))).toBe(false);
    expect(isQuietHours(hcm('2026-03-10T20:59:59'))).toBe(false);
    expect(isQuietHours(hcm('2026-03-10T21:00:00'))).toBe(true);
  });

  it('06:59 local is still quiet; 07:00 local is not', () => {
    expect(isQuietHours(hcm('2026-03-11T06:59:00'))).toBe(true);
    expect(isQuietHours(hcm('2026-03-11T06:59:59'))).toBe(true);
    expect(isQuietHours(hcm('2026-03-11T07:00:00'))).toBe(false);
  });

  it('judges by Vietnamese time, not by UTC: 14:00 UTC is 21:00 in Vietnam, 23:00 UTC is 06:00', () => {
    expect(isQuietHours(new Date('2026-03-10T13:59:00Z'))).toBe(false);
    expect(isQuietHours(new Date('2026-03-10T14:00:00Z'))).toBe(true);
    expect(isQuietHours(new Date('2026-03-10T23:00:00Z'))).toBe(true);
    expect(isQuietHours(new Date('2026-03-11T00:00:00Z'))).toBe(false);
    expect(isQuietHours(new Date('2026-03-10T03:00:00Z'))).toBe(false); // 10:00 local
  });

  it('midnight local is quiet', () => {
    expect(isQuietHours(hcm('2026-03-11T00:00:00'))).toBe(true);
  });

  it('computes the delay until 07:00 local, across midnight, to the millisecond', () => {
    expect(delayUntilQuietHoursEnd(hcm('2026-03-10T21:00:00'))).toBe(10 * HOUR);
    expect(delayUntilQuietHoursEnd(hcm('2026-03-10T22:00:00'))).toBe(9 * HOUR);
    expect(delayUntilQuietHoursEnd(hcm('2026-03-11T06:59:00'))).toBe(MINUTE);
    expect(delayUntilQuietHoursEnd(hcm('2026-03-11T06:59:59.250'))).toBe(750);
    expect(delayUntilQuietHoursEnd(hcm('2026-03-11T00:00:00'))).toBe(7 * HOUR);
    const at = hcm('2026-03-10T23:15:00');
    expect(new Date(at.getTime() + delayUntilQuietHoursEnd(at)).toISOString()).toBe(
      '2026-03-11T00:00:00.000Z',
    ); // 07:00 local
  });

  it('is zero outside the quiet hours', () => {
    expect(delayUntilQuietHoursEnd(hcm('2026-03-10T07:00:00'))).toBe(0);
    expect(delayUntilQuietHoursEnd(hcm('2026-03-10T20:59:59'))).toBe(0);
  });
});
