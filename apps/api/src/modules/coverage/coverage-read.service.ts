import { Inject, Injectable } from '@nestjs/common';
import type {
  CoveragePlace,
  CoverageQuery,
  CoverageRankingQuery,
  CoverageRankingResponse,
  CoverageResponse,
  CoverageTrendQuery,
  CoverageTrendResponse,
  IndicatorCell,
  PlansResponse,
} from '@hocvuso/contracts';
import {
  ALL_PLACES_ID,
  coverageNumerators,
  coverageOrganisationChain,
  coverageOrganisationChildren,
  coverageOrganisationsInUnit,
  coverageRegistered,
  coverageUnit,
  coverageUnitChildren,
  coverageUnitsByPaths,
  coverageMonthCounts,
  lastFoldAt,
  populationsInForce,
  type CoverageOrganisationRow,
  type CoverageUnitRow,
  type Queryable,
  type RollupPlace,
} from '@hocvuso/db';
import {
  type CoverageFilter,
  coverageFilterProblem,
  type CoveragePlanDefinition,
  countKeysOf,
  type Grant,
  groupKey,
  type IndicatorDefinition,
  indicatorCell,
  indicatorsUnderFilter,
  monthsBetween,
  numeratorKey,
  type PlaceCounts,
  type PopulationFigure,
  rankPlaces,
  reaches,
  scopeFor,
  trendPoints,
  ValidationError,
  vietnamDate,
} from '@hocvuso/domain';
import { CoverageReader } from './coverage-reader';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { notFound } from '../../common/errors/not-found';
import { requireCapability } from '../../common/guards/require-capability';
import { PlansService } from './plans.service';

const CAPABILITY = 'report.read' as const;

/** How long an assembled answer is reused (it is keyed by the last fold too, so a fold makes it new at once). */
const CACHE_MS = 5_000;
const CACHE_MAX = 500;

/** A place of a coverage view, resolved: what the wire shows, where its counts are, and what it is. */
interface Place {
  dto: CoveragePlace;
  rollup: RollupPlace;
  /** The unit code for a unit (the plan's area is matched on it), else null. */
  unitCode: string | null;
}

/** The place asked for, with its children and organisations, as the caller may see it. */
interface PlaceView {
  place: Place;
  trail: CoveragePlace[];
  children: Place[];
  organisations: Place[];
}

const ALL_PLACE: Place = {
  dto: { kind: 'all', id: null, name: 'Toàn quốc', level: null },
  rollup: { kind: 'all', id: ALL_PLACES_ID },
  unitCode: null,
};

const unitPlace = (u: CoverageUnitRow): Place => ({
  dto: { kind: 'unit', id: u.id, name: u.name, level: u.level },
  rollup: { kind: 'unit', id: u.id },
  unitCode: u.code,
});

const organisationPlace = (o: CoverageOrganisationRow): Place => ({
  dto: { kind: 'organisation', id: o.id, name: o.name, level: o.kind },
  rollup: { kind: 'organisation', id: o.id },
  unitCode: null,
});

const placeKey = (p: RollupPlace) => `${p.kind}:${p.id}`;

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });
/** Places in Vietnamese alphabetical order (the database's collation may not be Vietnamese). */
const byName = <T extends { name: string }>(rows: readonly T[]): T[] =>
  [...rows].sort((a, b) => collator.compare(a.name, b.name));

/** The paths above and including a unit path: `/12/00001/` → `/12/`, `/12/00001/`. */
const pathPrefixes = (path: string): string[] => {
  const codes = path.split('/').filter(Boolean);
  return codes.map((_, i) => `/${codes.slice(0, i + 1).join('/')}/`);
};

/** The first day of the Vietnam month of a date. */
const monthStart = (date: string) => `${date.slice(0, 7)}-01`;

/**
 * The coverage read API (docs/coverage.md "API"): the plan's indicators for a place against their targets, one
 * level down, the trend and the emulation table. Counts come only from the rollup tables (a few indexed reads
 * per answer), populations from the populations context; answers are cached for a few seconds per place, plan
 * and filter, keyed by the last fold so a fold is visible at once. Scope: `report.read`; a place outside the
 * caller's reach answers 404 as if it did not exist; counts only, nobody is named.
 */
@Injectable()
export class CoverageReadService {
  private readonly cache = new Map<string, { at: number; value: Promise<unknown> }>();

