// The directory queries (administrative units and organisations) on a fresh database of their own, so the
// units they add never reach the suites that list the run's provinces.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { createFreshDatabase, type FreshDatabase } from '@hocvuso/testing';
import { randomUUID } from 'node:crypto';
import type { OrganisationRow, UnitRow } from '@hocvuso/domain';
import {
  currentUnit,
  importOrganisations,
  importUnits,
  listOrganisations,
  listUnits,
  unitPathById,
} from '../src';

const unit = (
  line: number,
  code: string,
  level: UnitRow['level'],
  parentCode: string | null,
  extra: Partial<UnitRow> = {},
): UnitRow => ({
  line,
  code,
  level,
  name: `Đơn vị ${code}`,
  parentCode,
  validFrom: '2025-07-01',
  validTo: null,
  successorCodes: [],
  ...extra,
});

const org = (
  line: number,
  code: string,
  name: string,
  unitCode: string,
  parentCode: string | null = null,
): OrganisationRow => ({
  line,
  code,
  name,
  kind: 'state_agency',
  unitCode,
  parentCode,
});
const parentsOf = async (db: FreshDatabase['db'], codes: string[]) =>
  Object.fromEntries(
    (
      (await db.query(
        `SELECT o.code, p.code AS parent FROM organisations o LEFT JOIN organisations p ON p.id = o.parent_id
          WHERE o.code = ANY($1::text[])`,
        [codes],
      )) as Array<{ code: string; parent: string | null }>
    ).map((r) => [r.code, r.parent]),
  );

