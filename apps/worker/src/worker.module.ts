import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from '@hocvuso/db';
import type { Logger } from 'pino';
import type { WorkerConfig } from './config/worker.config';
import { JobRuntime } from './processors/job-runtime';
import { WORKER_CONFIG, WORKER_LOGGER } from './tokens';

@Module({})
export class WorkerModule {
  static forRoot(config: WorkerConfig, logger: Logger): DynamicModule {
    return {
      module: WorkerModule,
      imports: [TypeOrmModule.forRoot({ ...dataSourceOptions(config.databaseUrl), retryAttempts: 3, retryDelay: 1000 })],
      providers: [{ provide: WORKER_CONFIG, useValue: config }, { provide: WORKER_LOGGER, useValue: logger }, JobRuntime],
      exports: [JobRuntime],
    };
  }
}
