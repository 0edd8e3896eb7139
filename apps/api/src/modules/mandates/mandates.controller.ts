import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import {
  complianceQuerySchema,
  complianceReportSchema,
  type ComplianceQuery,
  type CourseDetailQuery,
  courseDetailQuerySchema,
  type MandateCancelInput,
  mandateCancelSchema,
  type MandateEditInput,
  mandateEditSchema,
  type MandateExtendInput,
  mandateExtendSchema,
  type MandateInput,
  mandatePlaceSchema,
  mandateResponseSchema,
  mandateSchema,
  type MandatesQuery,
  mandatesQuerySchema,
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

  /** The mandates in the caller's reach, filtered, sorted and paged, each with its progress. */
  @Get('admin/mandates')
  @ApiQueryFrom(mandatesQuerySchema)
  @ApiResponseFrom(mandatesResponseSchema)
  mandates(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(mandatesQuerySchema)) q: MandatesQuery,
  ) {
    return this.mandatesService.mandates(user, q);
  }

  /** Edits a mandate (version and reason required; rules in docs/mandates.md); 409 on a stale version. */
  @Patch('admin/mandates/:id')
  @ApiResponseFrom(mandateResponseSchema)
  @ApiBody({ schema: zodSchema(mandateEditSchema) })
  editMandate(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(mandateEditSchema)) body: MandateEditInput,
  ) {
    return this.mandatesService.editMandate(user, id, body);
  }

  /** Moves the due date later and tells everyone assigned. */
  @Post('admin/mandates/:id/extend')
  @HttpCode(200)
  @ApiResponseFrom(mandateResponseSchema)
  @ApiBody({ schema: zodSchema(mandateExtendSchema) })
  extendMandate(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(mandateExtendSchema)) body: MandateExtendInput,
  ) {
    return this.mandatesService.extendMandate(user, id, body);
  }

  /** Cancels the mandate (kept for compliance history) and tells everyone assigned. */
  @Post('admin/mandates/:id/cancel')
  @HttpCode(200)
  @ApiResponseFrom(mandateResponseSchema)
  @ApiBody({ schema: zodSchema(mandateCancelSchema) })
  cancelMandate(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(mandateCancelSchema)) body: MandateCancelInput,
  ) {
    return this.mandatesService.cancelMandate(user, id, body);
  }

  /** Where the mandate stands in the list the same query string gives ("3 / 12"), with its neighbours. */
  @Get('admin/mandates/:id/place')
  @ApiQueryFrom(mandatesQuerySchema)
  @ApiResponseFrom(mandatePlaceSchema)
  place(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Query(new ZodValidationPipe(mandatesQuerySchema)) q: MandatesQuery,
  ) {
    return this.mandatesService.place(user, id, q);
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
