// The notifications' privacy queries, on the run's real Postgres.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  eraseNotifications,
  eraseOutboxMailTo,
  notificationsForExport,
  silenceNotificationChannels,
  storedNotificationPreferences,
} from '../src';
import { seedPerson } from './support/person-world';

describe('notifications-privacy.queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(() => db.destroy());

  it('notificationsForExport gives the inbox in every stored language; storedNotificationPreferences the switches as stored', async () => {
    const p = await seedPerson(db);
    expect(await notificationsForExport(db, p.userId)).toEqual([
      {
        kind: 'inactive',
        title: { vi: 'Tiếp tục học nhé', en: 'Keep going' },
        body: { vi: 'Bạn còn một bài.' },
        link: '/courses/x',
        created_at: expect.any(Date),
        read_at: null,
      },
    ]);
    expect(await storedNotificationPreferences(db, p.userId)).toEqual({
      email_enabled: true,
      in_app_enabled: false,
      reminders_enabled: true,
    });
    await db.query(`DELETE FROM notification_preferences WHERE user_id = $1`, [p.userId]);
    expect(await storedNotificationPreferences(db, p.userId)).toBeUndefined();
  });

  it('eraseNotifications empties the inbox, silenceNotificationChannels turns everything off (row or not), eraseOutboxMailTo drops the mail', async () => {
    const p = await seedPerson(db);
    const bare = await seedPerson(db);
    await db.query(`DELETE FROM notification_preferences WHERE user_id = $1`, [bare.userId]);
    await db.transaction(async (tx) => {
      expect(await eraseNotifications(tx, p.userId)).toBe(1);
      await silenceNotificationChannels(tx, p.userId);
      await silenceNotificationChannels(tx, bare.userId);
      expect(await eraseOutboxMailTo(tx, p.email)).toBe(1);
    });
    expect(await db.query(`SELECT 1 FROM notifications WHERE user_id = $1`, [p.userId])).toEqual([]);
    const off = { email_enabled: false, in_app_enabled: false, reminders_enabled: false };
    expect(await storedNotificationPreferences(db, p.userId)).toEqual(off);
    expect(await storedNotificationPreferences(db, bare.userId)).toEqual(off);
    expect(await db.query(`SELECT 1 FROM mail_outbox WHERE to_address = $1`, [p.email])).toEqual([]);
    expect(await db.query(`SELECT 1 FROM mail_outbox WHERE to_address = $1`, [bare.email])).toHaveLength(1);
  });
});
