import { coverageResponseSchema, coverageTrendResponseSchema } from '@hocvuso/contracts';
import { selectOne, selectRows } from '@hocvuso/db';
import { openRunDatabase, runDatabaseUrl } from '@hocvuso/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CoverageReader } from '../src/modules/coverage/coverage-reader';
import { signedInDemo, signedUpLearner, startTestApp, type TestApp } from './support/test-app';

/**
 * DATABASE_REPLICA_URL: the coverage read endpoints read through a pool of their own on it. Here it names the run
 * database itself with a distinct application_name, so the replica's sessions can be told apart in
 * pg_stat_activity; every replica session is read-only, so no write can go through it.
 */
describe('coverage reads on the read replica (DATABASE_REPLICA_URL)', () => {
  const APP = `hvs-replica-${process.pid}`;
  let t: TestApp;
  let db: DataSource;
  beforeAll(async () => {
    const url = new URL(runDatabaseUrl());
    url.searchParams.set('application_name', APP);
    t = await startTestApp({ DATABASE_REPLICA_URL: url.toString() });
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await db.destroy();
    await t.close();
  });

  /** The statements the replica's sessions ran last (pg_stat_activity keeps each backend's latest). */
  const replicaStatements = () =>
    selectRows<{ query: string }>(
      db,
      `SELECT query FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()`,
      [APP],
    ).then((rows) => rows.map((r) => r.query));

  it('injects a read DataSource of its own: the replica URL, read-only, not the primary', async () => {
    const reader = t.app.get(CoverageReader);
    expect(reader.usesReplica).toBe(true);
    expect(reader.db).not.toBe(t.app.get(getDataSourceToken()));
    const row = await selectOne<{ app: string; ro: string }>(
      reader.db,
      `SELECT current_setting('application_name') AS app, current_setting('transaction_read_only') AS ro`,
    );
    expect(row).toEqual({ app: APP, ro: 'on' });
    const primary = await selectOne<{ app: string }>(
      t.app.get<DataSource>(getDataSourceToken()),
      `SELECT current_setting('application_name') AS app`,
    );
    expect(primary!.app).not.toBe(APP);
  });

  it('GET /api/coverage and /trend read the rollups through the replica', async () => {
    const admin = await signedInDemo(t.http, 'province-admin');
    const overview = await admin.agent.get('/api/coverage').expect(200);
    const body = coverageResponseSchema.parse(overview.body);
    const indicator = body.indicators[0]!.indicator.code;
    coverageTrendResponseSchema.parse(
      (await admin.agent.get(`/api/coverage/trend?indicator=${encodeURIComponent(indicator)}`)).body,
    );
    await admin.agent.get(`/api/coverage/ranking?indicator=${encodeURIComponent(indicator)}`).expect(200);
    const statements = await replicaStatements();
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.some((q) => /coverage_(rollups|totals|registered)/.test(q))).toBe(true);
  });

  it('writes never go through it: requests that write leave no write among its statements, and a write through it is refused', async () => {
    const learner = await signedUpLearner(t.http);
    await learner.agent
      .put('/api/me/profile')
      .set('x-csrf-token', learner.csrf)
      .send({
        targetGroups: ['citizens'],
        subGroups: [],
        unitId: null,
        organisationId: null,
        language: 'vi',
        accessibility: {},
      })
      .expect(200);
    const admin = await signedInDemo(t.http, 'province-admin');
    await admin.agent.get('/api/coverage').expect(200);
    const statements = await replicaStatements();
    expect(statements.filter((q) => /^\s*(insert|update|delete|merge)\b/i.test(q))).toEqual([]);
    // The replica's sessions are read-only: even a statement that tried would fail (25006).
    const reader = t.app.get(CoverageReader);
    await expect(
      reader.db.query(
        `INSERT INTO coverage_fold_state (id, folded_at) VALUES (1, now()) ON CONFLICT (id) DO NOTHING`,
      ),
    ).rejects.toMatchObject({ code: '25006' });
  });

  it('without DATABASE_REPLICA_URL the reads use the primary DataSource', async () => {
    const plain = await startTestApp();
    try {
      const reader = plain.app.get(CoverageReader);
      expect(reader.usesReplica).toBe(false);
      expect(reader.db).toBe(plain.app.get(getDataSourceToken()));
    } finally {
      await plain.close();
    }
  });
});
