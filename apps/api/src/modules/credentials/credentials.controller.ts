import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { STATUS_LIST_TTL_SECONDS } from '@hocvuso/credentials';
import { isDomainError } from '@hocvuso/domain';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import {
  type CertificateStatusRequest,
  certificateStatusRequestSchema,
  type CertificateSummary,
  certificateStatusResponseSchema,
  credentialQuerySchema,
  myCertificatesResponseSchema,
  verificationResponseSchema,
  w3cDocumentSchema,
  type CourseDetailQuery,
  courseDetailQuerySchema,
  type VerificationResponse,
  type VerifyRequest,
  verifyRequestSchema,
} from '@hocvuso/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { Public } from '../../common/decorators/public.decorator';
import { ReadCacheService } from '../../common/cache/read-cache.service';
import { sendCacheable, sendCachedJson, sendMemoizedJson } from '../../common/http/etag';
import { pageLang, prefersJson, sendPublicPage } from '../../common/http/public-page';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import {
  ApiMediaResponse,
  ApiPageOrJsonResponse,
  ApiQueryFrom,
  ApiResponseFrom,
  zodSchema,
} from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { CredentialsService } from './credentials.service';
import { verifyMissingBody, verifyPageBody, verifyPageTitle } from './verify-page.html';

const langQuery = new ZodValidationPipe(courseDetailQuerySchema);

@ApiTags('credentials')
@Controller()
export class CredentialsController {
  constructor(
    @Inject(CredentialsService) private readonly credentials: CredentialsService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(ReadCacheService) private readonly cache: ReadCacheService,
  ) {}

  /**
   * The verification of an issued certificate from the read cache (namespace `credential:<id>`, invalidated by
   * every status change; an entry never outlives the credential's validUntil). Revalidated on every use.
   */
  private cachedVerification(id: string, lang: string) {
    return this.cache.get(
      [`credential:${id}`],
      `verify:${lang}`,
      () => this.credentials.verifyIssued(id, lang),
      (result) =>
        result.claims?.validUntil
          ? Date.parse(result.claims.validUntil) - Date.now()
          : Number.MAX_SAFE_INTEGER,
    );
  }

  /** The issuer's DID document (did:web), served at /.well-known/did.json. */
  @Public()
  @Get('.well-known/did.json')
  @ApiResponseFrom(w3cDocumentSchema, 200, 'The DID document', 'application/did+json')
  async did(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    void reply.type('application/did+json');
    return sendCacheable(request, reply, await this.credentials.didDocument(), 300);
  }

  /**
   * A signed Bitstring Status List credential. Any cache (a verifier's, a CDN's) may keep it for
   * STATUS_LIST_TTL_SECONDS (60 s) and must then revalidate (cheap: ETag, 304), never serve it stale: a revocation
   * or suspension is visible to every verifier within 60 s. The list credential's `ttl` says the same.
   */
  @Public()
  @Get('status-lists/:id')
  @ApiResponseFrom(w3cDocumentSchema, 200, 'A signed Bitstring Status List credential')
  async statusList(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const body = sendCacheable(
      request,
      reply,
      await this.credentials.statusList(id),
      STATUS_LIST_TTL_SECONDS,
    );
    void reply.header('cache-control', `public, max-age=${STATUS_LIST_TTL_SECONDS}, must-revalidate`);
    return body;
  }

  /**
   * The URL in a certificate's QR code and share link (outside /api). A phone's camera app, a browser or a link
   * preview gets the verification page (HTML, whatever its Accept header: `*∕*`, none, `text/html`…); a client that
   * asks for JSON explicitly gets the same answer as GET /api/credentials/:id/verify.
   */
  @Public()
  @Get('verify/:id')
  @ApiPageOrJsonResponse(verificationResponseSchema)
  async verifyPage(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const lang = pageLang(request);
    if (prefersJson(request.headers.accept)) {
      const cached = await this.cachedVerification(id, lang);
      sendCachedJson(request, reply, cached, 'no-cache', 'accept, accept-language');
      return;
    }
    const page = { lang, title: verifyPageTitle(lang), cacheControl: 'no-store' };
    try {
      const { result, credential } = await this.credentials.verifyIssuedWithCredential(id, lang);
      sendPublicPage(
        reply,
        {
          ...page,
          body: verifyPageBody({ lang, id, result, credential, publicUrl: this.config.issuer.publicUrl }),
        },
        this.config.webDist,
      );
    } catch (err) {
      if (!isDomainError(err) || !['CERTIFICATE_NOT_FOUND', 'CERTIFICATE_NOT_ISSUED'].includes(err.code))
        throw err;
      const issuing = err.code === 'CERTIFICATE_NOT_ISSUED';
      sendPublicPage(
        reply,
        {
          ...page,
          status: issuing ? 200 : 404,
          body: verifyMissingBody(lang, issuing ? 'issuing' : 'not_found'),
        },
        this.config.webDist,
      );
    }
  }

  /** The signed credential JSON, for wallets. The id is unguessable; knowing it is the permission. */
  @Public()
  @Get('credentials/:id')
  @ApiQueryFrom(credentialQuerySchema)
  @ApiResponseFrom(w3cDocumentSchema, 200, 'The signed credential')
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
  @ApiMediaResponse('application/pdf')
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
  @ApiQueryFrom(courseDetailQuerySchema)
  @ApiResponseFrom(verificationResponseSchema)
  async verifyIssued(
    @Param('id') id: string,
    @Query(langQuery) q: CourseDetailQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const cached = await this.cachedVerification(id, q.lang);
    sendMemoizedJson(request, reply, cached, 'no-cache', this.cache.memo);
  }

  /** Verifies a pasted or uploaded credential JSON the same way. */
  @Public()
  @Post('credentials/verify')
  @HttpCode(200)
  @ApiQueryFrom(courseDetailQuerySchema)
  @ApiResponseFrom(verificationResponseSchema)
  @ApiBody({ schema: zodSchema(verifyRequestSchema) })
  verify(
    @Body(new ZodValidationPipe(verifyRequestSchema)) body: VerifyRequest,
    @Query(langQuery) q: CourseDetailQuery,
  ): Promise<VerificationResponse> {
    return this.credentials.verify(body.credential, q.lang);
  }

  @Get('me/certificates')
  @ApiQueryFrom(courseDetailQuerySchema)
  @ApiResponseFrom(myCertificatesResponseSchema)
  async mine(
    @CurrentUser() user: AuthUser,
    @Query(langQuery) q: CourseDetailQuery,
  ): Promise<{ items: CertificateSummary[] }> {
    return { items: await this.credentials.mine(user.id, q.lang) };
  }

  @Post('certificates/:id/status')
  @HttpCode(200)
  @ApiResponseFrom(certificateStatusResponseSchema)
  @ApiBody({ schema: zodSchema(certificateStatusRequestSchema) })
  changeStatus(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(certificateStatusRequestSchema)) body: CertificateStatusRequest,
  ): Promise<{ status: string }> {
    return this.credentials.changeStatus(user, id, body);
  }
}
