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
/** E-mails read from the outbox per query. */
const MAIL_BATCH = 200;
/**
 * At most this many e-mails per backlog run (every five minutes), so one run neither holds its job for long nor
 * floods the SMTP server: a roster of 10,000 invitations leaves in five runs, not fifty.
 */
export const MAIL_MAX_PER_RUN = 2_000;

/**
 * Sends outbox e-mail over SMTP: the mail of one reminder, or the backlog older than some seconds, batch after
 * batch up to `maxPerRun`. Each one is locked (FOR UPDATE SKIP LOCKED) while it is sent, so two workers never
 * send the same e-mail, and marked sent in the same transaction. A failure is recorded on the row and thrown
 * (the rest wait), so the job retries.
 */
export async function deliverOutboxMail(
  db: Db,
  mailer: Mailer,
  which: { dedupeKey: string } | { olderThanSeconds: number; withReminders: boolean },
  maxPerRun = MAIL_MAX_PER_RUN,
): Promise<{ sent: number }> {
  if (mailer.transport !== 'smtp') return { sent: 0 };
  let sent = 0;
  let tried = 0;
  while (tried < maxPerRun) {
    const limit = Math.min(MAIL_BATCH, maxPerRun - tried);
    const ids = await pendingOutboxMail(db, { ...which, maxAttempts: MAX_MAIL_ATTEMPTS, limit });
    const before = sent;
    for (const id of ids) {
      tried++;
      try {
        if (await sendOne(db, mailer, id)) sent++;
      } catch (err) {
        await markOutboxMailFailed(db, id, err instanceof Error ? err.message : String(err));
        throw err; // the server is likely down: the retry or the next backlog run tries the rest
      }
    }
    // The last batch, or one another worker is sending (nothing claimed): this run is done.
    if (ids.length < limit || sent === before) break;
  }
  return { sent };
}

/** Sends one e-mail and marks it sent, in one transaction; false when it was sent or taken by another worker. */
function sendOne(db: Db, mailer: Mailer, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
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
}
