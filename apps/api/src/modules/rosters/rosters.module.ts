import { Module } from '@nestjs/common';
import { CoverageModule } from '../coverage/coverage.module';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { RostersController } from './rosters.controller';
import { RostersService } from './rosters.service';

/**
 * Rosters: an admin's roster imports (/api/admin/rosters) and the invitations they send to existing accounts,
 * which the person answers (/api/me/invitations).
 */
@Module({
  imports: [CoverageModule],
  controllers: [RostersController, InvitationsController],
  providers: [RostersService, InvitationsService],
})
export class RostersModule {}
