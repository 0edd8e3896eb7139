// reports.queries against the run's real Postgres, on rows each test seeds (rolled back).
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  claimReport,
  dueReports,
  execute,
  factTallies,
  failReport,
  finishReport,
  insertReport,
  type NewReport,
  organisationAncestry,
  organisationSubtree,
  organisationsWithSubtrees,
  type Queryable,
  recordCoverageFacts,
  registeredTallies,
  reportById,
  reportChildOrganisations,
  reportChildUnits,
  reportRevisions,
  reportsIn,
  selectOne,
  setReportProgress,
  submitReport,
} from '../src';
import { type Places, rolledBack, seedPlaces, seedProfile, seedUser } from './support/people-and-places';

const newReport = (places: Places, over: Partial<NewReport> = {}): NewReport => ({
  planId: 'plan',
  plan: { id: 'plan', title: { vi: 'Kế hoạch' }, indicators: [] },
  placeKind: 'unit',
  placeId: places.province.id,
  periodCode: '2026-Q3',
  unitPath: places.province.path,
  organisationId: null,
  placeName: `Tỉnh ${places.tag}`,
  periodKind: 'quarter',
  periodStart: '2026-07-01',
  periodEnd: '2026-09-30',
  cutOff: new Date('2026-09-30T17:00:00Z'),
  revision: 1,
  requestedBy: null,
  supersedes: null,
  correctionReason: null,
  ...over,
});

/** Runs `work` in a savepoint so that an expected failure does not abort the test's transaction. */
async function refused(tx: Queryable, work: () => Promise<unknown>): Promise<string> {
  await execute(tx, 'SAVEPOINT refused');
  try {
    await work();
    return 'accepted';
  } catch (e) {
    return (e as Error).message;
  } finally {
    await execute(tx, 'ROLLBACK TO SAVEPOINT refused');
  }
}

