// coverage-read.queries against the run's real Postgres, on rows each test seeds (rolled back).
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  ALL_PLACES_ID,
  coverageMonthCounts,
  coverageNumerators,
  coverageOrganisationChain,
  coverageOrganisationChildren,
  coverageOrganisationsInUnit,
  coverageRegistered,
  coverageUnit,
  coverageUnitChildren,
  coverageUnitsByPaths,
  execute,
  type Queryable,
  selectOne,
} from '../src';
import { rolledBack, seedPlaces, tag } from './support/people-and-places';

const unit = async (
  db: Queryable,
  code: string,
  level: string,
  parent: { id: string; path: string } | null,
  validFrom = '2025-07-01',
  validTo: string | null = null,
  name = `Đơn vị ${code}`,
) =>
  (await selectOne<{ id: string; path: string }>(
    db,
    `INSERT INTO administrative_units (code, level, name, parent_id, path, valid_from, valid_to)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, path`,
    [code, level, name, parent?.id ?? null, `${parent?.path ?? '/'}${code}/`, validFrom, validTo],
  ))!;

const organisation = async (db: Queryable, code: string, unitId: string, parentId: string | null = null) =>
  (await selectOne<{ id: string }>(
    db,
    `INSERT INTO organisations (code, name, kind, unit_id, parent_id) VALUES ($1, $2, 'state_agency', $3, $4) RETURNING id`,
    [code, `Cơ quan ${code}`, unitId, parentId],
  ))!.id;

