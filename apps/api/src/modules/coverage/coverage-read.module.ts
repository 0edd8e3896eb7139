import { Module } from '@nestjs/common';
import { CoverageModule } from './coverage.module';
import { CoverageReadController } from './coverage-read.controller';
import { CoverageReadService } from './coverage-read.service';

/** The coverage read API (/api/indicators, /api/coverage, /trend, /ranking); rules in libs/domain/src/coverage. */
@Module({
  imports: [CoverageModule],
  controllers: [CoverageReadController],
  providers: [CoverageReadService],
})
export class CoverageReadModule {}
