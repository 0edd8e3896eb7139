import { Inject, Injectable } from '@nestjs/common';
import { AMBASSADOR_ACHIEVEMENT, guidedGoalReached, guidedMentees, rolesHolding } from '@hocvuso/domain';
import {
  ambassadorsInForceOf,
  holdsAnyRole,
  lockAmbassador,
  menteeCompletions,
  mentorshipPeriods,
  type Queryable,
  requestAchievement,
} from '@hocvuso/db';
import { achievementJobId, type JobQueue } from '@hocvuso/jobs';
import type { Logger } from 'pino';
import { LOGGER } from '../../common/logging/logger.token';
import { JOB_QUEUE } from '../jobs/jobs.module';

/**
 * Counts the people an ambassador guided to completion (guidedMentees) and writes the badge's request, once,
 * when the goal is reached. Runs inside the transaction that completes a mentee's course, after taking the
 * ambassador's lock, so two mentees completing at once are counted one after the other (neither misses the
 * other's completion) and the unique key on (user, achievement) leaves exactly one request.
 */
@Injectable()
export class GuidedBadgeService {
  constructor(
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** How many people this ambassador guided to completion. */
  async guided(db: Queryable, ambassadorId: string): Promise<string[]> {
    return guidedMentees(
      await mentorshipPeriods(db, ambassadorId),
      await menteeCompletions(db, ambassadorId),
    );
  }

  /**
   * After a mentee completed a course (same transaction): for each ambassador whose mentorship with them is in
   * force, the badge request when the goal is now reached. Returns the requests written, to announce after commit.
   */
  async afterMenteeCompleted(tx: Queryable, menteeId: string): Promise<string[]> {
    const written: string[] = [];
    for (const ambassadorId of await ambassadorsInForceOf(tx, menteeId)) {
      const id = await this.award(tx, ambassadorId);
      if (id) written.push(id);
    }
    return written;
  }

  /**
   * Writes the badge request of an ambassador who reached the goal and still holds the role; undefined when not
   * reached, not an ambassador, or already requested. Takes the ambassador's lock (call inside a transaction).
   */
  async award(tx: Queryable, ambassadorId: string): Promise<string | undefined> {
    await lockAmbassador(tx, ambassadorId);
    const guided = await this.guided(tx, ambassadorId);
    if (!guidedGoalReached(guided.length)) return undefined;
    if (!(await holdsAnyRole(tx, ambassadorId, rolesHolding('ambassador.invite')))) return undefined;
    return requestAchievement(tx, ambassadorId, AMBASSADOR_ACHIEVEMENT.id);
  }

  /** After commit: hand the requests to the worker (best effort; the certificate sweep covers a miss). */
  async announce(requestIds: readonly string[]): Promise<void> {
    for (const requestId of requestIds)
      await this.jobs
        .enqueue('issue-certificate', { requestId }, { jobId: achievementJobId(requestId) })
        .catch((err: unknown) =>
          this.logger.warn({ err, requestId }, 'could not enqueue the badge; the sweep will'),
        );
  }
}
