import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  type CoverageQuery,
  coverageQuerySchema,
  type CoverageRankingQuery,
  coverageRankingQuerySchema,
  coverageRankingResponseSchema,
  coverageResponseSchema,
  type CoverageTrendQuery,
  coverageTrendQuerySchema,
  coverageTrendResponseSchema,
  plansResponseSchema,
} from '@hocvuso/contracts';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { Public } from '../../common/decorators/public.decorator';
import { RequireCapability } from '../../common/guards/capability.guard';
import { ApiQueryFrom, ApiResponseFrom } from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { CoverageReadService } from './coverage-read.service';

const READER = 'This needs a role that reads coverage reports.';

/**
 * The coverage read API (docs/coverage.md, "API"). `?unitId=` or `?organisationId=` (at most one; none: the
 * caller's own top place), `?plan=` (the first plan when absent), `?targetGroup=&subGroup=` (the drill-down:
 * indicators are re-keyed to the group and sub-group). Out-of-scope places answer 404; counts only.
 */
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

  /** Each indicator of the plan for the place against its target, and for each place one level down. */
  @Get('coverage')
  @RequireCapability('report.read', READER)
  @ApiQueryFrom(coverageQuerySchema)
  @ApiResponseFrom(coverageResponseSchema)
  overview(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(coverageQuerySchema)) q: CoverageQuery,
  ) {
    return this.coverage.coverage(user, q);
  }

  /** One indicator's numerator at the end of each month (running sums), its population and share, the target line. */
  @Get('coverage/trend')
  @RequireCapability('report.read', READER)
  @ApiQueryFrom(coverageTrendQuerySchema)
  @ApiResponseFrom(coverageTrendResponseSchema)
  trend(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(coverageTrendQuerySchema)) q: CoverageTrendQuery,
  ) {
    return this.coverage.trend(user, q);
  }

  /** The places one level down ranked by one indicator (the emulation table). */
  @Get('coverage/ranking')
  @RequireCapability('report.read', READER)
  @ApiQueryFrom(coverageRankingQuerySchema)
  @ApiResponseFrom(coverageRankingResponseSchema)
  ranking(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(coverageRankingQuerySchema)) q: CoverageRankingQuery,
  ) {
    return this.coverage.ranking(user, q);
  }
}
