// Hot statements marked with `prepared()` run as named prepared statements on each pooled connection, on the run's
// real Postgres: planned once per connection, the same rows as unnamed, and safe across a column added meanwhile.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { runDatabaseUrl } from '@hocvuso/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  createDataSource,
  dataSourceOptions,
  DEFAULT_POOL_SETTINGS,
  prepared,
  preparedNameOf,
  type PoolSettings,
} from '../src';
import { selectOne, selectRows } from '../src/queries/queryable';

async function open(pool: Partial<PoolSettings> = {}): Promise<DataSource> {
  return createDataSource(
    dataSourceOptions(runDatabaseUrl(), { logging: false }, { ...DEFAULT_POOL_SETTINGS, max: 4, ...pool }),
  ).initialize();
}

const table = `prepared_probe_${randomUUID().replace(/-/g, '')}`;
// A marked statement as the query modules write one: named result columns, every value a parameter.
const BY_KEY = prepared(
  'probe_by_key',
  `SELECT p.id, p.label, p.n * $2::int AS scaled FROM ${table} p WHERE p.id = $1`,
);

/** The prepared statements of the connection a transaction holds, after running `sql` on it. */
async function preparedOn(db: DataSource, sql: string, params: unknown[]): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query(sql, params);
    const rows = await selectRows<{ name: string }>(tx, `SELECT name FROM pg_prepared_statements`);
    return rows.map((r) => r.name);
  });
}

describe('prepared hot statements', () => {
  let db: DataSource;
  let unprepared: DataSource;
  beforeAll(async () => {
    db = await open();
    unprepared = await open({ preparedStatements: false });
    await db.query(`CREATE TABLE ${table} (id int PRIMARY KEY, label text NOT NULL, n int NOT NULL)`);
    await db.query(`INSERT INTO ${table} SELECT g, 'dòng ' || g, g FROM generate_series(1, 200) g`);
  });
  afterAll(async () => {
    await db.query(`DROP TABLE IF EXISTS ${table}`);
    await db.destroy();
    await unprepared.destroy();
  });

  it('names a marked text by its name and digest; other texts have no name', () => {
    expect(preparedNameOf(BY_KEY)).toMatch(/^hvs_probe_by_key_[0-9a-f]{12}$/);
    expect(preparedNameOf(`SELECT 1`)).toBeUndefined();
    // Marking the same text again keeps its one name.
    expect(preparedNameOf(prepared('probe_by_key', BY_KEY))).toBe(preparedNameOf(BY_KEY));
  });

  it('runs a marked statement by name on the connection, and an unmarked one unnamed', async () => {
    const names = await preparedOn(db, BY_KEY, [7, 3]);
    expect(names).toContain(preparedNameOf(BY_KEY));
    expect(names.every((n) => n.startsWith('hvs_'))).toBe(true);
    // DB_PREPARED_STATEMENTS=off: the same text goes unnamed.
    expect(await preparedOn(unprepared, BY_KEY, [7, 3])).not.toContain(preparedNameOf(BY_KEY));
  });

  it('gives the same rows as the unnamed statement, with new parameters at each call (50 at once)', async () => {
    const calls = Array.from({ length: 50 }, (_, i) => [1 + ((i * 37) % 200), 1 + (i % 5)]);
    const named = await Promise.all(calls.map((p) => selectOne(db, BY_KEY, p)));
    const plain = await Promise.all(calls.map((p) => selectOne(unprepared, BY_KEY, p)));
    expect(named).toEqual(plain);
    calls.forEach(([id, k], i) => expect(named[i]).toEqual({ id, label: `dòng ${id}`, scaled: id! * k! }));
  });

  it('a failing execution leaves the statement usable: bad parameters, then good ones', async () => {
    await expect(selectOne(db, BY_KEY, ['not a number', 1])).rejects.toThrow(/invalid input syntax/);
    await expect(db.transaction((tx) => selectOne(tx, BY_KEY, [1, 'x']))).rejects.toThrow();
    await expect(
      Promise.all(Array.from({ length: 8 }, () => selectOne(db, BY_KEY, [2, 2]))),
    ).resolves.toEqual(Array.from({ length: 8 }, () => ({ id: 2, label: 'dòng 2', scaled: 4 })));
  });

  it('goes on after a migration adds a column while the connections hold the statement', async () => {
    // Every pooled connection prepares it first (4 at once hold all four).
    await Promise.all(
      Array.from({ length: 4 }, () =>
        db.transaction(async (tx) => {
          await selectOne(tx, BY_KEY, [3, 1]);
          await tx.query(`SELECT pg_sleep(0.05)`);
        }),
      ),
    );
    await unprepared.query(`ALTER TABLE ${table} ADD COLUMN extra text DEFAULT 'mới'`);
    const after = await Promise.all(Array.from({ length: 12 }, (_, i) => selectOne(db, BY_KEY, [i + 1, 2])));
    after.forEach((row, i) =>
      expect(row).toEqual({ id: i + 1, label: `dòng ${i + 1}`, scaled: (i + 1) * 2 }),
    );
  });
});
