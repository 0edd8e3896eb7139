import { Body, Controller, Get, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import {
  complianceQuerySchema,
  complianceReportSchema,
  type ComplianceQuery,
  type CourseDetailQuery,
  courseDetailQuerySchema,
  type MandateInput,
  mandateResponseSchema,
  mandateSchema,
  mandatesResponseSchema,
  myMandatesResponseSchema,
} from '@hocvuso/contracts';
import type { FastifyReply } from 'fastify';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { sendCsv } from '../../common/http/csv';
import { ApiMediaResponse, ApiQueryFrom, ApiResponseFrom, zodSchema } from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { MandatesService } from './mandates.service';

@ApiTags('mandates')
@Controller()
export class MandatesController {
  constructor(@Inject(MandatesService) private readonly mandatesService: MandatesService) {}

  /** The mandates that apply to the caller, with due dates, each course's state and the status (on the Vietnam date). */
  @Get('me/mandates')
  @ApiQueryFrom(courseDetailQuerySchema)
  @ApiResponseFrom(myMandatesResponseSchema)
  myMandates(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(courseDetailQuerySchema)) q: CourseDetailQuery,
  ) {
    return this.mandatesService.myMandates(user.id, q.lang);
  }

  @Post('admin/mandates')
  @ApiResponseFrom(mandateResponseSchema, 201)
  @ApiBody({ schema: zodSchema(mandateSchema) })
  createMandate(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(mandateSchema)) body: MandateInput,
  ) {
    return this.mandatesService.createMandate(user, body);
  }

  @Get('admin/mandates')
  @ApiResponseFrom(mandatesResponseSchema)
  mandates(@CurrentUser() user: AuthUser) {
    return this.mandatesService.mandates(user);
  }

  @Get('admin/mandates/:id')
  @ApiResponseFrom(mandateResponseSchema)
  mandate(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.mandatesService.mandate(user, id);
  }

  /** Assigned, not started, in progress, completed and overdue, with the learners (filter with ?status=). */
  @Get('admin/mandates/:id/compliance')
  @ApiQueryFrom(complianceQuerySchema)
  @ApiResponseFrom(complianceReportSchema)
  compliance(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Query(new ZodValidationPipe(complianceQuerySchema))
    q: ComplianceQuery,
  ) {
    return this.mandatesService.compliance(user, id, q.status);
  }

  /** CSV export of the compliance list; cells that a spreadsheet would run as formulas are neutralised. */
  @Get('admin/mandates/:id/compliance.csv')
  @ApiMediaResponse('text/csv')
  async complianceCsv(@CurrentUser() user: AuthUser, @Param('id') id: string, @Res() reply: FastifyReply) {
    const report = await this.mandatesService.complianceExport(user, id);
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
    const rows = report.learners.map((l) => [
      l.displayName,
      l.email,
      l.phone,
      l.unit,
      l.organisation,
      l.status,
      l.completedCourses,
      l.totalCourses,
    ]);
    sendCsv(reply, `mandate-${id}.csv`, header, rows);
  }
}
