import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { verifyCredentialDocument } from '@hocvuso/credentials';
import { issuerTrust } from '@hocvuso/issuance';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { loadWorkerConfig } from '../../src/config/worker.config';
import { JobRuntime } from '../../src/processors/job-runtime';
import { WorkerModule } from '../../src/worker.module';

export { OwnPostgres } from '@hocvuso/testing';

export const root = resolve(__dirname, '../../../..');

/** A local port nothing listens on right now. */
export const freePort = () =>
  new Promise<number>((resolvePort) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolvePort(port));
    });
  });

export async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} not met within ${timeoutMs} ms`);
}

/** A redis-server of this test alone (no persistence: a restart loses everything, like FLUSHALL). */
export class OwnRedis {
  private constructor(
    private child: ChildProcess,
    readonly port: number,
    private readonly dir: string,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(port?: number): Promise<OwnRedis> {
    const dir = mkdtempSync(join(tmpdir(), 'hvs-own-redis-'));
    const p = port ?? (await freePort());
    const r = new OwnRedis(OwnRedis.spawn(p, dir), p, dir);
    await r.ready();
    return r;
  }

  private static spawn(port: number, dir: string): ChildProcess {
    const bin = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
    if (!bin) throw new Error('the fault tests need redis-server on PATH');
    return spawn(
      bin,
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
  }

  private async ready(): Promise<void> {
    const { Redis } = await import('ioredis');
    await waitFor(
      async () => {
        const c = new Redis({
          port: this.port,
          host: '127.0.0.1',
          lazyConnect: true,
          maxRetriesPerRequest: 0,
          enableOfflineQueue: false,
        });
        c.on('error', () => undefined);
        try {
          await c.connect();
          return (await c.ping()) === 'PONG';
        } finally {
          c.disconnect();
        }
      },
      10_000,
      'redis-server answering',
    );
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.thaw(); // a frozen server cannot act on SIGTERM
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
  }

  /** SIGSTOP: the server keeps its connections and accepts new ones but answers nothing (a hung Redis). */
  freeze(): void {
    this.child.kill('SIGSTOP');
  }

  thaw(): void {
    this.child.kill('SIGCONT');
  }

  /** Starts again on the same port, empty (no persistence). */
  async restart(): Promise<void> {
    await this.stop();
    this.child = OwnRedis.spawn(this.port, this.dir);
    await this.ready();
  }

  async close(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The worker, in this process (Nest application context on the TypeScript sources). */
export async function startWorkerHere(
  env: Record<string, string | undefined>,
): Promise<{ app: INestApplicationContext; runtime: JobRuntime }> {
  const config = loadWorkerConfig({ ...process.env, LOG_LEVEL: 'silent', REDIS_URL: undefined, ...env });
  const app = await NestFactory.createApplicationContext(
    WorkerModule.forRoot(config, pino({ level: 'silent' })),
    { logger: false },
  );
  await app.init();
  return { app, runtime: app.get(JobRuntime) };
}

/** The built worker as deployed (dist/apps/worker/main.cjs), as a child process. */
export function spawnWorker(env: Record<string, string | undefined>): ChildProcess & { output: string[] } {
  const main = join(root, 'dist/apps/worker/main.cjs');
  if (!existsSync(main))
    throw new Error('dist/apps/worker/main.cjs is missing: run `node tools/build.mjs` first');
  const output: string[] = [];
  const child = spawn(process.execPath, [main], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', REDIS_URL: undefined, ...env } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => output.push(d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => output.push(d.toString('utf8')));
  return Object.assign(child, { output });
}

export const exited = (child: ChildProcess) =>
  new Promise<number | null>((r) =>
    child.exitCode !== null || child.signalCode !== null
      ? r(child.exitCode)
      : child.once('exit', (code) => r(code)),
  );

/** Completed enrolments with their outbox rows, as the completion transaction leaves them (no job announced). */
export async function completedEnrolments(
  db: DataSource,
  n: number,
  name = 'Nguyễn Thị Hương',
): Promise<Array<{ requestId: string; enrolmentId: string }>> {
  const [{ id: versionId }] = await db.query(
    `SELECT current_version_id AS id FROM courses WHERE id = 'online-scams'`,
  );
  const out = [];
  for (let i = 0; i < n; i++) {
    const [u] = await db.query(`INSERT INTO users (display_name, email) VALUES ($1, $2) RETURNING id`, [
      `${name} ${i}`.normalize('NFC'),
      `fault-${Date.now()}-${i}-${Math.random().toString(36).slice(2)}@example.com`,
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

export const issuedCount = async (db: DataSource, enrolmentIds: string[]) =>
  (
    await db.query(
      `SELECT count(*)::int AS n FROM certificates WHERE enrolment_id = ANY ($1::uuid[]) AND issued_at IS NOT NULL`,
      [enrolmentIds],
    )
  )[0].n as number;

/**
 * The invariants after any fault: one certificate per qualifying completion, none duplicated, none stuck
 * (every request issued), every PDF present, every credential verifies.
 */
export async function expectInvariants(
  db: DataSource,
  enrolmentIds: string[],
  storageDir: string,
): Promise<void> {
  const rows = await db.query(
    `SELECT enrolment_id, count(*)::int AS n, bool_and(issued_at IS NOT NULL AND credential IS NOT NULL AND pdf_key IS NOT NULL) AS complete
       FROM certificates WHERE enrolment_id = ANY ($1::uuid[]) GROUP BY enrolment_id`,
    [enrolmentIds],
  );
  expect(rows).toHaveLength(enrolmentIds.length);
  for (const r of rows) expect(r).toMatchObject({ n: 1, complete: true });
  const [{ n: stuck }] = await db.query(
    `SELECT count(*)::int AS n FROM certificate_requests WHERE enrolment_id = ANY ($1::uuid[]) AND (issued_at IS NULL OR failed_at IS NOT NULL)`,
    [enrolmentIds],
  );
  expect(stuck).toBe(0);
  const certs = await db.query(
    `SELECT pdf_key, credential FROM certificates WHERE enrolment_id = ANY ($1::uuid[])`,
    [enrolmentIds],
  );
  const trust = await issuerTrust(db);
  for (const c of certs) {
    expect(existsSync(join(storageDir, c.pdf_key))).toBe(true);
    const report = await verifyCredentialDocument(c.credential, {
      loader: trust.loader,
      allowedIssuers: trust.dids,
    });
    expect(report.errors).toEqual([]);
    expect(report.verdict).toBe('valid');
  }
}
