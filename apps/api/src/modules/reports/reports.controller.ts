import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import {
  type ReportRequest,
  reportRequestSchema,
  reportResponseSchema,
  type ReportsQuery,
  reportsQuerySchema,
  reportsResponseSchema,
} from '@hocvuso/contracts';
import type { FastifyReply } from 'fastify';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { RequireCapability } from '../../common/guards/capability.guard';
import { ApiMediaResponse, ApiQueryFrom, ApiResponseFrom, zodSchema } from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { contentDisposition, reportCsv, reportPdf, reportXlsx } from './report-files';
import { ReportsService } from './reports.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('reports')
@Controller('admin/reports')
export class ReportsController {
  constructor(@Inject(ReportsService) private readonly reports: ReportsService) {}

  /** Asks for a report (queued; the worker generates it); a correction is a new revision with a reason. */
  @Post()
  @RequireCapability('report.generate', 'This needs a statistician or an administrator role.')
  @ApiBody({ schema: zodSchema(reportRequestSchema) })
  @ApiResponseFrom(reportResponseSchema, 201)
  request(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(reportRequestSchema)) body: ReportRequest,
  ) {
    return this.reports.request(user, body);
  }

  @Get()
  @RequireCapability('report.read', 'This needs a report viewer or an administrator role.')
  @ApiQueryFrom(reportsQuerySchema)
  @ApiResponseFrom(reportsResponseSchema)
  list(@CurrentUser() user: AuthUser, @Query(new ZodValidationPipe(reportsQuerySchema)) q: ReportsQuery) {
    return this.reports.list(user, q);
  }

  @Get(':id.xlsx')
  @RequireCapability('report.read', 'This needs a report viewer or an administrator role.')
  @ApiMediaResponse(XLSX)
  async xlsx(@CurrentUser() user: AuthUser, @Param('id') id: string, @Res() reply: FastifyReply) {
    const { data, meta } = await this.reports.frozen(user, id);
    send(reply, XLSX, contentDisposition(data, meta.revision, 'xlsx'), await reportXlsx(data, meta));
  }

  @Get(':id.csv')
  @RequireCapability('report.read', 'This needs a report viewer or an administrator role.')
  @ApiMediaResponse('text/csv')
  async csv(@CurrentUser() user: AuthUser, @Param('id') id: string, @Res() reply: FastifyReply) {
    const { data, meta } = await this.reports.frozen(user, id);
    send(
      reply,
      'text/csv; charset=utf-8',
      contentDisposition(data, meta.revision, 'csv'),
      reportCsv(data, meta),
    );
  }

  @Get(':id.pdf')
  @RequireCapability('report.read', 'This needs a report viewer or an administrator role.')
  @ApiMediaResponse('application/pdf')
  async pdf(@CurrentUser() user: AuthUser, @Param('id') id: string, @Res() reply: FastifyReply) {
    const { data, meta } = await this.reports.frozen(user, id);
    send(
      reply,
      'application/pdf',
      contentDisposition(data, meta.revision, 'pdf'),
      await reportPdf(data, meta),
    );
  }

  /** Status and progress (the web polls it), and the frozen figures once ready. */
  @Get(':id')
  @RequireCapability('report.read', 'This needs a report viewer or an administrator role.')
  @ApiResponseFrom(reportResponseSchema)
  report(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.reports.report(user, id);
  }

  /** Marks a ready report submitted (audited); it can then only be corrected by a new revision. */
  @Post(':id/submit')
  @HttpCode(200)
  @RequireCapability('report.generate', 'This needs a statistician or an administrator role.')
  @ApiResponseFrom(reportResponseSchema)
  submit(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.reports.submit(user, id);
  }
}

function send(reply: FastifyReply, type: string, disposition: string, body: Buffer | string): void {
  void reply
    .header('content-type', type)
    .header('content-disposition', disposition)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .send(body);
}
