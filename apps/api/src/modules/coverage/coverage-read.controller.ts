import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { plansResponseSchema } from '@hocvuso/contracts';
import { Public } from '../../common/decorators/public.decorator';
import { ApiResponseFrom } from '../../common/http/openapi';
import { CoverageReadService } from './coverage-read.service';

/** The coverage read API (docs/coverage-api.md). */
@ApiTags('coverage')
@Controller()
export class CoverageReadController {
  constructor(@Inject(CoverageReadService) private readonly coverage: CoverageReadService) {}

  /** The plans in force and their indicators and targets (public: a plan is a public document). */
  @Public()
  @Get('indicators')
  @ApiResponseFrom(plansResponseSchema)
  indicators() {
    return this.coverage.indicators();
  }
}
