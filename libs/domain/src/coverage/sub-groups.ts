import type { TargetGroup } from '../catalog/target-groups';
import { ORGANISATION_KINDS } from '../directory/rows';

/**
 * Population sub-groups: the breakdowns the plan's indicators need inside a target group (not the support
 * sub-groups of target-groups.yaml, which describe needs). A population row and a fact carry at most one code of
 * each family:
 * - students by school level: `school:primary`, `school:lower-secondary`, `school:upper-secondary`,
 *   `school:vocational`, `school:higher` (university and college);
 * - workers by organisation kind: `org:state_agency`, `org:enterprise`, `org:cooperative`, `org:cooperative_union`
 *   (cooperative unions: liên hiệp hợp tác xã), `org:school`, `org:university`;
 * - citizens by age band: `age:16+` (the plan's VNeID and bank-account indicators count adults aged 16 and over).
 * The empty string stands for the whole target group.
 */
export const SCHOOL_LEVELS = [
  'primary',
  'lower-secondary',
  'upper-secondary',
  'vocational',
  'higher',
] as const;
export type SchoolLevel = (typeof SCHOOL_LEVELS)[number];

/** Workers are broken down by the kind of their organisation: every kind the directory knows. */
export const ORGANISATION_SUB_GROUP_KINDS = ORGANISATION_KINDS;

export const AGE_BANDS = ['16+'] as const;

/** The age (whole years by birth year) from which a person is in the `age:16+` band. */
export const ADULT_AGE = 16;

export const POPULATION_SUB_GROUPS: readonly string[] = [
  ...SCHOOL_LEVELS.map((l) => `school:${l}`),
  ...ORGANISATION_SUB_GROUP_KINDS.map((k) => `org:${k}`),
  ...AGE_BANDS.map((a) => `age:${a}`),
];

/** The whole target group. */
export const WHOLE_GROUP = '' as const;

export const isPopulationSubGroup = (value: string): boolean =>
  value === WHOLE_GROUP || POPULATION_SUB_GROUPS.includes(value);

/** Which sub-group families make sense for which target group (a population row outside them is refused). */
export const SUB_GROUP_FAMILIES: Record<TargetGroup, readonly string[]> = {
  students: ['school:'],
  citizens: ['age:'],
  'public-servants': ['org:'],
  'enterprise-workers': ['org:'],
};

export const subGroupFitsGroup = (group: TargetGroup, subGroup: string): boolean =>
  subGroup === WHOLE_GROUP ||
  (isPopulationSubGroup(subGroup) && SUB_GROUP_FAMILIES[group].some((f) => subGroup.startsWith(f)));

export interface PersonFacts {
  /** The kind of the person's organisation, when they have one. */
  organisationKind?: string | null;
  schoolLevel?: SchoolLevel | null;
  birthYear?: number | null;
}

/**
 * The population sub-groups a person falls in on `onDate` (YYYY-MM-DD, Vietnam calendar), from what their
 * profile says. Age 16+ counts whole years by birth year only (the profile holds no birth date): someone born in
 * 2010 is counted 16+ from 1 January 2026. Unknown facts give no sub-group: the person still counts in the whole
 * group.
 */
export function personSubGroups(person: PersonFacts, onDate: string): string[] {
  const out: string[] = [];
  if (person.schoolLevel && (SCHOOL_LEVELS as readonly string[]).includes(person.schoolLevel))
    out.push(`school:${person.schoolLevel}`);
  if (
    person.organisationKind &&
    (ORGANISATION_SUB_GROUP_KINDS as readonly string[]).includes(person.organisationKind)
  )
    out.push(`org:${person.organisationKind}`);
  const year = Number(onDate.slice(0, 4));
  if (person.birthYear != null && Number.isInteger(person.birthYear) && year - person.birthYear >= ADULT_AGE)
    out.push(`age:${AGE_BANDS[0]}`);
  return out;
}
