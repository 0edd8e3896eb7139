import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { RequestWithUser } from '../../common/decorators/current-user.decorator';

/** Counts requests per signed-in learner (not per IP: many learners share one commune's connection). */
@Injectable()
export class LearnerThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    return (req as RequestWithUser).user?.id ?? String(req.ip);
  }
}
