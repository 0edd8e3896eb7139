import { isQuietHours } from '@hocvuso/domain';
import type { JobOutcome, JobPayloads } from '@hocvuso/jobs';
import type { ReminderDeps } from '../jobs/send-reminder.job';
import { deliverOutboxMail } from './outbox';

/**
 * Sends e-mail that is still waiting some minutes after it was written (SMTP was down, the job that should
 * have sent it was lost with Redis). Reminder e-mail waits for the end of the quiet hours like the reminders
 * themselves. Without SMTP there is nothing to send: mail stays in the local outbox.
 */
export async function sendPendingMail(
  deps: Pick<ReminderDeps, 'db' | 'mailer' | 'clock'>,
  payload: JobPayloads['send-pending-mail'],
): Promise<JobOutcome> {
  if (deps.mailer.transport !== 'smtp') return 'skipped';
  const { sent } = await deliverOutboxMail(deps.db, deps.mailer, {
    olderThanSeconds: payload.olderThanSeconds,
    withReminders: !isQuietHours(deps.clock()),
  });
  return sent > 0 ? 'done' : 'skipped';
}
