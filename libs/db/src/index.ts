export * from './entities';
export { dataSourceOptions, replicaDataSourceOptions } from './data-source-options';
export {
  CLI_POOL_SETTINGS,
  DEFAULT_POOL_SETTINGS,
  pgPoolOptions,
  poolEnvFields,
  poolSettings,
  type PoolSettings,
  WORKER_POOL_SETTINGS,
} from './pool-settings';
export { prepared, preparedNameOf } from './prepared-statements';
export {
  createDataSource,
  guardTransactions,
  inTransactionOf,
  isTransactionGuarded,
  SecondConnectionInTransactionError,
  type TransactionGuardOptions,
} from './transaction-guard';
export { poolStats, type PoolStats } from './pool-stats';
export { SnakeNamingStrategy } from './snake-naming.strategy';
export * from './queries';
