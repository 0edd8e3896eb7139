import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { createPreparedDatabase, RedisSlot, type RedisSlotName, redisDatabaseUrl } from '@hocvuso/testing';

const ROOT = resolve(__dirname, '../../../..');

export interface OwnServer {
  /** `http://127.0.0.1:<port>`: the built api serving the built web app. */
  baseUrl: string;
  /** The server's own database (migrated, content imported, demo accounts seeded). */
  databaseUrl: string;
  /** The Redis database its jobs go to (the run's shared one unless a slot was asked for). */
  redisUrl: string | undefined;
  stop(): Promise<void>;
}

export interface OwnServerOptions {
  /**
   * A Redis database of its own (libs/testing RedisSlot), for a journey that starts a worker beside the server:
   * no other suite's worker takes its jobs (a video to transcode, a certificate to sign), and its worker takes
   * none of theirs.
   */
  redisSlot?: RedisSlotName;
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
export async function startOwnServer(options: OwnServerOptions = {}): Promise<OwnServer> {
  const main = join(ROOT, 'dist/apps/api/main.cjs');
  if (!existsSync(main)) throw new Error('dist/ is missing: run `node tools/build.mjs` first');
  const redisUrl = options.redisSlot ? redisDatabaseUrl(RedisSlot[options.redisSlot]) : process.env.REDIS_URL;
  const world = await createPreparedDatabase();
  const databaseUrl = world.url;
  const dropDatabase = () => world.drop().catch(() => undefined);

  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', main], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
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
    if (child.exitCode !== null || i >= 1200) {
      await stop();
      throw new Error('the api did not answer /api/health within 120 s');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { baseUrl, databaseUrl, redisUrl, stop };
}
