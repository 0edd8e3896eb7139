import { localClock, REMINDER_TIME_ZONE } from './quiet-hours';

const DAY_MS = 86_400_000;

/**
 * The ISO 8601 week of an instant's local date, as `YYYY-Www` (`2026-W11`). Weeks start on Monday and the
 * first week of a year is the one holding its first Thursday, so 1 January can belong to the previous year's
 * week 52 or 53. The local date counts: Monday 00:30 in Hồ Chí Minh City is already the new week.
 */
export function isoWeekKey(at: Date, timeZone: string = REMINDER_TIME_ZONE): string {
  const { year, month, day } = localClock(at, timeZone);
  const date = Date.UTC(year, month - 1, day);
  const weekday = (new Date(date).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(date + (3 - weekday) * DAY_MS);
  const isoYear = thursday.getUTCFullYear();
  const dayOfYear = Math.floor((thursday.getTime() - Date.UTC(isoYear, 0, 1)) / DAY_MS) + 1;
  const week = Math.ceil(dayOfYear / 7);
  return `${isoYear}-W${String(week).padStart(2, '0')}`;
}
