/** The time zone reminders are planned in: all of Vietnam is on UTC+7, with no daylight saving time. */
export const REMINDER_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** A nightly window in which nobody gets a reminder: from `startHour` local time to `endHour` the next morning. */
export interface QuietHours {
  timeZone: string;
  startHour: number;
  endHour: number;
}

/** 21:00–07:00 in Asia/Ho_Chi_Minh. */
export const QUIET_HOURS: QuietHours = { timeZone: REMINDER_TIME_ZONE, startHour: 21, endHour: 7 };

export interface LocalClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock date and time of an instant in a time zone. */
export function localClock(at: Date, timeZone: string): LocalClock {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

const secondsOfDay = (c: LocalClock) => c.hour * 3600 + c.minute * 60 + c.second;

/** Whether `at` falls in the quiet hours (start inclusive, end exclusive: 21:00 is quiet, 07:00 is not). */
export function isQuietHours(at: Date, rule: QuietHours = QUIET_HOURS): boolean {
  const s = secondsOfDay(localClock(at, rule.timeZone));
  const start = rule.startHour * 3600;
  const end = rule.endHour * 3600;
  return start > end ? s >= start || s < end : s >= start && s < end;
}

/**
 * Milliseconds from `at` until the quiet hours end (0 when `at` is outside them). Computed on the wall clock,
 * which is exact for time zones without daylight saving time such as Asia/Ho_Chi_Minh.
 */
export function delayUntilQuietHoursEnd(at: Date, rule: QuietHours = QUIET_HOURS): number {
  if (!isQuietHours(at, rule)) return 0;
  const s = secondsOfDay(localClock(at, rule.timeZone));
  const end = rule.endHour * 3600;
  const seconds = s < end ? end - s : 24 * 3600 - s + end;
  return seconds * 1000 - at.getUTCMilliseconds();
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone (Vietnam by default). */
export function localDate(at: Date, timeZone: string = QUIET_HOURS.timeZone): string {
  const c = localClock(at, timeZone);
  return `${c.year}-${String(c.month).padStart(2, '0')}-${String(c.day).padStart(2, '0')}`;
}
