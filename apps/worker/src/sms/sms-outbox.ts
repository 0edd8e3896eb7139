import {
  claimOutboxSms,
  dueOutboxSms,
  markOutboxSmsFailed,
  markOutboxSmsSent,
  type Queryable,
} from '@hocvuso/db';
import type { SmsGateway } from './sms-gateway';

type Db = Queryable & { transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> };

/** After this many failed tries an SMS is `failed` for good (with its last error). */
export const MAX_SMS_ATTEMPTS = 8;
/** At most this many SMS per run (every minute, and after each change that queued some). */
export const SMS_MAX_PER_RUN = 1_000;
const SMS_BATCH = 100;

export interface SmsOutboxSettings {
  /** The first retry waits this long, then twice as long each time (capped at six hours). */
  retryBaseSeconds: number;
}

/**
 * Sends the queued SMS that are due, batch after batch. Each row is locked (FOR UPDATE SKIP LOCKED) while it
 * is sent and marked sent in the same transaction, so two workers never send the same SMS and a sent one is
 * never sent again. A failure (SMSC down, refused) is recorded on the row with its backoff, and the run stops
 * (the server is likely down): the row waits, it is not lost; the next run after its next_attempt_at tries again.
 */
export async function deliverOutboxSms(
  db: Db,
  sender: SmsGateway,
  settings: SmsOutboxSettings,
  maxPerRun = SMS_MAX_PER_RUN,
): Promise<{ sent: number; failed: number }> {
  if (!sender.configured) return { sent: 0, failed: 0 };
  let sent = 0;
  let tried = 0;
  while (tried < maxPerRun) {
    const limit = Math.min(SMS_BATCH, maxPerRun - tried);
    const ids = await dueOutboxSms(db, limit);
    const before = sent;
    for (const id of ids) {
      tried++;
      try {
        if (await sendOne(db, sender, id)) sent++;
      } catch (err) {
        await markOutboxSmsFailed(db, id, err instanceof Error ? err.message : String(err), {
          maxAttempts: MAX_SMS_ATTEMPTS,
          retryBaseSeconds: settings.retryBaseSeconds,
        });
        return { sent, failed: 1 };
      }
    }
    if (ids.length < limit || sent === before) break;
  }
  return { sent, failed: 0 };
}

function sendOne(db: Db, sender: SmsGateway, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const sms = await claimOutboxSms(tx, id);
    if (!sms) return false;
    const { providerIds } = await sender.send(sms.to_number, sms.text, { outboxId: sms.id });
    await markOutboxSmsSent(tx, id, providerIds, sender.name);
    return true;
  });
}
