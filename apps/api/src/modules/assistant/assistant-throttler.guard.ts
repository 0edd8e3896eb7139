import { type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { RequestWithUser } from '../../common/decorators/current-user.decorator';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';

const signedIn = (context: ExecutionContext) =>
  Boolean(context.switchToHttp().getRequest<RequestWithUser>().user);

/**
 * The assistant's own limit, through the platform's throttler (its storage and its `429 RATE_LIMITED`): per
 * signed-in person (`ASSISTANT_RATE_LIMIT_PER_MINUTE`), or, signed out, per address and stricter
 * (`ASSISTANT_ANONYMOUS_RATE_LIMIT_PER_MINUTE`: a commune's room shares one address, so this is a budget for
 * the room). The other throttlers (sign-in, heartbeats) do not apply to this route.
 */
@Injectable()
export class AssistantThrottlerGuard extends ThrottlerGuard {
  @Inject(API_CONFIG) private readonly config!: ApiConfig;

  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    this.throttlers = [
      {
        name: 'assistant',
        ttl: 60_000,
        limit: (context: ExecutionContext) =>
          signedIn(context)
            ? this.config.assistant.rateLimitPerMinute
            : this.config.assistant.anonymousRateLimitPerMinute,
        getTracker: (req: Record<string, unknown>) => {
          const user = (req as RequestWithUser).user;
          return user ? `user:${user.id}` : `address:${String(req['ip'])}`;
        },
      },
    ];
  }
}
