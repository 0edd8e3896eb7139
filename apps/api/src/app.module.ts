import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { createDataSource, dataSourceOptions } from '@hocvuso/db';
import type { Logger } from 'pino';
import { LOGGER } from './common/logging/logger.token';
import { SessionGuard } from './common/guards/session.guard';
import { API_CONFIG, type ApiConfig } from './config/api.config';
import { AssessmentModule } from './modules/assessment/assessment.module';
import { AuthModule } from './modules/auth/auth.module';
import { ReadCacheModule } from './common/cache/read-cache.module';
import { CatalogModule } from './modules/catalog/catalog.module';
import { CredentialsModule } from './modules/credentials/credentials.module';
import { DirectoryModule } from './modules/directory/directory.module';
import { HealthModule } from './modules/health/health.module';
import { JobsModule } from './modules/jobs/jobs.module';
import { LearnersModule } from './modules/learners/learners.module';
import { LearningModule } from './modules/learning/learning.module';
import { MandatesModule } from './modules/mandates/mandates.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { IdentityModule } from './modules/identity/identity.module';
import { PrivacyModule } from './modules/privacy/privacy.module';
import { ProfileModule } from './modules/profile/profile.module';
import { RostersModule } from './modules/rosters/rosters.module';
import { TeachingModule } from './modules/teaching/teaching.module';
import { MaterialsModule } from './modules/materials/materials.module';
import { VideosModule } from './modules/videos/videos.module';
import { AuditModule } from './modules/audit/audit.module';
import { CoverageModule } from './modules/coverage/coverage.module';
import { ReportsModule } from './modules/reports/reports.module';
import { CoverageReadModule } from './modules/coverage/coverage-read.module';
import { PopulationsModule } from './modules/populations/populations.module';
import { UniversalisationModule } from './modules/universalisation/universalisation.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { CommunityModule } from './modules/community/community.module';
import { AmbassadorsModule } from './modules/ambassadors/ambassadors.module';
import { HouseholdsModule } from './modules/households/households.module';
import { CampaignsModule } from './modules/campaigns/campaigns.module';
import { PlacementModule } from './modules/placement/placement.module';
import { AssistantModule } from './modules/assistant/assistant.module';
import { OfflineModule } from './modules/offline/offline.module';
import { LanguagesModule } from './modules/languages/languages.module';

@Module({})
export class AppModule {
  static forRoot(config: ApiConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            ...dataSourceOptions(config.databaseUrl, { migrationsRun: config.runMigrations }, config.db),
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
        JobsModule.forRoot(config),
        LanguagesModule,
        HealthModule,
        AuthModule,
        CatalogModule,
        AssistantModule,
        LearningModule,
        AssessmentModule,
        OfflineModule,
        CredentialsModule,
        DirectoryModule,
        ProfileModule,
        LearnersModule,
        MandatesModule,
        RostersModule,
        NotificationsModule,
        IdentityModule,
        PrivacyModule,
        UniversalisationModule,
        CommunityModule,
        TeachingModule,
        AuditModule,
        CoverageModule,
        ReportsModule,
        CoverageReadModule,
        PopulationsModule,
        MetricsModule,
        ReadCacheModule,
        MaterialsModule,
        AmbassadorsModule,
        HouseholdsModule,
        CampaignsModule,
        PlacementModule,
        VideosModule,
      ],
      providers: [
        { provide: API_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: APP_GUARD, useClass: SessionGuard },
      ],
      exports: [API_CONFIG, LOGGER],
    };
  }
}
