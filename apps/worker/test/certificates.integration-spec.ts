import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { certificateJobId } from '@hocvuso/jobs';
import { testJobQueue } from './support/test-job-queue';
import { createPreparedDatabase, type FreshDatabase, RedisSlot, redisDatabaseUrl } from '@hocvuso/testing';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';

const root = resolve(__dirname, '../../..');
const storageDir = () => process.env.STORAGE_DIR!;

/**
 * The world of this suite: a prepared database and a Redis database of its own. BullMQ keeps job schedulers by
 * id in Redis and the last worker to register one wins, so a worker another suite starts on the shared Redis
 * database (default sweep: every 60 s, for requests older than 120 s) would slow this suite's one-second sweep
 * past the test's timeout; it could also take this suite's jobs. Flushing Redis here empties only this suite's
 * Redis database.
 */
let world: FreshDatabase;
const redisUrl = () => redisDatabaseUrl(RedisSlot.workerCertificates);

/** The real worker process, as deployed, with a fast certificate sweep. */
function startWorker(): ChildProcess {
  return spawn(process.execPath, [join(root, 'dist/apps/worker/main.cjs')], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: world.url,
      REDIS_URL: redisUrl(),
      LOG_LEVEL: 'warn',
      CERTIFICATE_SWEEP_EVERY_SECONDS: '1',
      CERTIFICATE_SWEEP_AFTER_SECONDS: '1',
      WORKER_CONCURRENCY: '2',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const stopped = (child: ChildProcess) =>
  new Promise((r) =>
    child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r),
  );

async function waitFor(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not met in time');
}

describe('certificates are issued exactly once, and never lost', () => {
  let db: DataSource;
  let versionId: string;
  beforeAll(async () => {
    expect(existsSync(join(root, 'dist/apps/worker/main.cjs'))).toBe(true);
    world = await createPreparedDatabase();
    db = world.db;
    const redis = new Redis(redisUrl());
    await redis.flushdb();
    await redis.quit();
    [{ id: versionId }] = await db.query(
      `SELECT current_version_id AS id FROM courses WHERE id = 'online-scams'`,
    );
  });
  afterAll(() => world.drop());

  /** Completed enrolments with their outbox rows, as the completion transaction leaves them. */
  async function completedEnrolments(n: number): Promise<Array<{ requestId: string; enrolmentId: string }>> {
    const out = [];
    for (let i = 0; i < n; i++) {
      const [u] = await db.query(`INSERT INTO users (display_name, email) VALUES ($1, $2) RETURNING id`, [
        `Nguyễn Thị Hương ${i}`.normalize('NFC'),
        `cert-${Date.now()}-${i}-${Math.random().toString(36).slice(2)}@example.com`,
      ]);
      const [e] = await db.query(
        `INSERT INTO enrolments (user_id, course_id, status, completed_at) VALUES ($1, 'online-scams', 'completed', now()) RETURNING id`,
        [u.id],
      );
      const [r] = await db.query(
        `INSERT INTO certificate_requests (enrolment_id, course_version_id) VALUES ($1, $2) RETURNING id`,
        [e.id, versionId],
      );
      out.push({ requestId: r.id, enrolmentId: e.id });
    }
    return out;
  }

  const issuedCount = async (enrolmentIds: string[]) =>
    (
      await db.query(
        `SELECT count(*)::int AS n FROM certificates WHERE enrolment_id = ANY ($1::uuid[]) AND issued_at IS NOT NULL`,
        [enrolmentIds],
      )
    )[0].n;

  async function expectExactlyOneEach(enrolmentIds: string[]) {
    const rows = await db.query(
      `SELECT enrolment_id, count(*)::int AS n, bool_and(issued_at IS NOT NULL AND credential IS NOT NULL AND pdf_key IS NOT NULL) AS complete
         FROM certificates WHERE enrolment_id = ANY ($1::uuid[]) GROUP BY enrolment_id`,
      [enrolmentIds],
    );
    expect(rows).toHaveLength(enrolmentIds.length);
    for (const r of rows) expect(r).toMatchObject({ n: 1, complete: true });
    const pending = await db.query(
      `SELECT count(*)::int AS n FROM certificate_requests WHERE enrolment_id = ANY ($1::uuid[]) AND issued_at IS NULL`,
      [enrolmentIds],
    );
    expect(pending[0].n).toBe(0);
    const keys = await db.query(`SELECT pdf_key FROM certificates WHERE enrolment_id = ANY ($1::uuid[])`, [
      enrolmentIds,
    ]);
    for (const k of keys) expect(existsSync(join(storageDir(), k.pdf_key))).toBe(true);
  }

  it('survives a worker killed with SIGKILL while issuing', async () => {
    const batch = await completedEnrolments(8);
    const queue = testJobQueue(redisUrl());
    for (const b of batch)
      await queue.enqueue(
        'issue-certificate',
        { requestId: b.requestId },
        { jobId: certificateJobId(b.enrolmentId) },
      );
    await queue.close();
    const first = startWorker();
    const ids = batch.map((b) => b.enrolmentId);
    await waitFor(async () => (await issuedCount(ids)) >= 1);
    first.kill('SIGKILL');
    await stopped(first);
    expect(await issuedCount(ids)).toBeLessThan(8);
    const second = startWorker();
    try {
      await waitFor(async () => (await issuedCount(ids)) === 8, 90_000);
      await expectExactlyOneEach(ids);
    } finally {
      second.kill('SIGTERM');
      await stopped(second);
    }
  }, 150_000);

  it('still issues when Redis lost the job (flushed between completion and issuance)', async () => {
    const [b] = await completedEnrolments(1);
    const queue = testJobQueue(redisUrl());
    await queue.enqueue(
      'issue-certificate',
      { requestId: b!.requestId },
      { jobId: certificateJobId(b!.enrolmentId) },
    );
    await queue.close();
    const redis = new Redis(redisUrl());
    await redis.flushdb();
    await redis.quit();
    const worker = startWorker();
    try {
      await waitFor(async () => (await issuedCount([b!.enrolmentId])) === 1);
      await expectExactlyOneEach([b!.enrolmentId]);
    } finally {
      worker.kill('SIGTERM');
      await stopped(worker);
    }
  });

  it('shuts down gracefully on SIGTERM', async () => {
    const worker = startWorker();
    await new Promise((r) => setTimeout(r, 1500));
    worker.kill('SIGTERM');
    await stopped(worker);
    expect(worker.signalCode === 'SIGTERM' || worker.exitCode === 0).toBe(true);
  });
});
