import { Module } from '@nestjs/common';
import { AccessController } from './access.controller';
import { AccessService } from './access.service';
import { MandatesController } from './mandates.controller';
import { MandatesService } from './mandates.service';
import { RosterController } from './roster.controller';
import { RosterService } from './roster.service';

@Module({
  controllers: [AccessController, MandatesController, RosterController],
  providers: [AccessService, MandatesService, RosterService],
  exports: [AccessService],
})
export class AccessModule {}