  constructor(
    @Inject(CoverageReader) private readonly read: CoverageReader,
    @Inject(PlansService) private readonly plans: PlansService,
  ) {}

  /** Where reads go: the read replica when one is configured (DATABASE_REPLICA_URL), else the primary. */
  private get reader(): Queryable {
    return this.read.db;
  }

  // ---- plans ----------------------------------------------------------------------------------------------

  private async planOf(id: string | undefined): Promise<CoveragePlanDefinition> {
    const plan = await this.plans.get(id);
    if (!plan) throw notFound('plan');
    return plan;
  }

  async indicators(): Promise<PlansResponse> {
    const plans = await this.plans.all();
    return {
      items: plans.map((p) => ({
        id: p.id,
        title: p.title,
        unitCode: p.unitCode,
        source: p.source,
        indicators: p.indicators.map(indicatorDto),
      })),
    };
  }

  // ---- places and reach -----------------------------------------------------------------------------------

  private filterOf(q: { targetGroup?: CoverageFilter['targetGroup']; subGroup?: string }): CoverageFilter {
    const filter: CoverageFilter = { targetGroup: q.targetGroup ?? null, subGroup: q.subGroup ?? '' };
    const problem = coverageFilterProblem(filter);
    if (problem)
      throw new ValidationError('INVALID_COVERAGE_FILTER', `The filter cannot be applied: ${problem}.`, [
        { path: 'subGroup', code: 'invalid', message: problem },
      ]);
    return filter;
  }

  /** Whether the caller reaches a unit by its path. */
  private reachesUnit(grants: readonly Grant[], path: string): boolean {
    return reaches(grants, CAPABILITY, { unitPath: path, organisationId: null });
  }

  /**
   * Whether the caller reaches an organisation: one in their unit subtree, or their own organisation or one
   * below it (`chain` is the organisation and those above it, top first).
   */
  private reachesOrganisation(grants: readonly Grant[], chain: readonly CoverageOrganisationRow[]): boolean {
    const self = chain[chain.length - 1];
    if (!self) return false;
    return (
      reaches(grants, CAPABILITY, { unitPath: self.unit_path, organisationId: self.id }) ||
      chain.some((o) => reaches(grants, CAPABILITY, { unitPath: null, organisationId: o.id }))
    );
  }

  /** The unit trail (top of the caller's reach down to the unit), 'all' first for a global reader. */
  private async unitTrail(grants: readonly Grant[], path: string, asOf: string): Promise<CoveragePlace[]> {
    const prefixes = pathPrefixes(path).filter((p) => this.reachesUnit(grants, p));
    const rows = await coverageUnitsByPaths(this.reader, prefixes, asOf);
    const byPath = new Map(rows.map((r) => [r.path, r]));
    const trail = prefixes.flatMap((p) => {
      const u = byPath.get(p);
      return u ? [unitPlace(u).dto] : [];
    });
    return scopeFor(grants, CAPABILITY).global ? [ALL_PLACE.dto, ...trail] : trail;
  }

  /** The place a view is about: the one asked, or the caller's own top place. */
  private async placeView(
    user: AuthUser,
    q: { unitId?: string; organisationId?: string },
    asOf: string,
  ): Promise<PlaceView> {
    requireCapability(user, CAPABILITY, 'This needs a role that reads coverage reports.');
    const grants = user.grants;
    if (q.unitId) {
      const unit = await coverageUnit(this.reader, q.unitId);
      if (!unit || !this.reachesUnit(grants, unit.path)) throw notFound('unit');
      return this.unitView(grants, unit, asOf);
    }
    if (q.organisationId) {
      const chain = await coverageOrganisationChain(this.reader, q.organisationId);
      if (!this.reachesOrganisation(grants, chain)) throw notFound('organisation');
      return this.organisationView(grants, chain, asOf);
    }
    const scope = scopeFor(grants, CAPABILITY);
    if (scope.global) {
      const provinces = await coverageUnitChildren(this.reader, null, asOf);
      return {
        place: ALL_PLACE,
        trail: [ALL_PLACE.dto],
        children: byName(provinces).map(unitPlace),
        organisations: [],
      };
    }
    const [topPath] = [...scope.unitPaths].sort((a, b) => a.length - b.length || a.localeCompare(b));
    if (topPath) {
      const [unit] = await coverageUnitsByPaths(this.reader, [topPath], asOf);
      if (unit) return this.unitView(grants, unit, asOf);
    }
    const [organisationId] = [...scope.organisationIds].sort();
    if (organisationId) {
      const chain = await coverageOrganisationChain(this.reader, organisationId);
      if (chain.length > 0) return this.organisationView(grants, chain, asOf);
    }
    throw notFound('unit');
  }

