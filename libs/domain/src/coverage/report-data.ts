import type { IndicatorDefinition, IndicatorStatus, IndicatorTarget } from './indicators';
import { indicatorProgress } from './indicators';
import type { Period } from './periods';

/**
 * The frozen figures of a periodic coverage report (table coverage_reports, docs/coverage.md "Periodic reports").
 * The worker counts once, at generation: facts achieved before the period's cut-off (exact, from coverage_facts),
 * the official populations in force at the period's end, and the accounts placed in each place at generation time
 * (registrations are not frozen history: the report says so). This module only assembles what was counted into
 * the report's data, the same way every time, so its checksum (sha256 of canonicalJson(data)) identifies it.
 */

export interface ReportPlace {
  kind: 'unit' | 'organisation' | 'all';
  /** Null for 'all'. */
  id: string | null;
  code: string | null;
  name: string;
  /** province | commune | village for units, the organisation kind for organisations, null for 'all'. */
  level: string | null;
}

/** A count for one place (its id, or 'all'), target group ('*' = everyone once), sub-group ('' whole) and measure. */
export interface ReportTally {
  placeKey: string;
  targetGroup: string;
  subGroup: string;
  measure: string;
  count: number;
}

export interface ReportPopulation {
  placeKey: string;
  targetGroup: string;
  subGroup: string;
  value: number;
  /** The population's own period (e.g. `2025`). */
  period: string;
  source: string;
}

export interface ReportPlan {
  id: string;
  title: { vi: string; en?: string };
  indicators: IndicatorDefinition[];
}

export interface ReportDataInput {
  plan: ReportPlan;
  period: Period;
  /** ISO instant: facts achieved before it are counted (periodCutOff(period)). */
  cutOff: string;
  /** ISO instant the live registrations were counted at (generation time). */
  registeredAt: string;
  place: ReportPlace;
  /** One level down: communes of a province, villages of a commune, sub-organisations. */
  children: ReportPlace[];
  numerators: ReportTally[];
  /** Live registered accounts, measure 'registered'. */
  registered: ReportTally[];
  populations: ReportPopulation[];
}

export interface ReportCell {
  code: string;
  numerator: number;
  registered: number;
  population: { value: number; period: string; source: string } | null;
  share: number | null;
  gap: number | null;
  status: IndicatorStatus;
  exceedsPopulation: boolean;
}

export interface ReportIndicator {
  code: string;
  title: { vi: string; en?: string };
  targetGroup: string;
  subGroup: string;
  measure: string;
  denominator: 'population' | 'none';
  /** The target in force at the period's end. */
  target: IndicatorTarget | null;
  source: { document: string; section: string };
  provisional: boolean;
}

export interface ReportRow {
  place: ReportPlace;
  /** True for the report's own place (the total); false for the places one level down. */
  total: boolean;
  cells: ReportCell[];
}

export interface ReportData {
  format: 'hvs-coverage-report/1';
  plan: { id: string; title: { vi: string; en?: string } };
  period: Period;
  cutOff: string;
  registeredAt: string;
  place: ReportPlace;
  indicators: ReportIndicator[];
  rows: ReportRow[];
}

export const placeKey = (place: Pick<ReportPlace, 'id'>): string => place.id ?? 'all';

const key = (placeId: string, group: string, subGroup: string, measure: string) =>
  `${placeId}\u0000${group}\u0000${subGroup}\u0000${measure}`;

