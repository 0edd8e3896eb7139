// The per-identifier sign-in throttle on the run's real Postgres.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { clearSignInFailures, recordSignInFailure, signInFailures } from '../src';

describe('sign-in-failures.queries', () => {
  let db: DataSource;
  const key = () => randomBytes(16).toString('base64url');
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('counts failures in the window up to the limit, with the seconds until the oldest leaves it', async () => {
    const k = key();
    expect((await signInFailures(db, k, 15, 3)).count).toBe(0);
    for (let i = 0; i < 4; i++) await recordSignInFailure(db, k, 15);
    const full = await signInFailures(db, k, 15, 3);
    expect(full.count).toBe(3);
    expect(full.retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(full.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    expect((await signInFailures(db, key(), 15, 3)).count).toBe(0);
  });

  it('forgets failures older than the window when it records one, and all of them on success', async () => {
    const k = key();
    await recordSignInFailure(db, k, 15);
    await db.query(`UPDATE sign_in_failures SET at = now() - interval '1 hour' WHERE identifier_key = $1`, [
      k,
    ]);
    expect((await signInFailures(db, k, 15, 10)).count).toBe(0);
    await recordSignInFailure(db, k, 15);
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM sign_in_failures WHERE identifier_key = $1`,
      [k],
    );
    expect(n).toBe(1);
    await clearSignInFailures(db, k);
    expect((await signInFailures(db, k, 15, 10)).count).toBe(0);
  });
});
