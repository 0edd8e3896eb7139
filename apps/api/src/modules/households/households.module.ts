import { Module } from '@nestjs/common';
import { HouseholdIndicatorService } from './household-indicator.service';
import { HouseholdsController } from './households.controller';
import { HouseholdsService } from './households.service';

/**
 * Digital families (docs/ambassadors-and-families.md): the caller's household (/api/me/household), invitation
 * links accepted by the person themselves (/api/household-invitations), and the indicator by unit
 * (/api/households/indicator, report.read).
 */
@Module({
  controllers: [HouseholdsController],
  providers: [HouseholdsService, HouseholdIndicatorService],
})
export class HouseholdsModule {}
