import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createDataSource, type Queryable, replicaDataSourceOptions } from '@hocvuso/db';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { LOGGER } from '../../common/logging/logger.token';

/**
 * Where the coverage read endpoints read (docs/coverage-api.md, "Cost and freshness"): a pool of its own on
 * DATABASE_REPLICA_URL when it is set (every session read-only), else the primary's DataSource. Writes never use
 * it: the services that write take the primary.
 */
@Injectable()
export class CoverageReader implements OnModuleInit, OnModuleDestroy {
  private replica?: DataSource;

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @InjectDataSource() private readonly primary: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.databaseReplicaUrl) return;
    this.replica = await createDataSource(
      replicaDataSourceOptions(this.config.databaseReplicaUrl, this.config.db),
      {
        mode: this.config.db.transactionGuard,
        log: (e) => this.logger.error({ err: e, code: e.code }, e.message),
      },
    ).initialize();
    this.logger.info('coverage reads go to the read replica (DATABASE_REPLICA_URL)');
  }

  /** The replica's pool, or the primary's when no replica is configured. */
  get db(): Queryable {
    return this.replica ?? this.primary;
  }

  /** Whether a replica is configured (and its pool open). */
  get usesReplica(): boolean {
    return this.replica !== undefined;
  }

  async onModuleDestroy(): Promise<void> {
    await this.replica?.destroy();
  }
}
