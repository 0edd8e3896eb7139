import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { UnauthenticatedError } from '@hocvuso/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IS_PUBLIC } from '../decorators/public.decorator';
import type { RequestWithUser } from '../decorators/current-user.decorator';
import { SessionService } from '../../modules/auth/session.service';

/**
 * Global guard: every route needs a valid session unless it is marked @Public(). A public route still gets
 * the caller attached when a valid session cookie is present (so a course page can show "continue").
 * The session service may rotate the token (the new cookie goes on this reply) or, for a replayed old token,
 * revoke its family and refuse with SESSION_REUSED. Every session is checked against the database here; only
 * the heartbeat ingest, which is not a Nest route, may take one from memory (heartbeat-ingest.ts).
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(SessionService) private readonly sessions: SessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<FastifyRequest & RequestWithUser>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const user = await this.sessions.callerOf(request, reply, { isPublic: Boolean(isPublic), cached: false });
    if (user) request.user = user;
    if (isPublic) return true;
    if (!user) throw new UnauthenticatedError('UNAUTHENTICATED', 'Sign in to continue.');
    return true;
  }
}
