import { Module } from '@nestjs/common';
import { AssistantModule } from '../assistant/assistant.module';
import { CaptionsController } from './captions.controller';
import { CaptionsService } from './captions.service';
import { CourseAccessService } from './course-access.service';
import { CourseReviewController } from './course-review.controller';
import { CourseReviewService } from './course-review.service';
import { CourseReportService } from './course-report.service';
import { CourseStaffService } from './course-staff.service';
import { CourseTransferController } from './course-transfer.controller';
import { CourseTransferService } from './course-transfer.service';
import { StudioService } from './studio.service';
import { TeachingController } from './teaching.controller';

@Module({
  imports: [AssistantModule],
  controllers: [TeachingController, CaptionsController, CourseReviewController, CourseTransferController],
  providers: [
    CourseAccessService,
    StudioService,
    CourseReportService,
    CourseStaffService,
    CaptionsService,
    CourseReviewService,
    CourseTransferService,
  ],
})
export class TeachingModule {}
