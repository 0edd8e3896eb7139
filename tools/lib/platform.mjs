// What `npm start` and `npm run dev` share: Postgres and Redis (from the environment, else embedded/local), the
// local secrets, and the environment the api, worker and CLI run with.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDatabase, freePort, startEmbeddedPostgres, startRedis } from './services.mjs';

/**
 * Postgres from DATABASE_URL, else an embedded one with its data in `<data>/pg` (kept across restarts); Redis
 * from REDIS_URL, else a redis-server from PATH with its data in `<data>/redis`, else none (jobs then run
 * in-process in the worker). `stop()` stops what this started, never what the environment named.
 */
export async function startServices({ data, say, shown = (d) => d }) {
  let pg;
  let redis;
  let databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    say('Postgres: using DATABASE_URL');
  } else {
    pg = await startEmbeddedPostgres({
      dir: join(data, 'pg'),
      port: await freePort(54329),
      persistent: true,
    });
    databaseUrl = await ensureDatabase(pg.url, 'hocvuso');
    say(`Postgres: embedded, data in ${shown(join(data, 'pg'))} (port ${new URL(pg.url).port})`);
  }

  let redisUrl = process.env.REDIS_URL;
  if (redisUrl) {
    say('Redis: using REDIS_URL');
  } else {
    try {
      redis = await startRedis({ dir: join(data, 'redis'), port: await freePort(63790), persistent: true });
    } catch (e) {
      if (pg) await pg.stop().catch(() => undefined);
      throw e;
    }
    if (redis) {
      redisUrl = redis.url;
      say(
        `Redis: redis-server from PATH, data in ${shown(join(data, 'redis'))} (port ${new URL(redis.url).port})`,
      );
    } else {
      say('WARNING: no REDIS_URL and no redis-server on PATH: background jobs run in-process in the worker,');
      say('         fed by Postgres notifications. Nothing is lost (Postgres holds the truth); install');
      say('         redis-server (or set REDIS_URL) for queues that survive restarts and scale out.');
    }
  }
  return {
    databaseUrl,
    redisUrl,
    async stop() {
      if (redis) await redis.stop();
      if (pg) await pg.stop().catch(() => undefined);
    },
  };
}

/** The environment of the api, worker and CLI children. */
export function platformEnv({ root, data, port, databaseUrl, redisUrl }) {
  const env = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    DATABASE_URL: databaseUrl,
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    COOKIE_SECRET: process.env.COOKIE_SECRET ?? localSecret(data, 'cookieSecret'),
    ISSUER_KEY_SECRET: process.env.ISSUER_KEY_SECRET ?? localSecret(data, 'issuerKeySecret'),
    UNSUBSCRIBE_SECRET: process.env.UNSUBSCRIBE_SECRET ?? localSecret(data, 'unsubscribeSecret'),
    STORAGE_DIR: process.env.STORAGE_DIR ?? join(data, 'storage'),
    PORT: String(port),
    HOST: process.env.HOST ?? '0.0.0.0',
    PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${port}`,
    WEB_DIST: join(root, 'dist/apps/web'),
    RUN_MIGRATIONS: 'false',
  };
  if (!redisUrl) delete env.REDIS_URL;
  return env;
}

/** A secret kept in `<data>/secrets.json` (0600), made on first use, so restarts keep sessions and keys. */
export function localSecret(data, key) {
  const file = join(data, 'secrets.json');
  const secrets = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  if (!secrets[key]) {
    secrets[key] = randomBytes(32).toString('base64url');
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets[key];
}

/** The demo accounts the seed makes, for the banner. */
export const DEMO_ACCOUNTS = [
  'learner',
  'community-helper',
  'teacher',
  'reviewer',
  'unit-admin',
  'province-admin',
  'system-admin',
];
