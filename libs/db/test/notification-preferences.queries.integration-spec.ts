// The notification switches' queries, on the run's real Postgres.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  disableReminders,
  inAppDisabledUsers,
  notificationPreferences,
  saveNotificationPreferences,
} from '../src';

describe('notification-preferences.queries', () => {
  let db: DataSource;
  const newUser = async () =>
    (
      (await db.query(`INSERT INTO users (display_name) VALUES ('Công tắc') RETURNING id`)) as Array<{
        id: string;
      }>
    )[0]!.id;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(() => db.destroy());

  it('gives the defaults (all on) until saved, then what was saved', async () => {
    const userId = await newUser();
    expect(await notificationPreferences(db, userId)).toEqual({
      email_enabled: true,
      in_app_enabled: true,
      reminders_enabled: true,
    });
    const saved = { emailEnabled: false, inAppEnabled: true, remindersEnabled: false };
    const stored = { email_enabled: false, in_app_enabled: true, reminders_enabled: false };
    expect(await saveNotificationPreferences(db, userId, saved)).toEqual(stored);
    expect(await notificationPreferences(db, userId)).toEqual(stored);
    expect(await saveNotificationPreferences(db, userId, { ...saved, remindersEnabled: true })).toEqual({
      ...stored,
      reminders_enabled: true,
    });
  });

  it('disableReminders turns reminders off (with or without a row), false for an unknown user', async () => {
    const fresh = await newUser();
    const saved = await newUser();
    await saveNotificationPreferences(db, saved, {
      emailEnabled: false,
      inAppEnabled: true,
      remindersEnabled: true,
    });
    expect(await disableReminders(db, fresh)).toBe(true);
    expect(await disableReminders(db, saved)).toBe(true);
    expect(await notificationPreferences(db, fresh)).toEqual({
      email_enabled: true,
      in_app_enabled: true,
      reminders_enabled: false,
    });
    expect(await notificationPreferences(db, saved)).toEqual({
      email_enabled: false,
      in_app_enabled: true,
      reminders_enabled: false,
    });
    expect(await disableReminders(db, '00000000-0000-4000-8000-000000000000')).toBe(false);
  });

  it('inAppDisabledUsers names the users who switched in-app notifications off', async () => {
    const on = await newUser();
    const off = await newUser();
    const never = await newUser();
    await saveNotificationPreferences(db, on, {
      emailEnabled: true,
      inAppEnabled: true,
      remindersEnabled: true,
    });
    await saveNotificationPreferences(db, off, {
      emailEnabled: true,
      inAppEnabled: false,
      remindersEnabled: true,
    });
    expect(await inAppDisabledUsers(db, [on, off, never])).toEqual(new Set([off]));
    expect(await inAppDisabledUsers(db, [])).toEqual(new Set());
  });
});
