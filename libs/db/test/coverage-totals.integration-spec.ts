// The numerators read from the running totals (coverage_totals) against a count from scratch over the facts, and
// the totals against the month rows after the rollups are written by hand (update, delete), on the run's real
// Postgres with rows each test seeds (rolled back).
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource, EntityManager } from 'typeorm';
import {
  coverageNumerators,
  execute,
  foldPendingFacts,
  type NumeratorRow,
  type RollupPlace,
  selectOne,
  selectRows,
} from '../src';
import { rolledBack, seedPlaces, seedUser } from './support/people-and-places';

const GROUPS = ['citizens', 'students', '*'];
const SUB_GROUPS = ['', 'age:16+', 'school:primary'];
const MEASURES = ['trained', 'vneid_level2'];
/** Before any fact, two months inside, the last month with facts, and one month ahead of it. */
const MONTHS = ['2025-06-01', '2025-08-01', '2025-11-01', '2026-02-01', '2026-03-01'];

const sorted = (rows: readonly NumeratorRow[]) =>
  rows
    .map(
      (r) => `${r.place_kind}|${r.place_id}|${r.target_group}|${r.sub_group}|${r.measure}|${Number(r.count)}`,
    )
    .sort();

/**
 * The numerators from scratch: facts in the unit's subtree (by path) or of the organisation, of the key, whose
 * Vietnam month is not after the one asked; a row only where at least one fact is counted.
 */
const fromScratch = (tx: EntityManager, places: readonly RollupPlace[], upToMonth: string) =>
  selectRows<NumeratorRow>(
    tx,
    `SELECT p.kind AS place_kind, p.id::text AS place_id, f.target_group, sg AS sub_group, f.measure,
            count(*)::float8 AS count
       FROM unnest($1::text[], $2::uuid[]) AS p (kind, id)
       LEFT JOIN administrative_units pu ON p.kind = 'unit' AND pu.id = p.id
       JOIN coverage_facts f ON (p.kind = 'unit' AND f.unit_path LIKE pu.path || '%')
                             OR (p.kind = 'organisation' AND f.organisation_id = p.id)
       CROSS JOIN LATERAL unnest(ARRAY[''] || f.sub_groups) AS sg
      WHERE f.target_group = ANY ($3::text[]) AND sg = ANY ($4::text[]) AND f.measure = ANY ($5::text[])
        AND date_trunc('month', f.achieved_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= $6::date
      GROUP BY 1, 2, 3, 4, 5`,
    [places.map((p) => p.kind), places.map((p) => p.id), GROUPS, SUB_GROUPS, MEASURES, upToMonth],
  );

