import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  populationImportListSchema,
  populationImportQuerySchema,
  populationImportReportSchema,
  type PopulationListQuery,
  populationListQuerySchema,
  populationListResponseSchema,
} from '@hocvuso/contracts';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { RequireCapability } from '../../common/guards/capability.guard';
import { ApiQueryFrom, ApiResponseFrom } from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { XLSX_MEDIA_TYPE } from './population-sheet';
import { PopulationsService } from './populations.service';

@ApiTags('populations')
@Controller()
export class PopulationsController {
  constructor(@Inject(PopulationsService) private readonly populations: PopulationsService) {}

  /**
   * A population sheet (docs/populations.md): text/csv or an XLSX workbook (raw bytes). Columns
   * unit_code | organisation_code, target_group, sub_group, period, source, count (Vietnamese headers accepted).
   * All or nothing: one refused row and nothing is written; `?dryRun=true` checks and says what would happen.
   */
  @Post('admin/populations/import')
  // Who may import is decided before anything about the body or the query: others get 403 whatever they send.
  @RequireCapability('population.import', 'Only statisticians import populations.')
  @HttpCode(200)
  @ApiConsumes('text/csv', XLSX_MEDIA_TYPE)
  @ApiQueryFrom(populationImportQuerySchema)
  @ApiResponseFrom(populationImportReportSchema)
  import(
    @CurrentUser() user: AuthUser,
    @Body() body: unknown,
    @Query() query: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    void reply.header('cache-control', 'no-store');
    const q = new ZodValidationPipe(populationImportQuerySchema).transform(query);
    return this.populations.import(user, body, q);
  }

  /** The caller's own population imports (dry runs and refused files included), newest first. */
  @Get('admin/population-imports')
  @RequireCapability('population.import', 'Only statisticians import populations.')
  @ApiResponseFrom(populationImportListSchema)
  imports(@CurrentUser() user: AuthUser) {
    return this.populations.imports(user);
  }

  /** One of the caller's own imports with its row report; anyone else's answers 404. */
  @Get('admin/population-imports/:id')
  @RequireCapability('population.import', 'Only statisticians import populations.')
  @ApiResponseFrom(populationImportReportSchema)
  importReport(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.populations.importReport(user, id);
  }

  /**
   * The figures of one unit or organisation of the caller's area (counts are public statistics: anyone who reads
   * the area's reports), optionally of one period, each with its revisions.
   */
  @Get('admin/populations')
  @RequireCapability('report.read', 'This needs a role that reads reports.')
  @ApiQueryFrom(populationListQuerySchema)
  @ApiResponseFrom(populationListResponseSchema)
  figures(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(populationListQuerySchema)) q: PopulationListQuery,
  ) {
    return this.populations.figures(user, q);
  }
}
