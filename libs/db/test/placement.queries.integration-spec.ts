// placement.queries against the run's real Postgres (shipped placement tests imported): each function, on rows
// this test seeds, rolled back afterwards.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  discardOpenPlacementAttempt,
  execute,
  findPlacementAttempt,
  frameworkCompetencyOrder,
  importPlacementTests,
  insertPlacementAttempt,
  latestPlacement,
  lockPlacementAttempt,
  openPlacementAttempt,
  pathCourses,
  placementGroups,
  placementTest,
  type Queryable,
  savePlacementSubmission,
} from '../src';
import { rolledBack, seedUser } from './support/people-and-places';

const HOURS = 24;
const layout = [{ id: 'q1', type: 'truefalse', optionOrder: ['true', 'false'], optionKeys: ['k1', 'k2'] }];

async function startFor(db: Queryable, userId: string) {
  const test = (await placementTest(db, 'citizens'))!;
  return insertPlacementAttempt(
    db,
    {
      userId,
      targetGroup: 'citizens',
      framework: test.framework_id,
      testHash: test.content_hash,
      seed: 's',
      layout,
    },
    HOURS,
  );
}

describe('placement.queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('importPlacementTests writes a test only when its content changed; placementTest and placementGroups read them', () =>
    rolledBack(db, async (db) => {
      const shipped = (await placementTest(db, 'citizens'))!;
      expect(shipped.framework_id).toBe('tt02-2025');
      const same = {
        targetGroup: 'citizens',
        framework: 'tt02-2025',
        questions: shipped.questions,
        contentHash: shipped.content_hash,
      };
      expect(await importPlacementTests(db, [same])).toBe(0);
      expect(await importPlacementTests(db, [{ ...same, questions: [], contentHash: 'changed' }])).toBe(1);
      expect(await placementTest(db, 'citizens')).toMatchObject({ questions: [], content_hash: 'changed' });
      expect(await placementTest(db, 'nobody')).toBeUndefined();
      expect((await placementGroups(db)).map((g) => g.code)).toEqual([
        'students',
        'citizens',
        'public-servants',
        'enterprise-workers',
      ]);
    }));

  it('one open attempt per learner; find and lock only the learner’s own; discard only an open one', () =>
    rolledBack(db, async (db) => {
      const userId = await seedUser(db);
      const other = await seedUser(db);
      const row = (await startFor(db, userId))!;
      expect(row).toMatchObject({
        user_id: userId,
        target_group: 'citizens',
        submitted_at: null,
        retake_at: null,
        layout,
      });
      expect(await startFor(db, userId)).toBeUndefined();
      expect((await openPlacementAttempt(db, userId, HOURS))!.id).toBe(row.id);
      expect((await findPlacementAttempt(db, row.id, userId, HOURS))!.id).toBe(row.id);
      expect(await findPlacementAttempt(db, row.id, other, HOURS)).toBeUndefined();
      expect((await lockPlacementAttempt(db, row.id, userId, HOURS))!.id).toBe(row.id);
      expect(await lockPlacementAttempt(db, row.id, other, HOURS)).toBeUndefined();
      expect(await discardOpenPlacementAttempt(db, row.id)).toBe(1);
      expect(await openPlacementAttempt(db, userId, HOURS)).toBeUndefined();
    }));

  it('savePlacementSubmission once; latestPlacement says when the retake opens, by the database clock', () =>
    rolledBack(db, async (db) => {
      const userId = await seedUser(db);
      const row = (await startFor(db, userId))!;
      const submission = {
        attemptId: row.id,
        answers: { q1: 'true' },
        itemResults: [{ id: 'q1', competency: 'tt02-2025:1.2', correct: true }],
        mastered: ['tt02-2025:1.2'],
      };
      expect(await savePlacementSubmission(db, submission)).toBe(1);
      expect(await savePlacementSubmission(db, { ...submission, mastered: [] })).toBe(0);
      expect(await discardOpenPlacementAttempt(db, row.id)).toBe(0);
      const latest = (await latestPlacement(db, userId, HOURS))!;
      expect(latest).toMatchObject({ id: row.id, mastered: ['tt02-2025:1.2'], retake_open: false });
      expect(latest.retake_at!.getTime() - latest.submitted_at!.getTime()).toBe(HOURS * 3_600_000);
      await execute(
        db,
        `UPDATE placement_attempts SET submitted_at = now() - interval '25 hours' WHERE id = $1`,
        [row.id],
      );
      expect((await latestPlacement(db, userId, HOURS))!.retake_open).toBe(true);
      expect(await openPlacementAttempt(db, userId, HOURS)).toBeUndefined();
      expect(await startFor(db, userId)).toBeDefined();
    }));

  it('pathCourses: the group’s published courses with their competencies and the learner’s enrolment state', () =>
    rolledBack(db, async (db) => {
      const userId = await seedUser(db);
      await execute(
        db,
        `INSERT INTO enrolments (user_id, course_id, status) VALUES ($1, 'online-scams', 'active')`,
        [userId],
      );
      await execute(
        db,
        `INSERT INTO enrolments (user_id, course_id, status, completed_at) VALUES ($1, 'online-health', 'completed', now())`,
        [userId],
      );
      const rows = await pathCourses(db, userId, 'citizens');
      const byId = new Map(rows.map((r) => [r.course_id, r]));
      expect(byId.get('online-scams')).toMatchObject({ enrolled: true, completed: false });
      expect(byId.get('online-health')).toMatchObject({ enrolled: true, completed: true });
      expect(byId.get('smartphone-basics')).toMatchObject({ enrolled: false, completed: false });
      expect(byId.get('online-scams')!.competencies).toContainEqual({
        framework: 'tt02-2025',
        code: '4.2',
        level: 1,
      });
      expect(byId.has('digital-office-work')).toBe(false); // public servants only
      expect(byId.get('smartphone-basics')).toMatchObject({ sub_groups: ['older-adults'], in_group: true });
      expect(byId.get('online-scams')).toMatchObject({ sub_groups: [], in_group: true });
      // a course of another group joins only when it is made for one of the sub-groups asked for
      const workers = await pathCourses(db, userId, 'enterprise-workers', ['older-adults']);
      const workerById = new Map(workers.map((r) => [r.course_id, r]));
      expect(workerById.get('smartphone-basics')).toMatchObject({ in_group: false });
      expect(workerById.get('digital-tools-for-production')).toMatchObject({ in_group: true });
      expect(workerById.has('online-public-services')).toBe(false); // citizens and public servants, no sub-group
      expect((await pathCourses(db, userId, 'enterprise-workers')).every((r) => r.in_group)).toBe(true);
      const order = await frameworkCompetencyOrder(db, 'tt02-2025');
      expect(order[0]!.code).toBe('1.1');
      expect(order.map((c) => c.code)).toContain('6.3');
    }));
});
