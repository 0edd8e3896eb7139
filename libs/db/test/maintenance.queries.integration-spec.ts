// The purge batches against the run's real Postgres, in a transaction rolled back at its end.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import { PURGEABLE_TABLES, purgeExpiredBatch } from '../src';
import { newUser, rolledBack } from './support/world';

describe('maintenance queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('runs a bounded batch on every purgeable table', async () => {
    await rolledBack(db, async (tx) => {
      for (const table of Object.keys(PURGEABLE_TABLES) as Array<keyof typeof PURGEABLE_TABLES>) {
        const n = await purgeExpiredBatch(tx, table, 30, 5);
        expect(n).toBeGreaterThanOrEqual(0);
        expect(n).toBeLessThanOrEqual(5);
      }
    });
  });

  it('deletes sessions expired or revoked past the retention window, in batches, and keeps the rest', async () => {
    await rolledBack(db, async (tx) => {
      const user = await newUser(tx);
      const session = async (expiresDaysAgo: number, revokedDaysAgo: number | null) =>
        (
          await tx.query(
            `INSERT INTO sessions (user_id, token_hash, expires_at, revoked_at)
             VALUES ($1, decode(md5(random()::text), 'hex'), now() - make_interval(days => $2), CASE WHEN $3::int IS NOT NULL THEN now() - make_interval(days => $3::int) END)
             RETURNING id`,
            [user.id, expiresDaysAgo, revokedDaysAgo],
          )
        )[0].id as string;
      const old = [await session(40, null), await session(40, null), await session(-10, 40)];
      const kept = [await session(5, null), await session(-10, 5), await session(-10, null)];
      // Other suites' rows may be as old: purge until a batch comes back short, then check ours.
      let n: number;
      do n = await purgeExpiredBatch(tx, 'sessions', 30, 2);
      while (n === 2);
      const left = await tx.query(`SELECT id FROM sessions WHERE user_id = $1`, [user.id]);
      expect(left.map((r: { id: string }) => r.id).sort()).toEqual([...kept].sort());
      expect(old.every((id) => !left.some((r: { id: string }) => r.id === id))).toBe(true);
    });
  });
});
