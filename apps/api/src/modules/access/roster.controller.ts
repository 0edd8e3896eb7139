import { Body, Controller, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { parseCsv } from '../../common/http/csv';
import { RosterService } from './roster.service';

@ApiTags('access')
@Controller()
export class RosterController {
  constructor(@Inject(RosterService) private readonly rosters: RosterService) {}

  /** CSV: name,email,phone,organisation_code,unit_code,target_group[,sub_groups]; `?courses=a,b` to enrol in. */
  @Post('admin/rosters')
  @HttpCode(200)
  @ApiConsumes('text/csv')
  roster(
    @CurrentUser() user: AuthUser,
    @Body() csv: unknown,
    @Query('courses') courses: string | undefined,
    @Query('dryRun') dryRun: string | undefined,
  ) {
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
}