const rollup = (
  db: Queryable,
  kind: string,
  id: string,
  group: string,
  sub: string,
  measure: string,
  month: string,
  count: number,
) =>
  execute(
    db,
    `INSERT INTO coverage_rollups (place_kind, place_id, target_group, sub_group, measure, month, count)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [kind, id, group, sub, measure, month, count],
  );

describe('coverage read queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(() => db.destroy());

  it('finds units, their children valid on a date, and one version per path', async () => {
    const r = await rolledBack(db, async (tx) => {
      const places = await seedPlaces(tx);
      const t = places.tag;
      const v1 = await unit(tx, `V1${t}`, 'village', places.commune, '2025-07-01', null, 'Bản Nà');
      await unit(tx, `V2${t}`, 'village', places.commune, '2025-07-01', '2025-09-01', 'Bản Cũ');
      await unit(tx, `V3${t}`, 'village', places.commune, '2025-07-01', null, 'Bản Ải');
      // a second version of the same path, from 2026
      await unit(tx, `C${t}`, 'commune', places.province, '2026-01-01', null, 'Xã mới');
      return {
        places,
        children: await coverageUnitChildren(tx, places.commune.id, '2025-10-01'),
        before: await coverageUnitChildren(tx, places.commune.id, '2025-08-01'),
        one: await coverageUnit(tx, v1.id),
        none: await coverageUnit(tx, '00000000-0000-4000-8000-000000000000'),
        trail2025: await coverageUnitsByPaths(tx, [places.province.path, places.commune.path], '2025-10-01'),
        trail2026: await coverageUnitsByPaths(tx, [places.commune.path], '2026-02-01'),
        provinces: await coverageUnitChildren(tx, null, '2025-10-01'),
      };
    });
    expect(r.children.map((c) => c.name).sort()).toEqual(['Bản Nà', 'Bản Ải']);
    expect(r.before.map((c) => c.name).sort()).toEqual(['Bản Cũ', 'Bản Nà', 'Bản Ải']);
    expect(r.one).toMatchObject({ level: 'village', parent_id: r.places.commune.id, name: 'Bản Nà' });
    expect(r.none).toBeUndefined();
    expect(r.trail2025.map((u) => u.id)).toEqual([r.places.province.id, r.places.commune.id]);
    expect(r.trail2026).toEqual([expect.objectContaining({ name: 'Xã mới' })]);
    expect(r.provinces.map((p) => p.id)).toContain(r.places.province.id);
    expect(r.provinces.every((p) => p.parent_id === null)).toBe(true);
  });

  it('walks an organisation up to the top and lists its sub-units and a unit’s top organisations', async () => {
    const r = await rolledBack(db, async (tx) => {
      const places = await seedPlaces(tx);
      const t = tag();
      const top = places.organisation.id;
      const mid = await organisation(tx, `MID-${t}`, places.commune.id, top);
      const low = await organisation(tx, `LOW-${t}`, places.province.id, mid);
      return {
        places,
        mid,
        low,
        chain: await coverageOrganisationChain(tx, low),
        unknown: await coverageOrganisationChain(tx, '00000000-0000-4000-8000-000000000000'),
        children: await coverageOrganisationChildren(tx, top),
        inCommune: await coverageOrganisationsInUnit(tx, places.commune.id),
      };
    });
    expect(r.chain.map((o) => o.id)).toEqual([r.places.organisation.id, r.mid, r.low]);
    expect(r.chain[2]).toMatchObject({ unit_path: r.places.province.path, parent_id: r.mid });
    expect(r.unknown).toEqual([]);
    expect(r.children.map((o) => o.id)).toEqual([r.mid]);
    // only top organisations: the sub-unit sitting in the commune is listed under its parent instead
    expect(r.inCommune.map((o) => o.id)).toEqual([r.places.organisation.id]);
  });

  it('sums the monthly rollups up to a month, for the places and keys asked only', async () => {
    const r = await rolledBack(db, async (tx) => {
      const places = await seedPlaces(tx);
      const p = places.province.id;
      const c = places.commune.id;
      await rollup(tx, 'unit', p, 'citizens', '', 'trained', '2025-08-01', 3);
      await rollup(tx, 'unit', p, 'citizens', '', 'trained', '2025-10-01', 4);
      await rollup(tx, 'unit', p, 'citizens', '', 'trained', '2025-11-01', 100); // after the month asked
      await rollup(tx, 'unit', p, 'citizens', 'age:16+', 'trained', '2025-10-01', 2);
      await rollup(tx, 'unit', p, 'citizens', '', 'universalised', '2025-10-01', 50); // measure not asked
      await rollup(tx, 'unit', c, 'citizens', '', 'trained', '2025-09-01', 1);
      await rollup(tx, 'organisation', c, 'citizens', '', 'trained', '2025-09-01', 9); // same id, other kind
      await rollup(tx, 'all', ALL_PLACES_ID, 'citizens', '', 'trained', '2025-09-01', 7);
      const rows = await coverageNumerators(
        tx,
        [
          { kind: 'unit', id: p },
          { kind: 'unit', id: c },
          { kind: 'all', id: ALL_PLACES_ID },
        ],
        { groups: ['citizens'], subGroups: ['', 'age:16+'], measures: ['trained'] },
        '2025-10-01',
      );
      const months = await coverageMonthCounts(
        tx,
        { kind: 'unit', id: p },
        { group: 'citizens', subGroup: '', measure: 'trained' },
        '2025-10-01',
      );
      return { rows, months, p, c };
    });
    const get = (kind: string, id: string, sub: string) =>
      r.rows.find((x) => x.place_kind === kind && x.place_id === id && x.sub_group === sub)?.count;
    expect(r.rows).toHaveLength(4);
    expect(get('unit', r.p, '')).toBe(7);
    expect(get('unit', r.p, 'age:16+')).toBe(2);
    expect(get('unit', r.c, '')).toBe(1);
    expect(get('all', ALL_PLACES_ID, '')).toBeGreaterThanOrEqual(7);
    expect(r.months).toEqual([
      { month: '2025-08', count: 3 },
      { month: '2025-10', count: 4 },
    ]);
    expect(
      await coverageNumerators(db, [], { groups: [], subGroups: [], measures: [] }, '2025-10-01'),
    ).toEqual([]);
  });

  it('reads the live registered counts of the places and keys asked', async () => {
    const r = await rolledBack(db, async (tx) => {
      const places = await seedPlaces(tx);
      const put = (kind: string, id: string, group: string, sub: string, count: number) =>
        execute(
          tx,
          `INSERT INTO coverage_registered (place_kind, place_id, target_group, sub_group, count) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (place_kind, place_id, target_group, sub_group) DO UPDATE SET count = EXCLUDED.count`,
          [kind, id, group, sub, count],
        );
      await put('unit', places.commune.id, 'citizens', '', 12);
      await put('unit', places.commune.id, '*', '', 15);
      await put('unit', places.commune.id, 'students', '', 3);
      await put('organisation', places.organisation.id, 'citizens', '', 5);
      return {
        places,
        rows: await coverageRegistered(tx, [{ kind: 'unit', id: places.commune.id }], {
          groups: ['citizens', '*'],
          subGroups: [''],
        }),
      };
    });
    expect(r.rows.map((x) => [x.target_group, x.count]).sort()).toEqual([
      ['*', 15],
      ['citizens', 12],
    ]);
  });
});
