import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@hocvuso/domain';

/** The signed-in caller, attached to the request by the SessionGuard. */
export interface AuthUser {
  id: string;
  sessionId: string;
  roles: Role[];
}

export interface RequestWithUser {
  user?: AuthUser;
}

export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthUser | undefined => {
  return ctx.switchToHttp().getRequest<RequestWithUser>().user;
});
