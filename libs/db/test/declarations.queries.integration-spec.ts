// declarations.queries against the run's real Postgres, on rows each test seeds (rolled back).
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  declarationsOf,
  inPersonLearningOf,
  insertDeclaration,
  isAfterVietnamToday,
  latestDeclarations,
  lessonInCourse,
  lockDeclarationsOf,
  publishedCourseExists,
  recordInPersonLearning,
  selectOne,
} from '../src';
import { rolledBack, seedUser } from './support/people-and-places';

describe('declarations queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(() => db.destroy());

  it('keeps the history and gives the latest of each kind', async () => {
    const r = await rolledBack(db, async (tx) => {
      const userId = await seedUser(tx);
      const helper = await seedUser(tx);
      await lockDeclarationsOf(tx, userId);
      await insertDeclaration(tx, {
        userId,
        kind: 'vneid_level2',
        value: true,
        source: 'self',
        confirmedBy: null,
      });
      await insertDeclaration(tx, {
        userId,
        kind: 'bank_account',
        value: false,
        source: 'self',
        confirmedBy: null,
      });
      await insertDeclaration(tx, {
        userId,
        kind: 'bank_account',
        value: true,
        source: 'helper',
        confirmedBy: helper,
      });
      return { latest: await latestDeclarations(tx, userId), all: await declarationsOf(tx, userId), helper };
    });
    expect(r.all).toHaveLength(3);
    expect(r.latest.map((d) => [d.kind, d.value, d.source])).toEqual([
      ['bank_account', true, 'helper'],
      ['vneid_level2', true, 'self'],
    ]);
    expect(r.latest[0]!.confirmed_by).toBe(r.helper);
    // The helper's name comes with their confirmation; the person's own declaration names nobody.
    expect(r.latest[0]!.confirmer_name).toEqual(expect.any(String));
    expect(r.latest[1]!.confirmer_name).toBeNull();
  });

  it('records in-person learning once per person, course, lesson and day', async () => {
    const r = await rolledBack(db, async (tx) => {
      const userId = await seedUser(tx);
      const helper = await seedUser(tx);
      const input = {
        userId,
        courseId: 'online-scams',
        lessonId: null,
        on: '2026-11-20',
        note: 'Nhà văn hoá',
        confirmedBy: helper,
      };
      const a = await recordInPersonLearning(tx, input);
      const b = await recordInPersonLearning(tx, { ...input, note: 'replayed' });
      const c = await recordInPersonLearning(tx, { ...input, on: '2026-11-21' });
      return { a, b, c, all: await inPersonLearningOf(tx, userId) };
    });
    expect(r.a.created).toBe(true);
    expect(r.b).toEqual({ row: r.a.row, created: false });
    expect(r.c.created).toBe(true);
    expect(r.all.map((x) => x.learned_on)).toEqual(['2026-11-20', '2026-11-21']);
  });

  it('checks courses, lessons and dates against the Vietnam clock', async () => {
    const lesson = await selectOne<{ id: string }>(
      db,
      `SELECT vl.lesson_revision_id AS id FROM courses c JOIN course_version_lessons vl ON vl.course_version_id = c.current_version_id
        WHERE c.id = 'online-scams' LIMIT 1`,
    );
    expect(await publishedCourseExists(db, 'online-scams')).toBe(true);
    expect(await publishedCourseExists(db, 'no-such-course')).toBe(false);
    expect(await lessonInCourse(db, 'online-scams', lesson!.id)).toBe(true);
    expect(await lessonInCourse(db, 'smartphone-basics', lesson!.id)).toBe(false);
    const vnToday = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const vnTomorrow = new Date(Date.now() + 31 * 3600_000).toISOString().slice(0, 10);
    expect(await isAfterVietnamToday(db, vnToday)).toBe(false);
    expect(await isAfterVietnamToday(db, vnTomorrow)).toBe(true);
  });
});
