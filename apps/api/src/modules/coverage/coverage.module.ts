import { Module } from '@nestjs/common';
import { PlansService } from './plans.service';
import { TrainedFactsService } from './trained-facts.service';

/**
 * Coverage against the plan's targets (docs/coverage.md): the plans in force (PlansService), the `trained`
 * facts (TrainedFactsService); the read API's
 * controller and service are added here by the coverage read slice.
 */
@Module({
  controllers: [],
  providers: [PlansService, TrainedFactsService],
  exports: [PlansService, TrainedFactsService],
})
export class CoverageModule {}
