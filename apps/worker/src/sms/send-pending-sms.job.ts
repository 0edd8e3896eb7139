import type { Queryable } from '@hocvuso/db';
import type { JobOutcome } from '@hocvuso/jobs';
import type { SmsGateway } from './sms-gateway';
import { deliverOutboxSms, type SmsOutboxSettings } from './sms-outbox';

export interface SmsDeps {
  db: Queryable & { transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> };
  sender: SmsGateway;
  settings: SmsOutboxSettings;
}

/**
 * Sends the SMS waiting in sms_outbox (every minute, and at once after a change queued some). Without
 * a configured gateway (SMPP_URL) there is nothing to do: they stay queued. A failed send is recorded on its row with a backoff and
 * the job ends normally (the row, not the queue, carries the retry).
 */
export async function sendPendingSms(deps: SmsDeps): Promise<JobOutcome> {
  if (!deps.sender.configured) return 'skipped';
  const { sent } = await deliverOutboxSms(deps.db, deps.sender, deps.settings);
  return sent > 0 ? 'done' : 'skipped';
}
