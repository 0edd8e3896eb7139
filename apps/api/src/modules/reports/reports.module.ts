import { Module } from '@nestjs/common';
import { CoverageModule } from '../coverage/coverage.module';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/**
 * Periodic coverage reports (/api/admin/reports…): frozen snapshots the worker generates, revisions, downloads.
 * The plans are the coverage context's (coverage_plans, as imported): reports ask its PlansService.
 */
@Module({
  imports: [CoverageModule],
  controllers: [ReportsController],
  providers: [ReportsService],
})
export class ReportsModule {}
