import { dueCertificateRequests } from '@hocvuso/db';
import { createPreparedDatabase, type FreshDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import { completedEnrolments } from './support/fault-world';

/**
 * Transient failures are retried for as long as it takes (no attempt limit), each retry after a backoff from
 * the last attempt: 5 s doubling per attempt, capped at five minutes. Failed requests wait for an administrator.
 */
describe('which certificate requests the sweep re-announces', () => {
  // A database of its own: a worker another suite runs on the shared one would issue these requests meanwhile.
  let world: FreshDatabase;
  let db: DataSource;
  beforeAll(async () => {
    world = await createPreparedDatabase();
    db = world.db;
  }, 120_000);
  afterAll(() => world?.drop());

  async function due(
    requestId: string,
    attempts: number,
    secondsSinceLastAttempt: number | null,
    failed = false,
  ): Promise<boolean> {
    await db.query(
      `UPDATE certificate_requests SET attempts = $2, requested_at = now() - interval '1 hour',
              last_attempt_at = CASE WHEN $3::float8 IS NULL THEN NULL ELSE now() - make_interval(secs => $3::float8) END,
              failed_at = CASE WHEN $4 THEN now() ELSE NULL END
        WHERE id = $1`,
      [requestId, attempts, secondsSinceLastAttempt, failed],
    );
    return (await dueCertificateRequests(db, 60, 100_000)).some((r) => r.id === requestId);
  }

  it('backs off from the last attempt, caps the wait at five minutes, and never stops retrying', async () => {
    const [r] = await completedEnrolments(db, 1);
    const id = r!.requestId;
    expect(await due(id, 0, null)).toBe(true); // never tried: due once old enough
    expect(await due(id, 3, 10)).toBe(false); // third attempt 10 s ago: waits 20 s
    expect(await due(id, 3, 25)).toBe(true);
    expect(await due(id, 30, 240)).toBe(false); // many attempts: the wait is capped at 300 s
    expect(await due(id, 30, 310)).toBe(true);
    expect(await due(id, 500, 310)).toBe(true); // far past the 20 attempts after which it used to stop
    expect(await due(id, 3, 3_600, true)).toBe(false); // failed for good: an administrator re-runs it
  });

  it('leaves recent requests to the job announced at completion', async () => {
    const [r] = await completedEnrolments(db, 1);
    expect((await dueCertificateRequests(db, 60, 100_000)).some((x) => x.id === r!.requestId)).toBe(false);
  });
});
