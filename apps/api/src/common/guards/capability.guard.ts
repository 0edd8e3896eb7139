import {
  applyDecorators,
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Capability } from '@hocvuso/domain';
import type { RequestWithUser } from '../decorators/current-user.decorator';
import { requireCapability } from './require-capability';

export const REQUIRED_CAPABILITY = 'hocvuso:required-capability';

/**
 * Refuses (403 FORBIDDEN) a caller who holds the endpoint's capability nowhere, after the global SessionGuard
 * and before any pipe reads the request (a learner gets 403 whatever they send). Scope (which learners, which
 * unit) is still checked per resource in the service.
 */
@Injectable()
export class CapabilityGuard implements CanActivate {
  constructor(@Inject(Reflector) private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<
      { capability: Capability; message?: string } | undefined
    >(REQUIRED_CAPABILITY, [context.getHandler(), context.getClass()]);
    if (!required) return true;
    const user = context.switchToHttp().getRequest<RequestWithUser>().user;
    requireCapability({ grants: user?.grants ?? [] }, required.capability, required.message);
    return true;
  }
}

/** The endpoint needs this capability of the permission table (403 FORBIDDEN without it). */
export const RequireCapability = (capability: Capability, message?: string) =>
  applyDecorators(SetMetadata(REQUIRED_CAPABILITY, { capability, message }), UseGuards(CapabilityGuard));
