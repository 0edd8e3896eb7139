// mandates.queries against the run's real Postgres: each function, on rows this test seeds (rolled back).
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import { mandateStatusOn } from '@hocvuso/domain';
import type { DataSource } from 'typeorm';
import {
  cancelMandateAt,
  execute,
  insertMandate,
  insertMandateNotices,
  liveMandate,
  liveMandatesIn,
  lockMandate,
  type MandateListFilter,
  mandateCompliance,
  mandatePlace,
  mandatesForLearner,
  mandatesPage,
  mandatesProgress,
  mandateStarted,
  outboxSmsByKeyPrefix,
  scopeCondition,
  selectRows,
  updateMandateTerms,
} from '../src';
import { publishedCourses, rolledBack, seedPlaces, seedProfile, seedUser } from './support/people-and-places';

describe('mandates.queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('insertMandate, liveMandate, liveMandatesIn: a mandate reads back with its date as YYYY-MM-DD, archived ones are gone', () =>
    rolledBack(db, async (db) => {
      const places = await seedPlaces(db);
      const admin = await seedUser(db);
      const [a, b] = await publishedCourses(db);
      const base = {
        courseIds: [a, b],
        unitId: places.commune.id,
        unitPath: places.commune.path,
        organisationId: null,
        targetGroup: 'citizens',
        graceDays: 3,
        createdBy: admin,
      };
      const later = await insertMandate(db, { ...base, title: 'Sau', dueOn: '2027-03-01' });
      const sooner = await insertMandate(db, { ...base, title: 'Trước', dueOn: '2026-12-31' });
      const archived = await insertMandate(db, { ...base, title: 'Lưu trữ', dueOn: '2026-12-01' });
      await execute(db, `UPDATE mandates SET archived_at = now() WHERE id = $1`, [archived]);

      expect(await liveMandate(db, sooner)).toMatchObject({
        id: sooner,
        title: 'Trước',
        course_ids: [a, b],
        unit_id: places.commune.id,
        unit_path: places.commune.path,
        organisation_id: null,
        target_group: 'citizens',
        due_on: '2026-12-31',
        grace_days: 3,
        description: '',
        version: 1,
        status: 'active',
        cancelled_at: null,
      });
      expect(await liveMandate(db, archived)).toBeUndefined();
      const inProvince = scopeCondition(
        'm',
        { global: false, unitPaths: [places.province.path], organisationIds: [] },
        1,
      );
      expect((await liveMandatesIn(db, inProvince)).map((m) => m.id)).toEqual([sooner, later]);
      const elsewhere = scopeCondition(
        'm',
        { global: false, unitPaths: ['/NOWHERE/'], organisationIds: [] },
        1,
      );
      expect(await liveMandatesIn(db, elsewhere)).toEqual([]);
    }));

  it('mandateCompliance, mandatesForLearner: who it applies to and how far they got (no status in SQL)', () =>
    rolledBack(db, async (db) => {
      const places = await seedPlaces(db);
      const [a, b] = await publishedCourses(db);
      const mandate = await insertMandate(db, {
        title: 'Bắt buộc',
        courseIds: [a, b],
        unitId: places.province.id,
        unitPath: places.province.path,
        organisationId: null,
        targetGroup: 'citizens',
        dueOn: '2026-12-15',
        graceDays: 0,
        createdBy: null,
      });
      const done = await seedUser(db, { name: 'A Done' });
      const started = await seedUser(db, { name: 'B Started' });
      const idle = await seedUser(db, { name: 'C Idle' });
      const otherGroup = await seedUser(db, { name: 'D Student' });
      for (const u of [done, started, idle])
        await seedProfile(db, u, { unitId: places.commune.id, unitPath: places.commune.path });
      await seedProfile(db, otherGroup, {
        unitId: places.commune.id,
        unitPath: places.commune.path,
        targetGroups: ['students'],
      });
      await execute(
        db,
        `INSERT INTO enrolments (user_id, course_id, status) VALUES ($1, $3, 'completed'), ($1, $4, 'completed'), ($2, $3, 'active')`,
        [done, started, a, b],
      );
      await execute(
        db,
        `INSERT INTO consents (user_id, purpose, text_version, channel, granted) VALUES ($1, 'data-sharing-unit', '2026-11', 'web', true)`,
        [done],
      );

      const rows = await mandateCompliance(db, mandate);
      expect(
        rows.map((r) => [r.display_name, r.completed_courses, r.started_courses, r.total_courses]),
      ).toEqual([
        ['A Done', 2, 2, 2],
        ['B Started', 0, 1, 2],
        ['C Idle', 0, 0, 2],
      ]);
      expect(rows[0]).toMatchObject({
        user_id: done,
        target_groups: ['citizens'],
        enrolments: 2,
        completed: 2,
        shares_with_unit: true,
        organisation_id: null,
      });
      expect(rows[1]!.shares_with_unit).toBe(false);
      expect(rows[0]!.unit_name).toMatch(/^Xã /);
      expect(Object.keys(rows[0]!)).not.toContain('status');
      // The status is the domain's, on the Vietnam date the caller passes.
      const statusOn = (today: string) =>
        rows.map((r) =>
          mandateStatusOn(
            {
              dueOn: '2026-12-15',
              graceDays: 0,
              totalCourses: r.total_courses,
              completedCourses: r.completed_courses,
              startedCourses: r.started_courses,
            },
            today,
          ),
        );
      expect(statusOn('2026-12-15')).toEqual(['completed', 'in_progress', 'not_started']);
      expect(statusOn('2026-12-16')).toEqual(['completed', 'overdue', 'overdue']);

      const mine = await mandatesForLearner(db, started);
      expect(
        mine.map((r) => [r.mandate_id, r.due_on, r.grace_days, r.course_id, r.enrolment_status]),
      ).toEqual([
        [mandate, '2026-12-15', 0, a, 'active'],
        [mandate, '2026-12-15', 0, b, null],
      ]);
      expect(mine[0]!.title).toBe('Bắt buộc');
      expect(typeof mine[0]!.course_title.vi).toBe('string');
      expect(await mandatesForLearner(db, otherGroup)).toEqual([]);
    }));

  it('lockMandate, updateMandateTerms, cancelMandateAt: a change applies only at its version; cancelled ones are no longer due', () =>
    rolledBack(db, async (db) => {
      const places = await seedPlaces(db);
      const [a, b] = await publishedCourses(db);
      const learner = await seedUser(db);
      await seedProfile(db, learner, { unitId: places.commune.id, unitPath: places.commune.path });
      const id = await insertMandate(db, {
        title: 'Phiên bản',
        courseIds: [a],
        unitId: places.commune.id,
        unitPath: places.commune.path,
        organisationId: null,
        targetGroup: null,
        dueOn: '2026-12-20',
        graceDays: 0,
        createdBy: null,
        description: 'Mô tả',
      });
      expect(await lockMandate(db, id)).toMatchObject({ version: 1, description: 'Mô tả' });
      expect(await mandateStarted(db, id)).toBe(false);
      const terms = { title: 'Mới', description: '', courseIds: [a, b], dueOn: '2027-01-10', graceDays: 2 };
      expect(await updateMandateTerms(db, id, 1, terms)).toBe(2);
      expect(await updateMandateTerms(db, id, 1, terms)).toBeUndefined(); // stale
      expect(await liveMandate(db, id)).toMatchObject({
        title: 'Mới',
        course_ids: [a, b],
        due_on: '2027-01-10',
        version: 2,
      });
      await execute(db, `INSERT INTO enrolments (user_id, course_id, status) VALUES ($1, $2, 'active')`, [
        learner,
        b,
      ]);
      expect(await mandateStarted(db, id)).toBe(true);
      expect((await mandatesForLearner(db, learner)).map((r) => r.course_id)).toEqual([a, b]);
      expect(await cancelMandateAt(db, id, 1)).toBeUndefined();
      expect(await cancelMandateAt(db, id, 2)).toBe(3);
      expect(await cancelMandateAt(db, id, 3)).toBeUndefined(); // once
      expect(await updateMandateTerms(db, id, 3, terms)).toBeUndefined(); // a cancelled mandate changes no more
      expect(await liveMandate(db, id)).toMatchObject({ status: 'cancelled', version: 3 });
      expect((await liveMandate(db, id))!.cancelled_at).toBeInstanceOf(Date);
      expect(await mandatesForLearner(db, learner)).toEqual([]);
    }));

  it('mandatesPage, mandatePlace, mandatesProgress: filter, sort, page, place and counts in one statement each', () =>
    rolledBack(db, async (db) => {
      const places = await seedPlaces(db);
      const [a, b] = await publishedCourses(db);
      const base = {
        courseIds: [a, b],
        unitId: places.commune.id,
        unitPath: places.commune.path,
        organisationId: null,
        targetGroup: null,
        graceDays: 0,
        createdBy: null,
      };
      const x = await insertMandate(db, { ...base, title: 'Lô 100% b', dueOn: '2027-02-01' });
      const y = await insertMandate(db, { ...base, title: 'Lô a_c', dueOn: '2027-01-01' });
      const z = await insertMandate(db, { ...base, title: 'Lô c', dueOn: '2027-03-01' });
      await cancelMandateAt(db, z, 1);
      const scope = scopeCondition(
        'm',
        { global: false, unitPaths: [places.province.path], organisationIds: [] },
        1,
      );
      const f: MandateListFilter = { status: 'active', q: null, sort: 'dueOn', order: 'asc' };
      const all = await mandatesPage(db, scope, f, { limit: 10, offset: 0 });
      expect(all).toMatchObject({ total: 2 });
      expect(all.rows.map((r) => r.id)).toEqual([y, x]);
      expect(
        (
          await mandatesPage(
            db,
            scope,
            { ...f, status: 'all', sort: 'title', order: 'desc' },
            { limit: 10, offset: 0 },
          )
        ).rows.map((r) => r.id),
      ).toEqual([z, y, x]);
      // Wildcards in the search are literal characters.
      expect(
        (await mandatesPage(db, scope, { ...f, q: '%' }, { limit: 10, offset: 0 })).rows.map((r) => r.id),
      ).toEqual([x]);
      expect(
        (await mandatesPage(db, scope, { ...f, q: '_' }, { limit: 10, offset: 0 })).rows.map((r) => r.id),
      ).toEqual([y]);
      // A page past the end still says how many there are.
      expect(await mandatesPage(db, scope, f, { limit: 10, offset: 50 })).toEqual({ rows: [], total: 2 });
      expect(await mandatePlace(db, scope, f, x)).toEqual({
        position: 2,
        total: 2,
        previous_id: y,
        next_id: null,
      });
      expect(await mandatePlace(db, scope, f, z)).toBeUndefined(); // cancelled: not in the active list

      const done = await seedUser(db);
      const half = await seedUser(db);
      for (const u of [done, half])
        await seedProfile(db, u, { unitId: places.commune.id, unitPath: places.commune.path });
      await execute(
        db,
        `INSERT INTO enrolments (user_id, course_id, status) VALUES ($1, $3, 'completed'), ($1, $4, 'completed'), ($2, $3, 'completed')`,
        [done, half, a, b],
      );
      const progress = await mandatesProgress(db, [x, y]);
      expect(progress.sort((p, q) => p.mandate_id.localeCompare(q.mandate_id))).toEqual(
        [
          { mandate_id: x, assigned: 2, completed: 1 },
          { mandate_id: y, assigned: 2, completed: 1 },
        ].sort((p, q) => p.mandate_id.localeCompare(q.mandate_id)),
      );
    }));

  it('insertMandateNotices: inbox, e-mail and SMS by who has what and wants what, set-based and idempotent per version', () =>
    rolledBack(db, async (db) => {
      const places = await seedPlaces(db);
      const [a] = await publishedCourses(db);
      const id = await insertMandate(db, {
        title: 'Báo tin',
        courseIds: [a],
        unitId: places.commune.id,
        unitPath: places.commune.path,
        organisationId: null,
        targetGroup: null,
        dueOn: '2027-01-01',
        graceDays: 0,
        createdBy: null,
      });
      const withMail = await seedUser(db, { language: 'en' });
      const phoneOnly = await seedUser(db, { email: null });
      const quiet = await seedUser(db, { email: null });
      const nothing = await seedUser(db, { email: null, phone: null });
      // A sign-up whose number is not confirmed yet: never texted (docs/sms.md).
      const unconfirmed = await seedUser(db, { email: null });
      await execute(db, `UPDATE users SET phone_verified_at = NULL WHERE id = $1`, [unconfirmed]);
      for (const u of [withMail, phoneOnly, quiet, nothing, unconfirmed])
        await seedProfile(db, u, { unitId: places.commune.id, unitPath: places.commune.path });
      await execute(
        db,
        `INSERT INTO notification_preferences (user_id, email_enabled, in_app_enabled, reminders_enabled) VALUES ($1, false, false, true)`,
        [quiet],
      );
      const notice = {
        key: `mandate:${id}:v1`,
        notification: { title: { vi: 'T', en: 'T' }, body: { vi: 'B', en: 'B' }, link: '/me/learning' },
        email: {
          vi: { subject: 'Chủ đề', text: 'Văn bản', html: '<p>vi</p>' },
          en: { subject: 'Subject', text: 'Text', html: '<p>en</p>' },
        },
        sms: 'Tin nhắn',
        mailTransport: 'local',
      };
      expect(await insertMandateNotices(db, id, notice)).toEqual({ notified: 4, mailed: 1, texted: 1 });
      const mail = await selectRows<{ subject: string; headers: Record<string, string> }>(
        db,
        `SELECT subject, headers FROM mail_outbox WHERE dedupe_key = $1`,
        [`mandate:${id}:v1:${withMail}`],
      );
      expect(mail).toEqual([{ subject: 'Subject', headers: { 'Content-Language': 'en' } }]);
      expect((await outboxSmsByKeyPrefix(db, `mandate:${id}:`)).map((r) => [r.user_id, r.text])).toEqual([
        [phoneOnly, 'Tin nhắn'],
      ]);
      // Replayed: the SMS is not queued twice.
      expect((await insertMandateNotices(db, id, notice)).texted).toBe(0);
    }));
});
