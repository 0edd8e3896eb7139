// Browser project: everything of global-setup, plus the built api serving the built web app on a free port.
// The browser tier has a database and a Redis database of its own: its api and the workers its specs start
// (which sweep pending certificates every 2 s) must never take jobs or certificate requests of the other tiers'
// suites, which share the run database and Redis db 0. Specs read E2E_DATABASE_URL and E2E_REDIS_URL.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureDatabase, freePort, prepareDatabase } from '../lib/services.mjs';
import globalSetup, { stopServices } from './global-setup.mjs';

export default async function browserGlobalSetup() {
  await globalSetup();
  if (globalThis.__HVS_BROWSER_SERVER__) return;
  try {
    await startBrowserServer();
  } catch (e) {
    // Jest runs no global teardown when the setup fails: stop the api, Redis and Postgres started so far.
    await stopServices(globalThis.__HVS_TEST__).catch(() => undefined);
    throw e;
  }
}

async function startBrowserServer() {
  const root = resolve(import.meta.dirname, '../..');
  const webDist = join(root, 'dist/apps/web');
  if (!existsSync(join(webDist, 'index.html')))
    throw new Error('dist/apps/web is missing: run `npm run build` first');
  const state = globalThis.__HVS_TEST__;
  state.browserDbName = `${state.dbName}_browser`;
  const databaseUrl = await ensureDatabase(state.serverUrl, state.browserDbName);
  prepareDatabase(root, databaseUrl, 'browser database');
  const redis = new URL(state.redisUrl);
  redis.pathname = `/${(Number(redis.pathname.slice(1)) || 0) + 1}`; // RedisSlot.browserTier (libs/testing/src/redis.ts)
  const redisUrl = redis.toString();
  const port = await freePort();
  const child = spawn(process.execPath, ['--enable-source-maps', join(root, 'dist/apps/api/main.cjs')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      COOKIE_SECRET: 'browser-tests-cookie-secret-0123456789abcdef',
      WEB_DIST: webDist,
      RUN_MIGRATIONS: 'false',
      LOG_LEVEL: 'warn',
      AUTH_RATE_LIMIT_PER_MINUTE: '100',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  globalThis.__HVS_BROWSER_SERVER__ = { stop: () => stopChild(child) };
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (child.exitCode !== null) throw new Error('the api exited during start');
    if (i >= 1200) throw new Error('the api did not answer /api/health within 120 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  process.env.E2E_BASE_URL = base;
  process.env.E2E_DATABASE_URL = databaseUrl;
  process.env.E2E_REDIS_URL = redisUrl;
}

function stopChild(child) {
  return new Promise((res) => {
    if (child.exitCode !== null || child.signalCode !== null) return res();
    child.once('exit', () => res());
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch (err) {
      // Gone already (ended by something else between the check and the kill): nothing to stop.
      if (err.code !== 'ESRCH') throw err;
      res();
    }
  });
}
