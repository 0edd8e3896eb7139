import { join, resolve } from 'node:path';
import { checkOrganisationRows, checkUnitRows } from '@hocvuso/domain';
import { loadCliConfig } from '../config/cli.config';
import { ConfigError } from '../config/api.config';
import { readCsv } from './places.command';
import { PLACE_SET_NAMES, PLACE_SETS } from './places';
import { placeSetsToLoad } from './places.command';

const content = resolve(__dirname, '../../../../content');
const env = (places?: string) => ({
  DATABASE_URL: 'postgres://localhost/x',
  ...(places === undefined ? {} : { PLACES: places }),
});

describe('content/directory/lai-chau-units.csv (Resolution 1670/NQ-UBTVQH15)', () => {
  const records = readCsv(join(content, 'directory/lai-chau-units.csv'));
  const { rows, rejected } = checkUnitRows(records);

  it('passes the units import checks: the province and 38 commune-level units, all in force on 2025-07-01', () => {
    expect(rejected).toEqual([]);
    expect(rows).toHaveLength(39);
    const provinces = rows.filter((r) => r.level === 'province');
    expect(provinces.map((p) => [p.code, p.name, p.parentCode])).toEqual([['12', 'Tỉnh Lai Châu', null]]);
    const communes = rows.filter((r) => r.level === 'commune');
    expect(communes).toHaveLength(38);
    expect(rows.every((r) => r.validFrom === '2025-07-01' && r.validTo === null)).toBe(true);
    expect(rows.every((r) => r.successorCodes.length === 0)).toBe(true);
  });

  it('has 36 communes named "Xã …" and the wards Tân Phong and Đoàn Kết named "Phường …"', () => {
    const communes = rows.filter((r) => r.level === 'commune').map((r) => r.name);
    expect(communes.filter((n) => n.startsWith('Xã '))).toHaveLength(36);
    expect(communes.filter((n) => n.startsWith('Phường ')).sort()).toEqual([
      'Phường Tân Phong',
      'Phường Đoàn Kết',
    ]);
    // The two communes the resolution leaves as they were (Article 1, clause 37).
    expect(communes).toEqual(expect.arrayContaining(['Xã Mù Cả', 'Xã Tà Tổng']));
  });

  it('has unique codes (five digits, the 2025 national codes) and unique names', () => {
    expect(new Set(rows.map((r) => r.code)).size).toBe(39);
    expect(new Set(rows.map((r) => r.name)).size).toBe(39);
    expect(rows.filter((r) => r.level === 'commune').every((r) => /^\d{5}$/.test(r.code))).toBe(true);
  });

  it('stores every cell in NFC with no stray spaces or invisible characters, and every parent resolves', () => {
    for (const r of records)
      for (const v of Object.values(r)) {
        expect(v).toBe(v.normalize('NFC'));
        expect(v).toBe(v.trim());
        // No control, zero-width, bidi or byte-order characters.
        expect([...v].filter((c) => /\p{Cc}|\p{Cf}/u.test(c))).toEqual([]);
      }
    const codes = new Set(rows.map((r) => r.code));
    for (const r of rows) if (r.parentCode) expect(codes.has(r.parentCode)).toBe(true);
    expect(rows.filter((r) => r.level === 'commune').every((r) => r.parentCode === '12')).toBe(true);
  });
});

describe('the place sets', () => {
  it('every set names files that pass the import checks, and a demo scope inside its own units', () => {
    for (const name of PLACE_SET_NAMES) {
      const set = PLACE_SETS[name];
      const units = checkUnitRows(readCsv(join(content, set.units)));
      expect([name, units.rejected]).toEqual([name, []]);
      const byCode = new Map(units.rows.map((u) => [u.code, u.level]));
      expect(byCode.get(set.demoScope.province)).toBe('province');
      expect(byCode.get(set.demoScope.commune)).toBe('commune');
      if (set.organisations)
        expect(checkOrganisationRows(readCsv(join(content, set.organisations))).rejected).toEqual([]);
    }
  });

  it('PLACES defaults to demo, takes sets separated by commas (spaces and repeats ignored) or none', () => {
    expect(loadCliConfig(env()).places).toEqual(['demo']);
    expect(loadCliConfig(env('lai-chau')).places).toEqual(['lai-chau']);
    expect(loadCliConfig(env(' lai-chau , demo,lai-chau ')).places).toEqual(['lai-chau', 'demo']);
    expect(loadCliConfig(env('none')).places).toEqual([]);
  });

  it('refuses an unknown set, an empty value or none beside a set, naming the known sets', () => {
    for (const bad of ['hanoi', 'demo,laichau', 'DEMO', '', ' , ', 'none,demo', 'demo\u0000']) {
      expect(() => loadCliConfig(env(bad))).toThrow(ConfigError);
      expect(() => loadCliConfig(env(bad))).toThrow(/PLACES: .*demo, lai-chau/);
    }
    expect(() => loadCliConfig(env('x'.repeat(5000)))).toThrow(/unknown place set "x{40}"/);
  });

  it('never loads the fictional demo set in production', () => {
    expect(placeSetsToLoad(['demo', 'lai-chau'], 'production')).toEqual({
      load: ['lai-chau'],
      skipped: ['demo'],
    });
    expect(placeSetsToLoad(['demo', 'lai-chau'], 'development')).toEqual({
      load: ['demo', 'lai-chau'],
      skipped: [],
    });
  });
});
