import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { type CourseDetailQuery, courseDetailQuerySchema } from '@hocvuso/contracts';
import { neutraliseCsvCell } from '@hocvuso/domain';
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { zodSchema } from '../../common/http/openapi';
import { parseCsv } from '../../common/http/csv';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import {
  complianceQuerySchema,
  type ConsentInput,
  consentSchema,
  type LearnerListQuery,
  learnerListQuerySchema,
  type MandateInput,
  mandateSchema,
  type ProfileUpdate,
  profileUpdateSchema,
  type RoleGrantInput,
  roleGrantSchema,
} from './access.schemas';
import { AccessService } from './access.service';

@ApiTags('access')
@Controller()
export class AccessController {
  constructor(@Inject(AccessService) private readonly access: AccessService) {}

  @Get('me/profile')
  profile(@CurrentUser() user: AuthUser) {
    return this.access.profile(user.id);
  }

  @Put('me/profile')
  @ApiBody({ schema: zodSchema(profileUpdateSchema) })
  updateProfile(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(profileUpdateSchema)) body: ProfileUpdate,
  ) {
    return this.access.updateProfile(user.id, body);
  }

  @Post('me/consents')
  @HttpCode(200)
  @ApiBody({ schema: zodSchema(consentSchema) })
  consent(@CurrentUser() user: AuthUser, @Body(new ZodValidationPipe(consentSchema)) body: ConsentInput) {
    return this.access.recordConsent(user.id, body);
  }

  /** The mandated courses that apply to the caller, with due dates and status. */
  @Get('me/mandates')
  myMandates(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(courseDetailQuerySchema)) q: CourseDetailQuery,
  ) {
    return this.access.myMandates(user.id, q.lang);
  }

  @Get('admin/learners')
  learners(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(learnerListQuerySchema)) q: LearnerListQuery,
  ) {
    return this.access.learners(user, q);
  }

  @Get('admin/learners/:id')
  learner(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.access.learner(user, id);
  }

  @Get('admin/learners/:id/role-grants')
  grants(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.access.grants(user, id);
  }

  @Post('admin/role-grants')
  @ApiBody({ schema: zodSchema(roleGrantSchema) })
  grant(@CurrentUser() user: AuthUser, @Body(new ZodValidationPipe(roleGrantSchema)) body: RoleGrantInput) {
    return this.access.grant(user, body);
  }

  @Delete('admin/role-grants/:id')
  @HttpCode(204)
  async revoke(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<void> {
    await this.access.revokeGrant(user, id);
  }

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
    return this.access.roster(
      user,
      parseCsv(csv, ['name', 'email', 'phone', 'target_group']),
      courseIds,
      dryRun === 'true',
    );
  }

  @Post('admin/mandates')
  @ApiBody({ schema: zodSchema(mandateSchema) })
  createMandate(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(mandateSchema)) body: MandateInput,
  ) {
    return this.access.createMandate(user, body);
  }

  @Get('admin/mandates')
  mandates(@CurrentUser() user: AuthUser) {
    return this.access.mandates(user);
  }

  @Get('admin/mandates/:id')
  mandate(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.access.mandate(user, id);
  }

  /** Assigned, not started, in progress, completed and overdue, with the learners (filter with ?status=). */
  @Get('admin/mandates/:id/compliance')
  compliance(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Query(new ZodValidationPipe(complianceQuerySchema))
    q: { status?: 'not_started' | 'in_progress' | 'completed' | 'overdue' },
  ) {
    return this.access.compliance(user, id, q.status);
  }

  /** CSV export of the compliance list; cells that a spreadsheet would run as formulas are neutralised. */
  @Get('admin/mandates/:id/compliance.csv')
  async complianceCsv(@CurrentUser() user: AuthUser, @Param('id') id: string, @Res() reply: FastifyReply) {
    const report = await this.access.complianceExport(user, id);
    const header = [
      'name',
      'email',
      'phone',
      'unit',
      'organisation',
      'status',
      'completed_courses',
      'total_courses',
    ];
    const rows = report.learners.map((l) =>
      [
        l.displayName,
        l.email,
        l.phone,
        l.unit,
        l.organisation,
        l.status,
        l.completedCourses,
        l.totalCourses,
      ].map(neutraliseCsvCell),
    );
    const csv = '\uFEFF' + stringify([header, ...rows]);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="mandate-${id}.csv"`)
      .header('cache-control', 'no-store')
      .send(csv);
  }
}
