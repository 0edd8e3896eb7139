import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createDatabaseNamed, createDataSource, dataSourceOptions, dropDatabaseNamed } from '@hocvuso/db';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The database of this test run (migrated, content imported, demo accounts seeded by the global setup). */
export function runDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error(
      'DATABASE_URL is not set: run this test through jest (the global setup prepares the database)',
    );
  return url;
}

/** Like every DataSource the helpers open, it carries the transaction guard in `throw` mode (see @hocvuso/db). */
export async function openRunDatabase(): Promise<DataSource> {
  return createDataSource(dataSourceOptions(runDatabaseUrl(), { logging: false })).initialize();
}

export interface FreshDatabase {
  url: string;
  db: DataSource;
  drop(): Promise<void>;
}

/**
 * A new, empty, migrated database for a test that needs a world of its own (the importer tests, for
 * example). Dropped by `drop()`.
 */
export async function createFreshDatabase(): Promise<FreshDatabase> {
  const { url, dropDatabase } = await createDatabase();
  const db = await createDataSource(dataSourceOptions(url)).initialize();
  await db.runMigrations({ transaction: 'each' });
  return { url, db, drop: async () => (await db.destroy(), await dropDatabase()) };
}

/**
 * A new database prepared like the run database (migrations, the shipped content, demo accounts; the built
 * `dist/tools/cli.cjs prepare`), for suites that change what every visitor sees, such as publishing courses to
 * the catalogue, so they never disturb the suites that count the shipped catalogue. Dropped by `drop()`.
 */
export async function createPreparedDatabase(
  /** Extra environment for `prepare`, e.g. `{ PLACES: 'lai-chau' }` (the demo places otherwise). */
  env: Record<string, string> = {},
): Promise<FreshDatabase> {
  const cli = join(resolve(__dirname, '../../..'), 'dist/tools/cli.cjs');
  if (!existsSync(cli)) throw new Error('dist/tools/cli.cjs is missing: run `node tools/build.mjs` first');
  const { url, dropDatabase } = await createDatabase();
  const prepared = spawnSync(process.execPath, [cli, 'prepare'], {
    env: { ...process.env, DATABASE_URL: url, NODE_ENV: 'test', PLACES: 'demo', ...env },
    encoding: 'utf8',
  });
  if (prepared.status !== 0) {
    await dropDatabase();
    throw new Error(`preparing the database failed:\n${prepared.stdout}\n${prepared.stderr}`);
  }
  const db = await createDataSource(dataSourceOptions(url, { logging: false })).initialize();
  return { url, db, drop: async () => (await db.destroy(), await dropDatabase()) };
}

/** An empty database on the test server, and how to drop it (even while connections remain). */
async function createDatabase(): Promise<{ url: string; dropDatabase(): Promise<void> }> {
  const server = process.env.TEST_SERVER_URL;
  if (!server) throw new Error('TEST_SERVER_URL is not set: run this test through jest');
  const name = `hvs_t_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: withDatabase(server, 'postgres') });
  await admin.connect();
  await createDatabaseNamed(admin, name);
  await admin.end();
  return {
    url: withDatabase(server, name),
    dropDatabase: async () => {
      const c = new Client({ connectionString: withDatabase(server, 'postgres') });
      await c.connect();
      await dropDatabaseNamed(c, name);
      await c.end();
    },
  };
}
