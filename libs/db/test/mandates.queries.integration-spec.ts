// mandates.queries against the run's real Postgres: each function, on rows this test seeds (rolled back).
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import { mandateStatusOn } from '@hocvuso/domain';
import type { DataSource } from 'typeorm';
import {
  execute,
  insertMandate,
  liveMandate,
  liveMandatesIn,
  mandateCompliance,
  mandatesForLearner,
  scopeCondition,
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

      expect(await liveMandate(db, sooner)).toEqual({
        id: sooner,
        title: 'Trước',
        course_ids: [a, b],
        unit_id: places.commune.id,
        unit_path: places.commune.path,
        organisation_id: null,
        target_group: 'citizens',
        due_on: '2026-12-31',
        grace_days: 3,
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
});
