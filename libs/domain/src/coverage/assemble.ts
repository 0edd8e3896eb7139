import {
  type IndicatorDefinition,
  indicatorProgress,
  type IndicatorStatus,
  type IndicatorTarget,
} from './indicators';
import { ALL_GROUPS, type FactGroup, type FactMeasure } from './measures';
import { isPopulationSubGroup, subGroupFitsGroup, WHOLE_GROUP } from './sub-groups';

/**
 * Assembling the coverage read answers (GET /api/coverage, /trend, /ranking) from counts the rollup tables give:
 * which (group, sub-group, measure) each indicator reads under a filter, one indicator's figures for one place,
 * the trend's running sums and the emulation table's ranks. Pure: the api reads the counts, this decides.
 */

/** The dashboard's drill-down: a target group ('*' = everyone) and a sub-group ('' = the whole group). */
export interface CoverageFilter {
  targetGroup: FactGroup | null;
  subGroup: string;
}

/** Why a filter cannot be applied (the api answers 400 with code INVALID_COVERAGE_FILTER). */
export function coverageFilterProblem(filter: CoverageFilter): string | undefined {
  const { targetGroup, subGroup } = filter;
  if (subGroup === WHOLE_GROUP) return undefined;
  if (!isPopulationSubGroup(subGroup)) return `unknown sub-group "${subGroup}"`;
  if (targetGroup && targetGroup !== ALL_GROUPS && !subGroupFitsGroup(targetGroup, subGroup))
    return `sub-group "${subGroup}" does not fit target group "${targetGroup}"`;
  return undefined;
}

/**
 * The plan's indicators as they read under a filter ("re-keyed"):
 * - no filter: every indicator as the plan defines it;
 * - `targetGroup` G (not '*'): the indicators of G are kept, those of '*' (everyone) are re-keyed to count G only,
 *   and the indicators of other groups are left out (they say nothing about G);
 * - `targetGroup` '*': every indicator is re-keyed to count everyone (its targets then read against the whole
 *   population, which is shown as `no-population` where none is loaded for '*');
 * - `subGroup` S: of what remains, indicators of the whole group (subGroup '') whose group S fits (or '*') are
 *   re-keyed to S; an indicator already about S is kept; one about another sub-group, or of a group S does not
 *   fit, is left out;
 * - an everyone-indicator whose sub-group does not fit the group it is re-keyed to (adults aged 16+ among
 *   students) is left out.
 * The code, measure, denominator and targets never change: a re-keyed indicator is read against its own targets.
 */
export function indicatorsUnderFilter(
  indicators: readonly IndicatorDefinition[],
  filter: CoverageFilter,
): IndicatorDefinition[] {
  const out: IndicatorDefinition[] = [];
  for (const ind of indicators) {
    let group: FactGroup = ind.targetGroup;
    if (filter.targetGroup === ALL_GROUPS) group = ALL_GROUPS;
    else if (filter.targetGroup) {
      if (ind.targetGroup !== ALL_GROUPS && ind.targetGroup !== filter.targetGroup) continue;
      group = filter.targetGroup;
    }
    let subGroup = ind.subGroup;
    if (filter.subGroup !== WHOLE_GROUP) {
      if (ind.subGroup !== WHOLE_GROUP && ind.subGroup !== filter.subGroup) continue;
      if (group !== ALL_GROUPS && !subGroupFitsGroup(group, filter.subGroup)) continue;
      subGroup = filter.subGroup;
    }
    // An everyone-indicator about a sub-group that does not fit the group asked (adults among students).
    if (group !== ALL_GROUPS && !subGroupFitsGroup(group, subGroup)) continue;
    out.push(
      group === ind.targetGroup && subGroup === ind.subGroup ? ind : { ...ind, targetGroup: group, subGroup },
    );
  }
  return out;
}

/** The key of a count in the maps below: `group|subGroup|measure` (numerators) or `group|subGroup`. */
export const numeratorKey = (group: string, subGroup: string, measure: string) =>
  `${group}|${subGroup}|${measure}`;
export const groupKey = (group: string, subGroup: string) => `${group}|${subGroup}`;

/** The keys a set of indicators reads: groups, sub-groups and measures (for the read queries' filters). */
export function countKeysOf(indicators: readonly IndicatorDefinition[]): {
  groups: string[];
  subGroups: string[];
  measures: FactMeasure[];
} {
  return {
    groups: [...new Set(indicators.map((i) => i.targetGroup))],
    subGroups: [...new Set(indicators.map((i) => i.subGroup))],
    measures: [...new Set(indicators.map((i) => i.measure))],
  };
}

