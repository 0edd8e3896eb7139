import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import {
  directoryImportQuerySchema,
  directoryImportReportSchema,
  type OrganisationListQuery,
  organisationListQuerySchema,
  organisationListResponseSchema,
  type UnitListQuery,
  unitListQuerySchema,
  unitsResponseSchema,
} from '@hocvuso/contracts';
import { ApiQueryFrom, ApiResponseFrom } from '../../common/http/openapi';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { RequireCapability } from '../../common/guards/capability.guard';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { DirectoryService } from './directory.service';

/** Who may import is decided (by RequireCapability) before anything about the query: a learner gets 403 whatever they send. */
const importQuery = (query: unknown) => new ZodValidationPipe(directoryImportQuerySchema).transform(query);

@ApiTags('directory')
@Controller()
export class DirectoryController {
  constructor(@Inject(DirectoryService) private readonly directory: DirectoryService) {}

  /** Units valid today: the provinces, or the children of `parent`. */
  @Get('units')
  @ApiQueryFrom(unitListQuerySchema)
  @ApiResponseFrom(unitsResponseSchema)
  async units(@Query(new ZodValidationPipe(unitListQuerySchema)) q: UnitListQuery) {
    return { items: await this.directory.units(q.parent) };
  }

  /**
   * Organisations for pickers (signed-in users; organisations are public bodies, so no scope applies):
   * `?unitId=` the unit and its subtree, `?q=` code or name prefix without diacritics, `?page=&limit=` (1..50).
   */
  @Get('organisations')
  @ApiQueryFrom(organisationListQuerySchema)
  @ApiResponseFrom(organisationListResponseSchema)
  organisations(@Query(new ZodValidationPipe(organisationListQuerySchema)) q: OrganisationListQuery) {
    return this.directory.organisations(q);
  }

  /** CSV: code,level,name,parent_code,valid_from[,valid_to,successor_codes]. `?dryRun=true` checks only. */
  @Post('admin/units/import')
  @RequireCapability('unit.import', 'Only province and system administrators import units.')
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @ApiQueryFrom(directoryImportQuerySchema)
  @ApiResponseFrom(directoryImportReportSchema)
  importUnits(@CurrentUser() user: AuthUser, @Body() csv: unknown, @Query() query: unknown) {
    return this.directory.importUnits(user, csv, importQuery(query).dryRun);
  }

  /**
   * CSV: code,name,kind,unit_code[,parent_code]. `parent_code` makes the row a sub-unit of that organisation
   * (stored or in the same file); an unknown parent, a cycle or a tree deeper than 10 levels is a refused row.
   */
  @Post('admin/organisations/import')
  @RequireCapability('organisation.import', 'Only administrators of an area import organisations.')
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @ApiQueryFrom(directoryImportQuerySchema)
  @ApiResponseFrom(directoryImportReportSchema)
  importOrganisations(@CurrentUser() user: AuthUser, @Body() csv: unknown, @Query() query: unknown) {
    return this.directory.importOrganisations(user, csv, importQuery(query).dryRun);
  }
}
