import { Module } from '@nestjs/common';
import { AmbassadorsModule } from '../ambassadors/ambassadors.module';
import { CoverageModule } from '../coverage/coverage.module';
import { MediaModule } from '../media/media.module';
import { CompletionService } from './completion.service';
import { CourseVersionService } from './course-version.service';
import { HeartbeatBatcher } from './heartbeat-batcher';
import { LearningRecordsService } from './learning-records.service';
import { LearningController } from './learning.controller';
import { LearningService } from './learning.service';
import { LessonDirectory } from './lesson-directory.service';
import { VideoAnswersService } from './video-answers.service';
import { VideoQuestionsController } from './video-questions.controller';
import { VideoQuestionsService } from './video-questions.service';
import { XapiController } from './xapi.controller';

@Module({
  imports: [MediaModule, CoverageModule, AmbassadorsModule],
  controllers: [LearningController, XapiController, VideoQuestionsController],
  providers: [
    LearningService,
    LessonDirectory,
    CompletionService,
    LearningRecordsService,
    HeartbeatBatcher,
    CourseVersionService,
    VideoQuestionsService,
    VideoAnswersService,
  ],
  exports: [LearningService, LessonDirectory, CompletionService, LearningRecordsService, VideoAnswersService],
})
export class LearningModule {}
