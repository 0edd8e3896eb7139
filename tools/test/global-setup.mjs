// Jest global setup for the integration, e2e and browser projects: one database per test run (never shared
// with another run), migrated, with the shipped content imported and the demo accounts seeded, plus a Redis.
// Postgres: TEST_DATABASE_URL or DATABASE_URL names a server to use; otherwise an embedded Postgres starts.
// Redis: REDIS_URL, otherwise a redis-server from PATH on a free port.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  dropDatabase,
  ensureDatabase,
  freePort,
  prepareDatabase,
  startEmbeddedPostgres,
  startRedis,
} from '../lib/services.mjs';

export default async function globalSetup() {
  if (globalThis.__HVS_TEST__) return; // projects share one setup per run
  const root = resolve(import.meta.dirname, '../..');
  const state = { tmp: mkdtempSync(join(tmpdir(), 'hvs-test-')) };
  // mkdtemp makes the run's own folder 0700; as root the embedded Postgres runs as the OS user `postgres`,
  // which must pass through it. Only this folder of ours changes, never the system temporary folder.
  chmodSync(state.tmp, 0o711);
  try {
    await startServices(root, state);
  } catch (e) {
    // Jest runs no global teardown when the setup fails: stop what this setup started, here.
    await stopServices(state);
    throw e;
  }
  globalThis.__HVS_TEST__ = state;
}

async function startServices(root, state) {
  const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (serverUrl) {
    state.serverUrl = serverUrl;
  } else {
    const pg = await startEmbeddedPostgres({
      dir: join(state.tmp, 'pg'),
      port: await freePort(),
      persistent: false,
      fsync: false,
    });
    state.pg = pg;
    state.serverUrl = pg.url;
  }
  state.dbName = `hvs_test_${process.pid}_${Date.now()}`;
  const url = await ensureDatabase(state.serverUrl, state.dbName);
  state.dbCreated = true;

  if (process.env.REDIS_URL) {
    state.redisUrl = process.env.REDIS_URL;
  } else {
    const redis = await startRedis({
      dir: join(state.tmp, 'redis'),
      port: await freePort(),
      persistent: false,
    });
    if (!redis)
      throw new Error(
        'tests need Redis: set REDIS_URL or install redis-server (apt-get install -y redis-server)',
      );
    state.redis = redis;
    state.redisUrl = redis.url;
  }

  prepareDatabase(root, url, 'test database');

  process.env.DATABASE_URL = url;
  process.env.ISSUER_KEY_SECRET =
    process.env.ISSUER_KEY_SECRET ?? 'test-run-issuer-key-secret-0123456789abcdef';
  process.env.UNSUBSCRIBE_SECRET =
    process.env.UNSUBSCRIBE_SECRET ?? 'test-run-unsubscribe-secret-0123456789abcdef';
  // Workers that other suites start must not send reminders to the learners of the shared run database; the
  // reminders suite runs its sweeps itself, with reminders on and its own clock.
  process.env.REMINDERS_ENABLED = 'false';
  process.env.STORAGE_DIR = join(state.tmp, 'storage');
  process.env.TEST_SERVER_URL = state.serverUrl;
  process.env.REDIS_URL = state.redisUrl;
  process.env.HVS_TEST_TMP = state.tmp;
}

/**
 * Stops everything a setup started and removes what it created; each step runs even when an earlier one
 * fails. Shared by a failed setup and by the global teardown.
 */
export async function stopServices(state) {
  const steps = [
    () => globalThis.__HVS_BROWSER_SERVER__?.stop(),
    () => state.redis?.stop(),
    async () => {
      if (state.pg) return state.pg.stop();
      if (state.dbCreated) await dropDatabase(state.serverUrl, state.dbName);
      if (state.browserDbName) await dropDatabase(state.serverUrl, state.browserDbName);
    },
  ];
  const errors = [];
  for (const step of steps) {
    try {
      await step();
    } catch (e) {
      errors.push(e);
    }
  }
  rmSync(state.tmp, { recursive: true, force: true });
  if (errors.length > 0) throw errors[0];
}