  private async unitView(grants: readonly Grant[], unit: CoverageUnitRow, asOf: string): Promise<PlaceView> {
    const [children, trail, organisations] = await Promise.all([
      coverageUnitChildren(this.reader, unit.id, asOf),
      this.unitTrail(grants, unit.path, asOf),
      unit.level === 'commune' ? coverageOrganisationsInUnit(this.reader, unit.id) : Promise.resolve([]),
    ]);
    return {
      place: unitPlace(unit),
      trail,
      children: byName(children).map(unitPlace),
      organisations: byName(organisations).map(organisationPlace),
    };
  }

  private async organisationView(
    grants: readonly Grant[],
    chain: readonly CoverageOrganisationRow[],
    asOf: string,
  ): Promise<PlaceView> {
    const self = chain[chain.length - 1]!;
    const [children, unitTrail] = await Promise.all([
      coverageOrganisationChildren(this.reader, self.id),
      this.unitTrail(grants, self.unit_path, asOf),
    ]);
    const organisationTrail = chain
      .filter((o, i) => this.reachesOrganisation(grants, chain.slice(0, i + 1)))
      .map((o) => organisationPlace(o).dto);
    // A sub-unit sitting in another unit is still the organisation's; only those the caller reaches are listed.
    const reachable = children.filter((c) => this.reachesOrganisation(grants, [...chain, c]));
    return {
      place: organisationPlace(self),
      trail: [...unitTrail, ...organisationTrail],
      children: byName(reachable).map(organisationPlace),
      organisations: [],
    };
  }

  // ---- counts ---------------------------------------------------------------------------------------------

  /** The last fold of the rollups (null before the first). */
  private async freshAt(): Promise<string | null> {
    return (await lastFoldAt(this.reader))?.toISOString() ?? null;
  }

  /**
   * The official populations in force on `asOf`, by place and group key (populationsInForce: a unit without its
   * own figure gets the sum of its direct children's). 'All' (every province) gets the sum of the provinces'
   * figures, with how many provinces had one in its source.
   */
  private async populations(
    places: readonly Place[],
    _indicators: readonly IndicatorDefinition[],
    asOf: string,
  ): Promise<Map<string, Map<string, PopulationFigure>>> {
    const out = new Map<string, Map<string, PopulationFigure>>();
    const put = (place: string, key: string, figure: PopulationFigure) => {
      let m = out.get(place);
      if (!m) out.set(place, (m = new Map()));
      m.set(key, figure);
    };
    const located = places
      .filter((p) => p.rollup.kind !== 'all')
      .map((p) => p.rollup as { kind: 'unit' | 'organisation'; id: string });
    const rows = await populationsInForce(this.reader, { places: located, asOf, sumChildren: true });
    for (const r of rows)
      put(`${r.place_kind}:${r.place_id}`, groupKey(r.target_group, r.sub_group), {
        value: Number(r.value),
        period: r.period,
        source: r.source,
      });
    if (places.some((p) => p.rollup.kind === 'all')) {
      const provinces = await coverageUnitChildren(this.reader, null, asOf);
      const figures = await populationsInForce(this.reader, {
        places: provinces.map((u) => ({ kind: 'unit' as const, id: u.id })),
        asOf,
        sumChildren: true,
      });
      const sums = new Map<string, { value: number; periods: Set<string>; provinces: number }>();
      for (const f of figures) {
        const key = groupKey(f.target_group, f.sub_group);
        const s = sums.get(key) ?? { value: 0, periods: new Set<string>(), provinces: 0 };
        s.value += Number(f.value);
        s.periods.add(f.period);
        s.provinces += 1;
        sums.set(key, s);
      }
      for (const [key, s] of sums)
        put(placeKey(ALL_PLACE.rollup), key, {
          value: s.value,
          period: [...s.periods].sort().join(', '),
          source: `Tổng số liệu của ${s.provinces}/${provinces.length} tỉnh, thành phố`,
        });
    }
    return out;
  }

