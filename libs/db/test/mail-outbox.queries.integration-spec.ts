// The mail outbox queries, on the run's real Postgres.
import { randomBytes } from 'node:crypto';
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  claimOutboxMail,
  insertOutboxMail,
  insertOutboxMails,
  latestOutboxMail,
  markOutboxMailFailed,
  markOutboxMailSent,
  type NewOutboxMail,
  pendingOutboxMail,
} from '../src';

describe('mail-outbox.queries', () => {
  let db: DataSource;
  /** A second pool, as another worker's. */
  let other: DataSource;
  const mail = (over: Partial<NewOutboxMail> = {}): NewOutboxMail => ({
    toAddress: `outbox-${randomBytes(4).toString('hex')}@example.com`,
    subject: 'Nhắc học',
    text: 'Xin chào',
    html: '<p>Xin chào</p>',
    headers: { 'List-Unsubscribe': '<https://example.com/u>' },
    dedupeKey: null,
    transport: 'smtp',
    ...over,
  });
  beforeAll(async () => {
    db = await openRunDatabase();
    other = await openRunDatabase();
  });
  afterAll(async () => {
    await db.destroy();
    await other.destroy();
  });

  it('inserts one mail and many, and lists the latest first with every column', async () => {
    const one = mail({ transport: 'local' });
    const id = await insertOutboxMail(db, one);
    expect(await insertOutboxMails(db, [mail(), mail()])).toBe(2);
    expect(await insertOutboxMails(db, [])).toBe(0);
    const latest = await latestOutboxMail(db, 500);
    expect(latest.find((m) => m.id === id)).toEqual({
      id,
      to_address: one.toAddress,
      subject: 'Nhắc học',
      text: 'Xin chào',
      html: '<p>Xin chào</p>',
      headers: { 'List-Unsubscribe': '<https://example.com/u>' },
      dedupe_key: null,
      transport: 'local',
      created_at: expect.any(Date),
      sent_at: null,
      attempts: 0,
      error: null,
    });
    expect(await latestOutboxMail(db, 1)).toHaveLength(1);
  });

  it('finds pending SMTP mail by reminder key or by age, leaving reminder mail out in quiet hours', async () => {
    const key = `reminder:test:${randomBytes(4).toString('hex')}`;
    const reminder = await insertOutboxMail(db, mail({ dedupeKey: key }));
    const plain = await insertOutboxMail(db, mail());
    const local = await insertOutboxMail(db, mail({ transport: 'local' }));
    await db.query(`UPDATE mail_outbox SET created_at = now() - interval '1 hour' WHERE id = ANY ($1)`, [
      [reminder, plain, local],
    ]);
    expect(await pendingOutboxMail(db, { dedupeKey: key, maxAttempts: 5, limit: 10 })).toEqual([reminder]);
    const aged = await pendingOutboxMail(db, { olderThanSeconds: 60, maxAttempts: 5, limit: 100_000 });
    expect(aged).toEqual(expect.arrayContaining([reminder, plain]));
    expect(aged).not.toContain(local);
    const quiet = await pendingOutboxMail(db, {
      olderThanSeconds: 60,
      withReminders: false,
      maxAttempts: 5,
      limit: 100_000,
    });
    expect(quiet).toContain(plain);
    expect(quiet).not.toContain(reminder);
    expect(
      await pendingOutboxMail(db, { olderThanSeconds: 7200, maxAttempts: 5, limit: 100_000 }),
    ).not.toContain(plain);
  });

  it('claims a mail under lock (another claimer skips it), marks it sent or failed', async () => {
    const key = `reminder:test:${randomBytes(4).toString('hex')}`;
    const id = await insertOutboxMail(db, mail({ dedupeKey: key }));
    await markOutboxMailFailed(db, id, 'x'.repeat(1500));
    const [failed] = await db.query(`SELECT attempts, length(error) AS len FROM mail_outbox WHERE id = $1`, [
      id,
    ]);
    expect(failed).toEqual({ attempts: 1, len: 1000 });
    expect(await pendingOutboxMail(db, { dedupeKey: key, maxAttempts: 1, limit: 10 })).toEqual([]);
    await db.transaction(async (tx) => {
      expect(await claimOutboxMail(tx, id)).toMatchObject({ id, attempts: 1, dedupe_key: key });
      // A second worker does not wait for the lock: it skips the mail.
      expect(await other.transaction((tx2) => claimOutboxMail(tx2, id))).toBeUndefined();
      await markOutboxMailSent(tx, id);
    });
    const [sent] = await db.query(
      `SELECT attempts, error, sent_at IS NOT NULL AS sent FROM mail_outbox WHERE id = $1`,
      [id],
    );
    expect(sent).toEqual({ attempts: 2, error: null, sent: true });
    expect(await db.transaction((tx) => claimOutboxMail(tx, id))).toBeUndefined();
  });
});
