import { deadlineReminder, delayUntilQuietHoursEnd, vietnamDate } from '@hocvuso/domain';
import { mandateDeadlineCandidates } from '@hocvuso/db';
import { type JobOutcome, type JobPayloads, reminderJobId } from '@hocvuso/jobs';
import type { ReminderDeps } from './send-reminder.job';

const PAGE = 500;

/**
 * The daily deadline sweep: learners of mandates due within `maxDays` days (calendar days in Vietnam, counted
 * for the morning the reminders go out) who have a mandated course still to finish get one `send-reminder` per
 * mandate and window (7, 3, 1 days), keyed so that each window is sent once.
 */
export async function sweepMandateDeadlines(
  deps: ReminderDeps,
  payload: JobPayloads['sweep-mandate-deadlines'],
): Promise<JobOutcome> {
  if (!deps.settings.enabled) return 'skipped';
  const now = deps.clock();
  const sendAt = new Date(now.getTime() + delayUntilQuietHoursEnd(now));
  // The same Vietnam date the api judges mandate status on (libs/domain/src/mandates).
  const today = vietnamDate(sendAt);
  let after: [string, string] | null = null;
  let enqueued = 0;
  for (;;) {
    const page = await mandateDeadlineCandidates(deps.db, {
      today,
      maxDays: payload.maxDays,
      after,
      limit: PAGE,
    });
    for (const row of page) {
      const reminder = deadlineReminder(row.user_id, row.mandate_id, row.days_left);
      if (!reminder) continue;
      await deps.queue.enqueue(
        'send-reminder',
        {
          kind: 'deadline',
          userId: row.user_id,
          courseId: row.next_course_id,
          mandateId: row.mandate_id,
          dedupeKey: reminder.dedupeKey,
        },
        { jobId: reminderJobId(reminder.dedupeKey) },
      );
      enqueued++;
    }
    if (page.length < PAGE) break;
    after = [page[page.length - 1]!.user_id, page[page.length - 1]!.mandate_id];
  }
  return enqueued > 0 ? 'done' : 'skipped';
}
