// coverage-rollups.queries against the run's real Postgres, on rows each test seeds (rolled back).
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource, EntityManager } from 'typeorm';
import {
  ALL_PLACES_ID,
  execute,
  foldPendingFacts,
  foldRegistrationDeltas,
  lastFoldAt,
  markFolded,
  recordCoverageFacts,
  selectRows,
} from '../src';
import { rolledBack, seedPlaces, seedProfile, seedUser } from './support/people-and-places';

type Row = { place_kind: string; place_id: string; target_group: string; sub_group: string; count: number };

const rollups = (tx: EntityManager, placeIds: string[], measure: string) =>
  selectRows<Row & { month: string }>(
    tx,
    `SELECT place_kind, place_id, target_group, sub_group, to_char(month, 'YYYY-MM') AS month, count::int AS count
       FROM coverage_rollups WHERE place_id = ANY ($1::uuid[]) AND measure = $2
      ORDER BY place_kind, target_group, sub_group`,
    [placeIds, measure],
  );
const registered = (tx: EntityManager, placeIds: string[]) =>
  selectRows<Row>(
    tx,
    `SELECT place_kind, place_id, target_group, sub_group, count::int AS count FROM coverage_registered
      WHERE place_id = ANY ($1::uuid[]) ORDER BY place_kind, target_group, sub_group`,
    [placeIds],
  );
/** Folds everything pending (the run database may hold other suites' pending rows: they are folded too). */
const foldAll = async (tx: EntityManager) => {
  while ((await foldPendingFacts(tx, 500)) > 0);
  while ((await foldRegistrationDeltas(tx, 500)) > 0);
  await markFolded(tx);
};

