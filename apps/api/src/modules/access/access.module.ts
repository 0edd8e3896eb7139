import { Module } from '@nestjs/common';
import { AccessController } from './access.controller';
import { AccessService } from './access.service';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { MandatesController } from './mandates.controller';
import { MandatesService } from './mandates.service';
import { RosterController } from './roster.controller';
import { RosterService } from './roster.service';

@Module({
  controllers: [AccessController, MandatesController, RosterController, InvitationsController],
  providers: [AccessService, MandatesService, RosterService, InvitationsService],
  exports: [AccessService],
})
export class AccessModule {}
