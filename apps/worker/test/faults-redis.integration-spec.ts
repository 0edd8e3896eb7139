import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataSourceOptions } from '@hocvuso/db';
import { BullJobQueue, certificateJobId, redisConnection, SCHEDULES } from '@hocvuso/jobs';
import { createPreparedDatabase, type FreshDatabase } from '@hocvuso/testing';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import {
  completedEnrolments,
  expectInvariants,
  issuedCount,
  OwnPostgres,
  OwnRedis,
  root,
  startWorkerHere,
  waitFor,
} from './support/fault-world';
import { testJobQueue } from './support/test-job-queue';

/**
 * The fault tier with Redis (BullMQ), on a redis-server of this suite alone: FLUSHALL and a restart without
 * persistence lose the queued jobs and the repeating schedules; the running worker registers the schedules again
 * and the certificate sweep finds the requests in Postgres. Afterwards the invariants hold.
 */
describe('faults with Redis (BullMQ)', () => {
  let world: FreshDatabase;
  let redis: OwnRedis;
  const storageDir = mkdtempSync(join(tmpdir(), 'hvs-faults-redis-storage-'));
  const env = () => ({
    DATABASE_URL: world.url,
    REDIS_URL: redis.url,
    STORAGE_DIR: storageDir,
    NODE_ENV: 'test',
    REMINDERS_ENABLED: 'false',
    SCHEDULE_CHECK_SECONDS: '1',
    CERTIFICATE_SWEEP_EVERY_SECONDS: '1',
    CERTIFICATE_SWEEP_AFTER_SECONDS: '1',
  });
  const missingSchedules = async () => {
    const q = testJobQueue(redis.url);
    try {
      return await q.missingSchedules(SCHEDULES);
    } finally {
      await q.close();
    }
  };

  beforeAll(async () => {
    world = await createPreparedDatabase();
    redis = await OwnRedis.start();
  }, 120_000);
  afterAll(async () => {
    await redis?.close();
    await world?.drop();
  });

  it('readiness sees the schedules a FLUSHALL removed (what /api/ready reports as schedules_missing)', async () => {
    const { app } = await startWorkerHere(env());
    await waitFor(async () => (await missingSchedules()).length === 0, 20_000, 'schedules registered');
    await app.close();
    const r = new Redis(redis.url);
    await r.flushall();
    r.disconnect();
    expect((await missingSchedules()).sort()).toEqual(SCHEDULES.map((s) => s.id).sort());
  }, 60_000);

  it('after FLUSHALL the running worker registers its schedules again and still issues every certificate', async () => {
    const { app } = await startWorkerHere(env());
    try {
      await waitFor(async () => (await missingSchedules()).length === 0, 20_000, 'schedules registered');
      const r = new Redis(redis.url);
      await r.flushall();
      r.disconnect();
      // Completed after the flush, their jobs never announced: only the (re-registered) sweep can find them.
      const batch = await completedEnrolments(world.db, 3);
      const ids = batch.map((b) => b.enrolmentId);
      await waitFor(
        async () => (await missingSchedules()).length === 0,
        20_000,
        'schedules registered again',
      );
      await waitFor(async () => (await issuedCount(world.db, ids)) === 3, 40_000, 'every certificate');
      await expectInvariants(world.db, ids, storageDir);
    } finally {
      await app.close();
    }
  }, 90_000);

  it('after Redis restarts without persistence the worker reconnects, registers its schedules and issues', async () => {
    const { app } = await startWorkerHere(env());
    try {
      await waitFor(async () => (await missingSchedules()).length === 0, 20_000, 'schedules registered');
      const lost = await completedEnrolments(world.db, 2);
      await redis.restart(); // empty again, on the same port
      const ids = lost.map((b) => b.enrolmentId);
      await waitFor(
        async () => (await missingSchedules()).length === 0,
        30_000,
        'schedules registered again',
      );
      await waitFor(async () => (await issuedCount(world.db, ids)) === 2, 40_000, 'every certificate');
      await expectInvariants(world.db, ids, storageDir);
    } finally {
      await app.close();
    }
  }, 90_000);

  it('a frozen Redis (SIGSTOP) never holds an announcement or a readiness probe; once it wakes the certificates follow', async () => {
    const { app } = await startWorkerHere(env());
    const fresh = new BullJobQueue(redisConnection(redis.url)); // never connected before the freeze (a new api replica)
    const warm = new BullJobQueue(redisConnection(redis.url));
    try {
      await waitFor(async () => (await missingSchedules()).length === 0, 20_000, 'schedules registered');
      expect(await warm.ping()).toBe(true);
      redis.freeze();
      const batch = await completedEnrolments(world.db, 2);
      // Each call must settle (the test's own timeout is the hang detector): announcing gives up, readiness says down.
      for (const x of batch) {
        await expect(
          warm.enqueue(
            'issue-certificate',
            { requestId: x.requestId },
            { jobId: certificateJobId(x.enrolmentId) },
          ),
        ).rejects.toThrow(/did not answer/);
      }
      expect(await fresh.ping()).toBe(false);
      expect(await warm.ping()).toBe(false);
      expect(await fresh.ping()).toBe(false); // again, while its first connect is still pending
      redis.thaw();
      await waitFor(async () => fresh.ping(), 20_000, 'readiness up again');
      const ids = batch.map((b) => b.enrolmentId);
      await waitFor(async () => (await issuedCount(world.db, ids)) === 2, 60_000, 'every certificate');
      await expectInvariants(world.db, ids, storageDir);
    } finally {
      redis.thaw();
      await Promise.all([fresh.close(), warm.close()]);
      await app.close();
    }
  }, 120_000);

  it('two workers at once take the same jobs and issue each certificate exactly once', async () => {
    const a = await startWorkerHere({ ...env(), WORKER_CONCURRENCY: '3' });
    const b = await startWorkerHere({ ...env(), WORKER_CONCURRENCY: '3' });
    try {
      const batch = await completedEnrolments(world.db, 6);
      const q = testJobQueue(redis.url);
      for (const x of batch) {
        await q.enqueue(
          'issue-certificate',
          { requestId: x.requestId },
          { jobId: certificateJobId(x.enrolmentId) },
        );
        await q.enqueue(
          'issue-certificate',
          { requestId: x.requestId },
          { jobId: `${certificateJobId(x.enrolmentId)}-again` },
        );
      }
      await q.close();
      const ids = batch.map((x) => x.enrolmentId);
      await waitFor(async () => (await issuedCount(world.db, ids)) === 6, 45_000, 'every certificate');
      await expectInvariants(world.db, ids, storageDir);
    } finally {
      await Promise.all([a.app.close(), b.app.close()]);
    }
  }, 90_000);
});