  /** What the rollups, registrations and populations say about these places, for these indicators. */
  private async countsOf(
    places: readonly Place[],
    indicators: readonly IndicatorDefinition[],
    asOf: string,
  ): Promise<Map<string, PlaceCounts>> {
    const keys = countKeysOf(indicators);
    const rollups = places.map((p) => p.rollup);
    const [numerators, registered, populations] = await Promise.all([
      coverageNumerators(this.reader, rollups, keys, monthStart(asOf)),
      coverageRegistered(this.reader, rollups, keys),
      this.populations(places, indicators, asOf),
    ]);
    const out = new Map<string, PlaceCounts>();
    for (const p of rollups)
      out.set(placeKey(p), {
        numerators: new Map(),
        registered: new Map(),
        populations: populations.get(placeKey(p)) ?? new Map(),
      });
    for (const r of numerators)
      (out.get(`${r.place_kind}:${r.place_id}`)?.numerators as Map<string, number> | undefined)?.set(
        numeratorKey(r.target_group, r.sub_group, r.measure),
        Number(r.count),
      );
    for (const r of registered)
      (out.get(`${r.place_kind}:${r.place_id}`)?.registered as Map<string, number> | undefined)?.set(
        groupKey(r.target_group, r.sub_group),
        Number(r.count),
      );
    return out;
  }

  /** Whether a plan's absolute-count targets apply to a place (the plan's own area only). */
  private isPlanArea(plan: CoveragePlanDefinition, place: Place): boolean {
    return plan.unitCode === null ? place.rollup.kind === 'all' : place.unitCode === plan.unitCode;
  }

