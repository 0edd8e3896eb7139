import { Module } from '@nestjs/common';
import { PlansService } from './plans.service';

/**
 * Coverage against the plan's targets (docs/coverage.md): the plans in force (PlansService); the read API's
 * controller and service are added here by the coverage read slice.
 */
@Module({
  controllers: [],
  providers: [PlansService],
  exports: [PlansService],
})
export class CoverageModule {}
