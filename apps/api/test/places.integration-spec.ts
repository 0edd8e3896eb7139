// `prepare` with PLACES=lai-chau (what `npm start` runs): the real units of Lai Châu load through the units
// import, beside or instead of the demo ones, and a second load changes nothing. Each case prepares a database
// of its own with the built cli (dist/tools/cli.cjs), so the run database keeps only the demo places.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createPreparedDatabase, type FreshDatabase } from '@hocvuso/testing';

const root = resolve(__dirname, '../../..');
const cli = (url: string, command: string, env: Record<string, string>) =>
  spawnSync(process.execPath, [join(root, 'dist/tools/cli.cjs'), command], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, NODE_ENV: 'test', ...env },
    encoding: 'utf8',
  });

const snapshot = async (db: FreshDatabase['db']) =>
  db.query(
    `SELECT id, code, level, name, path, parent_id, valid_from::text, valid_to::text, successor_codes
       FROM administrative_units ORDER BY code`,
  ) as Promise<Array<Record<string, unknown>>>;

describe('PLACES: the place sets loaded at start', () => {
  describe('PLACES=lai-chau', () => {
    let fresh: FreshDatabase;
    beforeAll(async () => {
      fresh = await createPreparedDatabase({ PLACES: 'lai-chau' });
    });
    afterAll(async () => {
      await fresh.drop();
    });

    it('loads Tỉnh Lai Châu with its 38 commune-level units (36 xã, 2 phường), and no demo units', async () => {
      const [province] = await fresh.db.query(
        `SELECT id, name, path FROM administrative_units WHERE parent_id IS NULL`,
      );
      expect(province).toEqual({ id: expect.any(String), name: 'Tỉnh Lai Châu', path: '/12/' });
      const communes: Array<{ name: string; level: string; path: string }> = await fresh.db.query(
        `SELECT name, level, path FROM administrative_units WHERE parent_id = $1 ORDER BY name`,
        [province.id],
      );
      expect(communes).toHaveLength(38);
      expect(communes.every((c) => c.level === 'commune' && /^\/12\/\d{5}\/$/.test(c.path))).toBe(true);
      expect(communes.filter((c) => c.name.startsWith('Xã '))).toHaveLength(36);
      expect(communes.filter((c) => c.name.startsWith('Phường ')).map((c) => c.name)).toEqual([
        'Phường Tân Phong',
        'Phường Đoàn Kết',
      ]);
      expect(await fresh.db.query(`SELECT code FROM administrative_units WHERE code LIKE 'DEMO%'`)).toEqual(
        [],
      );
      expect(await fresh.db.query(`SELECT code FROM organisations`)).toEqual([]);
    });

    it('scopes the demo accounts to Lai Châu: province roles to the province, commune roles to Phường Tân Phong', async () => {
      const grants: Array<{ email: string; path: string }> = await fresh.db.query(
        `SELECT u.email, au.path FROM role_grants g JOIN users u ON u.id = g.user_id
           JOIN administrative_units au ON au.id = g.unit_id ORDER BY u.email`,
      );
      expect(grants).toEqual([
        { email: 'ambassador@demo.hocvuso.example', path: '/12/03408/' },
        { email: 'campaign-manager@demo.hocvuso.example', path: '/12/' },
        { email: 'community-helper@demo.hocvuso.example', path: '/12/03408/' },
        { email: 'help-officer@demo.hocvuso.example', path: '/12/03408/' },
        { email: 'province-admin@demo.hocvuso.example', path: '/12/' },
        { email: 'report-viewer@demo.hocvuso.example', path: '/12/' },
        { email: 'session-host@demo.hocvuso.example', path: '/12/03408/' },
        { email: 'statistician@demo.hocvuso.example', path: '/12/' },
        { email: 'unit-admin@demo.hocvuso.example', path: '/12/03408/' },
      ]);
    });

    it('a second load changes nothing: same rows, same ids, and the report says 39 unchanged', async () => {
      const before = await snapshot(fresh.db);
      const again = cli(fresh.url, 'places:load', { PLACES: 'lai-chau' });
      expect(again.status).toBe(0);
      expect(again.stdout).toContain('places: lai-chau: units 0 created, 0 updated, 39 unchanged');
      expect(await snapshot(fresh.db)).toEqual(before);
      const whole = cli(fresh.url, 'prepare', { PLACES: 'lai-chau' });
      expect(whole.status).toBe(0);
      expect(await snapshot(fresh.db)).toEqual(before);
    });

    it('adds the demo places beside Lai Châu when PLACES names both, leaving Lai Châu as it was', async () => {
      const laiChau = (await snapshot(fresh.db)).filter((u) => !String(u.code).startsWith('DEMO'));
      const both = cli(fresh.url, 'places:load', { PLACES: 'lai-chau,demo' });
      expect(both.status).toBe(0);
      expect(both.stdout).toContain('places: lai-chau: units 0 created, 0 updated, 39 unchanged');
      expect(both.stdout).toContain('places: demo: units 5 created, 0 updated, 0 unchanged');
      const after = await snapshot(fresh.db);
      expect(after.filter((u) => !String(u.code).startsWith('DEMO'))).toEqual(laiChau);
      expect(after.filter((u) => String(u.code).startsWith('DEMO'))).toHaveLength(5);
    });

    it('refuses an unknown set with a clear message and writes nothing', async () => {
      const before = await snapshot(fresh.db);
      const bad = cli(fresh.url, 'places:load', { PLACES: 'lai-chau,ha-noi' });
      expect(bad.status).toBe(1);
      expect(bad.stderr).toContain('PLACES: unknown place set "ha-noi"');
      expect(bad.stderr).toContain('demo, lai-chau');
      expect(await snapshot(fresh.db)).toEqual(before);
    });

    it('stops at a shipped file with a bad row, naming its line, and writes none of it', async () => {
      const before = await snapshot(fresh.db);
      const dir = mkdtempSync(join(tmpdir(), 'hvs-places-'));
      try {
        mkdirSync(join(dir, 'directory'));
        const shipped = readFileSync(join(root, 'content/directory/lai-chau-units.csv'), 'utf8');
        // A renamed ward first (it would be an update), then a commune whose parent does not exist.
        const edited =
          shipped.replace('Phường Tân Phong', 'Phường Đổi Tên') + '99999,commune,Xã Lạ,98,2025-07-01,,\n';
        writeFileSync(join(dir, 'directory/lai-chau-units.csv'), edited);
        const bad = cli(fresh.url, 'places:load', { PLACES: 'lai-chau', CONTENT_DIR: dir });
        expect(bad.status).toBe(1);
        expect(bad.stderr).toContain('directory/lai-chau-units.csv line 41: parent_code: no unit 98');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      expect(await snapshot(fresh.db)).toEqual(before);
    });
  });

  it('PLACES=none loads no places and waits with the demo accounts until a set is chosen', async () => {
    const fresh = await createPreparedDatabase({ PLACES: 'none' });
    try {
      expect(await fresh.db.query(`SELECT code FROM administrative_units`)).toEqual([]);
      expect(await fresh.db.query(`SELECT 1 FROM users WHERE email LIKE '%@demo.hocvuso.example'`)).toEqual(
        [],
      );
      const later = cli(fresh.url, 'prepare', { PLACES: 'demo' });
      expect(later.stdout).toContain('demo accounts: created');
      const [{ n }] = await fresh.db.query(
        `SELECT count(*)::int AS n FROM role_grants g JOIN administrative_units au ON au.id = g.unit_id`,
      );
      // Every scoped demo role gets a place: 4 province roles, 5 commune roles.
      expect(n).toBe(9);
    } finally {
      await fresh.drop();
    }
  });
});
