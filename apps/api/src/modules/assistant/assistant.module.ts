import { Module } from '@nestjs/common';
import { AssistantController } from './assistant.controller';
import { AssistantIndexService } from './assistant-index.service';
import { AssistantService } from './assistant.service';
import { AssistantThrottlerGuard } from './assistant-throttler.guard';

@Module({
  controllers: [AssistantController],
  providers: [AssistantService, AssistantIndexService, AssistantThrottlerGuard],
  exports: [AssistantIndexService],
})
export class AssistantModule {}
