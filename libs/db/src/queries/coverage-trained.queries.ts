import type { TargetGroup } from '@hocvuso/domain';
import { type Queryable, selectOne } from './queryable';

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
