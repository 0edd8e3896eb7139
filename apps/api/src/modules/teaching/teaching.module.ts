import { Module } from '@nestjs/common';
import { CourseAccessService } from './course-access.service';
import { CourseReportService } from './course-report.service';
import { CourseStaffService } from './course-staff.service';
import { StudioService } from './studio.service';
import { TeachingController } from './teaching.controller';

@Module({
  controllers: [TeachingController],
  providers: [CourseAccessService, StudioService, CourseReportService, CourseStaffService],
})
export class TeachingModule {}
