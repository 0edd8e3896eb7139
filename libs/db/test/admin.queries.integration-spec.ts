// Creating and dropping whole databases on the run's real Postgres server.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createDatabaseNamed, dropDatabaseNamed } from '../src';

function serverUrl(database: string): string {
  const url = new URL(process.env.TEST_SERVER_URL ?? process.env.DATABASE_URL ?? '');
  url.pathname = `/${database}`;
  return url.toString();
}

describe('admin queries', () => {
  let admin: Client;
  beforeAll(async () => {
    admin = new Client({ connectionString: serverUrl('postgres') });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
  });

  const exists = async (name: string) =>
    (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).rowCount === 1;

  it('creates an empty database and drops it even while a connection to it remains', async () => {
    const name = `hvs_q_${randomBytes(5).toString('hex')}`;
    await createDatabaseNamed(admin, name);
    expect(await exists(name)).toBe(true);
    const inside = new Client({ connectionString: serverUrl(name) });
    await inside.connect();
    inside.on('error', () => undefined); // the forced drop ends this connection
    const tables = await inside.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`);
    expect(tables.rows[0].n).toBe(0);
    await dropDatabaseNamed(admin, name);
    expect(await exists(name)).toBe(false);
    await dropDatabaseNamed(admin, name); // IF EXISTS: dropping again is fine
    await inside.end().catch(() => undefined);
  });

  it('refuses names that would need quoting', async () => {
    await expect(createDatabaseNamed(admin, 'x"; DROP DATABASE postgres; --')).rejects.toThrow(
      /not an acceptable database name/,
    );
    await expect(dropDatabaseNamed(admin, 'Upper')).rejects.toThrow(/not an acceptable database name/);
  });
});
