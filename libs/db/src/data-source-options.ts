import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '@hocvuso/migrations';
import { ENTITIES } from './entities';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * The one description of how we talk to Postgres, shared by the api, the worker, the CLI and the tests.
 * `synchronize` is off everywhere: the schema changes only through reviewed migrations.
 */
export function dataSourceOptions(url: string, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
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
    extra: { max: 10, application_name: 'hocvuso' },
    ...extra,
  } as DataSourceOptions;
}
