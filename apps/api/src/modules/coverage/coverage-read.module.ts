import { Module } from '@nestjs/common';
import { CoverageModule } from './coverage.module';
import { CoverageReadController } from './coverage-read.controller';
import { CoverageReadService } from './coverage-read.service';
import { CoverageDriftController } from './coverage-drift.controller';
import { CoverageDriftService } from './coverage-drift.service';

/** The coverage read API (/api/indicators, /api/coverage, /trend, /ranking); rules in libs/domain/src/coverage. */
@Module({
  imports: [CoverageModule],
  controllers: [CoverageReadController, CoverageDriftController],
  providers: [CoverageReadService, CoverageDriftService],
})
export class CoverageReadModule {}
