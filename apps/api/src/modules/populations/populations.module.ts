import { Module } from '@nestjs/common';
import { PopulationsController } from './populations.controller';
import { PopulationsService } from './populations.service';

/** Official populations (denominators): sheet imports by statisticians, figures with their revisions. */
@Module({
  controllers: [PopulationsController],
  providers: [PopulationsService],
})
export class PopulationsModule {}
