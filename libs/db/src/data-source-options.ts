import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '@hocvuso/migrations';
import { ENTITIES } from './entities';
import { DEFAULT_POOL_SETTINGS, pgPoolOptions, type PoolSettings } from './pool-settings';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * The one description of how we talk to Postgres, shared by the api, the worker, the CLI and the tests.
 * `synchronize` is off everywhere: the schema changes only through reviewed migrations. `pool` sets the pool size
 * and the lock, statement, idle-in-transaction and acquire timeouts (see pool-settings.ts).
 * Build the DataSource with `createDataSource` (or pass it through `guardTransactions`) so the transaction guard
 * is installed.
 */
export function dataSourceOptions(
  url: string,
  extra: Partial<DataSourceOptions> = {},
  pool: PoolSettings = DEFAULT_POOL_SETTINGS,
): DataSourceOptions {
  if (!url) throw new Error('dataSourceOptions: a Postgres URL is required');
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    uuidExtension: 'pgcrypto',
    logging: ['error'],
    extra: { ...pgPoolOptions(pool), application_name: 'hocvuso' },
    ...extra,
  } as DataSourceOptions;
}

/**
 * The options of a read replica's pool (DATABASE_REPLICA_URL): the same as the primary's, without migrations, and
 * every session read-only (`default_transaction_read_only`), so no write can ever go through it, even when the URL
 * names the primary itself. Its `application_name` is the URL's when it has one.
 */
export function replicaDataSourceOptions(
  url: string,
  pool: PoolSettings = DEFAULT_POOL_SETTINGS,
): DataSourceOptions {
  const base = dataSourceOptions(url, { migrations: [] }, pool);
  return {
    ...base,
    extra: {
      ...(base.extra as Record<string, unknown>),
      application_name: 'hocvuso-replica',
      options: '-c default_transaction_read_only=on',
    },
  } as DataSourceOptions;
}
