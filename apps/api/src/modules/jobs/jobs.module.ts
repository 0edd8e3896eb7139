import { type DynamicModule, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { notifyChannel } from '@hocvuso/db';
import { BullJobQueue, type JobQueue, PgNotifyJobQueue, redisConnection } from '@hocvuso/jobs';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { ApiConfig } from '../../config/api.config';
import { LOGGER } from '../../common/logging/logger.token';

export const JOB_QUEUE = Symbol('JOB_QUEUE');

@Injectable()
class JobQueueCloser implements OnApplicationShutdown {
  constructor(@Inject(JOB_QUEUE) private readonly queue: JobQueue) {}
  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}

/** The api's producer side: BullMQ when REDIS_URL is set, Postgres notifications to the worker otherwise. */
@Module({})
export class JobsModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: JobsModule,
      global: true,
      providers: [
        {
          provide: JOB_QUEUE,
          inject: [getDataSourceToken(), LOGGER],
          // Announcing a job settles within a second whatever Redis does (down, restarting, flushed): the
          // outbox row in Postgres is the truth and the worker's sweeps find what was not announced.
          useFactory: (db: DataSource, logger: Logger): JobQueue =>
            config.redisUrl
              ? new BullJobQueue(redisConnection(config.redisUrl), 'hvs', {
                  onError: (err) => logger.debug({ err: err.message }, 'job queue connection error'),
                })
              : new PgNotifyJobQueue((channel, payload) => notifyChannel(db, channel, payload)),
        },
        JobQueueCloser,
      ],
      exports: [JOB_QUEUE],
    };
  }
}
