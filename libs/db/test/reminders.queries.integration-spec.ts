// The reminder sweeps' and sends' queries, on the run's real Postgres. The people of this spec have ids above
// a prefix of their own, so the keyset-paged sweeps are read from there and see only them.
import { randomBytes } from 'node:crypto';
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  inactiveEnrolments,
  mandateDeadlineCandidates,
  recordReminderDelivery,
  reminderDelivered,
  reminderRecipient,
  stillDueMandate,
  stillInactiveEnrolment,
} from '../src';

describe('reminders.queries', () => {
  let db: DataSource;
  let courses: [string, string];
  const tag = randomBytes(4).toString('hex');
  /** Ids of this spec's people: `fffffffe-<tag>-4...-8...-<n>`, all above FLOOR. */
  const FLOOR = `fffffffe-${tag.slice(0, 4)}-4${tag.slice(4, 7)}-8000-000000000000`;
  let n = 0;
  const person = async (opts: { email?: boolean; prefs?: [boolean, boolean, boolean] } = {}) => {
    n += 1;
    const id = `fffffffe-${tag.slice(0, 4)}-4${tag.slice(4, 7)}-8000-${String(n).padStart(12, '0')}`;
    await db.query(
      `INSERT INTO users (id, display_name, email, language) VALUES ($1, 'Người nhắc', $2, 'en')`,
      [id, opts.email === false ? null : `remind-${tag}-${n}@example.com`],
    );
    if (opts.prefs)
      await db.query(
        `INSERT INTO notification_preferences (user_id, email_enabled, in_app_enabled, reminders_enabled) VALUES ($1, $2, $3, $4)`,
        [id, ...opts.prefs],
      );
    return id;
  };
  const enrol = (userId: string, courseId: string, idleDays: number, status = 'active') =>
    db.query(
      `INSERT INTO enrolments (user_id, course_id, status, last_activity_at) VALUES ($1, $2, $3, now() - make_interval(days => $4))`,
      [userId, courseId, status, idleDays],
    );

  beforeAll(async () => {
    db = await openRunDatabase();
    const rows: Array<{ id: string }> = await db.query(
      `SELECT id FROM courses WHERE published AND current_version_id IS NOT NULL ORDER BY id LIMIT 2`,
    );
    courses = [rows[0]!.id, rows[1]!.id];
  });
  afterAll(() => db.destroy());

  it('the inactivity sweep finds one course per learner who can and wants to receive a reminder this period', async () => {
    const period = `test-${tag}`;
    const learner = await person();
    await enrol(learner, courses[0], 30);
    await enrol(learner, courses[1], 20); // touched last: the one reminded
    const remindersOff = await person({ prefs: [true, true, false] });
    await enrol(remindersOff, courses[0], 30);
    const unreachable = await person({ email: false, prefs: [true, false, true] });
    await enrol(unreachable, courses[0], 30);
    const emailOnly = await person({ prefs: [true, false, true] });
    await enrol(emailOnly, courses[0], 30);
    const recent = await person();
    await enrol(recent, courses[0], 3);
    const finished = await person();
    await enrol(finished, courses[0], 30, 'completed');
    const sweep = (afterUserId: string, limit = 100) =>
      inactiveEnrolments(db, { inactiveDays: 7, period, afterUserId, limit });
    expect(await sweep(FLOOR)).toEqual([
      { user_id: learner, course_id: courses[1] },
      { user_id: emailOnly, course_id: courses[0] },
    ]);
    expect(await sweep(FLOOR, 1)).toEqual([{ user_id: learner, course_id: courses[1] }]);
    expect(await sweep(learner, 1)).toEqual([{ user_id: emailOnly, course_id: courses[0] }]);

    // A delivery this period takes the learner out of the sweep, and a second inactivity delivery is refused.
    const delivery = {
      dedupeKey: `reminder:inactive:${learner}:${courses[1]}:${period}`,
      userId: learner,
      kind: 'inactive',
      subjectId: courses[1],
      period,
      channels: ['in_app', 'email'],
    };
    expect(await reminderDelivered(db, delivery.dedupeKey)).toBe(false);
    expect(await recordReminderDelivery(db, delivery)).toBe(true);
    expect(await reminderDelivered(db, delivery.dedupeKey)).toBe(true);
    expect(await recordReminderDelivery(db, delivery)).toBe(false);
    expect(await recordReminderDelivery(db, { ...delivery, dedupeKey: `${delivery.dedupeKey}:again` })).toBe(
      false,
    );
    expect(await sweep(FLOOR)).toEqual([{ user_id: emailOnly, course_id: courses[0] }]);
  });

  it('re-checks an inactive enrolment at send time, and reads the recipient with default switches', async () => {
    const learner = await person();
    await enrol(learner, courses[0], 20);
    expect(await stillInactiveEnrolment(db, learner, courses[0], 7)).toEqual({
      course_title: expect.objectContaining({ vi: expect.any(String) }),
      idle_days: 20,
    });
    expect(await stillInactiveEnrolment(db, learner, courses[0], 25)).toBeUndefined();
    expect(await stillInactiveEnrolment(db, learner, courses[1], 7)).toBeUndefined();
    expect(await reminderRecipient(db, learner)).toEqual({
      id: learner,
      display_name: 'Người nhắc',
      email: expect.stringContaining(`remind-${tag}`),
      language: 'en',
      email_enabled: true,
      in_app_enabled: true,
      reminders_enabled: true,
      // An e-mail account without a confirmed phone: nothing to text (reminders by SMS, docs/sms.md).
      verified_phone: null,
    });
    const quiet = await person({ email: false, prefs: [false, true, false] });
    expect(await reminderRecipient(db, quiet)).toMatchObject({
      email: null,
      email_enabled: false,
      in_app_enabled: true,
      reminders_enabled: false,
    });
    expect(await reminderRecipient(db, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });

  it('finds learners of mandates due soon with a course to finish, and re-checks them at send time', async () => {
    const unitPath = `/RM${tag}/`;
    const [unit] = await db.query(
      `INSERT INTO administrative_units (code, level, name, path, valid_from) VALUES ($1, 'province', 'Tỉnh Nhắc', $2, '2025-07-01') RETURNING id`,
      [`RM${tag}`, unitPath],
    );
    const [{ id: mandateId }] = await db.query(
      `INSERT INTO mandates (title, course_ids, unit_id, unit_path, target_group, due_on) VALUES ('Bắt buộc', $1, $2, $3, 'citizens', '2099-03-15') RETURNING id`,
      [courses, unit.id, unitPath],
    );
    const place = (userId: string, targetGroup = 'citizens') =>
      db.query(
        `INSERT INTO learner_profiles (user_id, target_groups, unit_id, unit_path) VALUES ($1, $2, $3, $4)`,
        [userId, [targetGroup], unit.id, `${unitPath}C/`],
      );
    const started = await person();
    await place(started);
    await enrol(started, courses[0], 1, 'completed'); // the second course is next
    const done = await person();
    await place(done);
    await enrol(done, courses[0], 1, 'completed');
    await enrol(done, courses[1], 1, 'completed');
    const otherGroup = await person();
    await place(otherGroup, 'public-servants');
    const noReminders = await person({ prefs: [true, true, false] });
    await place(noReminders);

    const after: [string, string] = [FLOOR, '00000000-0000-0000-0000-000000000000'];
    const candidates = (today: string, maxDays = 7) =>
      mandateDeadlineCandidates(db, { today, maxDays, after, limit: 100 });
    expect(await candidates('2099-03-12')).toEqual([
      { user_id: started, mandate_id: mandateId, days_left: 3, next_course_id: courses[1] },
    ]);
    expect(await candidates('2099-03-12', 2)).toEqual([]);
    expect(await candidates('2099-03-15')).toEqual([]);

    expect(await stillDueMandate(db, started, mandateId, '2099-03-14')).toEqual({
      title: 'Bắt buộc',
      days_left: 1,
    });
    expect(await stillDueMandate(db, started, mandateId, '2099-03-01')).toBeUndefined();
    expect(await stillDueMandate(db, done, mandateId, '2099-03-14')).toBeUndefined();
    expect(await stillDueMandate(db, otherGroup, mandateId, '2099-03-14')).toBeUndefined();
  });
});
