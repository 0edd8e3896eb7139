// The privacy flows' own reads and the de-identification lock, on the run's real Postgres.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  accountToDelete,
  deidentificationTarget,
  heldStaffGrants,
  lockAccountForDeidentification,
} from '../src';
import { seedPerson } from './support/person-world';

describe('privacy.queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(() => db.destroy());

  it('accountToDelete gives the password hash of a live account, nothing once de-identified', async () => {
    const p = await seedPerson(db);
    expect(await accountToDelete(db, p.userId)).toEqual({ password_hash: 'not-a-real-hash' });
    await db.query(`UPDATE users SET password_hash = NULL WHERE id = $1`, [p.userId]);
    expect(await accountToDelete(db, p.userId)).toEqual({ password_hash: null });
    await db.query(`UPDATE users SET deidentified_at = now() WHERE id = $1`, [p.userId]);
    expect(await accountToDelete(db, p.userId)).toBeUndefined();
  });

  it('deidentificationTarget gives the place and whether the person was de-identified; nothing without a profile', async () => {
    const p = await seedPerson(db);
    expect(await deidentificationTarget(db, p.userId)).toEqual({
      unit_path: p.unitPath,
      organisation_id: p.organisationId,
      deidentified: false,
    });
    await db.query(`UPDATE users SET deidentified_at = now() WHERE id = $1`, [p.userId]);
    expect((await deidentificationTarget(db, p.userId))?.deidentified).toBe(true);
    const [{ id }] = await db.query(`INSERT INTO users (display_name) VALUES ('Không hồ sơ') RETURNING id`);
    expect(await deidentificationTarget(db, id)).toBeUndefined();
  });

  it('heldStaffGrants lists the live roles other than learner with their unit path', async () => {
    const p = await seedPerson(db);
    expect(await heldStaffGrants(db, p.userId)).toEqual([
      { role: 'unit_admin', unit_path: p.unitPath, organisation_id: null },
    ]);
    await db.query(`UPDATE role_grants SET revoked_at = now() WHERE user_id = $1`, [p.userId]);
    expect(await heldStaffGrants(db, p.userId)).toEqual([]);
  });

  it('lockAccountForDeidentification locks the row and gives the e-mail; a second locker waits, then finds it done', async () => {
    const p = await seedPerson(db);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const first = db.transaction(async (tx) => {
      expect(await lockAccountForDeidentification(tx, p.userId)).toEqual({ email: p.email });
      await held;
      await tx.query(`UPDATE users SET deidentified_at = now() WHERE id = $1`, [p.userId]);
    });
    await new Promise((r) => setTimeout(r, 100));
    let secondDone = false;
    const second = db.transaction(async (tx) => {
      const row = await lockAccountForDeidentification(tx, p.userId);
      secondDone = true;
      return row;
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(secondDone).toBe(false);
    release();
    await first;
    expect(await second).toBeUndefined();
  });
});
