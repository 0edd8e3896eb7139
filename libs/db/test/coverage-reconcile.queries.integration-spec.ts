// The nightly reconcile of the coverage rollups and the one fold function, on a database of their own (the run
// database holds other suites' rows, some of which they delete by hand, so its rollups may drift meanwhile).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { createFreshDatabase, type FreshDatabase } from '@hocvuso/testing';
import { AGE_BANDS, ORGANISATION_SUB_GROUP_KINDS, personSubGroups, SCHOOL_LEVELS } from '@hocvuso/domain';
import type { DataSource } from 'typeorm';
import {
  ALL_PLACES_ID,
  driftOfRuns,
  execute,
  foldCoverage,
  reconcileCoverage,
  recentReconcileRuns,
  recordCoverageFacts,
  registrationSubGroupsInSql,
  selectOne,
  selectRows,
  startManualReconcileRun,
} from '../src';
import { type Places, seedPlaces, seedProfile, seedUser } from './support/people-and-places';

const run = async (db: DataSource) => reconcileCoverage(db, await startManualReconcileRun(db));

/** The rollups as a from-scratch recount of every folded fact gives them (written here independently). */
const recount = (db: DataSource) =>
  selectRows<{ key: string; count: number }>(
    db,
    `WITH RECURSIVE src AS (
       SELECT row_number() OVER () AS k, f.* FROM coverage_facts f WHERE f.rolled_up
     ), units AS (
       SELECT s.k, au.id, au.parent_id FROM src s JOIN administrative_units au ON au.id = s.unit_id
       UNION ALL SELECT u.k, p.id, p.parent_id FROM units u JOIN administrative_units p ON p.id = u.parent_id
     ), places AS (
       SELECT k, id FROM units
       UNION ALL SELECT s.k, s.organisation_id FROM src s WHERE s.organisation_id IS NOT NULL
       UNION ALL SELECT k, '${ALL_PLACES_ID}'::uuid FROM src
     )
     SELECT concat_ws('|', p.id, s.target_group, sg, s.measure,
                      to_char(s.achieved_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM')) AS key, count(*)::int AS count
       FROM src s JOIN places p ON p.k = s.k CROSS JOIN LATERAL unnest(ARRAY[''] || s.sub_groups) AS sg
      GROUP BY 1 ORDER BY 1`,
  );
const stored = (db: DataSource) =>
  selectRows<{ key: string; count: number }>(
    db,
    `SELECT concat_ws('|', place_id, target_group, sub_group, measure, to_char(month, 'YYYY-MM')) AS key,
            count::int AS count
       FROM coverage_rollups WHERE count <> 0 ORDER BY 1`,
  );
/** Keys where the running totals the dashboards read differ from the rollups (count or number of months). */
const totalsOff = (db: DataSource) =>
  selectRows<{ key: string }>(
    db,
    `SELECT concat_ws('|', place_id, target_group, sub_group, measure) AS key
       FROM (SELECT place_kind, place_id, target_group, sub_group, measure, sum(count) AS count, count(*) AS months
               FROM coverage_rollups GROUP BY 1, 2, 3, 4, 5) r
       FULL JOIN coverage_totals t USING (place_kind, place_id, target_group, sub_group, measure)
      WHERE coalesce(r.count, 0) <> coalesce(t.count, 0) OR coalesce(r.months, 0) <> coalesce(t.months, 0)`,
  );
/** Registered accounts per place (unit ancestors, organisation, all), group and whole group, from the profiles. */
const registeredOf = (db: DataSource, placeId: string, group: string) =>
  selectOne<{ count: number }>(
    db,
    `SELECT coalesce(sum(count), 0)::int AS count FROM coverage_registered
      WHERE place_id = $1 AND target_group = $2 AND sub_group = ''`,
    [placeId, group],
  ).then((r) => r!.count);

/** `n` people in the commune (citizens; every third a public servant of the organisation), each with facts. */
async function people(
  db: DataSource,
  places: Places,
  n: number,
  measure = 'bank_account',
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const userId = await seedUser(db);
    await seedProfile(db, userId, {
      unitId: places.commune.id,
      unitPath: places.commune.path,
      organisationId: i % 3 === 0 ? places.organisation.id : null,
      targetGroups: i % 3 === 0 ? ['public-servants'] : ['citizens'],
    });
    await recordCoverageFacts(db, { userId, measure: measure as 'bank_account', source: 'self' });
    ids.push(userId);
  }
  return ids;
}

