// The in-app inbox queries, on the run's real Postgres.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  insertNotification,
  insertNotifications,
  latestNotifications,
  markNotificationsRead,
  unreadNotificationCount,
} from '../src';

describe('inbox.queries', () => {
  let db: DataSource;
  const newUser = async () =>
    (
      (await db.query(`INSERT INTO users (display_name) VALUES ('Hộp thư') RETURNING id`)) as Array<{
        id: string;
      }>
    )[0]!.id;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(() => db.destroy());

  it('writes notifications one by one and in bulk, lists the latest first and counts the unread', async () => {
    const userId = await newUser();
    const other = await newUser();
    const first = await insertNotification(db, {
      userId,
      kind: 'inactive',
      title: { vi: 'Một', en: 'One' },
      body: { vi: 'Thân một' },
      link: '/courses/a',
    });
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(
      await insertNotifications(db, [
        { userId, kind: 'enrolled', title: { vi: 'Hai' }, body: { vi: 'Thân hai' }, link: null },
        { userId: other, kind: 'enrolled', title: { vi: 'Khác' }, body: { vi: 'Khác' }, link: null },
      ]),
    ).toBe(2);
    expect(await insertNotifications(db, [])).toBe(0);
    const latest = await latestNotifications(db, userId, 10);
    expect(latest).toHaveLength(2);
    expect(latest.find((n) => n.id === first)).toEqual({
      id: first,
      kind: 'inactive',
      title: { vi: 'Một', en: 'One' },
      body: { vi: 'Thân một' },
      link: '/courses/a',
      created_at: expect.any(Date),
      read_at: null,
    });
    expect(latest[0]!.created_at.getTime()).toBeGreaterThanOrEqual(latest[1]!.created_at.getTime());
    expect(await latestNotifications(db, userId, 1)).toHaveLength(1);
    expect(await unreadNotificationCount(db, userId)).toBe(2);
  });

  it('marks the given notifications read (ignoring others’ ids), or all of them', async () => {
    const userId = await newUser();
    const other = await newUser();
    const mine = await insertNotification(db, {
      userId,
      kind: 'k',
      title: { vi: 'a' },
      body: { vi: 'a' },
      link: null,
    });
    await insertNotification(db, { userId, kind: 'k', title: { vi: 'b' }, body: { vi: 'b' }, link: null });
    const theirs = await insertNotification(db, {
      userId: other,
      kind: 'k',
      title: { vi: 'c' },
      body: { vi: 'c' },
      link: null,
    });
    expect(await markNotificationsRead(db, userId, [mine, theirs])).toBe(1);
    expect(await unreadNotificationCount(db, userId)).toBe(1);
    expect(await unreadNotificationCount(db, other)).toBe(1);
    expect(await markNotificationsRead(db, userId, null)).toBe(1);
    expect(await markNotificationsRead(db, userId, null)).toBe(0);
    expect(await unreadNotificationCount(db, userId)).toBe(0);
    expect((await latestNotifications(db, userId, 10)).every((n) => n.read_at instanceof Date)).toBe(true);
  });
});
