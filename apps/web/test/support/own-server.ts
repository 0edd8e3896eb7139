import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

const ROOT = resolve(__dirname, '../../../..');

export interface OwnServer {
  /** `http://127.0.0.1:<port>`: the built api serving the built web app. */
  baseUrl: string;
  /** The server's own database (migrated, content imported, demo accounts seeded). */
  databaseUrl: string;
  stop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? done(address.port) : fail(new Error('no port')),
      );
    });
  });
}

/**
 * The built api and web app on a database of their own, prepared like the run database (migrations, shipped
 * content, demo accounts). For browser journeys that change what everyone sees, such as publishing courses to
 * the catalogue, so they never disturb the suites that count the shipped catalogue on the shared run database.
 */
export async function startOwnServer(): Promise<OwnServer> {
  const server = process.env.TEST_SERVER_URL;
  if (!server)
    throw new Error('TEST_SERVER_URL is not set: run this test through jest (the global setup sets it)');
  const main = join(ROOT, 'dist/apps/api/main.cjs');
  const cli = join(ROOT, 'dist/tools/cli.cjs');
  if (!existsSync(main) || !existsSync(cli))
    throw new Error('dist/ is missing: run `node tools/build.mjs` first');

  const name = `hvs_own_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: withDatabase(server, 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const databaseUrl = withDatabase(server, name);
  const dropDatabase = async () => {
    const c = new Client({ connectionString: withDatabase(server, 'postgres') });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.end();
  };

  const prepared = spawnSync(process.execPath, [cli, 'prepare'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'test' },
    encoding: 'utf8',
  });
  if (prepared.status !== 0) {
    await dropDatabase();
    throw new Error(`preparing the database failed:\n${prepared.stdout}\n${prepared.stderr}`);
  }

  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', main], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      COOKIE_SECRET: 'browser-tests-cookie-secret-0123456789abcdef',
      WEB_DIST: join(ROOT, 'dist/apps/web'),
      RUN_MIGRATIONS: 'false',
      LOG_LEVEL: 'warn',
      AUTH_RATE_LIMIT_PER_MINUTE: '100',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      await new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      });
    }
    await dropDatabase();
  };
  for (let i = 0; ; i++) {
    const ok = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (child.exitCode !== null || i > 200) {
      await stop();
      throw new Error('the api did not start');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { baseUrl, databaseUrl, stop };
}
