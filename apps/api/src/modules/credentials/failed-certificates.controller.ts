import { Body, Controller, Get, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import {
  type FailedCertificateRequestsResponse,
  failedCertificateRequestsResponseSchema,
  retryFailedCertificatesResponseSchema,
  type RetryFailedCertificatesRequest,
  retryFailedCertificatesRequestSchema,
  type RetryFailedCertificatesResponse,
} from '@hocvuso/contracts';
import type { FastifyReply } from 'fastify';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { ApiResponseFrom, zodSchema } from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { FailedCertificatesService } from './failed-certificates.service';

/** Certificate requests that failed for good, for system administrators: read them, re-run them. */
@ApiTags('credentials')
@Controller('admin/certificate-requests')
export class FailedCertificatesController {
  constructor(@Inject(FailedCertificatesService) private readonly failed: FailedCertificatesService) {}

  @Get('failed')
  @ApiResponseFrom(failedCertificateRequestsResponseSchema)
  async list(
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FailedCertificateRequestsResponse> {
    void reply.header('cache-control', 'no-store');
    return this.failed.list(user);
  }

  /** Re-runs failed requests (all, or `ids`) once the cause is fixed; the worker issues them. */
  @Post('retry-failed')
  @HttpCode(200)
  @ApiResponseFrom(retryFailedCertificatesResponseSchema)
  @ApiBody({ schema: zodSchema(retryFailedCertificatesRequestSchema) })
  async retry(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(retryFailedCertificatesRequestSchema)) body: RetryFailedCertificatesRequest,
  ): Promise<RetryFailedCertificatesResponse> {
    return this.failed.retry(user, body);
  }
}
