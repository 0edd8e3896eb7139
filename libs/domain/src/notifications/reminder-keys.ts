import { isoWeekKey } from './iso-week';

/**
 * Kinds of reminder. Stored in `reminder_deliveries.kind` and `notifications.kind`: never rename them.
 * `inactive`: a course in progress untouched for a week. Mandated-course deadlines add `deadline` later.
 */
export const REMINDER_KINDS = ['inactive'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export const isReminderKind = (value: string): value is ReminderKind =>
  (REMINDER_KINDS as readonly string[]).includes(value);

/** A course in progress counts as abandoned after this many days without activity. */
export const INACTIVE_REMINDER_DAYS = 7;

/** What one reminder is about: who, which subject (a course, later a mandate) and which period. */
export interface ReminderIdentity {
  kind: ReminderKind;
  userId: string;
  subjectId: string;
  /** The window the reminder belongs to: the ISO week for inactivity (at most one nudge a week). */
  period: string;
}

/**
 * The dedupe key recorded when a reminder is delivered: `reminder:<kind>:<user>:<subject>:<period>`. A second
 * sweep, a retried job or a second worker computes the same key and finds it taken.
 */
export const reminderDedupeKey = (r: ReminderIdentity): string =>
  `reminder:${r.kind}:${r.userId}:${r.subjectId}:${r.period}`;

/** The period of an inactivity reminder sent at `at`: its ISO week in Vietnam. */
export const inactivityPeriod = (at: Date): string => isoWeekKey(at);

/** The identity of the inactivity nudge for a learner and course at `at`. */
export function inactivityReminder(
  userId: string,
  courseId: string,
  at: Date,
): ReminderIdentity & { dedupeKey: string } {
  const identity: ReminderIdentity = {
    kind: 'inactive',
    userId,
    subjectId: courseId,
    period: inactivityPeriod(at),
  };
  return { ...identity, dedupeKey: reminderDedupeKey(identity) };
}

/** Which channels a reminder goes out on, from the learner's preferences and whether they have an address. */
export function reminderChannels(
  prefs: { remindersEnabled: boolean; inAppEnabled: boolean; emailEnabled: boolean },
  hasEmail: boolean,
): Array<'in_app' | 'email'> {
  if (!prefs.remindersEnabled) return [];
  const channels: Array<'in_app' | 'email'> = [];
  if (prefs.inAppEnabled) channels.push('in_app');
  if (prefs.emailEnabled && hasEmail) channels.push('email');
  return channels;
}
