import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Grant, Role } from '@hocvuso/domain';

/** The signed-in caller, attached to the request by the SessionGuard. */
export interface AuthUser {
  id: string;
  sessionId: string;
  /** The distinct roles the caller holds, whatever their scope. */
  roles: Role[];
  /** Every live role grant with its scope (unit path or organisation). */
  grants: Grant[];
}

export interface RequestWithUser {
  user?: AuthUser;
}

export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): AuthUser | undefined => {
    return ctx.switchToHttp().getRequest<RequestWithUser>().user;
  },
);
