import type { JobQueue } from '@hocvuso/jobs';
import type { Logger } from 'pino';

/**
 * Call after the transaction that wrote e-mail to the outbox has committed (never inside it): with SMTP the
 * worker sends it now; if the queue is down, its five-minute sweep of the outbox does. Without SMTP the mail
 * stays in the local outbox and there is nothing to do.
 */
export async function sendOutboxSoon(
  jobs: JobQueue,
  transport: 'smtp' | 'local',
  logger: Logger,
  what: string,
): Promise<void> {
  if (transport !== 'smtp') return;
  await jobs.enqueue('send-pending-mail', { olderThanSeconds: 0 }).catch((err: unknown) => {
    logger.warn({ err }, `could not enqueue the ${what}; the outbox sweep will send it`);
  });
}
