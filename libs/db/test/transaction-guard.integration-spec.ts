// The transaction guard and the pool's timeouts, on the run's real Postgres.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase, runDatabaseUrl } from '@hocvuso/testing';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import {
  createDataSource,
  dataSourceOptions,
  DEFAULT_POOL_SETTINGS,
  guardTransactions,
  inTransactionOf,
  isTransactionGuarded,
  poolSettings,
  poolStats,
  SecondConnectionInTransactionError,
  UserEntity,
  type PoolSettings,
  WORKER_POOL_SETTINGS,
} from '../src';

const SECOND = { name: 'SecondConnectionInTransactionError', code: 'SECOND_CONNECTION_IN_TRANSACTION' };

async function open(pool: Partial<PoolSettings> = {}, extra = {}): Promise<DataSource> {
  return createDataSource(
    dataSourceOptions(runDatabaseUrl(), { logging: false, ...extra }, { ...DEFAULT_POOL_SETTINGS, ...pool }),
  ).initialize();
}

describe('the transaction guard', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('is installed on the DataSources the test helpers open', () => {
    expect(isTransactionGuarded(db)).toBe(true);
  });

  it('refuses every way of reaching the pool while a transaction of the same DataSource is open', async () => {
    const attempts: Record<string, unknown> = {};
    await db.transaction(async (tx) => {
      expect(inTransactionOf(db)).toBe(true);
      await tx.query('SELECT 1');
      attempts.query = await db.query('SELECT 1').catch((e: unknown) => e);
      attempts.manager = await db.manager.query('SELECT 1').catch((e: unknown) => e);
      attempts.repository = await db
        .getRepository(UserEntity)
        .findOne({ where: { id: '00000000-0000-4000-8000-000000000000' } })
        .catch((e: unknown) => e);
      attempts.builder = await db
        .createQueryBuilder(UserEntity, 'u')
        .select('count(*)', 'n')
        .getRawOne()
        .catch((e: unknown) => e);
      attempts.nestedTransaction = await db
        .transaction((inner) => inner.query('SELECT 1'))
        .catch((e: unknown) => e);
      attempts.managerTransaction = await db.manager
        .transaction((inner) => inner.query('SELECT 1'))
        .catch((e: unknown) => e);
      attempts.connection = await tx.connection.query('SELECT 1').catch((e: unknown) => e);
      attempts.runner = (() => {
        try {
          return db.createQueryRunner();
        } catch (e) {
          return e;
        }
      })();
    });
    for (const [how, result] of Object.entries(attempts)) {
      expect([how, result]).toEqual([how, expect.objectContaining(SECOND)]);
      expect(result).toBeInstanceOf(SecondConnectionInTransactionError);
    }
  });

  it('lets the transaction use its own manager, repositories, savepoints and query runner', async () => {
    const result = await db.transaction(async (tx) => {
      const [{ one }] = await tx.query('SELECT 1 AS one');
      const users = await tx.getRepository(UserEntity).count();
      const nested = await tx.transaction((inner) => inner.query('SELECT 2 AS two'));
      const raw = await tx.createQueryBuilder(UserEntity, 'u').select('3', 'three').limit(1).getRawOne();
      const viaRunner = await tx.queryRunner!.query('SELECT 4 AS four');
      return { one, users, two: nested[0].two, three: raw.three, four: viaRunner[0].four };
    });
    expect(result).toEqual({ one: 1, users: expect.any(Number), two: 2, three: 3, four: 4 });
  });

  it('keeps other call chains free while a transaction is open, and lets go once it ends', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    let leftRunning: Promise<unknown> | undefined;
    const tx = db.transaction(async (m) => {
      await m.query('SELECT 1');
      entered();
      await held;
      // Started inside, runs after the commit: no longer inside the transaction.
      leftRunning = new Promise((r) => setImmediate(r)).then(() => db.query('SELECT 5 AS five'));
    });
    await inside;
    // Another request (another call chain) while the transaction is open.
    await expect(db.query('SELECT 6 AS six')).resolves.toEqual([{ six: 6 }]);
    release();
    await tx;
    await expect(leftRunning).resolves.toEqual([{ five: 5 }]);
    expect(inTransactionOf(db)).toBe(false);
    await expect(db.query('SELECT 7 AS seven')).resolves.toEqual([{ seven: 7 }]);
  });

  it('allows another DataSource inside a transaction (a separate pool)', async () => {
    const other = await open();
    try {
      const rows = await db.transaction(async () => other.query('SELECT 8 AS eight'));
      expect(rows).toEqual([{ eight: 8 }]);
      const refused = await other.transaction(async () => other.query('SELECT 1')).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(SecondConnectionInTransactionError);
    } finally {
      await other.destroy();
    }
  });

  it('in log mode reports the violation and lets the query run', async () => {
    const other = await open();
    const logged: SecondConnectionInTransactionError[] = [];
    guardTransactions(other, { mode: 'log', log: (e) => logged.push(e) });
    try {
      const rows = await other.transaction(async () => other.query('SELECT 9 AS nine'));
      expect(rows).toEqual([{ nine: 9 }]);
      expect(logged).toHaveLength(1);
      expect(logged[0]!.code).toBe('SECOND_CONNECTION_IN_TRANSACTION');
    } finally {
      await other.destroy();
    }
  });

  it('turns the pool-deadlock pattern into an immediate error instead of a frozen pool', async () => {
    // The old quiz submit: lock a row in a transaction, then read through the pool. With a pool of 2 and 4 such
    // requests at once, every connection was held by a transaction waiting for a second one.
    const small = await open({ max: 2, acquireTimeoutMs: 0 });
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 4 }, () =>
          small.transaction(async (tx) => {
            await tx.query('SELECT pg_advisory_xact_lock(4242)');
            return small.query('SELECT 1 AS one');
          }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
      for (const r of results)
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(SecondConnectionInTransactionError);
      await expect(small.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
    } finally {
      await small.destroy();
    }
  });
});

