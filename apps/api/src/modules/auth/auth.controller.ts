import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import {
  type CsrfResponse,
  csrfResponseSchema,
  meResponseSchema,
  signInCodeResponseSchema,
  emptyBodySchema,
  type MeResponse,
  signInCodeRequestSchema,
  type SignInCodeRequest,
  type SignInCodeResponse,
  signInRequestSchema,
  signUpRequestSchema,
  type SignInRequest,
  type SignUpRequest,
} from '@hocvuso/contracts';
import { DomainError } from '@hocvuso/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { Public } from '../../common/decorators/public.decorator';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { ApiEmptyResponse, ApiResponseFrom, zodSchema } from '../../common/http/openapi';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { AuthService } from './auth.service';
import { clearSessionCookie, setSessionCookie } from './session-cookie';
import { SessionService } from './session.service';
import { SignInCodeService } from './sign-in-code.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(SignInCodeService) private readonly codes: SignInCodeService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** A CSRF token for the x-csrf-token header; also sets its signed secret cookie. */
  @Public()
  @Get('csrf')
  @ApiResponseFrom(csrfResponseSchema)
  csrf(@Res({ passthrough: true }) reply: FastifyReply): CsrfResponse {
    void reply.header('cache-control', 'no-store');
    return { token: reply.generateCsrf() };
  }

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('sign-up')
  @ApiResponseFrom(meResponseSchema, 201)
  @ApiBody({ schema: zodSchema(signUpRequestSchema) })
  async signUp(
    @Body(new ZodValidationPipe(signUpRequestSchema)) body: SignUpRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MeResponse> {
    const me = await this.auth.signUp(body);
    setSessionCookie(reply, await this.sessions.create(me.id, request.headers['user-agent']), this.config);
    return me;
  }

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('sign-in')
  @HttpCode(200)
  @ApiResponseFrom(meResponseSchema)
  @ApiBody({ schema: zodSchema(signInRequestSchema) })
  async signIn(
    @Body(new ZodValidationPipe(signInRequestSchema)) body: SignInRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MeResponse> {
    const me = await this.auth.signIn(body).catch((e: unknown) => {
      // 429 (too many failures for this identifier, or a locked account) says when to come back.
      const seconds = (e as { details?: { retryAfterSeconds?: unknown } }).details?.retryAfterSeconds;
      if (e instanceof DomainError && e.kind === 'rate_limited' && typeof seconds === 'number')
        void reply.header('retry-after', String(seconds));
      throw e;
    });
    setSessionCookie(reply, await this.sessions.create(me.id, request.headers['user-agent']), this.config);
    return me;
  }

  /**
   * Signs in with the one-time code a community helper handed over (accounts registered in person, phone
   * only). Works once; `mustSetPassword` asks the person to choose a password next (POST /api/auth/password).
   */
  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('sign-in-code')
  @HttpCode(200)
  @ApiResponseFrom(signInCodeResponseSchema)
  @ApiBody({ schema: zodSchema(signInCodeRequestSchema) })
  async signInWithCode(
    @Body(new ZodValidationPipe(signInCodeRequestSchema)) body: SignInCodeRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SignInCodeResponse> {
    const { userId, mustSetPassword } = await this.codes.verify(body.phone, body.code);
    setSessionCookie(
      reply,
      await this.sessions.create(userId, request.headers['user-agent'], 'sign_in_code'),
      this.config,
    );
    return { ...(await this.auth.me(userId)), mustSetPassword };
  }

  /** Signs this browser out (every token of its session family). */
  @Post('sign-out')
  @HttpCode(204)
  @ApiEmptyResponse()
  async signOut(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(emptyBodySchema)) _body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.sessions.revoke(user);
    clearSessionCookie(reply, this.config);
  }

  @Get('me')
  @ApiResponseFrom(meResponseSchema)
  me(@CurrentUser() user: AuthUser): Promise<MeResponse> {
    return this.auth.me(user.id);
  }
}
