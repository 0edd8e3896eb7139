import {
  claimOutboxMail,
  markOutboxMailFailed,
  markOutboxMailSent,
  pendingOutboxMail,
  type Queryable,
} from '@hocvuso/db';
import type { Mailer } from './mailer';

type Db = Queryable & { transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> };

/** After this many failed tries an e-mail stays unsent (with its error) for an administrator to look at. */
export const MAX_MAIL_ATTEMPTS = 5;

/**
 * Sends outbox e-mail over SMTP: the mail of one reminder, or the backlog older than some seconds. Each one is
 * locked (FOR UPDATE SKIP LOCKED) while it is sent, so two workers never send the same e-mail, and marked
 * sent in the same transaction. A failure is recorded on the row and thrown (the rest wait), so the job retries.
 */
export async function deliverOutboxMail(
  db: Db,
  mailer: Mailer,
  which: { dedupeKey: string } | { olderThanSeconds: number; withReminders: boolean },
): Promise<{ sent: number }> {
  if (mailer.transport !== 'smtp') return { sent: 0 };
  const ids = await pendingOutboxMail(db, { ...which, maxAttempts: MAX_MAIL_ATTEMPTS, limit: 200 });
  let sent = 0;
  let failure: unknown;
  for (const id of ids) {
    try {
      const done = await db.transaction(async (tx) => {
        const mail = await claimOutboxMail(tx, id);
        if (!mail) return false;
        await mailer.send({
          to: mail.to_address,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: mail.headers,
        });
        await markOutboxMailSent(tx, id);
        return true;
      });
      if (done) sent++;
    } catch (err) {
      failure = err;
      await markOutboxMailFailed(db, id, err instanceof Error ? err.message : String(err));
      break; // the server is likely down: the retry or the next backlog run tries the rest
    }
  }
  if (failure) throw failure;
  return { sent };
}
