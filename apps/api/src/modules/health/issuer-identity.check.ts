import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { checkIssuerIdentity } from '@hocvuso/issuance';
import type { DataSource } from 'typeorm';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';

/**
 * Before anything issues or serves credentials (onModuleInit runs before every onApplicationBootstrap): refuse
 * to start on a changed PUBLIC_URL (a new issuer identity, unless `issuer:move-url` was run) or an
 * ISSUER_KEY_SECRET that cannot decrypt the stored key. The worker makes the same check.
 */
@Injectable()
export class IssuerIdentityCheck implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await checkIssuerIdentity(this.db, this.config.issuer, { allowNewUrl: this.config.env === 'test' });
  }
}
