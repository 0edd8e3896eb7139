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

const org = (line: number, code: string, name: string, unitCode: string): OrganisationRow => ({
  line,
  code,
  name,
  kind: 'state_agency',
  unitCode,
});

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
});
