// populations.queries against the run's real Postgres, on rows each test seeds (rolled back).
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { PopulationRow } from '@hocvuso/domain';
import type { DataSource, EntityManager } from 'typeorm';
import {
  applyPopulationRows,
  currentFiguresOf,
  finishPopulationImport,
  insertPopulationImport,
  organisationsByCodes,
  placeById,
  populationImportOf,
  populationImportsBy,
  populationRevisionsOf,
  populationsInForce,
  selectOne,
  unitVersionsByCodes,
} from '../src';
import { rolledBack, seedPlaces, seedUser } from './support/people-and-places';

describe('populations', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(() => db.destroy());

  const row = (over: Partial<PopulationRow> & Pick<PopulationRow, 'placeId'>): PopulationRow => ({
    line: 2,
    placeKind: 'unit',
    placeCode: 'X',
    placePath: '/X/',
    targetGroup: 'citizens',
    subGroup: '',
    period: '2025',
    source: 'Cục Thống kê',
    value: 100,
    ...over,
  });

  async function importOf(tx: EntityManager, userId: string, rows: PopulationRow[]) {
    const id = await insertPopulationImport(tx, {
      importedBy: userId,
      fileName: 'a.csv',
      format: 'csv',
      periods: ['2025'],
      sources: ['Cục Thống kê'],
      dryRun: false,
      rows: rows.length,
    });
    const applied = await applyPopulationRows(tx, id, rows);
    return { id, applied };
  }

  it('keeps revisions: a new value supersedes the current one, the same value changes nothing', async () => {
    const r = await rolledBack(db, async (tx) => {
      const places = await seedPlaces(tx);
      const userId = await seedUser(tx);
      const first = await importOf(tx, userId, [row({ placeId: places.commune.id, value: 100 })]);
      const same = await importOf(tx, userId, [row({ placeId: places.commune.id, value: 100 })]);
      const changed = await importOf(tx, userId, [row({ placeId: places.commune.id, value: 120 })]);
      const revisions = await populationRevisionsOf(tx, { kind: 'unit', id: places.commune.id });
      const current = await currentFiguresOf(tx, [{ kind: 'unit', id: places.commune.id }]);
      return { first, same, changed, revisions, current };
    });
    expect(r.first.applied.map((a) => [a.status, a.revision])).toEqual([['created', 1]]);
    expect(r.same.applied.map((a) => [a.status, a.revision])).toEqual([['unchanged', 1]]);
    expect(r.changed.applied).toEqual([
      expect.objectContaining({ status: 'revised', revision: 2, previousValue: 100 }),
    ]);
    expect(r.revisions.map((v) => [v.revision, v.value, v.superseded_by])).toEqual([
      [2, 120, null],
      [1, 100, r.changed.applied[0]!.id],
    ]);
    expect(r.current.map((c) => c.value)).toEqual([120]);
  });

  it('populationsInForce: periods begun by asOf, latest year, year before half before quarter, latest revision', async () => {
    const r = await rolledBack(db, async (tx) => {
      const places = await seedPlaces(tx);
      const userId = await seedUser(tx);
      const c = places.commune.id;
      await importOf(tx, userId, [
        row({ placeId: c, period: '2024', value: 50 }),
        row({ placeId: c, period: '2025-Q1', value: 60 }),
        row({ placeId: c, period: '2025-Q3', value: 70 }),
        row({ placeId: c, period: '2025-H1', value: 80 }),
        row({ placeId: c, period: '2026', value: 90 }),
        row({ placeId: c, period: '2025-Q2', targetGroup: 'students', value: 5 }),
        row({ placeId: c, period: '2025-Q3', targetGroup: 'students', value: 6 }),
      ]);
      const at = async (asOf: string) =>
        (await populationsInForce(tx, { places: [{ kind: 'unit', id: c }], asOf })).map((x) => [
          x.target_group,
          x.period,
          x.value,
        ]);
      const before = await at('2024-06-30');
      const early = await at('2025-02-01');
      const autumn = await at('2025-10-01');
      // The year figure arrives: it wins over the halves and quarters of its year.
      await importOf(tx, userId, [row({ placeId: c, period: '2025', value: 100 })]);
      const withYear = await at('2025-10-01');
      await importOf(tx, userId, [row({ placeId: c, period: '2025', value: 101 })]);
      const revised = await at('2025-10-01');
      const next = await at('2026-01-01');
      const none = await at('2023-12-31');
      return { before, early, autumn, withYear, revised, next, none };
    });
    expect(r.none).toEqual([]);
    expect(r.before).toEqual([['citizens', '2024', 50]]);
    // 2025-H1 (a half) wins over 2025-Q1 (a quarter) of the same year.
    expect(r.early).toEqual([['citizens', '2025-H1', 80]]);
    expect(r.autumn).toEqual([
      ['citizens', '2025-H1', 80],
      ['students', '2025-Q3', 6],
    ]);
    expect(r.withYear).toEqual([
      ['citizens', '2025', 100],
      ['students', '2025-Q3', 6],
    ]);
    expect(r.revised).toEqual([
      ['citizens', '2025', 101],
      ['students', '2025-Q3', 6],
    ]);
    expect(r.next).toEqual([
      ['citizens', '2026', 90],
      ['students', '2025-Q3', 6],
    ]);
  });

  it('sums the child units when a unit has no figure of its own, and says how many children had one', async () => {
    const r = await rolledBack(db, async (tx) => {
      const places = await seedPlaces(tx);
      const t = places.tag;
      const second = (await selectOne<{ id: string }>(
        tx,
        `INSERT INTO administrative_units (code, level, name, parent_id, path, valid_from) VALUES ($1, 'commune', 'Xã hai', $2, $3, '2025-07-01') RETURNING id`,
        [`D${t}`, places.province.id, `/P${t}/D${t}/`],
      ))!;
      await selectOne(
        tx,
        `INSERT INTO administrative_units (code, level, name, parent_id, path, valid_from) VALUES ($1, 'commune', 'Xã ba', $2, $3, '2025-07-01') RETURNING id`,
        [`E${t}`, places.province.id, `/P${t}/E${t}/`],
      );
      const userId = await seedUser(tx);
      await importOf(tx, userId, [
        row({ placeId: places.commune.id, value: 100 }),
        row({ placeId: second.id, value: 40, source: 'Sở' }),
        row({ placeId: places.commune.id, targetGroup: 'students', value: 7 }),
        // The province has its own students figure: it is not summed.
        row({ placeId: places.province.id, targetGroup: 'students', value: 1000 }),
      ]);
      const q = { places: [{ kind: 'unit' as const, id: places.province.id }], asOf: '2025-12-31' };
      return {
        plain: await populationsInForce(tx, q),
        summed: await populationsInForce(tx, { ...q, sumChildren: true }),
      };
    });
    expect(r.plain.map((x) => [x.target_group, x.value, x.derived])).toEqual([['students', 1000, 'own']]);
    expect(r.summed).toEqual([
      expect.objectContaining({ target_group: 'students', value: 1000, derived: 'own' }),
      expect.objectContaining({
        target_group: 'citizens',
        value: 140,
        derived: 'children',
        children: 3,
        children_with_figure: 2,
        period: '2025',
        source: 'Cục Thống kê; Sở',
        revision: null,
      }),
    ]);
  });

  it('looks places up by code (every unit version), and lists a person’s own imports only', async () => {
    const r = await rolledBack(db, async (tx) => {
      const places = await seedPlaces(tx);
      const t = places.tag;
      await selectOne(
        tx,
        `UPDATE administrative_units SET valid_to = '2026-01-01', successor_codes = ARRAY['Z${t}'] WHERE id = $1 RETURNING id`,
        [places.commune.id],
      );
      const me = await seedUser(tx);
      const other = await seedUser(tx);
      const mine = await importOf(tx, me, []);
      await finishPopulationImport(tx, mine.id, {
        applied: true,
        created: 0,
        revised: 0,
        unchanged: 0,
        rejected: 0,
        report: { rows: [] },
      });
      const theirs = await importOf(tx, other, []);
      return {
        t,
        units: await unitVersionsByCodes(tx, [`C${t}`, `NOPE${t}`]),
        orgs: await organisationsByCodes(tx, [`ORG-${t}`]),
        place: await placeById(tx, 'organisation', places.organisation.id),
        list: await populationImportsBy(tx, me),
        one: await populationImportOf(tx, mine.id, me),
        notMine: await populationImportOf(tx, theirs.id, me),
        path: places.commune.path,
      };
    });
    expect(r.units).toEqual([
      expect.objectContaining({
        code: `C${r.t}`,
        validFrom: '2025-07-01',
        validTo: '2026-01-01',
        successorCodes: [`Z${r.t}`],
      }),
    ]);
    expect(r.orgs).toEqual([expect.objectContaining({ code: `ORG-${r.t}`, unitPath: r.path })]);
    expect(r.place).toMatchObject({ kind: 'organisation', unit_path: r.path });
    expect(r.list).toHaveLength(1);
    expect(r.one).toMatchObject({ applied: true, report: { rows: [] } });
    expect(r.notMine).toBeUndefined();
  });
});
