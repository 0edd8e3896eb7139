import { delayUntilQuietHoursEnd, inactivityPeriod, inactivityReminder } from '@hocvuso/domain';
import { inactiveEnrolments } from '@hocvuso/db';
import { type JobOutcome, type JobPayloads, reminderJobId } from '@hocvuso/jobs';
import type { ReminderDeps } from './send-reminder.job';

const PAGE = 500;

/**
 * The daily inactivity sweep: one SQL query (paged) finds active enrolments untouched for `inactiveDays` of
 * learners who want reminders and got no inactivity nudge this week, and fans out one `send-reminder` per
 * learner with the dedupe key as job id. Run at night, it plans for the week of the next morning, when the
 * reminders will actually go out.
 */
export async function sweepInactiveLearners(
  deps: ReminderDeps,
  payload: JobPayloads['sweep-inactive-learners'],
): Promise<JobOutcome> {
  if (!deps.settings.enabled) return 'skipped';
  const now = deps.clock();
  const sendAt = new Date(now.getTime() + delayUntilQuietHoursEnd(now));
  const period = inactivityPeriod(sendAt);
  let afterUserId: string | null = null;
  let enqueued = 0;
  for (;;) {
    const page = await inactiveEnrolments(deps.db, {
      inactiveDays: payload.inactiveDays,
      period,
      afterUserId,
      limit: PAGE,
    });
    for (const row of page) {
      const reminder = inactivityReminder(row.user_id, row.course_id, sendAt);
      await deps.queue.enqueue(
        'send-reminder',
        { kind: 'inactive', userId: row.user_id, courseId: row.course_id, dedupeKey: reminder.dedupeKey },
        { jobId: reminderJobId(reminder.dedupeKey) },
      );
      enqueued++;
    }
    if (page.length < PAGE) break;
    afterUserId = page[page.length - 1]!.user_id;
  }
  return enqueued > 0 ? 'done' : 'skipped';
}