describe('coverage reconcile and fold', () => {
  let fresh: FreshDatabase;
  let db: DataSource;
  let places: Places;
  beforeAll(async () => {
    fresh = await createFreshDatabase();
    db = fresh.db;
    places = await seedPlaces(db);
    await people(db, places, 9);
    await foldCoverage(db, { batchSize: 4 });
  });
  afterAll(() => fresh.drop());

  it('the fold SQL gives every person the sub-groups libs/domain gives them (every level, kind, and age edge)', async () => {
    const today = (await selectOne<{ d: string }>(
      db,
      `SELECT to_char(now() AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS d`,
    ))!.d;
    const year = Number(today.slice(0, 4));
    const cases: { schoolLevel: string | null; organisationKind: string | null; birthYear: number | null }[] =
      [];
    for (const schoolLevel of [...SCHOOL_LEVELS, null, 'kindergarten', ''])
      for (const organisationKind of [...ORGANISATION_SUB_GROUP_KINDS, null, 'club', ''])
        for (const birthYear of [null, year - 15, year - 16, year - 17, 1900, year])
          cases.push({ schoolLevel, organisationKind, birthYear });
    const inSql = await registrationSubGroupsInSql(db, cases);
    expect(inSql).toHaveLength(cases.length);
    const inDomain = cases.map((c) =>
      personSubGroups(
        { schoolLevel: c.schoolLevel as never, organisationKind: c.organisationKind, birthYear: c.birthYear },
        today,
      ),
    );
    expect(inSql).toEqual(inDomain);
    // The cases reach every family, so agreeing is not agreeing on empty lists.
    const seen = new Set(inSql.flat());
    for (const l of SCHOOL_LEVELS) expect(seen).toContain(`school:${l}`);
    for (const k of ORGANISATION_SUB_GROUP_KINDS) expect(seen).toContain(`org:${k}`);
    expect(seen).toContain(`age:${AGE_BANDS[0]}`);
  });

  it('finds a corrupted rollup row, a missing one and a wrong registered count, writes one drift row each and repairs them; a second run finds none', async () => {
    const key = { commune: places.commune.id, province: places.province.id };
    const before = await stored(db);
    expect(before).toEqual(await recount(db));
    const rollup = (place: string, group: string) =>
      selectOne<{ count: number; month: string }>(
        db,
        `SELECT count::int AS count, to_char(month, 'YYYY-MM') AS month FROM coverage_rollups
          WHERE place_id = $1 AND target_group = $2 AND sub_group = '' AND measure = 'bank_account'`,
        [place, group],
      );
    const communeCitizens = (await rollup(key.commune, 'citizens'))!;
    expect(communeCitizens.count).toBe(6);
    expect(await registeredOf(db, key.commune, 'citizens')).toBe(6);

    await execute(
      db,
      `UPDATE coverage_rollups SET count = count + 5
        WHERE place_id = $1 AND target_group = 'citizens' AND sub_group = '' AND measure = 'bank_account'`,
      [key.commune],
    );
    await execute(
      db,
      `DELETE FROM coverage_rollups
        WHERE place_id = $1 AND target_group = 'public-servants' AND sub_group = '' AND measure = 'bank_account'`,
      [key.province],
    );
    await execute(
      db,
      `UPDATE coverage_registered SET count = 99 WHERE place_id = $1 AND target_group = 'citizens' AND sub_group = ''`,
      [key.commune],
    );
    // The running total the dashboards read, edited apart from its rollups.
    await execute(
      db,
      `UPDATE coverage_totals SET count = count + 2
        WHERE place_id = $1 AND target_group = 'citizens' AND sub_group = '' AND measure = 'bank_account'`,
      [key.commune],
    );

    const first = await run(db);
    expect(first).toMatchObject({ rollupDrift: 2, registeredDrift: 1, totalsDrift: 1, keysChecked: 5 + 5 });
    const drift = await driftOfRuns(db, [first.runId], 100);
    const month = communeCitizens.month;
    expect(
      drift.map((d) => [
        d.table_name,
        d.place_id,
        d.target_group,
        d.sub_group,
        d.measure,
        d.month,
        d.expected,
        d.found,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['coverage_rollups', key.commune, 'citizens', '', 'bank_account', month, '6', '11'],
        ['coverage_rollups', key.province, 'public-servants', '', 'bank_account', month, '3', '0'],
        ['coverage_registered', key.commune, 'citizens', '', null, null, '6', '99'],
        // After the rollup's own repair (its trigger took the +5 back out), the hand-made +2 is left.
        ['coverage_totals', key.commune, 'citizens', '', 'bank_account', null, '6', '8'],
      ]),
    );
    expect(drift).toHaveLength(4);
    for (const d of drift) expect(d.detected_at).toBeInstanceOf(Date);
    // Repaired: the table equals the recount again, and the totals their rollups.
    expect(await stored(db)).toEqual(await recount(db));
    expect(await totalsOff(db)).toEqual([]);
    expect((await rollup(key.province, 'public-servants'))!.count).toBe(3);
    expect(await registeredOf(db, key.commune, 'citizens')).toBe(6);

    const second = await run(db);
    expect(second).toMatchObject({ rollupDrift: 0, registeredDrift: 0, totalsDrift: 0 });
    expect(await driftOfRuns(db, [second.runId], 100)).toEqual([]);
    const runs = await recentReconcileRuns(db, 2);
    expect(runs[0]).toMatchObject({
      id: second.runId,
      trigger: 'manual',
      rollup_drift: 0,
      registered_drift: 0,
    });
    expect(runs[0]!.finished_at).toBeInstanceOf(Date);
    expect(runs[1]).toMatchObject({ id: first.runId, rollup_drift: 2, registered_drift: 1 });
  });

  it('a fold, new learners and a reconcile running at the same moment end with the rollups equal to a recount', async () => {
    for (let i = 0; i < 8; i++) {
      // Facts and registrations waiting to be folded, and a corrupted row for the reconcile to repair.
      await people(db, places, 5, i % 2 ? 'in_person' : 'vneid_level2');
      await execute(
        db,
        `UPDATE coverage_rollups SET count = count - 1
          WHERE place_id = $1 AND target_group = '*' AND sub_group = '' AND measure = 'bank_account'`,
        [places.commune.id],
      );
      const [, reconciled] = await Promise.all([
        foldCoverage(db, { batchSize: 3 }),
        run(db),
        people(db, places, 3, 'bank_account'),
        foldCoverage(db, { batchSize: 2 }),
      ]);
      expect(reconciled.rollupDrift).toBeGreaterThanOrEqual(1);
      await foldCoverage(db, { batchSize: 50 });
      expect(await stored(db)).toEqual(await recount(db));
      expect(await totalsOff(db)).toEqual([]);
    }
    // Nothing left to repair: every fact counted once, every registration where its profile is.
    const last = await run(db);
    expect(last).toMatchObject({ rollupDrift: 0, registeredDrift: 0, totalsDrift: 0 });
    const profiles = await selectOne<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM learner_profiles WHERE unit_id = $1`,
      [places.commune.id],
    );
    expect(await registeredOf(db, places.commune.id, '*')).toBe(profiles!.n);
    expect(await registeredOf(db, ALL_PLACES_ID, '*')).toBe(profiles!.n);
  });

  it('a fold killed with SIGKILL half-way counts nothing twice and loses nothing: the next fold ends equal to the recount', async () => {
    const cli = join(resolve(__dirname, '../../..'), 'dist/tools/cli.cjs');
    if (!existsSync(cli))
      throw new Error('dist/tools/cli.cjs is missing: run `node tools/build.mjs --only=cli`');
    // 20,000 facts waiting (inserted in bulk: 2,000 learners × 5 measures × their group and *).
    await execute(
      db,
      `WITH u AS (
         INSERT INTO users (display_name, email, language)
         SELECT 'Người ' || g, 'kill-' || g || '-' || md5(random()::text) || '@example.test', 'vi' FROM generate_series(1, 2000) g
         RETURNING id
       )
       INSERT INTO coverage_facts (user_id, measure, target_group, unit_id, unit_path, source)
       SELECT u.id, m, grp, $1, $2, 'self' FROM u
        CROSS JOIN unnest(ARRAY['trained', 'universalised', 'in_person', 'vneid_level2', 'bank_account']) AS m
        CROSS JOIN unnest(ARRAY['citizens', '*']) AS grp`,
      [places.commune.id, places.commune.path],
    );
    const url = new URL(fresh.url);
    url.searchParams.set('application_name', 'hvs-kill-fold');
    const child = spawn(process.execPath, [cli, 'coverage:fold', '1500'], {
      env: { ...process.env, DATABASE_URL: url.toString(), NODE_ENV: 'test' },
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((ok) => child.on('exit', (_c, signal) => ok(signal)));
    // Wait until the child is inside a fold batch (it holds the fold's advisory lock only inside a transaction).
    for (;;) {
      const inside = await selectOne<{ n: number }>(
        db,
        `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE l.locktype = 'advisory' AND l.granted AND a.application_name = 'hvs-kill-fold'
            AND l.objid::text::bigint = (hashtext('coverage.fold.facts')::bigint & 4294967295)`,
      );
      if (inside!.n > 0) break;
      if (child.exitCode !== null) throw new Error('the fold finished before it could be killed');
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    // Postgres rolls the killed batch back once it notices the connection is gone.
    for (;;) {
      const left = await selectOne<{ n: number }>(
        db,
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'hvs-kill-fold'`,
      );
      if (left!.n === 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    // Whatever the child committed is counted exactly: every folded fact once, none of the rest.
    expect(await stored(db)).toEqual(await recount(db));
    const pending = await selectOne<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM coverage_facts WHERE NOT rolled_up`,
    );
    expect(pending!.n).toBeGreaterThan(0);

    await foldCoverage(db, { batchSize: 5000 });
    expect(await stored(db)).toEqual(await recount(db));
    const all = await selectOne<{ n: number }>(
      db,
      `SELECT sum(count)::int AS n FROM coverage_rollups
        WHERE place_id = $1 AND target_group = 'citizens' AND sub_group = '' AND measure = 'trained'`,
      [places.commune.id],
    );
    expect(all!.n).toBe(2000);
    expect(await run(db)).toMatchObject({ rollupDrift: 0, registeredDrift: 0 });
  });
});
