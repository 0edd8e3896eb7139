/**
 * The mandate status rule, once, on the Vietnam clock. A mandate's dates (`dueOn`) are calendar dates in
 * Vietnam; "today" is the calendar date in Asia/Ho_Chi_Minh (UTC+7, no daylight saving time), whatever the
 * clock of the server, the database session or the browser. The api computes every status with it (and passes
 * `vietnamDate(now)` to SQL that needs "today"), the reminder sweeps count days to the due date with it, and
 * the web shows the status the api returns.
 */

/** The time zone of every mandate date. */
export const MANDATE_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** Vietnam is UTC+7 all year (no daylight saving time). */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Where a learner stands with a mandate. Stored nowhere; the wire values of the api (never rename them). */
export const MANDATE_STATUSES = ['not_started', 'in_progress', 'completed', 'overdue'] as const;
export type MandateStatus = (typeof MANDATE_STATUSES)[number];

export const isMandateStatus = (value: string): value is MandateStatus =>
  (MANDATE_STATUSES as readonly string[]).includes(value);

/** The calendar date (YYYY-MM-DD) of an instant in Vietnam: 2026-03-10T17:30Z is 2026-03-11 there. */
export function vietnamDate(now: Date): string {
  return new Date(now.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

const dayNumber = (date: string): number => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`expected a date YYYY-MM-DD, got ${date}`);
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
};

/** A calendar date plus (or minus) whole days. */
export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from `today` to `dueOn` (1 = due tomorrow, 0 = due today, negative = past). */
export function daysUntilDue(dueOn: string, today: string): number {
  return dayNumber(dueOn) - dayNumber(today);
}

export interface MandateDeadline {
  /** The due date (YYYY-MM-DD, a date in Vietnam). */
  dueOn: string;
  /** Days after the due date that still count as on time. */
  graceDays: number;
}

/** The last day a mandate counts as on time: its due date plus its grace days. */
export const lastOnTimeDay = (m: MandateDeadline): string => addDays(m.dueOn, Math.max(0, m.graceDays));

/** Late: today (in Vietnam) is after the due date plus the grace days. */
export const isPastDeadline = (m: MandateDeadline, today: string): boolean => today > lastOnTimeDay(m);

export interface MandateProgress extends MandateDeadline {
  /** Courses the mandate names (that exist). */
  totalCourses: number;
  /** Of those, the ones the learner completed. */
  completedCourses: number;
  /** Of those, the ones the learner is enrolled in (completed or not). */
  startedCourses: number;
}

/**
 * Where a learner stands on the Vietnam date `today`: completed (every course), overdue (past the due date
 * plus grace, not every course completed), in progress (a course enrolled) or not started.
 */
export function mandateStatusOn(m: MandateProgress, today: string): MandateStatus {
  if (m.completedCourses >= m.totalCourses) return 'completed';
  if (isPastDeadline(m, today)) return 'overdue';
  return m.startedCourses > 0 ? 'in_progress' : 'not_started';
}

/** Where a learner stands at the instant `now`, judged on the calendar date in Vietnam. */
export function mandateStatus(m: MandateProgress & { now: Date }): MandateStatus {
  return mandateStatusOn(m, vietnamDate(m.now));
}
