import type { TargetGroup } from '../catalog/target-groups';

/**
 * What the plan counts about a person (the numerators of its indicators). Each is a fact recorded once per person,
 * measure and target group (table `coverage_facts`), with the place the person had when it was recorded: a learner
 * who later moves commune stays counted where they were at that time.
 * - `trained`: completed every course of their target group's required set.
 * - `universalised`: a universalisation confirmation (the group's competency rule is satisfied) was written.
 * - `in_person`: in-person learning recorded by a helper (community sessions, assisted learning).
 * - `vneid_level2`: VNeID identity activated at level 2 (self-declared or confirmed by a helper).
 * - `bank_account`: has a digital bank account (self-declared or confirmed by a helper).
 * `registered` is not a fact: it is the always-live count of accounts placed in a unit and group.
 */
export const FACT_MEASURES = [
  'trained',
  'universalised',
  'in_person',
  'vneid_level2',
  'bank_account',
] as const;
export type FactMeasure = (typeof FACT_MEASURES)[number];

export const COVERAGE_MEASURES = ['registered', ...FACT_MEASURES] as const;
export type CoverageMeasure = (typeof COVERAGE_MEASURES)[number];

export const isFactMeasure = (value: string): value is FactMeasure =>
  (FACT_MEASURES as readonly string[]).includes(value);

/**
 * The target-group value of the one extra fact written per person and measure so that "all groups" counts people
 * once, however many groups a person belongs to.
 */
export const ALL_GROUPS = '*' as const;
export type FactGroup = TargetGroup | typeof ALL_GROUPS;

/** The target groups a fact is written under: each of the person's groups, plus ALL_GROUPS once. */
export function factGroups(targetGroups: readonly TargetGroup[]): FactGroup[] {
  return [...new Set(targetGroups), ALL_GROUPS];
}
