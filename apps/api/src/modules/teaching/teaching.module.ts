import { Module } from '@nestjs/common';
import { AssistantModule } from '../assistant/assistant.module';
import { MediaModule } from '../media/media.module';
import { CaptionsController } from './captions.controller';
import { CaptionsService } from './captions.service';
import { CourseAccessService } from './course-access.service';
import { CourseReviewController } from './course-review.controller';
import { CourseReviewService } from './course-review.service';
import { CourseReportService } from './course-report.service';
import { CourseStaffService } from './course-staff.service';
import { CourseTransferController } from './course-transfer.controller';
import { CourseTransferService } from './course-transfer.service';
import { NarrationFilesController, NarrationsController } from './narrations.controller';
import { NarrationsService } from './narrations.service';
import { StudioService } from './studio.service';
import { TeachingController } from './teaching.controller';

@Module({
  imports: [AssistantModule, MediaModule],
  controllers: [
    TeachingController,
    CaptionsController,
    CourseReviewController,
    CourseTransferController,
    NarrationsController,
    NarrationFilesController,
  ],
  providers: [
    CourseAccessService,
    StudioService,
    CourseReportService,
    CourseStaffService,
    CaptionsService,
    CourseReviewService,
    CourseTransferService,
    NarrationsService,
  ],
})
export class TeachingModule {}
