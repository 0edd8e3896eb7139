import type { TargetGroup } from '@hocvuso/domain';
import { execute, type Queryable, selectOne } from './queryable';

export interface TrainedInputRow {
  target_groups: TargetGroup[];
  completed_course_ids: string[];
}

/**
 * What the `trained` rule needs about a learner, in one statement: their target groups now (none without a
 * profile) and the ids of the courses they have completed. Runs on the completing transaction's manager.
 */
export async function trainedInputOf(db: Queryable, userId: string): Promise<TrainedInputRow> {
  const row = await selectOne<TrainedInputRow>(
    db,
    `SELECT coalesce((SELECT lp.target_groups FROM learner_profiles lp WHERE lp.user_id = $1), '{}') AS target_groups,
            coalesce((SELECT array_agg(e.course_id ORDER BY e.course_id) FROM enrolments e
                       WHERE e.user_id = $1 AND e.status = 'completed'), '{}') AS completed_course_ids`,
    [userId],
  );
  return row ?? { target_groups: [], completed_course_ids: [] };
}

/**
 * Serialises the `trained` decisions of one learner until the transaction ends. The completing transaction and a
 * profile change each write first (an enrolment completed, a target group added) and then take this lock before
 * reading the learner's groups and completions: whichever runs second sees what the first committed, so a group
 * added while its last course completes is never missed.
 */
export async function lockTrainedFacts(db: Queryable, userId: string): Promise<void> {
  await execute(db, `SELECT pg_advisory_xact_lock(hashtextextended('trained:' || $1::text, 0))`, [userId]);
}
