import { Module } from '@nestjs/common';
import { CoverageModule } from './coverage.module';
import { CoverageReadController } from './coverage-read.controller';
import { CoverageReadService } from './coverage-read.service';
import { CoverageDriftController } from './coverage-drift.controller';
import { CoverageDriftService } from './coverage-drift.service';
import { CoverageReader } from './coverage-reader';

/** The coverage read API (/api/indicators, /api/coverage, /trend, /ranking); rules in libs/domain/src/coverage. */
@Module({
  imports: [CoverageModule],
  controllers: [CoverageReadController, CoverageDriftController],
  providers: [CoverageReadService, CoverageDriftService, CoverageReader],
  exports: [CoverageReader],
})
export class CoverageReadModule {}