describe('coverage reports', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(() => db.destroy());

  it('claims with a lease, lets only the current claim finish, and freezes the figures', async () => {
    await rolledBack(db, async (tx) => {
      const places = await seedPlaces(tx);
      const id = (await insertReport(tx, newReport(places)))!;
      // One queued or generating report per (plan, place, period).
      expect(await insertReport(tx, newReport(places, { revision: 2 }))).toBeUndefined();
      expect(await claimReport(tx, id, 120)).toEqual({ attempt: 1 });
      expect(await claimReport(tx, id, 120)).toBeUndefined();
      expect(await setReportProgress(tx, id, 1, 40)).toBe(true);
      await execute(tx, `UPDATE coverage_reports SET started_at = now() - interval '1 hour' WHERE id = $1`, [
        id,
      ]);
      expect((await dueReports(tx, 0, 120)).map((r) => r.id)).toContain(id);
      expect(await claimReport(tx, id, 120)).toEqual({ attempt: 2 });
      expect(await setReportProgress(tx, id, 1, 50)).toBe(false);
      expect(await finishReport(tx, id, 1, { a: 1 }, 'a'.repeat(64))).toBe(false);
      expect(await failReport(tx, id, 1, 'X')).toBe(false);
      expect(await finishReport(tx, id, 2, { a: 2 }, 'b'.repeat(64))).toBe(true);
      const row = (await reportById(tx, id))!;
      expect(row).toMatchObject({ status: 'ready', progress: 100, checksum: 'b'.repeat(64), attempts: 2 });
      expect(row.place_level).toBe('province');
      expect(
        await refused(tx, () => execute(tx, `UPDATE coverage_reports SET data = '{}' WHERE id = $1`, [id])),
      ).toMatch(/frozen/);
      expect(
        await refused(tx, () =>
          execute(tx, `UPDATE coverage_reports SET status = 'failed' WHERE id = $1`, [id]),
        ),
      ).toMatch(/frozen/);
      expect(await submitReport(tx, id, await seedUser(tx))).toBe(true);
      expect(await submitReport(tx, id, await seedUser(tx))).toBe(false);
      // A correction is a new revision that names the one it supersedes.
      const fix = await insertReport(
        tx,
        newReport(places, { revision: 2, supersedes: 1, correctionReason: 'Sửa' }),
      );
      expect(fix).toBeDefined();
      expect(
        (
          await reportRevisions(tx, {
            planId: 'plan',
            placeKind: 'unit',
            placeId: places.province.id,
            periodCode: '2026-Q3',
          })
        ).map((r) => r.revision),
      ).toEqual([1, 2]);
      expect((await reportById(tx, id))!.superseded_by).toBe(2);
      expect(
        await refused(tx, () =>
          insertReport(tx, newReport(places, { revision: 3, supersedes: 1, correctionReason: null })),
        ),
      ).toMatch(/CHK_coverage_reports_correction|violates/);
    });
  });

  it('walks an agency’s sub-organisations: the subtree with each one’s branch, children, ancestry', async () => {
    await rolledBack(db, async (tx) => {
      const places = await seedPlaces(tx);
      const add = async (code: string, parentId: string | null) =>
        (await selectOne<{ id: string }>(
          tx,
          `INSERT INTO organisations (code, name, kind, unit_id, parent_id) VALUES ($1, $2, 'state_agency', $3, $4) RETURNING id`,
          [`${code}-${places.tag}`, `Đơn vị ${code}`, places.commune.id, parentId],
        ))!.id;
      const agency = places.organisation.id;
      const u1 = await add('U1', agency);
      const u2 = await add('U2', agency);
      const team = await add('T1', u1);
      const other = await add('OT', null);

      const subtree = await organisationSubtree(tx, agency);
      expect(new Map(subtree.map((r) => [r.id, r.branch_id]))).toEqual(
        new Map([
          [agency, null],
          [u1, u1],
          [u2, u2],
          [team, u1],
        ]),
      );
      expect((await organisationSubtree(tx, u1)).map((r) => r.id).sort()).toEqual([u1, team].sort());
      expect(await organisationSubtree(tx, '00000000-0000-4000-8000-000000000000')).toEqual([]);
      expect((await reportChildOrganisations(tx, agency)).map((r) => r.name)).toEqual([
        'Đơn vị U1',
        'Đơn vị U2',
      ]);
      expect((await organisationsWithSubtrees(tx, [u1, other])).sort()).toEqual([u1, team, other].sort());
      expect(await organisationsWithSubtrees(tx, [])).toEqual([]);
      expect(await organisationAncestry(tx, team)).toEqual([team, u1, agency]);
      expect(await organisationAncestry(tx, agency)).toEqual([agency]);

      // The worker counts the subtree's facts when given its ids.
      const inTeam = await seedUser(tx);
      await seedProfile(tx, inTeam, {
        unitId: places.commune.id,
        unitPath: places.commune.path,
        organisationId: team,
        targetGroups: ['public-servants'],
      });
      await recordCoverageFacts(tx, { userId: inTeam, measure: 'trained', source: 'system' });
      const ids = subtree.map((r) => r.id);
      const tallies = await factTallies(tx, { organisationIds: ids }, new Date(Date.now() + 60_000));
      expect(tallies.filter((t) => t.target_group === 'public-servants')).toEqual([
        expect.objectContaining({ organisation_id: team, measure: 'trained', n: 1 }),
      ]);
      expect(await factTallies(tx, { organisationIds: [u2] }, new Date(Date.now() + 60_000))).toEqual([]);
    });
  });

  it('lists by scope: a unit subtree, not its neighbours', async () => {
    await rolledBack(db, async (tx) => {
      const a = await seedPlaces(tx);
      const b = await seedPlaces(tx);
      const ida = (await insertReport(tx, newReport(a)))!;
      const idb = (await insertReport(tx, newReport(b)))!;
      const seen = await reportsIn(tx, { global: false, unitPaths: [a.province.path], organisationIds: [] });
      expect(seen.map((r) => r.id)).toEqual([ida]);
      const all = await reportsIn(
        tx,
        { global: true, unitPaths: [], organisationIds: [] },
        { status: 'queued' },
      );
      expect(all.map((r) => r.id)).toEqual(expect.arrayContaining([ida, idb]));
    });
  });

  it('counts facts before the cut-off only, and registrations live, by place and sub-groups', async () => {
    await rolledBack(db, async (tx) => {
      const places = await seedPlaces(tx);
      const users = [await seedUser(tx), await seedUser(tx)];
      for (const u of users)
        await seedProfile(tx, u, {
          unitId: places.commune.id,
          unitPath: places.commune.path,
          organisationId: places.organisation.id,
          targetGroups: ['public-servants'],
        });
      for (const u of users)
        await recordCoverageFacts(tx, { userId: u, measure: 'trained', source: 'system' });
      await execute(tx, `UPDATE coverage_facts SET achieved_at = '2026-09-30T16:59:59Z' WHERE user_id = $1`, [
        users[0],
      ]);
      await execute(tx, `UPDATE coverage_facts SET achieved_at = '2026-09-30T17:00:00Z' WHERE user_id = $1`, [
        users[1],
      ]);
      const facts = await factTallies(
        tx,
        { unitPath: places.province.path },
        new Date('2026-09-30T17:00:00Z'),
      );
      expect(facts).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            unit_path: places.commune.path,
            target_group: 'public-servants',
            measure: 'trained',
            n: 1,
            sub_groups: ['org:state_agency'],
          }),
          expect.objectContaining({ target_group: '*', n: 1 }),
        ]),
      );
      expect(facts.reduce((s, f) => s + f.n, 0)).toBe(2);
      const byOrg = await factTallies(
        tx,
        { organisationIds: [places.organisation.id] },
        new Date('2027-01-01'),
      );
      expect(byOrg.reduce((s, f) => s + f.n, 0)).toBe(4);
      const reg = await registeredTallies(tx, { unitPath: places.province.path });
      expect(reg).toEqual([
        expect.objectContaining({
          n: 2,
          organisation_kind: 'state_agency',
          target_groups: ['public-servants'],
        }),
      ]);
      expect((await reportChildUnits(tx, places.province.id, '2026-09-30')).map((c) => c.id)).toEqual([
        places.commune.id,
      ]);
      expect(await reportChildUnits(tx, places.province.id, '2025-06-30')).toEqual([]);
    });
  });
});