describe('directory.queries', () => {
  let fresh: FreshDatabase;
  const everywhere = () => true;
  beforeAll(async () => {
    fresh = await createFreshDatabase();
  });
  afterAll(async () => {
    await fresh.drop();
  });

  it('imports units parents first, rejects the unplaceable and the out-of-scope, and is idempotent', async () => {
    const rows = [
      unit(3, 'P1C1V1', 'village', 'P1C1'),
      unit(2, 'P1C1', 'commune', 'P1'),
      unit(1, 'P1', 'province', null),
      unit(4, 'P1C2', 'commune', 'NOPE'),
      unit(5, 'P1C3', 'village', 'P1'),
    ];
    const first = await importUnits(fresh.db, rows, everywhere);
    expect(first).toEqual({
      created: 3,
      updated: 0,
      unchanged: 0,
      rejected: [
        {
          line: 4,
          key: 'P1C2',
          errors: [{ field: 'parent_code', message: expect.stringContaining('no unit NOPE') }],
        },
        {
          line: 5,
          key: 'P1C3',
          errors: [{ field: 'parent_code', message: expect.stringContaining('must be a commune') }],
        },
      ],
    });
    expect(await importUnits(fresh.db, rows.slice(0, 3), everywhere)).toEqual({
      created: 0,
      updated: 0,
      unchanged: 3,
      rejected: [],
    });
    const renamed = await importUnits(
      fresh.db,
      [unit(1, 'P1C1', 'commune', 'P1', { name: 'Xã Mới' })],
      everywhere,
    );
    expect(renamed).toMatchObject({ updated: 1 });
    const outside = await importUnits(fresh.db, [unit(1, 'P2', 'province', null)], (path) =>
      path.startsWith('/P1/'),
    );
    expect(outside.rejected).toEqual([
      { line: 1, key: 'P2', errors: [{ field: 'code', message: expect.any(String) }] },
    ]);
  });

  it('lists the units valid today under a parent, or the provinces, by name', async () => {
    const [province] = await listUnits(fresh.db, null);
    expect(province).toEqual({
      id: expect.any(String),
      code: 'P1',
      level: 'province',
      name: 'Đơn vị P1',
      path: '/P1/',
      parent_id: null,
      valid_from: '2025-07-01',
      valid_to: null,
      successor_codes: [],
    });
    expect((await listUnits(fresh.db, province!.id)).map((u) => [u.code, u.name])).toEqual([
      ['P1C1', 'Xã Mới'],
    ]);
    await importUnits(
      fresh.db,
      [unit(1, 'P1C9', 'commune', 'P1', { validTo: '2025-08-01', successorCodes: ['P1C1'] })],
      everywhere,
    );
    expect((await listUnits(fresh.db, province!.id)).map((u) => u.code)).toEqual(['P1C1']);
  });

  it('finds a unit valid today, and any unit path, by id', async () => {
    const [province] = await listUnits(fresh.db, null);
    expect(await currentUnit(fresh.db, province!.id)).toEqual({
      id: province!.id,
      path: '/P1/',
      level: 'province',
    });
    const [ended] = await fresh.db.query(`SELECT id FROM administrative_units WHERE code = 'P1C9'`);
    expect(await currentUnit(fresh.db, ended.id)).toBeUndefined();
    expect(await unitPathById(fresh.db, ended.id)).toBe('/P1/P1C9/');
    expect(await unitPathById(fresh.db, randomUUID())).toBeUndefined();
    expect(await currentUnit(fresh.db, randomUUID())).toBeUndefined();
  });

  it('imports organisations by code and lists them by code prefix or name words, with the total', async () => {
    const report = await importOrganisations(
      fresh.db,
      [
        org(1, 'UB-01', 'Ủy ban Xã Mới', 'P1C1'),
        org(2, 'TH-01', 'Trường Tiểu học Mới', 'P1C1'),
        org(3, 'X-01', 'Không nơi', 'NOPE'),
      ],
      everywhere,
    );
    expect(report).toMatchObject({
      created: 2,
      updated: 0,
      unchanged: 0,
      rejected: [{ line: 3, key: 'X-01' }],
    });
    expect(
      await importOrganisations(fresh.db, [org(1, 'UB-01', 'Ủy ban Xã Mới', 'P1C1')], everywhere),
    ).toMatchObject({ unchanged: 1 });
    expect(
      await importOrganisations(fresh.db, [org(1, 'UB-01', 'Ủy ban xã Mới', 'P1C1')], everywhere),
    ).toMatchObject({ updated: 1 });

    const all = await listOrganisations(fresh.db, {
      unitPath: '/P1/',
      codePrefix: '',
      terms: [],
      limit: 10,
      offset: 0,
    });
    expect(all.map((o) => o.code)).toEqual(['TH-01', 'UB-01']);
    expect(all[0]).toEqual({
      id: expect.any(String),
      code: 'TH-01',
      name: 'Trường Tiểu học Mới',
      kind: 'state_agency',
      parent_id: null,
      unit_id: expect.any(String),
      unit_name: 'Xã Mới',
      total: 2,
    });
    const byCode = await listOrganisations(fresh.db, {
      unitPath: null,
      codePrefix: 'ub',
      terms: ['ub'],
      limit: 10,
      offset: 0,
    });
    expect(byCode.map((o) => [o.code, o.total])).toEqual([['UB-01', 1]]);
    const byName = await listOrganisations(fresh.db, {
      unitPath: null,
      codePrefix: 'truong',
      terms: ['truong', 'tieu'],
      limit: 10,
      offset: 0,
    });
    expect(byName.map((o) => o.code)).toEqual(['TH-01']);
    const paged = await listOrganisations(fresh.db, {
      unitPath: null,
      codePrefix: '',
      terms: [],
      limit: 1,
      offset: 1,
    });
    expect(paged.map((o) => [o.code, o.total])).toEqual([['UB-01', 2]]);
    expect(
      await listOrganisations(fresh.db, {
        unitPath: '/P9/',
        codePrefix: '',
        terms: [],
        limit: 10,
        offset: 0,
      }),
    ).toEqual([]);
  });

  it('imports sub-units under a parent of the same file or a stored one, parents first, and is idempotent', async () => {
    const rows = [
      org(2, 'SO-VP', 'Văn phòng Sở', 'P1', 'SO'),
      org(3, 'SO-VP-1', 'Tổ Hành chính', 'P1C1', 'SO-VP'),
      org(4, 'SO', 'Sở Nội vụ', 'P1'),
      org(5, 'SO-TT', 'Trung tâm của Sở', 'P1C1', 'SO'),
    ];
    expect(await importOrganisations(fresh.db, rows, everywhere)).toEqual({
      created: 4,
      updated: 0,
      unchanged: 0,
      rejected: [],
    });
    expect(await parentsOf(fresh.db, ['SO', 'SO-VP', 'SO-VP-1', 'SO-TT'])).toEqual({
      SO: null,
      'SO-VP': 'SO',
      'SO-VP-1': 'SO-VP',
      'SO-TT': 'SO',
    });
    expect(await importOrganisations(fresh.db, rows, everywhere)).toMatchObject({
      unchanged: 4,
      rejected: [],
    });
    // A stored parent, named by a later file alone.
    expect(
      await importOrganisations(fresh.db, [org(2, 'SO-VP-2', 'Tổ Tổng hợp', 'P1C1', 'SO-VP')], everywhere),
    ).toMatchObject({ created: 1, rejected: [] });
    // The listing carries the parent's id.
    const listed = await listOrganisations(fresh.db, {
      unitPath: null,
      codePrefix: 'so-vp-2',
      terms: [],
      limit: 5,
      offset: 0,
    });
    const [vp] = await fresh.db.query(`SELECT id FROM organisations WHERE code = 'SO-VP'`);
    expect(listed.map((o) => [o.code, o.parent_id])).toEqual([['SO-VP-2', vp.id]]);
  });

  it('refuses an unknown parent, a cycle with stored links, a parent outside the area, and writes none of those rows', async () => {
    const report = await importOrganisations(
      fresh.db,
      [
        org(2, 'NEW-1', 'Mới một', 'P1C1', 'NOPE'),
        org(3, 'NEW-2', 'Mới hai', 'P1C1', 'NEW-1'),
        // Stored: SO-VP under SO. Putting SO under SO-VP-1 (under SO-VP) closes a cycle.
        org(4, 'SO', 'Sở Nội vụ', 'P1', 'SO-VP-1'),
        org(5, 'NEW-3', 'Mới ba', 'P1C1', 'SO'),
      ],
      everywhere,
    );
    expect(report).toMatchObject({ created: 1, updated: 0, unchanged: 0 });
    expect(report.rejected).toEqual([
      {
        line: 2,
        key: 'NEW-1',
        errors: [{ field: 'parent_code', message: expect.stringContaining('no organisation NOPE') }],
      },
      {
        line: 3,
        key: 'NEW-2',
        errors: [{ field: 'parent_code', message: expect.stringContaining('NEW-1 (line 2) was refused') }],
      },
      {
        line: 4,
        key: 'SO',
        errors: [
          { field: 'parent_code', message: 'parent_code would make a cycle: SO → SO-VP-1 → SO-VP → SO' },
        ],
      },
    ]);
    // NEW-3 went under the stored SO, which kept its place.
    expect(await parentsOf(fresh.db, ['SO', 'NEW-3', 'NEW-1', 'NEW-2'])).toEqual({ SO: null, 'NEW-3': 'SO' });

    // An importer of P1C1 only: the parent SO sits in P1, outside; the stored SO itself is outside too.
    const commune = (path: string) => path.startsWith('/P1/P1C1/');
    const scoped = await importOrganisations(
      fresh.db,
      [org(2, 'NEW-4', 'Mới bốn', 'P1C1', 'SO'), org(3, 'SO', 'Sở Nội vụ (đổi tên)', 'P1C1')],
      commune,
    );
    expect(scoped).toMatchObject({ created: 0, updated: 0 });
    expect(scoped.rejected.map((r) => [r.line, r.errors[0]!.field, r.errors[0]!.message])).toEqual([
      [2, 'parent_code', 'the parent organisation is outside the area you administer'],
      [3, 'code', 'this organisation belongs to a unit outside the area you administer'],
    ]);
    // Re-importing a sub-unit already under an outside parent is fine (nothing changes).
    expect(
      await importOrganisations(fresh.db, [org(2, 'SO-TT', 'Trung tâm của Sở', 'P1C1', 'SO')], commune),
    ).toMatchObject({ unchanged: 1, rejected: [] });
  });

  it('the database refuses a cycle or a self-parent written by any other means', async () => {
    await expect(
      fresh.db.query(
        `UPDATE organisations SET parent_id = (SELECT id FROM organisations WHERE code = 'SO-VP-1') WHERE code = 'SO'`,
      ),
    ).rejects.toThrow(/would be its own ancestor/);
    await expect(fresh.db.query(`UPDATE organisations SET parent_id = id WHERE code = 'SO'`)).rejects.toThrow(
      /CHK_organisations_not_own_parent|own ancestor/,
    );
    expect(await parentsOf(fresh.db, ['SO'])).toEqual({ SO: null });
  });

  it('serialises parallel imports: 20 at once of one file create each organisation once', async () => {
    const rows = [org(2, 'PAR', 'Song song', 'P1'), org(3, 'PAR-1', 'Song song một', 'P1', 'PAR')];
    const reports = await Promise.all(
      Array.from({ length: 20 }, () =>
        fresh.db.transaction((tx) => importOrganisations(tx, rows, everywhere)),
      ),
    );
    expect(reports.reduce((n, r) => n + r.created, 0)).toBe(2);
    expect(reports.every((r) => r.rejected.length === 0)).toBe(true);
    expect(await parentsOf(fresh.db, ['PAR', 'PAR-1'])).toEqual({ PAR: null, 'PAR-1': 'PAR' });
  });
});