describe('Postgres stops while the BullMQ worker issues', () => {
  let own: OwnPostgres;
  let url: string;
  let redis: OwnRedis;
  const storageDir = mkdtempSync(join(tmpdir(), 'hvs-faults-pg-bull-storage-'));

  beforeAll(async () => {
    ({ pg: own, url } = await OwnPostgres.start('hvs_faults_bull'));
    const prepared = spawnSync(process.execPath, [join(root, 'dist/tools/cli.cjs'), 'prepare'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url, NODE_ENV: 'test' },
      encoding: 'utf8',
    });
    if (prepared.status !== 0) throw new Error(`prepare failed: ${prepared.stdout}\n${prepared.stderr}`);
    redis = await OwnRedis.start();
  }, 120_000);
  afterAll(async () => {
    await redis?.close();
    await own?.close();
  });

  it('after ten seconds without Postgres every certificate is issued exactly once', async () => {
    let db = await new DataSource(dataSourceOptions(url, { logging: false })).initialize();
    const { app } = await startWorkerHere({
      DATABASE_URL: url,
      REDIS_URL: redis.url,
      STORAGE_DIR: storageDir,
      NODE_ENV: 'test',
      REMINDERS_ENABLED: 'false',
      SCHEDULE_CHECK_SECONDS: '1',
      CERTIFICATE_SWEEP_EVERY_SECONDS: '1',
      CERTIFICATE_SWEEP_AFTER_SECONDS: '1',
      WORKER_CONCURRENCY: '2',
    });
    try {
      const batch = await completedEnrolments(db, 5);
      const ids = batch.map((b) => b.enrolmentId);
      const q = testJobQueue(redis.url);
      for (const b of batch)
        await q.enqueue(
          'issue-certificate',
          { requestId: b.requestId },
          { jobId: certificateJobId(b.enrolmentId) },
        );
      await q.close();
      await db.destroy();
      await own.command('stop');
      await new Promise((r) => setTimeout(r, 10_000));
      await own.command('start');
      db = await new DataSource(dataSourceOptions(url, { logging: false })).initialize();
      await waitFor(async () => (await issuedCount(db, ids)) === 5, 50_000, 'every certificate');
      await expectInvariants(db, ids, storageDir);
    } finally {
      await app.close();
      await db.destroy().catch(() => undefined);
    }
  }, 100_000);
});
