import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { createDataSource, dataSourceOptions } from '@hocvuso/db';
import type { Logger } from 'pino';
import type { WorkerConfig } from './config/worker.config';
import { JobRuntime } from './processors/job-runtime';
import { WORKER_CONFIG, WORKER_LOGGER } from './tokens';

@Module({})
export class WorkerModule {
  static forRoot(config: WorkerConfig, logger: Logger): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            ...dataSourceOptions(config.databaseUrl, {}, config.db),
            retryAttempts: 3,
            retryDelay: 1000,
          }),
          // The transaction guard: no query may take a second pooled connection while a transaction is open.
          dataSourceFactory: async (options) =>
            createDataSource(options!, {
              mode: config.db.transactionGuard,
              log: (e) => logger.error({ err: e, code: e.code }, e.message),
            }),
        }),
      ],
      providers: [
        { provide: WORKER_CONFIG, useValue: config },
        { provide: WORKER_LOGGER, useValue: logger },
        JobRuntime,
      ],
      exports: [JobRuntime],
    };
  }
}
