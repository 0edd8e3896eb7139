import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { parseCsv } from '../../common/http/csv';
import { RequireCapability } from '../../common/guards/capability.guard';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { ApiQueryFrom, ApiResponseFrom } from '../../common/http/openapi';
import {
  rosterImportSchema,
  rosterImportsResponseSchema,
  rosterQuerySchema,
  rosterReportSchema,
} from '@hocvuso/contracts';
import { type RosterReport, RostersService } from './rosters.service';

@ApiTags('rosters')
@Controller()
export class RostersController {
  constructor(@Inject(RostersService) private readonly rosters: RostersService) {}

  /**
   * CSV: name,email,phone,target_group[,organisation_code,unit_code,sub_groups,language]; `?courses=a,b` to enrol
   * in, `?dryRun=true` to check only. Each row: created, matched or rejected, and how the person was invited
   * (email, code, notification or none); the one-time codes of phone-only accounts appear only in this answer.
   * An existing account is never placed or enrolled: its row is `invited`, and the person decides.
   */
  @Post('admin/rosters')
  // Who may upload is decided before anything about the query: a learner gets 403 whatever they send.
  @RequireCapability('roster.import', 'This needs an administrator role.')
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @ApiQueryFrom(rosterQuerySchema)
  @ApiResponseFrom(rosterReportSchema)
  roster(
    @CurrentUser() user: AuthUser,
    @Body() csv: unknown,
    @Query() query: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RosterReport> {
    void reply.header('cache-control', 'no-store');
    const q = new ZodValidationPipe(rosterQuerySchema).transform(query);
    return this.rosters.roster(
      user,
      parseCsv(csv, ['name', 'email', 'phone', 'target_group']),
      q.courses,
      q.dryRun,
    );
  }

  /** The caller's own roster imports, newest first. */
  @Get('admin/rosters')
  @ApiResponseFrom(rosterImportsResponseSchema)
  imports(@CurrentUser() user: AuthUser) {
    return this.rosters.imports(user);
  }

  /** One of the caller's own imports with its rows (no sign-in codes); anyone else's answers 404. */
  @Get('admin/rosters/:id')
  @ApiResponseFrom(rosterImportSchema)
  import(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.rosters.import(user, id);
  }
}