  private cached<T>(key: string, make: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && now - hit.at < CACHE_MS) return hit.value as Promise<T>;
    if (this.cache.size >= CACHE_MAX)
      for (const [k, v] of this.cache)
        if (now - v.at >= CACHE_MS || this.cache.size >= CACHE_MAX) this.cache.delete(k);
    const value = make();
    this.cache.set(key, { at: now, value });
    value.catch(() => this.cache.delete(key));
    return value;
  }

  // ---- answers --------------------------------------------------------------------------------------------

  async coverage(user: AuthUser, q: CoverageQuery): Promise<CoverageResponse> {
    const asOf = vietnamDate(new Date());
    const filter = this.filterOf(q);
    const view = await this.placeView(user, q, asOf);
    const plan = await this.planOf(q.plan);
    const freshAt = await this.freshAt();
    const key = JSON.stringify([
      'coverage',
      [view.place, ...view.children, ...view.organisations].map((p) => placeKey(p.rollup)),
      plan.id,
      filter,
      asOf,
      freshAt,
    ]);
    const body = await this.cached(key, async () => {
      const indicators = indicatorsUnderFilter(plan.indicators, filter);
      const places = [view.place, ...view.children, ...view.organisations];
      const counts = await this.countsOf(places, indicators, asOf);
      const cells = (p: Place) =>
        indicators.map((ind) =>
          indicatorCell(ind, counts.get(placeKey(p.rollup))!, asOf, this.isPlanArea(plan, p)),
        );
      const withCells = (p: Place) => ({ ...p.dto, indicators: cells(p).map(cellDto) });
      return {
        indicators: cells(view.place).map((c, i) => ({
          ...cellDto(c),
          indicator: indicatorDto(indicators[i]!),
          target: c.target,
        })),
        children: view.children.map(withCells),
        organisations: view.organisations.map(withCells),
      };
    });
    return {
      plan: { id: plan.id, title: plan.title },
      asOf,
      place: view.place.dto,
      trail: view.trail,
      filter,
      ...body,
      freshAt,
    };
  }

  private indicatorOf(
    plan: CoveragePlanDefinition,
    code: string,
    filter: CoverageFilter,
  ): IndicatorDefinition {
    if (!plan.indicators.some((i) => i.code === code)) throw notFound('indicator');
    const [indicator] = indicatorsUnderFilter(
      plan.indicators.filter((i) => i.code === code),
      filter,
    );
    if (!indicator)
      throw new ValidationError(
        'INVALID_COVERAGE_FILTER',
        `The indicator ${code} says nothing about this group or sub-group.`,
        [{ path: 'targetGroup', code: 'invalid', message: 'the indicator does not apply to this filter' }],
      );
    return indicator;
  }

  async trend(user: AuthUser, q: CoverageTrendQuery): Promise<CoverageTrendResponse> {
    const asOf = vietnamDate(new Date());
    const filter = this.filterOf(q);
    const view = await this.placeView(user, q, asOf);
    const plan = await this.planOf(q.plan);
    const indicator = this.indicatorOf(plan, q.indicator, filter);
    const firstTarget = [...indicator.targets].sort((a, b) => a.by.localeCompare(b.by))[0];
    const from = q.from ?? `${(firstTarget?.by ?? asOf).slice(0, 4)}-01-01`;
    const to = q.to ?? asOf;
    if (from > to)
      throw new ValidationError('INVALID_RANGE', 'The range starts after it ends.', [
        { path: 'from', code: 'invalid', message: `from ${from} is after to ${to}` },
      ]);
    const months = monthsBetween(from, to);
    if (months.length > 240)
      throw new ValidationError('INVALID_RANGE', 'A trend covers at most 20 years.', [
        { path: 'from', code: 'too_big', message: 'at most 240 months' },
      ]);
    const freshAt = await this.freshAt();
    const key = JSON.stringify([
      'trend',
      placeKey(view.place.rollup),
      plan.id,
      indicator.code,
      filter,
      from,
      to,
      freshAt,
    ]);
    const points = await this.cached(key, async () => {
      const years = [...new Set(months.map((m) => m.slice(0, 4)))];
      const [counts, ...populations] = await Promise.all([
        coverageMonthCounts(
          this.reader,
          view.place.rollup,
          { group: indicator.targetGroup, subGroup: indicator.subGroup, measure: indicator.measure },
          `${months[months.length - 1] ?? to.slice(0, 7)}-01`,
        ),
        ...years.map((y) => this.populations([view.place], [indicator], `${y}-12-31`)),
      ]);
      const byYear = new Map(
        years.map((y, i) => [
          y,
          indicator.denominator === 'population'
            ? (populations[i]
                ?.get(placeKey(view.place.rollup))
                ?.get(groupKey(indicator.targetGroup, indicator.subGroup))?.value ?? null)
            : null,
        ]),
      );
      return trendPoints(
        months,
        counts.map((c) => ({ month: c.month, count: Number(c.count) })),
        (y) => byYear.get(y) ?? null,
      );
    });
    return {
      indicator: indicatorDto(indicator),
      place: view.place.dto,
      points,
      targets: indicator.targets,
      filter,
      freshAt,
    };
  }

  async ranking(user: AuthUser, q: CoverageRankingQuery): Promise<CoverageRankingResponse> {
    const asOf = vietnamDate(new Date());
    const filter = this.filterOf(q);
    const view = await this.placeView(user, q, asOf);
    const plan = await this.planOf(q.plan);
    const indicator = this.indicatorOf(plan, q.indicator, filter);
    const freshAt = await this.freshAt();
    const key = JSON.stringify([
      'ranking',
      [view.place, ...view.children].map((p) => placeKey(p.rollup)),
      plan.id,
      indicator.code,
      filter,
      asOf,
      freshAt,
    ]);
    const rows = await this.cached(key, async () => {
      const counts = await this.countsOf(view.children, [indicator], asOf);
      return rankPlaces(
        view.children.map((p) => {
          const cell = indicatorCell(
            indicator,
            counts.get(placeKey(p.rollup))!,
            asOf,
            this.isPlanArea(plan, p),
          );
          return {
            ...p.dto,
            numerator: cell.numerator,
            population: cell.population?.value ?? null,
            share: cell.share,
            status: cell.status,
          };
        }),
      );
    });
    return { indicator: indicatorDto(indicator), place: view.place.dto, rows, asOf, filter, freshAt };
  }
}

function indicatorDto(i: IndicatorDefinition) {
  return {
    code: i.code,
    title: i.title,
    targetGroup: i.targetGroup,
    subGroup: i.subGroup,
    measure: i.measure,
    denominator: i.denominator,
    targets: i.targets,
    source: i.source,
    provisional: i.provisional ?? false,
  };
}

function cellDto(c: ReturnType<typeof indicatorCell>): IndicatorCell {
  return {
    code: c.code,
    numerator: c.numerator,
    registered: c.registered,
    population: c.population,
    share: c.share,
    gap: c.gap,
    status: c.status,
    exceedsPopulation: c.exceedsPopulation,
  };
}
