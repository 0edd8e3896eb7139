import { Inject, Injectable } from '@nestjs/common';
import { lockTrainedFacts, type Queryable, recordCoverageFacts, trainedInputOf } from '@hocvuso/db';
import { trainedGroups } from '@hocvuso/domain';
import { PlansService } from './plans.service';

/**
 * Producer of the `trained` coverage facts (docs/coverage.md). Called on the transaction manager of the state
 * change, after its write: when an enrolment becomes completed (CompletionService) and when a learner's target
 * groups change (ProfileService, an accepted roster invitation): a group whose required set they already
 * completed counts from then, at the place they have then. Serialised per learner (lockTrainedFacts), one read
 * of the learner's groups and completed courses; the plans come from PlansService's cache. A fact already
 * recorded is kept as it was (first time counts), and removing a group never deletes one.
 */
@Injectable()
export class TrainedFactsService {
  constructor(@Inject(PlansService) private readonly plans: PlansService) {}

  /** Records `trained` for each of the learner's groups whose required set is complete; returns the groups. */
  async record(tx: Queryable, userId: string): Promise<string[]> {
    const plans = await this.plans.all(tx);
    if (plans.length === 0) return [];
    await lockTrainedFacts(tx, userId);
    const input = await trainedInputOf(tx, userId);
    const trained = trainedGroups(plans, input.target_groups, input.completed_course_ids);
    for (const t of trained) {
      await recordCoverageFacts(tx, {
        userId,
        measure: 'trained',
        source: 'system',
        evidence: { courses: t.courses, planId: t.planId },
        targetGroups: [t.group],
      });
    }
    return trained.map((t) => t.group);
  }
}