/** Assembles the frozen figures: the place's total row first, then the children by name (Vietnamese order). */
export function assembleReportData(input: ReportDataInput): ReportData {
  const sums = new Map<string, number>();
  const add = (t: ReportTally) => {
    if (!Number.isSafeInteger(t.count) || t.count < 0) throw new RangeError(`bad count ${t.count}`);
    const k = key(t.placeKey, t.targetGroup, t.subGroup, t.measure);
    sums.set(k, (sums.get(k) ?? 0) + t.count);
  };
  input.numerators.forEach(add);
  input.registered.forEach((t) => add({ ...t, measure: 'registered' }));
  const populations = new Map<string, ReportPopulation>();
  for (const p of input.populations) populations.set(key(p.placeKey, p.targetGroup, p.subGroup, ''), p);

  const asOf = input.period.end;
  const cellsOf = (place: ReportPlace): ReportCell[] =>
    input.plan.indicators.map((ind) => {
      const pk = placeKey(place);
      const numerator = sums.get(key(pk, ind.targetGroup, ind.subGroup, ind.measure)) ?? 0;
      const registered = sums.get(key(pk, ind.targetGroup, ind.subGroup, 'registered')) ?? 0;
      const pop =
        ind.denominator === 'population'
          ? (populations.get(key(pk, ind.targetGroup, ind.subGroup, '')) ?? null)
          : null;
      const progress = indicatorProgress(ind, numerator, pop?.value ?? null, asOf);
      return {
        code: ind.code,
        numerator,
        registered,
        population: pop ? { value: pop.value, period: pop.period, source: pop.source } : null,
        share: progress.share,
        gap: progress.gap,
        status: progress.status,
        exceedsPopulation: progress.exceedsPopulation,
      };
    });

  const children = [...input.children].sort(
    (a, b) => a.name.localeCompare(b.name, 'vi') || (a.code ?? '').localeCompare(b.code ?? ''),
  );
  return {
    format: 'hvs-coverage-report/1',
    plan: { id: input.plan.id, title: input.plan.title },
    period: input.period,
    cutOff: input.cutOff,
    registeredAt: input.registeredAt,
    place: input.place,
    indicators: input.plan.indicators.map((ind) => {
      const target = indicatorProgress(ind, 0, null, asOf).target;
      return {
        code: ind.code,
        title: ind.title,
        targetGroup: ind.targetGroup,
        subGroup: ind.subGroup,
        measure: ind.measure,
        denominator: ind.denominator,
        target,
        source: ind.source,
        provisional: ind.provisional === true,
      };
    }),
    rows: [
      { place: input.place, total: true, cells: cellsOf(input.place) },
      ...children.map((c) => ({ place: c, total: false, cells: cellsOf(c) })),
    ],
  };
}

/**
 * JSON with object keys sorted at every level and no undefined members: the same data always gives the same text,
 * so its sha256 is the report's checksum.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError('not a finite number');
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value))
    return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * Whether a new revision may be requested for a (plan, place, period), given the revisions that exist:
 * - none (or only failed ones): yes, as a first report;
 * - otherwise only as a correction of the latest non-failed revision, with a reason, and only once that
 *   revision has finished (ready or submitted): a report being generated cannot be corrected yet.
 */
export type RevisionDecision =
  | { ok: true; revision: number; supersedes: number | null }
  | { ok: false; code: 'REPORT_EXISTS' | 'REPORT_NOT_FINISHED' | 'CORRECTION_OF_WRONG_REVISION' };

export function nextRevision(
  existing: ReadonlyArray<{ revision: number; status: string }>,
  correctionOf: number | null,
): RevisionDecision {
  const maxRevision = existing.reduce((m, r) => Math.max(m, r.revision), 0);
  const live = existing.filter((r) => r.status !== 'failed').sort((a, b) => b.revision - a.revision)[0];
  if (!live) return { ok: true, revision: maxRevision + 1, supersedes: null };
  if (correctionOf == null) return { ok: false, code: 'REPORT_EXISTS' };
  if (correctionOf !== live.revision) return { ok: false, code: 'CORRECTION_OF_WRONG_REVISION' };
  if (live.status !== 'ready' && live.status !== 'submitted')
    return { ok: false, code: 'REPORT_NOT_FINISHED' };
  return { ok: true, revision: maxRevision + 1, supersedes: live.revision };
}
