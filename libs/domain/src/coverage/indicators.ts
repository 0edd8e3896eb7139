import type { TargetGroup } from '../catalog/target-groups';
import type { ALL_GROUPS, FactMeasure } from './measures';

/**
 * One indicator of a plan (content/indicators/<plan>.yaml): which people it counts (a measure, for a target group
 * and sub-group) against which denominator, and the targets it must reach by dates.
 * - `denominator: population`: the official population of the group (and sub-group) for the period; targets are
 *   shares (`share`, 0..1).
 * - `denominator: none`: an absolute count (e.g. "more than 250,000 adults on VNeID"); targets are `count`s.
 */
export interface IndicatorTarget {
  /** The last day (YYYY-MM-DD, Vietnam calendar) by which the target must be reached. */
  by: string;
  share?: number;
  count?: number;
  /** True when the plan says "more than" (strictly above); false or absent: "at least". */
  strictlyAbove?: boolean;
}

export interface IndicatorDefinition {
  code: string;
  title: { vi: string; en?: string };
  targetGroup: TargetGroup | typeof ALL_GROUPS;
  /** '' for the whole group, else a population sub-group code (sub-groups.ts). */
  subGroup: string;
  measure: FactMeasure;
  denominator: 'population' | 'none';
  targets: IndicatorTarget[];
  source: { document: string; section: string };
  /** True where the plan's wording or figure is not confirmed (shown as provisional). */
  provisional?: boolean;
}

export type IndicatorStatus = 'met' | 'behind' | 'overdue' | 'no-population';

export interface IndicatorProgress {
  /** The target in force on `asOf`: the first whose date is not past, else the last one. */
  target: IndicatorTarget | null;
  /** numerator / population, when there is a population (may exceed 1: see exceedsPopulation). */
  share: number | null;
  /** People still needed to meet the target in force (0 when met). Null without a population for a share target. */
  gap: number | null;
  status: IndicatorStatus;
  /** The numerator is above the official population: a data problem shown beside the figure, never hidden. */
  exceedsPopulation: boolean;
}

/** The target in force on `asOf` (YYYY-MM-DD): the earliest not yet past, else the last one. */
export function targetInForce(targets: readonly IndicatorTarget[], asOf: string): IndicatorTarget | null {
  const sorted = [...targets].sort((a, b) => a.by.localeCompare(b.by));
  return sorted.find((t) => t.by >= asOf) ?? sorted[sorted.length - 1] ?? null;
}

const meets = (value: number, goal: number, strictlyAbove: boolean | undefined): boolean =>
  strictlyAbove ? value > goal : value >= goal;

/** How far an indicator is from its target in force, on `asOf` (YYYY-MM-DD, Vietnam calendar). */
export function indicatorProgress(
  indicator: Pick<IndicatorDefinition, 'denominator' | 'targets'>,
  numerator: number,
  population: number | null,
  asOf: string,
): IndicatorProgress {
  const target = targetInForce(indicator.targets, asOf);
  const hasPopulation = population != null && population > 0;
  const share = hasPopulation ? numerator / population : null;
  const exceedsPopulation = hasPopulation && numerator > population;
  const pastDeadline = (t: IndicatorTarget) => t.by < asOf;
  if (indicator.denominator === 'none' || target?.count != null) {
    const goal = target?.count ?? null;
    if (goal == null) return { target, share, gap: null, status: 'behind', exceedsPopulation };
    const met = meets(numerator, goal, target?.strictlyAbove);
    const needed = target?.strictlyAbove ? goal + 1 : goal;
    return {
      target,
      share,
      gap: met ? 0 : Math.max(0, needed - numerator),
      status: met ? 'met' : target && pastDeadline(target) ? 'overdue' : 'behind',
      exceedsPopulation,
    };
  }
  if (!hasPopulation || target?.share == null)
    return { target, share, gap: null, status: 'no-population', exceedsPopulation };
  const met = meets(share!, target.share, target.strictlyAbove);
  // The smallest whole number of people that meets the goal.
  let needed = Math.ceil(target.share * population - 1e-9);
  if (target.strictlyAbove && needed / population <= target.share) needed += 1;
  return {
    target,
    share,
    gap: met ? 0 : Math.max(0, needed - numerator),
    status: met ? 'met' : pastDeadline(target) ? 'overdue' : 'behind',
    exceedsPopulation,
  };
}
