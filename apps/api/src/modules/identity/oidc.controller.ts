import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import {
  type MeResponse,
  meResponseSchema,
  oidcCallbackQuerySchema,
  oidcProvidersResponseSchema,
  oidcStartQuerySchema,
  type OidcLinkRequest,
  oidcLinkRequestSchema,
  type OidcProvidersResponse,
} from '@hocvuso/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { Public } from '../../common/decorators/public.decorator';
import { ApiEmptyResponse, ApiQueryFrom, ApiResponseFrom, zodSchema } from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { setSessionCookie } from '../auth/session-cookie';
import { SessionService } from '../auth/session.service';
import { LOGIN_STATE_MINUTES, OidcService, PENDING_LINK_MINUTES } from './oidc.service';

/** The browser's half of a sign-in in flight (the state), and of a pending link: signed, httpOnly, this path only. */
const STATE_COOKIE = 'hvs_oidc';
const LINK_COOKIE = 'hvs_oidc_link';
const COOKIE_PATH = '/api/auth/oidc';

@ApiTags('auth')
@Controller('auth/oidc')
export class OidcController {
  constructor(
    @Inject(OidcService) private readonly oidc: OidcService,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** The configured providers, for the sign-in buttons. */
  @Public()
  @Get('providers')
  @ApiResponseFrom(oidcProvidersResponseSchema)
  providers(): OidcProvidersResponse {
    return { items: this.oidc.providers() };
  }

  /** Starts a sign-in (authorization code + PKCE): redirects to the provider. `returnTo` is a path of this site. */
  @Public()
  @UseGuards(ThrottlerGuard)
  @Get(':provider/start')
  @ApiQueryFrom(oidcStartQuerySchema)
  @ApiEmptyResponse(302, 'To the provider')
  async start(
    @Param('provider') provider: string,
    @Query('returnTo') returnTo: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const started = await this.oidc.start(provider, typeof returnTo === 'string' ? returnTo : undefined);
    this.cookie(reply, STATE_COOKIE, started.state, LOGIN_STATE_MINUTES);
    void reply.header('cache-control', 'no-store').redirect(started.url, 302);
  }

  /**
   * The provider's answer. Signs in (an existing link, or a new account) and redirects to `returnTo`; when the
   * provider's verified e-mail belongs to an existing account, links nothing yet and redirects to the sign-in
   * page with `oidcLink=<id>`: the owner signs in with their password and confirms (POST /api/auth/oidc/link).
   * A refused sign-in sends a browser to the sign-in page with `oidcError=<code>` (see oidc-browser-return.ts).
   */
  @Public()
  @UseGuards(ThrottlerGuard)
  @Get(':provider/callback')
  @ApiQueryFrom(oidcCallbackQuerySchema)
  @ApiEmptyResponse(303, 'Signed in: to `returnTo`; a link to confirm or a refusal: to the sign-in page')
  async callback(
    @Param('provider') provider: string,
    @Query() query: Record<string, string | undefined>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const browserState = this.readCookie(request, STATE_COOKIE);
    void reply.clearCookie(STATE_COOKIE, { path: COOKIE_PATH });
    const rawQuery = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    const outcome = await this.oidc.callback(provider, query, rawQuery, browserState);
    void reply.header('cache-control', 'no-store');
    if (outcome.kind === 'link-required') {
      this.cookie(reply, LINK_COOKIE, outcome.pendingLinkId, PENDING_LINK_MINUTES);
      // `next` rides along, so the confirmed link carries on to where the person was going.
      const next = outcome.returnTo === '/' ? '' : `&next=${encodeURIComponent(outcome.returnTo)}`;
      void reply.redirect(
        `/sign-in?oidcLink=${outcome.pendingLinkId}&provider=${encodeURIComponent(provider)}${next}`,
        303,
      );
      return;
    }
    setSessionCookie(
      reply,
      await this.sessions.create(outcome.userId, request.headers['user-agent'], 'oidc'),
      this.config,
    );
    void reply.redirect(outcome.returnTo, 303);
  }

  /** Links the pending provider sign-in to the caller's account (signed in with the password in the last 15 minutes). */
  @Post('link')
  @HttpCode(200)
  @ApiResponseFrom(meResponseSchema)
  @ApiBody({ schema: zodSchema(oidcLinkRequestSchema) })
  async link(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(oidcLinkRequestSchema)) body: OidcLinkRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MeResponse> {
    const me = await this.oidc.confirmLink(user, body.pendingLinkId, this.readCookie(request, LINK_COOKIE));
    void reply.clearCookie(LINK_COOKIE, { path: COOKIE_PATH });
    return me;
  }

  private cookie(reply: FastifyReply, name: string, value: string, minutes: number): void {
    // SameSite=Lax: the provider's redirect back is a top-level GET navigation, which Lax cookies accompany.
    void reply.setCookie(name, value, {
      path: COOKIE_PATH,
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.cookieSecure,
      signed: true,
      maxAge: minutes * 60,
    });
  }

  private readCookie(request: FastifyRequest, name: string): string | undefined {
    const raw = request.cookies?.[name];
    const unsigned = raw ? request.unsignCookie(raw) : undefined;
    return unsigned?.valid && unsigned.value ? unsigned.value : undefined;
  }
}
