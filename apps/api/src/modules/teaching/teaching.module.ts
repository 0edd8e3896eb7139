import { Module } from '@nestjs/common';
import { CaptionsController } from './captions.controller';
import { CaptionsService } from './captions.service';
import { CourseAccessService } from './course-access.service';
import { CourseReportService } from './course-report.service';
import { CourseStaffService } from './course-staff.service';
import { StudioService } from './studio.service';
import { TeachingController } from './teaching.controller';

@Module({
  controllers: [TeachingController, CaptionsController],
  providers: [CourseAccessService, StudioService, CourseReportService, CourseStaffService, CaptionsService],
})
export class TeachingModule {}