describe('coverage-rollups.queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(() => db.destroy());

  it('counts a fact in every unit up its path, its organisation, and all, per sub-group, in its Vietnam month', async () => {
    const out = await rolledBack(db, async (tx) => {
      const places = await seedPlaces(tx);
      const villagePath = `${places.commune.path}V${places.tag}/`;
      const village = (
        await selectRows<{ id: string }>(
          tx,
          `INSERT INTO administrative_units (code, level, name, parent_id, path, valid_from)
           VALUES ($1, 'village', 'Thôn thử', $2, $3, '2025-07-01') RETURNING id`,
          [`V${places.tag}`, places.commune.id, villagePath],
        )
      )[0]!.id;
      const userId = await seedUser(tx);
      await seedProfile(tx, userId, {
        unitId: village,
        unitPath: villagePath,
        organisationId: places.organisation.id,
        targetGroups: ['public-servants'],
      });
      await recordCoverageFacts(tx, { userId, measure: 'trained', source: 'system' });
      // 23:30 on 31 October in Vietnam is still October there (16:30 UTC).
      await execute(tx, `UPDATE coverage_facts SET achieved_at = '2025-10-31T16:30:00Z' WHERE user_id = $1`, [
        userId,
      ]);
      await foldAll(tx);
      const ids = [village, places.commune.id, places.province.id, places.organisation.id];
      return {
        rows: await rollups(tx, ids, 'trained'),
        reg: await registered(tx, ids),
        again: await foldPendingFacts(tx, 500),
        at: await lastFoldAt(tx),
      };
    });
    // 4 places × 2 groups (public-servants, *) × 2 sub-groups ('' and org:state_agency).
    expect(out.rows).toHaveLength(16);
    for (const r of out.rows) expect([r.month, r.count]).toEqual(['2025-10', 1]);
    expect(new Set(out.rows.map((r) => r.sub_group))).toEqual(new Set(['', 'org:state_agency']));
    expect(out.reg.filter((r) => r.sub_group === '' && r.target_group === '*').map((r) => r.count)).toEqual([
      1, 1, 1, 1,
    ]);
    expect(out.again).toBe(0);
    expect(out.at).toBeInstanceOf(Date);
  });

  it('moves a registration with the person, while a fact stays where it was counted', async () => {
    const out = await rolledBack(db, async (tx) => {
      const a = await seedPlaces(tx);
      const b = await seedPlaces(tx);
      const userId = await seedUser(tx);
      await seedProfile(tx, userId, {
        unitId: a.commune.id,
        unitPath: a.commune.path,
        targetGroups: ['citizens'],
      });
      await recordCoverageFacts(tx, { userId, measure: 'vneid_level2', source: 'self' });
      await foldAll(tx);
      await execute(tx, `UPDATE learner_profiles SET unit_id = $2, unit_path = $3 WHERE user_id = $1`, [
        userId,
        b.commune.id,
        b.commune.path,
      ]);
      // A change nothing is counted by (an accessibility choice) adds no delta.
      await execute(
        tx,
        `UPDATE learner_profiles SET accessibility = '{"largeText":true}' WHERE user_id = $1`,
        [userId],
      );
      const deltas = await selectRows<{ n: number }>(
        tx,
        `SELECT count(*)::int AS n FROM coverage_registration_deltas`,
      );
      await foldAll(tx);
      return {
        deltas: deltas[0]!.n,
        regA: await registered(tx, [a.commune.id]),
        regB: await registered(tx, [b.commune.id]),
        factsA: await rollups(tx, [a.commune.id], 'vneid_level2'),
        factsB: await rollups(tx, [b.commune.id], 'vneid_level2'),
      };
    });
    expect(out.deltas).toBe(2);
    expect(out.regA.length).toBeGreaterThan(0);
    expect(out.regA.every((r) => r.count === 0)).toBe(true);
    expect(out.regB.find((r) => r.target_group === 'citizens' && r.sub_group === '')?.count).toBe(1);
    expect(out.factsA.find((r) => r.target_group === '*' && r.sub_group === '')?.count).toBe(1);
    expect(out.factsB).toEqual([]);
  });

  it('never counts a fact twice when three workers fold at once', async () => {
    const places = await seedPlaces(db);
    const users: string[] = [];
    for (let i = 0; i < 40; i++) {
      const userId = await seedUser(db);
      await seedProfile(db, userId, {
        unitId: places.commune.id,
        unitPath: places.commune.path,
        targetGroups: ['citizens'],
      });
      await recordCoverageFacts(db, { userId, measure: 'bank_account', source: 'self' });
      users.push(userId);
    }
    const placeIds = [places.commune.id, places.province.id, places.organisation.id];
    try {
      const fold = () =>
        db.transaction(async (tx) => {
          let n = 0;
          for (let k = await foldPendingFacts(tx, 7); k > 0; k = await foldPendingFacts(tx, 7)) n += k;
          return n;
        });
      const folded = await Promise.all([fold(), fold(), fold()]);
      // Other suites may have pending facts in the run database too: ours are counted exactly once.
      expect(folded.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(80);
      const rows = await rollups(db.manager, [places.commune.id], 'bank_account');
      expect(rows.find((r) => r.target_group === 'citizens' && r.sub_group === '')?.count).toBe(40);
      expect(rows.find((r) => r.target_group === '*' && r.sub_group === '')?.count).toBe(40);
      expect(ALL_PLACES_ID).toBe('00000000-0000-0000-0000-000000000000');
    } finally {
      await execute(db, `DELETE FROM coverage_facts WHERE user_id = ANY ($1::uuid[])`, [users]);
      await execute(db, `DELETE FROM learner_profiles WHERE user_id = ANY ($1::uuid[])`, [users]);
      await execute(db, `DELETE FROM coverage_rollups WHERE place_id = ANY ($1::uuid[])`, [placeIds]);
      await execute(db, `DELETE FROM coverage_registered WHERE place_id = ANY ($1::uuid[])`, [placeIds]);
      await execute(db, `DELETE FROM users WHERE id = ANY ($1::uuid[])`, [users]);
    }
  });
});
