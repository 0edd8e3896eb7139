import { Module } from '@nestjs/common';
import { AssessmentModule } from '../assessment/assessment.module';
import { LearningModule } from '../learning/learning.module';
import { OfflineController } from './offline.controller';
import { OfflineService } from './offline.service';

@Module({
  imports: [LearningModule, AssessmentModule],
  controllers: [OfflineController],
  providers: [OfflineService],
})
export class OfflineModule {}
