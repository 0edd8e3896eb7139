import type { TargetGroup } from '../catalog/target-groups';
import type { CoveragePlanDefinition } from './plans';

export interface TrainedGroup {
  group: TargetGroup;
  /** The plan whose required set the learner completed (the first by id when several). */
  planId: string;
  /** That set's course ids. */
  courses: string[];
}

/**
 * The `trained` rule: a learner is trained for one of their target groups once they have completed every course
 * of that group's required set in a plan in force (content/indicators/). A group without a required set in any
 * plan is never trained. Plans are tried in id order; the first set fully completed is the evidence.
 */
export function trainedGroups(
  plans: readonly Pick<CoveragePlanDefinition, 'id' | 'requiredCourses'>[],
  learnerGroups: readonly TargetGroup[],
  completedCourseIds: readonly string[],
): TrainedGroup[] {
  const done = new Set(completedCourseIds);
  const sorted = [...plans].sort((a, b) => a.id.localeCompare(b.id));
  const out: TrainedGroup[] = [];
  for (const group of new Set(learnerGroups)) {
    for (const plan of sorted) {
      const set = plan.requiredCourses[group];
      if (set && set.length > 0 && set.every((c) => done.has(c))) {
        out.push({ group, planId: plan.id, courses: [...set] });
        break;
      }
    }
  }
  return out;
}
