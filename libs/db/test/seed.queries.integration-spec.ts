// The demo seed queries against the run's real Postgres (seeded by the run's setup), in a transaction rolled back.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  addCourseOwnerByEmail,
  claimDemoSeed,
  demoAccountsSeeded,
  insertProfileInUnit,
  insertUnitGrant,
  insertUnscopedGrant,
  upsertDemoUser,
} from '../src';
import { rolledBack, certifyingCourse, token } from './support/world';

describe('seed queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('knows the run database was seeded, and claims the seed only once', async () => {
    expect(await demoAccountsSeeded(db)).toBe(true);
    await rolledBack(db, async (tx) => {
      expect(await claimDemoSeed(tx)).toBe(false);
      await tx.query(`DELETE FROM system_flags WHERE key = 'demo_accounts_seeded'`);
      expect(await demoAccountsSeeded(tx)).toBe(false);
      expect(await claimDemoSeed(tx)).toBe(true);
      expect(await claimDemoSeed(tx)).toBe(false);
      expect(await demoAccountsSeeded(tx)).toBe(true);
    });
  });

  it('creates (or renames) a demo user with grants, a profile in a unit, and a course to look after', async () => {
    await rolledBack(db, async (tx) => {
      const email = `seed-${token()}@queries.test`;
      const id = await upsertDemoUser(tx, { displayName: 'Demo Một', email, passwordHash: 'hash' });
      expect(await upsertDemoUser(tx, { displayName: 'Demo Hai', email, passwordHash: 'other' })).toBe(id);
      const [user] = await tx.query(`SELECT display_name, password_hash FROM users WHERE id = $1`, [id]);
      expect(user).toEqual({ display_name: 'Demo Hai', password_hash: 'hash' });

      await insertUnscopedGrant(tx, id, 'learner');
      await insertUnitGrant(tx, id, 'unit_admin', 'DEMO01');
      await insertUnitGrant(tx, id, 'system_admin', null);
      const grants = await tx.query(
        `SELECT g.role, u.code FROM role_grants g LEFT JOIN administrative_units u ON u.id = g.unit_id WHERE g.user_id = $1 ORDER BY g.role`,
        [id],
      );
      expect(grants).toEqual([
        { role: 'learner', code: null },
        { role: 'system_admin', code: null },
        { role: 'unit_admin', code: 'DEMO01' },
      ]);

      await insertProfileInUnit(tx, id, ['citizens'], 'DEMO01');
      const [profile] = await tx.query(
        `SELECT target_groups, unit_path FROM learner_profiles WHERE user_id = $1`,
        [id],
      );
      expect(profile).toEqual({ target_groups: ['citizens'], unit_path: '/DEMO/DEMO01/' });

      const { courseId } = await certifyingCourse(tx);
      await addCourseOwnerByEmail(tx, courseId, email);
      await addCourseOwnerByEmail(tx, courseId, email);
      await addCourseOwnerByEmail(tx, courseId, `nobody-${token()}@queries.test`);
      const staff = await tx.query(`SELECT role FROM course_staff WHERE course_id = $1 AND user_id = $2`, [
        courseId,
        id,
      ]);
      expect(staff).toEqual([{ role: 'owner' }]);
    });
  });
});