describe('coverage totals', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(() => db.destroy());

  it('gives, once folded, exactly the numerators a count from scratch over the facts gives, at every month', async () => {
    const out = await rolledBack(db, async (tx) => {
      const places = await seedPlaces(tx);
      const villagePath = `${places.commune.path}V${places.tag}/`;
      const village = (await selectOne<{ id: string }>(
        tx,
        `INSERT INTO administrative_units (code, level, name, parent_id, path, valid_from)
         VALUES ($1, 'village', 'Bản Thử', $2, $3, '2025-07-01') RETURNING id`,
        [`V${places.tag}`, places.commune.id, villagePath],
      ))!.id;
      // 24 people: in the village, the commune itself or the province; some in the agency; facts over eight
      // Vietnam months (one at 23:30 on the last day of a month in Vietnam time, which is UTC's same day), one
      // dated in the month after the last asked-for month but one.
      for (let i = 0; i < 24; i++) {
        const user = await seedUser(tx);
        const [unitId, unitPath] =
          i % 3 === 0
            ? [village, villagePath]
            : i % 3 === 1
              ? [places.commune.id, places.commune.path]
              : [places.province.id, places.province.path];
        const organisationId = i % 4 === 0 ? places.organisation.id : null;
        const group = i % 2 === 0 ? 'citizens' : 'students';
        const subGroups = group === 'students' ? (i % 5 === 0 ? ['school:primary'] : []) : ['age:16+'];
        const month = 7 + (i % 8); // 2025-07 … 2026-02
        const achievedAt =
          i === 5
            ? '2025-10-31 23:30+07'
            : `${month > 12 ? 2026 : 2025}-${String(((month - 1) % 12) + 1).padStart(2, '0')}-1${i % 9} 10:00+07`;
        for (const measure of i % 3 === 2 ? ['trained'] : ['trained', 'vneid_level2'])
          for (const g of [group, '*'])
            await execute(
              tx,
              `INSERT INTO coverage_facts (user_id, measure, target_group, sub_groups, unit_id, unit_path, organisation_id, source, achieved_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, 'system', $8)`,
              [
                user,
                measure,
                g,
                subGroups,
                unitId,
                unitPath,
                organisationId,
                i === 7 ? '2026-03-15 09:00+07' : achievedAt,
              ],
            );
      }
      // Small batches: the totals are added to batch after batch, month rows updated and inserted in between.
      while ((await foldPendingFacts(tx, 5)) > 0);
      const rollupPlaces: RollupPlace[] = [
        { kind: 'unit', id: places.province.id },
        { kind: 'unit', id: places.commune.id },
        { kind: 'unit', id: village },
        { kind: 'organisation', id: places.organisation.id },
      ];
      const keys = { groups: GROUPS, subGroups: SUB_GROUPS, measures: MEASURES };
      const compared = [];
      for (const month of MONTHS)
        compared.push({
          month,
          totals: await coverageNumerators(tx, rollupPlaces, keys, month),
          scratch: await fromScratch(tx, rollupPlaces, month),
        });
      return { compared };
    });
    for (const { month, totals, scratch } of out.compared)
      expect({ month, rows: sorted(totals) }).toEqual({ month, rows: sorted(scratch) });
    // Not vacuous: nothing before the first fact, and the months in between see more and more.
    const count = (i: number) => out.compared[i]!.totals.reduce((a, r) => a + Number(r.count), 0);
    expect(out.compared[0]!.totals).toEqual([]);
    expect(count(1)).toBeGreaterThan(0);
    expect(count(2)).toBeGreaterThan(count(1));
    expect(count(4)).toBeGreaterThan(count(3));
  });

  it('follows the month rows when they are updated, inserted or deleted by hand (a reconcile), key by key', async () => {
    const out = await rolledBack(db, async (tx) => {
      const places = await seedPlaces(tx);
      const p = places.province.id;
      const put = (sub: string, month: string, count: number) =>
        execute(
          tx,
          `INSERT INTO coverage_rollups (place_kind, place_id, target_group, sub_group, measure, month, count)
           VALUES ('unit', $1, 'citizens', $2, 'trained', $3, $4)
           ON CONFLICT (place_kind, place_id, target_group, sub_group, measure, month) DO UPDATE SET count = excluded.count`,
          [p, sub, month, count],
        );
      await put('', '2025-08-01', 3);
      await put('', '2025-09-01', 4);
      await put('age:16+', '2025-09-01', 2);
      await put('', '2025-09-01', 10); // an update: 4 → 10
      await execute(
        tx,
        `UPDATE coverage_rollups SET sub_group = 'age:16+' WHERE place_id = $1 AND sub_group = '' AND month = '2025-08-01'`,
        [p],
      ); // a row moved to another key: 3 leaves '' for age:16+
      const read = (month: string) =>
        coverageNumerators(
          tx,
          [{ kind: 'unit', id: p }],
          { groups: ['citizens'], subGroups: ['', 'age:16+'], measures: ['trained'] },
          month,
        );
      const afterUpdates = await read('2025-12-01');
      const beforeSeptember = await read('2025-08-01');
      await execute(tx, `DELETE FROM coverage_rollups WHERE place_id = $1 AND sub_group = ''`, [p]);
      const afterDelete = await read('2025-12-01');
      const totals = await selectRows<{ sub_group: string; count: number; months: number }>(
        tx,
        `SELECT sub_group, count::int AS count, months FROM coverage_totals WHERE place_id = $1 ORDER BY sub_group`,
        [p],
      );
      return { afterUpdates, beforeSeptember, afterDelete, totals };
    });
    const bySub = (rows: readonly NumeratorRow[]) =>
      Object.fromEntries(rows.map((r) => [r.sub_group, Number(r.count)]));
    expect(bySub(out.afterUpdates)).toEqual({ '': 10, 'age:16+': 5 });
    expect(bySub(out.beforeSeptember)).toEqual({ 'age:16+': 3 });
    expect(bySub(out.afterDelete)).toEqual({ 'age:16+': 5 });
    // The whole group's total is left at zero with no month row: it is not a numerator any more.
    expect(out.totals).toEqual([
      { sub_group: '', count: 0, months: 0 },
      { sub_group: 'age:16+', count: 5, months: 2 },
    ]);
  });
});
