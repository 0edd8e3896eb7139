import { coverageDriftResponseSchema } from '@hocvuso/contracts';
import { execute, selectOne } from '@hocvuso/db';
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  browser,
  expectErrorShape,
  signedInDemo,
  signedUpLearner,
  startTestApp,
  type TestApp,
} from './support/test-app';

/** GET /api/admin/coverage/drift: the nightly reconcile's runs and their drift rows, system administrators only. */
describe('GET /api/admin/coverage/drift', () => {
  let t: TestApp;
  let db: DataSource;
  let runId: string;
  const placeId = '00000000-0000-0000-0000-000000000000';
  beforeAll(async () => {
    t = await startTestApp();
    db = await openRunDatabase();
    // A finished run with two drift rows, as reconcileCoverage writes them (the reconcile itself has its own tests).
    runId = (await selectOne<{ id: string }>(
      db,
      `INSERT INTO coverage_reconcile_runs (trigger, started_at, finished_at, keys_checked, rollup_drift, registered_drift)
       VALUES ('manual', now() + interval '1 hour', now() + interval '1 hour', 10, 1, 1) RETURNING id`,
    ))!.id;
    await execute(
      db,
      `INSERT INTO coverage_drift (run_id, table_name, place_kind, place_id, target_group, sub_group, measure, month, expected, found)
       VALUES ($1, 'coverage_rollups', 'all', $2, 'citizens', '', 'trained', '2026-11-01', 6, 11),
              ($1, 'coverage_registered', 'all', $2, '*', 'age:16+', NULL, NULL, 3, -1)`,
      [runId, placeId],
    );
  });
  afterAll(async () => {
    await execute(db, `DELETE FROM coverage_reconcile_runs WHERE id = $1`, [runId]);
    await db.destroy();
    await t.close();
  });

  it('lists the latest runs, newest first, with their drift rows (expected, found, key)', async () => {
    const admin = await signedInDemo(t.http, 'system-admin');
    const res = await admin.agent.get('/api/admin/coverage/drift?runs=1').expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = coverageDriftResponseSchema.parse(res.body);
    expect(body.runs).toHaveLength(1);
    expect(body.runs[0]).toMatchObject({
      id: runId,
      trigger: 'manual',
      night: null,
      keysChecked: 10,
      rollupDrift: 1,
      registeredDrift: 1,
      totalsDrift: 0,
      finishedAt: expect.any(String),
    });
    expect(body.runs[0]!.drift).toEqual([
      expect.objectContaining({
        table: 'coverage_rollups',
        placeKind: 'all',
        placeId,
        targetGroup: 'citizens',
        subGroup: '',
        measure: 'trained',
        month: '2026-11',
        expected: 6,
        found: 11,
      }),
      expect.objectContaining({
        table: 'coverage_registered',
        targetGroup: '*',
        subGroup: 'age:16+',
        measure: null,
        month: null,
        expected: 3,
        found: -1,
      }),
    ]);
    // An unreadable or huge count is clamped, as every list's limit is.
    const many = await admin.agent.get('/api/admin/coverage/drift?runs=100000').expect(200);
    expect(coverageDriftResponseSchema.parse(many.body).runs.length).toBeLessThanOrEqual(50);
  });

  it('refuses an unknown query parameter with the documented error shape', async () => {
    const admin = await signedInDemo(t.http, 'system-admin');
    const res = await admin.agent.get('/api/admin/coverage/drift?runs=1&unitId=x').expect(400);
    expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
  });

  it('is for system administrators only: a province administrator and a learner get 403, nobody signed in 401', async () => {
    for (const b of [await signedInDemo(t.http, 'province-admin'), await signedUpLearner(t.http)]) {
      const res = await b.agent.get('/api/admin/coverage/drift').expect(403);
      expectErrorShape(res.body, 403, 'FORBIDDEN');
    }
    const anonymous = await browser(t.http);
    const res = await anonymous.agent.get('/api/admin/coverage/drift').expect(401);
    expectErrorShape(res.body, 401);
  });
});
