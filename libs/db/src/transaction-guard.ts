import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, type DataSourceOptions, type EntityManager, type QueryRunner } from 'typeorm';
import { DEFAULT_POOL_SETTINGS, type PoolSettings } from './pool-settings';

/**
 * A query went to the connection pool while a transaction of the same DataSource was open in the same call chain.
 * The transaction holds one pooled connection (and its locks) and waits for the second; with enough such requests
 * at once every pooled connection is held by a transaction waiting for another one, and the whole platform stops.
 * Pass the transaction's manager (`tx`) down instead.
 */
export class SecondConnectionInTransactionError extends Error {
  readonly code = 'SECOND_CONNECTION_IN_TRANSACTION';
  constructor(where: string) {
    super(
      `SECOND_CONNECTION_IN_TRANSACTION: ${where} asked the pool for a second connection while a transaction of the ` +
        'same database is open in this call chain; use the transaction manager (tx) it was given instead',
    );
    this.name = 'SecondConnectionInTransactionError';
  }
}

export interface TransactionGuardOptions {
  /** `throw` refuses the query; `log` reports it through `log` and lets it run. */
  mode: PoolSettings['transactionGuard'];
  /** Where a violation is reported in `log` mode (default: console.error). */
  log?: (error: SecondConnectionInTransactionError) => void;
}

interface Frame {
  readonly db: DataSource;
  /** False once the transaction's callback has settled: work it started and left running is no longer inside it. */
  open: boolean;
}

const frames = new AsyncLocalStorage<readonly Frame[]>();
const GUARD = Symbol.for('hocvuso.db.transactionGuard');

type Guarded = DataSource & { [GUARD]?: TransactionGuardOptions };

/** Whether the guard is installed on this DataSource. */
export function isTransactionGuarded(db: DataSource): boolean {
  return Boolean((db as Guarded)[GUARD]);
}

/** Whether the current call chain runs inside an open transaction of `db` (started through its managers). */
export function inTransactionOf(db: DataSource): boolean {
  return (frames.getStore() ?? []).some((f) => f.db === db && f.open);
}

/**
 * Installs the transaction guard on a DataSource, once: `transaction()` of the DataSource and of every manager
 * that is not bound to a query runner marks its callback's call chain as "inside a transaction of this
 * DataSource", and `createQueryRunner` (which every pooled query goes through: `DataSource.query`, the default
 * manager, repositories, query builders, a nested `DataSource.transaction`) refuses (or logs) while that mark is
 * set. Queries through the transaction's own manager or query runner never ask for a new runner and pass.
 * Returns the same DataSource; calling it again only updates the options.
 */
export function guardTransactions<T extends DataSource>(
  db: T,
  options: TransactionGuardOptions = { mode: DEFAULT_POOL_SETTINGS.transactionGuard },
): T {
  const guarded = db as Guarded;
  if (guarded[GUARD]) {
    guarded[GUARD] = options;
    return db;
  }
  guarded[GUARD] = options;

  const createQueryRunner = db.createQueryRunner.bind(db);
  db.createQueryRunner = (mode?: 'master' | 'slave'): QueryRunner => {
    if (inTransactionOf(db))
      violation(guarded, 'a query through the DataSource, its default manager or a repository');
    return createQueryRunner(mode);
  };

  const createEntityManager = db.createEntityManager.bind(db);
  db.createEntityManager = (queryRunner?: QueryRunner): EntityManager => {
    const manager = createEntityManager(queryRunner);
    // A manager bound to a query runner is a transaction's own (or a runner's): its transaction() reuses it.
    if (!queryRunner) markTransactions(db, manager);
    return manager;
  };
  markTransactions(db, db.manager);
  return db;
}

/** A new DataSource with the guard installed (not initialised). */
export function createDataSource(options: DataSourceOptions, guard?: TransactionGuardOptions): DataSource {
  return guardTransactions(new DataSource(options), guard);
}

function violation(db: Guarded, where: string): void {
  const options = db[GUARD] ?? { mode: 'throw' };
  const error = new SecondConnectionInTransactionError(where);
  if (options.mode === 'throw') throw error;
  (options.log ?? ((e) => console.error(e)))(error);
}

function markTransactions(db: DataSource, manager: EntityManager): void {
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  const marked = (isolationOrWork: unknown, maybeWork?: unknown): Promise<unknown> => {
    const work = (typeof isolationOrWork === 'function' ? isolationOrWork : maybeWork) as
      ((tx: EntityManager) => Promise<unknown>) | undefined;
    if (typeof work !== 'function') return transaction(isolationOrWork, maybeWork);
    const inside = async (tx: EntityManager): Promise<unknown> => {
      const frame: Frame = { db, open: true };
      try {
        return await frames.run([...(frames.getStore() ?? []), frame], () => work(tx));
      } finally {
        frame.open = false;
      }
    };
    return typeof isolationOrWork === 'function' ? transaction(inside) : transaction(isolationOrWork, inside);
  };
  manager.transaction = marked as EntityManager['transaction'];
}
