import { Module } from '@nestjs/common';
import { CheckInCodes } from './check-in-codes';
import { CheckInsService } from './check-ins.service';
import { CommunitySessionsController } from './community-sessions.controller';
import { CommunitySessionsService } from './community-sessions.service';
import { HelpLogsController } from './help-logs.controller';
import { HelpLogsService } from './help-logs.service';

/**
 * Community models: weekly community sessions with their rotating check-in code and attendance (recorded as
 * in-person learning), and public-service help logs with their rollup by unit.
 */
@Module({
  controllers: [CommunitySessionsController, HelpLogsController],
  providers: [CommunitySessionsService, CheckInsService, CheckInCodes, HelpLogsService],
})
export class CommunityModule {}
