import { TARGET_GROUPS, type TargetGroup } from '@hocvuso/domain';
import type { TFunction } from 'i18next';

const isTargetGroup = (code: string): code is TargetGroup =>
  (TARGET_GROUPS as readonly string[]).includes(code);

/** Translated names of target-group codes; unknown codes are shown as they are. */
export function groupNames(t: TFunction, codes: string[]): string[] {
  return codes.map((code) => (isTargetGroup(code) ? t(`targetGroup.${code}`) : code));
}
