// universalisation.queries against the run's real Postgres, on rows each test seeds (rolled back).
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  allCompetencyMappings,
  confirmationsForExport,
  currentUniversalisationRules,
  dueUniversalisationChecks,
  execute,
  finishUniversalisationCheck,
  importUniversalisationRules,
  insertUniversalisationConfirmation,
  lockPendingUniversalisationCheck,
  requestUniversalisationCheck,
  universalisationChecksOf,
  universalisationConfirmationsOf,
  universalisationEvidenceOf,
  unitPathAndCode,
} from '../src';
import { rolledBack, seedPlaces, seedProfile, seedUser } from './support/people-and-places';

const everywhere = { global: true, unitPaths: [], organisationIds: [] };

describe('universalisation queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(() => db.destroy());

  it('imports a rule version once and makes the newest current', async () => {
    const r = await rolledBack(db, async (tx) => {
      const before = await currentUniversalisationRules(tx);
      const rules = { id: 'x', name: { vi: 'X' }, source: {}, mappingRelations: ['equivalent'], groups: [] };
      const first = await importUniversalisationRules(tx, { rules, contentHash: 'a'.repeat(64) });
      const again = await importUniversalisationRules(tx, { rules, contentHash: 'a'.repeat(64) });
      const current = await currentUniversalisationRules(tx);
      // going back to the shipped version makes it current again
      const back = await importUniversalisationRules(tx, {
        rules: before!.rules,
        contentHash: before!.version,
      });
      return { before, first, again, current, after: await currentUniversalisationRules(tx), back };
    });
    expect(r.before?.version).toMatch(/^[0-9a-f]{64}$/);
    expect([r.first, r.again, r.back]).toEqual([true, false, true]);
    expect(r.current?.version).toBe('a'.repeat(64));
    expect(r.after?.version).toBe(r.before?.version);
  });

  it('keeps one pending check per person, and a finished one lets the next open', async () => {
    const r = await rolledBack(db, async (tx) => {
      const userId = await seedUser(tx);
      const a = await requestUniversalisationCheck(tx, userId, 'course:a');
      const b = await requestUniversalisationCheck(tx, userId, 'course:b');
      const locked = await lockPendingUniversalisationCheck(tx, a);
      await finishUniversalisationCheck(tx, a, 'not-satisfied');
      const c = await requestUniversalisationCheck(tx, userId, 'course:c');
      await execute(
        tx,
        `UPDATE universalisation_checks SET created_at = now() - interval '1 hour' WHERE id = $1`,
        [c],
      );
      const due = await dueUniversalisationChecks(tx, 60, 10_000);
      return { a, b, c, locked, checks: await universalisationChecksOf(tx, userId), due };
    });
    expect(r.b).toBe(r.a);
    expect(r.c).not.toBe(r.a);
    expect(r.locked).toMatchObject({ id: r.a, reason: 'course:a' });
    // newest first; c was backdated an hour for the sweep
    expect(r.checks.map((x) => [x.reason, x.outcome])).toEqual([
      ['course:a', 'not-satisfied'],
      ['course:c', null],
    ]);
    expect(r.due.map((d) => d.id)).toContain(r.c);
    expect(r.due.map((d) => d.id)).not.toContain(r.a);
  });

  it('reads the evidence: completed courses with their competencies and levels, passed quizzes', async () => {
    const evidence = await rolledBack(db, async (tx) => {
      const userId = await seedUser(tx);
      await execute(
        tx,
        `INSERT INTO enrolments (user_id, course_id, status, completed_at) VALUES ($1, 'online-scams', 'completed', now()),
                ($1, 'smartphone-basics', 'active', NULL)`,
        [userId],
      );
      await execute(
        tx,
        `INSERT INTO lesson_progress (user_id, lesson_revision_id, status, completed_at, passed)
         SELECT $1, lr.id, 'completed', now(), true FROM courses c
           JOIN course_version_lessons vl ON vl.course_version_id = c.current_version_id
           JOIN lesson_revisions lr ON lr.id = vl.lesson_revision_id AND lr.kind = 'quiz'
          WHERE c.id = 'smartphone-basics'`,
        [userId],
      );
      return universalisationEvidenceOf(tx, userId);
    });
    const course = evidence.find((e) => e.kind === 'course')!;
    expect(course.courseId).toBe('online-scams');
    expect(course.competencies).toEqual(
      expect.arrayContaining([{ framework: 'tt02-2025', code: '4.2', level: 1 }]),
    );
    const quiz = evidence.find((e) => e.kind === 'assessment')!;
    expect(quiz).toMatchObject({ courseId: 'smartphone-basics', lessonId: expect.any(String) });
    expect(evidence.some((e) => e.kind === 'course' && e.courseId === 'smartphone-basics')).toBe(false);
  });

  it('lists every mapping', async () => {
    const mappings = await allCompetencyMappings(db);
    expect(mappings).toContainEqual({
      fromFramework: 'qd757-v1',
      fromCode: '4.2',
      toFramework: 'tt02-2025',
      toCode: '4.2',
      relation: 'related',
    });
  });

  it('writes a confirmation once with the place of the moment, and exports it by date and scope', async () => {
    const r = await rolledBack(db, async (tx) => {
      const places = await seedPlaces(tx);
      const userId = await seedUser(tx);
      await seedProfile(tx, userId, { unitId: places.commune.id, unitPath: places.commune.path });
      const version = (await currentUniversalisationRules(tx))!.version;
      const input = {
        userId,
        targetGroup: 'citizens' as const,
        ruleVersion: version,
        evidence: { covered: [] },
        checkId: null,
      };
      const first = await insertUniversalisationConfirmation(tx, input);
      const second = await insertUniversalisationConfirmation(tx, input);
      const today = (await universalisationConfirmationsOf(tx, userId))[0]!.confirmed_on;
      const q = { from: today, to: today, limit: 10 };
      return {
        first,
        second,
        rows: await universalisationConfirmationsOf(tx, userId),
        inCommune: await confirmationsForExport(tx, {
          ...q,
          scope: everywhere,
          unitPath: places.commune.path,
        }),
        inProvince: await confirmationsForExport(tx, {
          ...q,
          scope: { global: false, unitPaths: [places.province.path], organisationIds: [] },
        }),
        elsewhere: await confirmationsForExport(tx, {
          ...q,
          scope: { global: false, unitPaths: ['/NOWHERE/'], organisationIds: [] },
        }),
        yesterday: await confirmationsForExport(tx, {
          ...q,
          from: '2020-01-01',
          to: '2020-01-02',
          scope: everywhere,
        }),
        unit: await unitPathAndCode(tx, places.commune.id),
        places,
      };
    });
    expect(r.first).toEqual(expect.any(String));
    expect(r.second).toBeUndefined();
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({ unit_path: r.places.commune.path, target_group: 'citizens' });
    expect(r.inCommune.map((x) => x.id)).toEqual([r.first]);
    expect(r.inCommune[0]).toMatchObject({
      unit_code: `C${r.places.tag}`,
      vneid_subject: null,
      pseudonym: expect.any(String),
    });
    expect(r.inProvince.map((x) => x.id)).toEqual([r.first]);
    expect(r.elsewhere).toEqual([]);
    expect(r.yesterday.filter((x) => x.id === r.first)).toEqual([]);
    expect(r.unit).toEqual({ path: r.places.commune.path, code: `C${r.places.tag}` });
  });
});
