import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataSourceOptions, dueCertificateRequests, notifyChannel } from '@hocvuso/db';
import { PgNotifyJobQueue, certificateJobId } from '@hocvuso/jobs';
import { DataSource } from 'typeorm';
import {
  completedEnrolments,
  exited,
  expectInvariants,
  issuedCount,
  OwnPostgres,
  root,
  spawnWorker,
  startWorkerHere,
  waitFor,
} from './support/fault-world';

/**
 * The fault tier without Redis (jobs in-process, fed by Postgres notifications), on an embedded Postgres of
 * this suite alone, which it stops and starts. After every fault the invariants hold: one certificate per
 * completion, none duplicated, none stuck, every PDF present, every credential verifies.
 */
describe('faults without Redis (in-process jobs)', () => {
  let own: OwnPostgres;
  let url: string;
  let db: DataSource;
  const storageDir = mkdtempSync(join(tmpdir(), 'hvs-faults-storage-'));
  const base = () => ({
    DATABASE_URL: url,
    STORAGE_DIR: storageDir,
    NODE_ENV: 'test',
    REMINDERS_ENABLED: 'false',
  });
  const announce = async (batch: Array<{ requestId: string; enrolmentId: string }>) => {
    const q = new PgNotifyJobQueue((channel, payload) => notifyChannel(db, channel, payload));
    for (const b of batch)
      await q.enqueue(
        'issue-certificate',
        { requestId: b.requestId },
        { jobId: certificateJobId(b.enrolmentId) },
      );
  };

  beforeAll(async () => {
    ({ pg: own, url } = await OwnPostgres.start('hvs_faults'));
    const prepared = spawnSync(process.execPath, [join(root, 'dist/tools/cli.cjs'), 'prepare'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url, NODE_ENV: 'test' },
      encoding: 'utf8',
    });
    if (prepared.status !== 0) throw new Error(`prepare failed: ${prepared.stdout}\n${prepared.stderr}`);
    db = await new DataSource(dataSourceOptions(url, { logging: false })).initialize();
  }, 120_000);
  afterAll(async () => {
    await db?.destroy();
    await own?.close();
  });

  it('listens for jobs again after Postgres restarts (not only through the sweep)', async () => {
    // The sweep is out of reach (hourly, for requests older than an hour): only the LISTEN can deliver.
    const { app, runtime } = await startWorkerHere({
      ...base(),
      CERTIFICATE_SWEEP_EVERY_SECONDS: '3600',
      CERTIFICATE_SWEEP_AFTER_SECONDS: '3600',
    });
    try {
      expect(runtime.listening).toBe(true);
      await db.destroy();
      await own.command('stop');
      await waitFor(async () => runtime.listening === false, 10_000, 'the listener noticing');
      await new Promise((r) => setTimeout(r, 10_000)); // Postgres stays down for ten seconds
      await own.command('start');
      db = await new DataSource(dataSourceOptions(url, { logging: false })).initialize();
      await waitFor(async () => runtime.listening === true, 30_000, 'the listener reconnecting');
      const batch = await completedEnrolments(db, 3);
      await announce(batch);
      const ids = batch.map((b) => b.enrolmentId);
      await waitFor(async () => (await issuedCount(db, ids)) === 3, 30_000, 'certificates issued');
      await expectInvariants(db, ids, storageDir);
    } finally {
      await app.close();
    }
  }, 90_000);

  it('survives kill -9 of the worker mid-issuance, then a second worker finishes exactly once each', async () => {
    const batch = await completedEnrolments(db, 6);
    const ids = batch.map((b) => b.enrolmentId);
    const env = {
      ...base(),
      CERTIFICATE_SWEEP_EVERY_SECONDS: '1',
      CERTIFICATE_SWEEP_AFTER_SECONDS: '1',
      WORKER_CONCURRENCY: '2',
    };
    const first = spawnWorker(env);
    try {
      await waitFor(async () => (await issuedCount(db, ids)) >= 1, 40_000, 'a first certificate');
    } finally {
      first.kill('SIGKILL');
      await exited(first);
    }
    const second = spawnWorker(env);
    try {
      await waitFor(async () => (await issuedCount(db, ids)) === 6, 45_000, 'every certificate');
      await expectInvariants(db, ids, storageDir);
    } finally {
      second.kill('SIGTERM');
      await exited(second);
    }
  }, 120_000);

  it('two workers at once, both hearing every announcement, issue each certificate exactly once', async () => {
    const env = {
      ...base(),
      CERTIFICATE_SWEEP_EVERY_SECONDS: '2',
      CERTIFICATE_SWEEP_AFTER_SECONDS: '1',
      WORKER_CONCURRENCY: '3',
    };
    const workers = [spawnWorker(env), spawnWorker(env)];
    try {
      await waitFor(
        async () => workers.every((w) => w.output.join('').includes('jobs run in-process')),
        30_000,
        'both workers up',
      );
      const batch = await completedEnrolments(db, 6);
      await announce(batch);
      await announce(batch); // announced twice, heard by both
      const ids = batch.map((b) => b.enrolmentId);
      await waitFor(async () => (await issuedCount(db, ids)) === 6, 45_000, 'every certificate');
      await expectInvariants(db, ids, storageDir);
    } finally {
      for (const w of workers) w.kill('SIGTERM');
      await Promise.all(workers.map(exited));
    }
  }, 120_000);

  it('on SIGTERM under load the worker stops within bounds, and the next one finishes the work', async () => {
    const env = {
      ...base(),
      CERTIFICATE_SWEEP_EVERY_SECONDS: '1',
      CERTIFICATE_SWEEP_AFTER_SECONDS: '1',
      WORKER_CONCURRENCY: '2',
    };
    const batch = await completedEnrolments(db, 6);
    const ids = batch.map((b) => b.enrolmentId);
    const first = spawnWorker(env);
    await waitFor(async () => (await issuedCount(db, ids)) >= 1, 40_000, 'a first certificate');
    first.kill('SIGTERM');
    const code = await Promise.race([
      exited(first),
      new Promise<'hung'>((r) => setTimeout(() => r('hung'), 20_000)),
    ]);
    if (code === 'hung') first.kill('SIGKILL');
    expect(code).not.toBe('hung');
    // A clean stop: exit 0, or the signal re-raised by Nest's shutdown hooks once everything is closed.
    expect(first.signalCode === 'SIGTERM' || first.exitCode === 0).toBe(true);
    const second = spawnWorker(env);
    try {
      await waitFor(async () => (await issuedCount(db, ids)) === 6, 45_000, 'every certificate');
      await expectInvariants(db, ids, storageDir);
    } finally {
      second.kill('SIGTERM');
      await exited(second);
    }
  }, 120_000);

  it('a storage folder it cannot write keeps requests retrying past 20 attempts, never given up, issued once fixed', async () => {
    const blocked = join(mkdtempSync(join(tmpdir(), 'hvs-faults-ro-')), 'not-a-folder');
    writeFileSync(blocked, 'a file where the storage folder should be'); // writes under it fail (like a read-only disk)
    const [b] = await completedEnrolments(db, 1);
    const broken = await startWorkerHere({
      ...base(),
      STORAGE_DIR: join(blocked, 'storage'),
      CERTIFICATE_SWEEP_EVERY_SECONDS: '3600',
    });
    try {
      await announce([b!]);
      await waitFor(
        async () =>
          (await db.query(`SELECT last_error FROM certificate_requests WHERE id = $1`, [b!.requestId]))[0]
            .last_error !== null,
        20_000,
        'a failed attempt',
      );
    } finally {
      await broken.app.close();
    }
    // As if it had kept failing for a long while: more than the 20 attempts after which it used to stop for good.
    await db.query(
      `UPDATE certificate_requests SET attempts = 25, requested_at = now() - interval '2 hours', last_attempt_at = now() - interval '10 minutes' WHERE id = $1`,
      [b!.requestId],
    );
    const [row] = await db.query(`SELECT failed_at, issued_at FROM certificate_requests WHERE id = $1`, [
      b!.requestId,
    ]);
    expect(row).toEqual({ failed_at: null, issued_at: null });
    expect((await dueCertificateRequests(db, 60)).map((r) => r.id)).toContain(b!.requestId);
    // The disk is fixed: the sweep issues it.
    const fixed = await startWorkerHere({
      ...base(),
      CERTIFICATE_SWEEP_EVERY_SECONDS: '1',
      CERTIFICATE_SWEEP_AFTER_SECONDS: '1',
    });
    try {
      await waitFor(async () => (await issuedCount(db, [b!.enrolmentId])) === 1, 30_000, 'the certificate');
      await expectInvariants(db, [b!.enrolmentId], storageDir);
    } finally {
      await fixed.app.close();
    }
  }, 90_000);

  it('refuses to start with a wrong ISSUER_KEY_SECRET or a changed PUBLIC_URL, until issuer:move-url is run', async () => {
    const wrongSecret = spawnWorker({
      ...base(),
      ISSUER_KEY_SECRET: 'another-secret-0123456789abcdefghijklmnop',
    });
    expect(await exited(wrongSecret)).toBe(78);
    expect(wrongSecret.output.join('')).toContain('ISSUER_KEY_SECRET');

    const moved = { ...base(), NODE_ENV: 'development', PUBLIC_URL: 'https://hocvuso-moved.example.vn' };
    const refused = spawnWorker(moved);
    expect(await exited(refused)).toBe(78);
    expect(refused.output.join('')).toContain('issuer:move-url');
    const [{ n: keysBefore }] = await db.query(
      `SELECT count(*)::int AS n FROM issuer_keys WHERE did LIKE '%moved%'`,
    );
    expect(keysBefore).toBe(0); // no new identity was created silently

    const cli = spawnSync(process.execPath, [join(root, 'dist/tools/cli.cjs'), 'issuer:move-url'], {
      cwd: root,
      env: { ...process.env, ...moved, COOKIE_SECRET: 'cli-cookie-secret-0123456789abcdefghijkl' },
      encoding: 'utf8',
    });
    expect(cli.stderr).toBe('');
    expect(cli.stdout).toContain('did:web:hocvuso-moved.example.vn');
    const started = spawnWorker(moved);
    try {
      await waitFor(
        async () => started.output.join('').includes('jobs run in-process'),
        30_000,
        'the worker starting',
      );
      expect(started.exitCode).toBeNull();
    } finally {
      started.kill('SIGTERM');
      await exited(started);
    }
  }, 90_000);

  it('certificates:retry-failed re-runs the requests that failed for good', async () => {
    const [b] = await completedEnrolments(db, 1);
    await db.query(
      `UPDATE certificate_requests SET failed_at = now(), failure_code = 'CREDENTIAL_INPUT_INVALID', attempts = 3 WHERE id = $1`,
      [b!.requestId],
    );
    expect((await dueCertificateRequests(db, 0)).map((r) => r.id)).not.toContain(b!.requestId);
    const cli = spawnSync(process.execPath, [join(root, 'dist/tools/cli.cjs'), 'certificates:retry-failed'], {
      cwd: root,
      env: { ...process.env, ...base() },
      encoding: 'utf8',
    });
    expect(cli.status).toBe(0);
    expect(cli.stdout).toMatch(/1 failed request\(s\) re-run \(CREDENTIAL_INPUT_INVALID: 1\)/);
    const [row] = await db.query(
      `SELECT failed_at, failure_code, attempts FROM certificate_requests WHERE id = $1`,
      [b!.requestId],
    );
    expect(row).toEqual({ failed_at: null, failure_code: null, attempts: 0 });
    expect((await dueCertificateRequests(db, 0)).map((r) => r.id)).toContain(b!.requestId);
  });
});