export interface PopulationFigure {
  value: number;
  /** The population's period code, e.g. `2025`. */
  period: string;
  source: string;
}

/** What the rollup, registration and population tables say about one place. */
export interface PlaceCounts {
  /** Facts counted up to the month asked, by numeratorKey. Absent: 0. */
  numerators: ReadonlyMap<string, number>;
  /** Accounts placed here now, by groupKey. Absent: 0. */
  registered: ReadonlyMap<string, number>;
  /** The official population in force, by groupKey. Absent: none loaded. */
  populations: ReadonlyMap<string, PopulationFigure>;
}

export interface IndicatorCellFigures {
  code: string;
  numerator: number;
  registered: number;
  population: PopulationFigure | null;
  share: number | null;
  gap: number | null;
  status: IndicatorStatus;
  exceedsPopulation: boolean;
  target: IndicatorTarget | null;
}

/**
 * One indicator's figures for one place on `asOf` (Vietnam date). The numerator (people counted by the measure)
 * and the registered accounts are separate figures; only the official population is a denominator.
 * An absolute-count target ("more than 170,000 adults") is the plan's for its own area: `countTargetApplies` is
 * false elsewhere (a commune, another province), where the cell shows the counts with status `no-population` and
 * no target or gap. A share indicator without a loaded population is `no-population` too.
 */
export function indicatorCell(
  indicator: IndicatorDefinition,
  counts: PlaceCounts,
  asOf: string,
  countTargetApplies: boolean,
): IndicatorCellFigures {
  const g = groupKey(indicator.targetGroup, indicator.subGroup);
  const numerator =
    counts.numerators.get(numeratorKey(indicator.targetGroup, indicator.subGroup, indicator.measure)) ?? 0;
  const registered = counts.registered.get(g) ?? 0;
  const population = indicator.denominator === 'population' ? (counts.populations.get(g) ?? null) : null;
  if (indicator.denominator === 'none' && !countTargetApplies)
    return {
      code: indicator.code,
      numerator,
      registered,
      population: null,
      share: null,
      gap: null,
      status: 'no-population',
      exceedsPopulation: false,
      target: null,
    };
  const progress = indicatorProgress(indicator, numerator, population?.value ?? null, asOf);
  return {
    code: indicator.code,
    numerator,
    registered,
    population,
    share: progress.share,
    gap: progress.gap,
    status: progress.status,
    exceedsPopulation: progress.exceedsPopulation,
    target: progress.target,
  };
}

/** A month bucket's own count (facts achieved that Vietnam month), from the rollups. */
export interface MonthCount {
  /** YYYY-MM */
  month: string;
  count: number;
}

/**
 * The trend's points: for each month of `months` (YYYY-MM, ascending), the running sum of every count up to and
 * including that month (counts of months before the first are carried in), and the share against the population
 * in force for that month's year (`populationOfYear`, null when none).
 */
export function trendPoints(
  months: readonly string[],
  counts: readonly MonthCount[],
  populationOfYear: (year: string) => number | null,
): Array<{ month: string; numerator: number; population: number | null; share: number | null }> {
  const sorted = [...counts].sort((a, b) => a.month.localeCompare(b.month));
  let i = 0;
  let running = 0;
  return months.map((month) => {
    while (i < sorted.length && sorted[i]!.month <= month) {
      running += sorted[i]!.count;
      i += 1;
    }
    const population = populationOfYear(month.slice(0, 4));
    return {
      month,
      numerator: running,
      population,
      share: population != null && population > 0 ? running / population : null,
    };
  });
}

export interface RankInput {
  name: string;
  numerator: number;
  share: number | null;
}

/**
 * The emulation table: places ranked by share (highest first), then numerator, then name (Vietnamese order);
 * places with the same share and numerator share a rank (1, 1, 3). Places without a share (no population) come
 * last, ranked among themselves by numerator.
 */
export function rankPlaces<T extends RankInput>(rows: readonly T[]): Array<T & { rank: number }> {
  const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });
  const sorted = [...rows].sort((a, b) => {
    if ((a.share == null) !== (b.share == null)) return a.share == null ? 1 : -1;
    if (a.share != null && b.share != null && a.share !== b.share) return b.share - a.share;
    if (a.numerator !== b.numerator) return b.numerator - a.numerator;
    return collator.compare(a.name, b.name);
  });
  let rank = 0;
  return sorted.map((row, index) => {
    const prev = sorted[index - 1];
    const tied = prev !== undefined && prev.share === row.share && prev.numerator === row.numerator;
    if (!tied) rank = index + 1;
    return { ...row, rank };
  });
}
