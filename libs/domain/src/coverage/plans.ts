import { TARGET_GROUPS, type TargetGroup } from '../catalog/target-groups';
import type { IndicatorDefinition } from './indicators';
import { ALL_GROUPS } from './measures';
import { isPopulationSubGroup, subGroupFitsGroup, WHOLE_GROUP } from './sub-groups';

/**
 * A coverage plan (content/indicators/<plan-id>.yaml): a province's (or the country's) indicators and targets,
 * and each target group's required set of courses (the `trained` measure: a learner of the group is trained once
 * they have completed every course of the set).
 */
export interface CoveragePlanDefinition {
  id: string;
  title: { vi: string; en?: string };
  /** The administrative unit code the plan is for (a province), or null for everywhere. */
  unitCode: string | null;
  source: { document: string; issuer: string; issuedOn: string | null };
  requiredCourses: Partial<Record<TargetGroup, string[]>>;
  indicators: IndicatorDefinition[];
}

export interface PlanProblem {
  /** Dotted path inside the plan, e.g. `indicators.3.targets.0.share`. */
  field: string;
  message: string;
}

/**
 * What is wrong with a plan beyond its shape (the zod schema checks types): consistency of indicators (unique
 * codes, sub-groups that fit their group, share targets for a population denominator and count targets for
 * none, dates in order) and required sets naming known courses that are meant for the group. All problems at
 * once. `courseGroups` maps each shipped course id to the target groups its course.yaml names.
 */
export function planProblems(
  plan: CoveragePlanDefinition,
  courseGroups: ReadonlyMap<string, readonly string[]>,
): PlanProblem[] {
  const out: PlanProblem[] = [];
  const seen = new Set<string>();
  plan.indicators.forEach((ind, i) => {
    const at = `indicators.${i}`;
    if (seen.has(ind.code))
      out.push({ field: `${at}.code`, message: `expected each indicator code once ("${ind.code}" repeats)` });
    seen.add(ind.code);
    if (!isPopulationSubGroup(ind.subGroup))
      out.push({ field: `${at}.subGroup`, message: `unknown sub-group "${ind.subGroup}"` });
    else if (ind.targetGroup === ALL_GROUPS) {
      // '*' counts everyone; only the age band makes sense across groups (citizens aged 16+ are most of them)
      if (ind.subGroup !== WHOLE_GROUP && !ind.subGroup.startsWith('age:'))
        out.push({ field: `${at}.subGroup`, message: `expected "" or an age band for target group "*"` });
    } else if (!subGroupFitsGroup(ind.targetGroup, ind.subGroup))
      out.push({
        field: `${at}.subGroup`,
        message: `sub-group "${ind.subGroup}" does not fit target group "${ind.targetGroup}"`,
      });
    if (ind.targets.length === 0)
      out.push({ field: `${at}.targets`, message: 'expected at least one target' });
    let lastBy = '';
    ind.targets.forEach((t, j) => {
      const tf = `${at}.targets.${j}`;
      if (t.by <= lastBy)
        out.push({ field: `${tf}.by`, message: 'expected target dates in increasing order' });
      lastBy = t.by;
      if (ind.denominator === 'population') {
        if (t.share == null || t.count != null)
          out.push({
            field: tf,
            message: 'expected a share (0..1) and no count: the denominator is the population',
          });
        else if (!(t.share >= 0 && t.share <= 1))
          out.push({ field: `${tf}.share`, message: 'expected a share between 0 and 1 (0.8 is 80 %)' });
        else if (t.share === 1 && t.strictlyAbove)
          out.push({ field: `${tf}.strictlyAbove`, message: 'a share cannot be strictly above 100 %' });
      } else if (t.count == null || t.share != null)
        out.push({ field: tf, message: 'expected a count and no share: the denominator is none' });
      else if (!(Number.isInteger(t.count) && t.count >= 0))
        out.push({ field: `${tf}.count`, message: 'expected a whole number of people' });
    });
  });
  for (const [group, courses] of Object.entries(plan.requiredCourses)) {
    if (!(TARGET_GROUPS as readonly string[]).includes(group)) {
      out.push({ field: `requiredCourses.${group}`, message: `unknown target group "${group}"` });
      continue;
    }
    if (!courses || courses.length === 0)
      out.push({ field: `requiredCourses.${group}`, message: 'expected at least one course id' });
    (courses ?? []).forEach((id, i) => {
      const groups = courseGroups.get(id);
      if (!groups) out.push({ field: `requiredCourses.${group}.${i}`, message: `unknown course "${id}"` });
      else if (!groups.includes(group))
        out.push({
          field: `requiredCourses.${group}.${i}`,
          message: `course "${id}" is not meant for "${group}" (its targetGroups: ${groups.join(', ')})`,
        });
    });
    if (new Set(courses).size !== (courses ?? []).length)
      out.push({ field: `requiredCourses.${group}`, message: 'expected each course once' });
  }
  return out;
}
