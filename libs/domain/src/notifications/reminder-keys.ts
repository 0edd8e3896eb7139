import { isoWeekKey } from './iso-week';

/**
 * Kinds of reminder. Stored in `reminder_deliveries.kind` and `notifications.kind`: never rename them.
 * `inactive`: a course in progress untouched for a week. `deadline`: a mandate due in 7, 3 or 1 days.
 */
export const REMINDER_KINDS = ['inactive', 'deadline'] as const;
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

/** A channel a reminder goes out on. */
export type ReminderChannel = 'in_app' | 'email' | 'sms';

/**
 * Which channels a reminder goes out on, from the learner's preferences and what they can receive. SMS is for
 * people with no e-mail address but a confirmed phone number (docs/sms.md), under the e-mail switch (it stands
 * for "messages outside the app", as for mandate notices); an unconfirmed number gets nothing, so a mistyped or
 * borrowed number is never texted.
 */
export function reminderChannels(
  prefs: { remindersEnabled: boolean; inAppEnabled: boolean; emailEnabled: boolean },
  hasEmail: boolean,
  hasVerifiedPhone = false,
): ReminderChannel[] {
  if (!prefs.remindersEnabled) return [];
  const channels: ReminderChannel[] = [];
  if (prefs.inAppEnabled) channels.push('in_app');
  if (prefs.emailEnabled && hasEmail) channels.push('email');
  if (prefs.emailEnabled && !hasEmail && hasVerifiedPhone) channels.push('sms');
  return channels;
}

/** Days before a mandate's due date at which its learners are reminded. */
export const DEADLINE_THRESHOLDS = [7, 3, 1] as const;

/**
 * The deadline window a day count falls in: 7..4 days left → `d7`, 3..2 → `d3`, 1 → `d1`, else none. A sweep
 * that missed a day still sends the reminder of the window it is in, once (the period is part of the key).
 */
export function deadlinePeriod(daysLeft: number): string | null {
  if (!Number.isInteger(daysLeft) || daysLeft < 1 || daysLeft > DEADLINE_THRESHOLDS[0]) return null;
  const window = [...DEADLINE_THRESHOLDS].reverse().find((t) => daysLeft <= t)!;
  return `d${window}`;
}

/** The identity of the deadline reminder of one learner and mandate with `daysLeft` days to go. */
export function deadlineReminder(
  userId: string,
  mandateId: string,
  daysLeft: number,
): (ReminderIdentity & { dedupeKey: string }) | null {
  const period = deadlinePeriod(daysLeft);
  if (!period) return null;
  const identity: ReminderIdentity = { kind: 'deadline', userId, subjectId: mandateId, period };
  return { ...identity, dedupeKey: reminderDedupeKey(identity) };
}
