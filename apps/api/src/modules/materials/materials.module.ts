import { Module } from '@nestjs/common';
import { CourseAccessService } from '../teaching/course-access.service';
import { MaterialsController, PublishedMaterialsController } from './materials.controller';
import { MaterialsService } from './materials.service';

/** Studio materials: uploads typed by content, stored through libs/storage, downloaded as attachments. */
@Module({
  controllers: [MaterialsController, PublishedMaterialsController],
  providers: [MaterialsService, CourseAccessService],
  exports: [MaterialsService],
})
export class MaterialsModule {}
