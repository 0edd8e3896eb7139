import type { IndicatorCell, IndicatorTargetDto } from '@hocvuso/contracts';
import { formatCount, formatDay, formatShare } from '../../i18n/format';
import type coverageVi from '../../i18n/sections/coverage.vi.json';
import { POPULATION_SUB_GROUPS, SUB_GROUP_FAMILIES, TARGET_GROUPS, type TargetGroup } from '@hocvuso/domain';

/** A month bucket YYYY-MM as "12/2025". */
export function formatMonth(month: string): string {
  const [y, m] = month.split('-');
  return `${m}/${y}`;
}

/** The parts of a target's sentence: "more than" / "at least", the goal, and the date. */
export interface TargetParts {
  comparison: 'strictlyAbove' | 'atLeast';
  goal: string;
  by: string;
}

export function targetParts(target: IndicatorTargetDto, lang: string): TargetParts {
  const goal = target.share != null ? formatShare(target.share, lang) : formatCount(target.count ?? 0, lang);
  return {
    comparison: target.strictlyAbove ? 'strictlyAbove' : 'atLeast',
    goal,
    by: formatDay(target.by),
  };
}

/** How full a meter is (0..1) for a cell: its share, capped at 1 (above 100 % shows as full plus a warning). */
export function meterValue(cell: Pick<IndicatorCell, 'share'>): number {
  if (cell.share == null || !Number.isFinite(cell.share)) return 0;
  return Math.max(0, Math.min(1, cell.share));
}

/** The population sub-groups that make sense for a target group ('' = the whole group comes first). */
export function subGroupsOf(group: string | undefined): string[] {
  if (!group || !(TARGET_GROUPS as readonly string[]).includes(group)) return [];
  const families = SUB_GROUP_FAMILIES[group as TargetGroup];
  return POPULATION_SUB_GROUPS.filter((code) => families.some((family) => code.startsWith(family)));
}

/** The i18n key of a sub-group code (`school:upper-secondary` → `coverage.subGroups.school_upper-secondary`). */
export const subGroupKey = (code: string) =>
  `coverage.subGroups.${code.replace(':', '_').replace('+', 'plus')}` as `coverage.subGroups.${keyof typeof coverageVi.coverage.subGroups}`;
