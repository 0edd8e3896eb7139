import {
  deadlineReminder,
  INACTIVE_REMINDER_DAYS,
  inactivityReminder,
  type LocalizedText,
  type ReminderKind,
  vietnamDate,
} from '@hocvuso/domain';
import { stillDueMandate, stillInactiveEnrolment, type Queryable } from '@hocvuso/db';
import type { JobPayloads } from '@hocvuso/jobs';

/** What a reminder that is still due says, and where it points. */
export interface DueReminder {
  subjectId: string;
  period: string;
  courseTitle: LocalizedText;
  /** For the wording: days without activity (inactivity), days left (deadlines). */
  days: number;
  /** A path in the web app, e.g. `/courses/<id>`. */
  path: string;
}

/**
 * One kind of reminder, as `send-reminder` sees it. The sweep that finds candidates is a job of its own
 * (`sweep-inactive-learners`); at send time the kind re-checks, against the database, that the reminder is
 * still due and in its period, and says what to write. Mandate deadlines plug in as one more entry.
 */
export interface ReminderKindHandler {
  recheck(db: Queryable, payload: JobPayloads['send-reminder'], now: Date): Promise<DueReminder | null>;
}

/** A course in progress untouched for a week: still untouched, still active, still this week's key. */
const inactive: ReminderKindHandler = {
  async recheck(db, payload, now) {
    const expected = inactivityReminder(payload.userId, payload.courseId, now);
    if (expected.dedupeKey !== payload.dedupeKey) return null; // planned for another week: that week's sweep decides
    const row = await stillInactiveEnrolment(db, payload.userId, payload.courseId, INACTIVE_REMINDER_DAYS);
    if (!row) return null;
    return {
      subjectId: payload.courseId,
      period: expected.period,
      courseTitle: row.course_title,
      days: row.idle_days,
      path: `/courses/${payload.courseId}`,
    };
  },
};

/** A mandate due in 7, 3 or 1 days that the learner has not completed: still so, and still in the same window. */
const deadline: ReminderKindHandler = {
  async recheck(db, payload, now) {
    if (!payload.mandateId) return null;
    const row = await stillDueMandate(db, payload.userId, payload.mandateId, vietnamDate(now));
    if (!row) return null;
    const expected = deadlineReminder(payload.userId, payload.mandateId, row.days_left);
    if (!expected || expected.dedupeKey !== payload.dedupeKey) return null; // another window: that sweep decides
    return {
      subjectId: payload.mandateId,
      period: expected.period,
      courseTitle: { vi: row.title },
      days: row.days_left,
      path: '/me/learning',
    };
  },
};

export const REMINDER_KIND_HANDLERS: Record<ReminderKind, ReminderKindHandler> = { inactive, deadline };
