import { SUB_GROUPS, TARGET_GROUPS, type SubGroup, type TargetGroup } from '@hocvuso/domain';
import type { TFunction } from 'i18next';

const isTargetGroup = (code: string): code is TargetGroup =>
  (TARGET_GROUPS as readonly string[]).includes(code);
const isSubGroup = (code: string): code is SubGroup => (SUB_GROUPS as readonly string[]).includes(code);

/** Translated names of a course's target groups and sub-groups; unknown codes are skipped. */
export function audienceNames(
  t: TFunction,
  course: { targetGroups: string[]; subGroups: string[] },
): string[] {
  return [
    ...course.targetGroups.filter(isTargetGroup).map((code) => t(`targetGroup.${code}`)),
    ...course.subGroups.filter(isSubGroup).map((code) => t(`subGroup.${code}`)),
  ];
}
