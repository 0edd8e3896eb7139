// Only for the TypeORM CLI (migration:generate / migration:show), loaded from its compiled bundle.
// Applications build their own DataSource from dataSourceOptions() and never import this file.
import { dataSourceOptions } from './data-source-options';
import { createDataSource } from './transaction-guard';

// eslint-disable-next-line no-restricted-syntax -- the CLI's only input is the environment
export default createDataSource(dataSourceOptions(process.env.DATABASE_URL ?? ''));