describe('the pool timeouts', () => {
  it('start every pooled connection with the configured lock, statement and idle-in-transaction timeouts', async () => {
    const db = await open({
      lockTimeoutMs: 1234,
      statementTimeoutMs: 23_456,
      idleInTransactionTimeoutMs: 34_567,
    });
    try {
      const [row] = await db.query(
        `SELECT current_setting('lock_timeout') AS lock, current_setting('statement_timeout') AS statement,
                current_setting('idle_in_transaction_session_timeout') AS idle`,
      );
      expect(row).toEqual({ lock: '1234ms', statement: '23456ms', idle: '34567ms' });
    } finally {
      await db.destroy();
    }
  });

  it('defaults to 5 s locks, 30 s statements, 30 s idle in transaction, 10 s acquire, 20 connections', () => {
    expect(poolSettings({ NODE_ENV: 'development' })).toEqual({
      max: 20,
      acquireTimeoutMs: 10_000,
      lockTimeoutMs: 5_000,
      statementTimeoutMs: 30_000,
      idleInTransactionTimeoutMs: 30_000,
      transactionGuard: 'throw',
      preparedStatements: true,
    });
    expect(poolSettings({ NODE_ENV: 'production' }).transactionGuard).toBe('log');
    expect(poolSettings({ NODE_ENV: 'production', DB_PREPARED_STATEMENTS: 'off' }).preparedStatements).toBe(
      false,
    );
    // The worker sends e-mail inside the transaction that marks it sent: its transactions may idle longer.
    expect(poolSettings({ NODE_ENV: 'production' }, WORKER_POOL_SETTINGS)).toMatchObject({
      idleInTransactionTimeoutMs: 120_000,
      lockTimeoutMs: 5_000,
    });
    expect(
      poolSettings({ NODE_ENV: 'production', DB_TRANSACTION_GUARD: 'throw', DB_LOCK_TIMEOUT_MS: 0 }),
    ).toMatchObject({
      transactionGuard: 'throw',
      lockTimeoutMs: 0,
    });
  });

  it('a statement waiting for a row lock held elsewhere fails fast with lock_timeout instead of hanging', async () => {
    const db = await open({ lockTimeoutMs: 300 });
    const holder = new Client({ connectionString: runDatabaseUrl() });
    await holder.connect();
    try {
      const [{ id }] = await db.query(`SELECT id FROM users ORDER BY created_at LIMIT 1`);
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [id]);
      const failed = await db
        .transaction((tx) => tx.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [id]))
        .catch((e: unknown) => e);
      expect(failed).toMatchObject({ driverError: expect.objectContaining({ code: '55P03' }) });
      expect(String((failed as Error).message)).toMatch(/lock timeout/);
      // The pool is not harmed: the next statement runs.
      await expect(db.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
      await db.destroy();
    }
  });

  it('a statement running longer than statement_timeout is cancelled', async () => {
    const db = await open({ statementTimeoutMs: 200 });
    try {
      const failed = await db.query('SELECT pg_sleep(5)').catch((e: unknown) => e);
      expect(failed).toMatchObject({ driverError: expect.objectContaining({ code: '57014' }) });
    } finally {
      await db.destroy();
    }
  });

  it('a transaction left idle is ended by the server after idle_in_transaction_session_timeout', async () => {
    const db = await open({ idleInTransactionTimeoutMs: 200 });
    try {
      const failed = await db
        .transaction(async (tx) => {
          await tx.query('SELECT 1');
          await new Promise((r) => setTimeout(r, 800));
          await tx.query('SELECT 2');
        })
        .catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(Error);
      // The pool drops the dead connection and carries on.
      await expect(db.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
    } finally {
      await db.destroy();
    }
  });

  it('a request waiting for a pooled connection gives up after the acquire timeout', async () => {
    const db = await open({ max: 1, acquireTimeoutMs: 300 });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    try {
      const holding = db.transaction(async (tx) => {
        await tx.query('SELECT 1');
        entered();
        await held;
      });
      await inside;
      const waiting = db.query('SELECT 1').catch((e: unknown) => e);
      await new Promise((r) => setImmediate(r));
      expect(poolStats(db)).toEqual({ max: 1, total: 1, idle: 0, waiting: 1 });
      const failed = await waiting;
      expect(String((failed as Error).message)).toMatch(/timeout exceeded when trying to connect/);
      release();
      await holding;
      await expect(db.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
    } finally {
      release();
      await db.destroy();
    }
  });
});

describe('a connection the server ends while it is checked out', () => {
  it('fails the work in flight, emits no unhandled error, and the pool serves the next query', async () => {
    const db = await open({ max: 2 });
    const admin = new Client({ connectionString: runDatabaseUrl() });
    await admin.connect();
    const unhandled: unknown[] = [];
    const onUncaught = (err: unknown) => unhandled.push(err);
    process.on('uncaughtException', onUncaught);
    try {
      const runner = db.createQueryRunner();
      await runner.connect();
      const [{ pid }] = await runner.query('SELECT pg_backend_pid() AS pid');
      // Checked out and idle between statements (as inside a transaction), the server terminates it: node-postgres
      // emits 'error' on the client, which a plain pg.Client without a listener turns into a process crash.
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      await new Promise((r) => setTimeout(r, 200));
      await expect(runner.query('SELECT 1')).rejects.toThrow();
      await runner.release().catch(() => undefined);
      expect(unhandled).toEqual([]);
      expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      process.off('uncaughtException', onUncaught);
      await admin.end();
      await db.destroy();
    }
  });
});
