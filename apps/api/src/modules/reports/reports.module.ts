import { Module } from '@nestjs/common';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { contentPlanSource, REPORT_PLANS } from './report-plans';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** Periodic coverage reports (/api/admin/reports…): frozen snapshots the worker generates, revisions, downloads. */
@Module({
  controllers: [ReportsController],
  providers: [
    ReportsService,
    {
      provide: REPORT_PLANS,
      inject: [API_CONFIG],
      useFactory: (config: ApiConfig) => contentPlanSource(config.contentDir),
    },
  ],
})
export class ReportsModule {}
