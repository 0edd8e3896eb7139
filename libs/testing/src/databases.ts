import { randomBytes } from 'node:crypto';
import { dataSourceOptions } from '@hocvuso/db';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The database of this test run (migrated, content imported, demo accounts seeded by the global setup). */
export function runDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run this test through jest (the global setup prepares the database)');
  return url;
}

export async function openRunDatabase(): Promise<DataSource> {
  return new DataSource(dataSourceOptions(runDatabaseUrl(), { logging: false })).initialize();
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
  const server = process.env.TEST_SERVER_URL;
  if (!server) throw new Error('TEST_SERVER_URL is not set: run this test through jest');
  const name = `hvs_t_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: withDatabase(server, 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = withDatabase(server, name);
  const db = await new DataSource(dataSourceOptions(url)).initialize();
  await db.runMigrations({ transaction: 'each' });
  return {
    url,
    db,
    drop: async () => {
      await db.destroy();
      const c = new Client({ connectionString: withDatabase(server, 'postgres') });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}
