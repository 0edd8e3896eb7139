import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  emptyBodySchema,
  signedOutOthersResponseSchema,
  type SessionsResponse,
  sessionsResponseSchema,
} from '@hocvuso/contracts';
import { ApiEmptyResponse, ApiResponseFrom } from '../../common/http/openapi';
import type { FastifyReply } from 'fastify';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { clearSessionCookie } from './session-cookie';
import { SessionService } from './session.service';

/** The caller's signed-in browsers: list them, sign one out, all the others, or everywhere. */
@ApiTags('auth')
@Controller('auth')
export class SessionsController {
  constructor(
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  @Get('sessions')
  @ApiResponseFrom(sessionsResponseSchema)
  async list(
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionsResponse> {
    void reply.header('cache-control', 'no-store');
    return { items: await this.sessions.list(user) };
  }

  /** Signs one of the caller's browsers out; another person's session (or an unknown id) is 404. */
  @Delete('sessions/:id')
  @HttpCode(204)
  @ApiEmptyResponse()
  async revoke(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const { current } = await this.sessions.revokeOwn(user, id);
    if (current) clearSessionCookie(reply, this.config);
  }

  /** Signs out every other browser of the account in one step, keeping this one; answers how many. */
  @Post('sign-out-others')
  @HttpCode(200)
  @ApiResponseFrom(signedOutOthersResponseSchema)
  async signOutOthers(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(emptyBodySchema)) _body: unknown,
  ): Promise<{ signedOut: number }> {
    return { signedOut: await this.sessions.revokeAll(user.id, user.sessionId) };
  }

  @Post('sign-out-everywhere')
  @HttpCode(204)
  @ApiEmptyResponse()
  async signOutEverywhere(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(emptyBodySchema)) _body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.sessions.revokeAll(user.id);
    clearSessionCookie(reply, this.config);
  }
}
