import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { parseCsv } from '../../common/http/csv';
import { type RosterReport, RosterService } from './roster.service';

@ApiTags('access')
@Controller()
export class RosterController {
  constructor(@Inject(RosterService) private readonly rosters: RosterService) {}

  /**
   * CSV: name,email,phone,target_group[,organisation_code,unit_code,sub_groups,language]; `?courses=a,b` to enrol
   * in, `?dryRun=true` to check only. Each row: created, matched or rejected, and how the person was invited
   * (email, code, notification or none); the one-time codes of phone-only accounts appear only in this answer.
   * An existing account is never placed or enrolled: its row is `invited`, and the person decides.
   */
  @Post('admin/rosters')
  @HttpCode(200)
  @ApiConsumes('text/csv')
  roster(
    @CurrentUser() user: AuthUser,
    @Body() csv: unknown,
    @Query('courses') courses: string | undefined,
    @Query('dryRun') dryRun: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RosterReport> {
    void reply.header('cache-control', 'no-store');
    const courseIds = (courses ?? '')
      .split(',')
      .map((c) => c.trim())
      .filter((c) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(c))
      .slice(0, 20);
    return this.rosters.roster(
      user,
      parseCsv(csv, ['name', 'email', 'phone', 'target_group']),
      courseIds,
      dryRun === 'true',
    );
  }

  /** The caller's own roster imports, newest first. */
  @Get('admin/rosters')
  imports(@CurrentUser() user: AuthUser) {
    return this.rosters.imports(user);
  }

  /** One of the caller's own imports with its rows (no sign-in codes); anyone else's answers 404. */
  @Get('admin/rosters/:id')
  import(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.rosters.import(user, id);
  }
}
