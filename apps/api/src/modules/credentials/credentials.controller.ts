import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import {
  type CertificateStatusRequest,
  certificateStatusRequestSchema,
  type CertificateSummary,
  type CourseDetailQuery,
  courseDetailQuerySchema,
  type VerificationResponse,
  type VerifyRequest,
  verifyRequestSchema,
} from '@hocvuso/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { Public } from '../../common/decorators/public.decorator';
import { sendCacheable } from '../../common/http/etag';
import { zodSchema } from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { CredentialsService } from './credentials.service';

const langQuery = new ZodValidationPipe(courseDetailQuerySchema);

@ApiTags('credentials')
@Controller()
export class CredentialsController {
  constructor(@Inject(CredentialsService) private readonly credentials: CredentialsService) {}

  /** The issuer's DID document (did:web), served at /.well-known/did.json. */
  @Public()
  @Get('.well-known/did.json')
  async did(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    void reply.type('application/did+json');
    return sendCacheable(request, reply, await this.credentials.didDocument(), 300);
  }

  /** A signed Bitstring Status List credential, with a short cache and an ETag. */
  @Public()
  @Get('status-lists/:id')
  async statusList(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendCacheable(request, reply, await this.credentials.statusList(id), 60);
  }

  /** The signed credential JSON, for wallets. The id is unguessable; knowing it is the permission. */
  @Public()
  @Get('credentials/:id')
  async credential(
    @Param('id') id: string,
    @Query('download') download: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const body = await this.credentials.credential(id);
    void reply.header('cache-control', 'no-cache').type('application/json; charset=utf-8');
    if (download) void reply.header('content-disposition', `attachment; filename="hocvuso-${id}.json"`);
    return body;
  }

  @Public()
  @Get('credentials/:id/pdf')
  async pdf(@Param('id') id: string, @Res() reply: FastifyReply) {
    const { body, serial } = await this.credentials.pdf(id);
    void reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${serial}.pdf"`)
      .header('cache-control', 'private, max-age=300')
      .send(body);
  }

  @Public()
  @Get('credentials/:id/verify')
  async verifyIssued(
    @Param('id') id: string,
    @Query(langQuery) q: CourseDetailQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<VerificationResponse> {
    void reply.header('cache-control', 'no-store');
    return this.credentials.verifyIssued(id, q.lang);
  }

  /** Verifies a pasted or uploaded credential JSON the same way. */
  @Public()
  @Post('credentials/verify')
  @HttpCode(200)
  @ApiBody({ schema: zodSchema(verifyRequestSchema) })
  verify(
    @Body(new ZodValidationPipe(verifyRequestSchema)) body: VerifyRequest,
    @Query(langQuery) q: CourseDetailQuery,
  ): Promise<VerificationResponse> {
    return this.credentials.verify(body.credential, q.lang);
  }

  @Get('me/certificates')
  async mine(
    @CurrentUser() user: AuthUser,
    @Query(langQuery) q: CourseDetailQuery,
  ): Promise<{ items: CertificateSummary[] }> {
    return { items: await this.credentials.mine(user.id, q.lang) };
  }

  @Post('certificates/:id/status')
  @HttpCode(200)
  @ApiBody({ schema: zodSchema(certificateStatusRequestSchema) })
  changeStatus(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(certificateStatusRequestSchema)) body: CertificateStatusRequest,
  ): Promise<{ status: string }> {
    return this.credentials.changeStatus(user, id, body);
  }
}
