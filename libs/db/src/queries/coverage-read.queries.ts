import { type Queryable, selectOne, selectRows } from './queryable';

/**
 * The coverage read model (GET /api/coverage, /trend, /ranking; docs/coverage.md "API"): places, their children,
 * and counts from the rollup tables only (coverage_rollups, coverage_registered), never coverage_facts or progress
 * rows. Each statement reads a handful of rows by primary key or a small index, whatever the number of learners.
 */

/** The place id of the 'all' rollups (every province). */
export const ALL_PLACES_ID = '00000000-0000-0000-0000-000000000000';

export type CoveragePlaceKind = 'unit' | 'organisation' | 'all';

export interface CoverageUnitRow {
  id: string;
  code: string;
  name: string;
  level: string;
  path: string;
  parent_id: string | null;
}

const UNIT_COLUMNS = `id, code, name, level, path, parent_id`;
/** Valid on a Vietnam date ($n). */
const validOn = (n: number) => `valid_from <= $${n}::date AND (valid_to IS NULL OR valid_to > $${n}::date)`;

/** A unit by id, whatever its validity (a dissolved commune still has its history). */
export function coverageUnit(db: Queryable, id: string): Promise<CoverageUnitRow | undefined> {
  return selectOne<CoverageUnitRow>(db, `SELECT ${UNIT_COLUMNS} FROM administrative_units WHERE id = $1`, [
    id,
  ]);
}

/**
 * The units of these paths, one per path: the version valid on `asOf`, else the latest (for breadcrumbs and a
 * grant's unit).
 */
export function coverageUnitsByPaths(
  db: Queryable,
  paths: readonly string[],
  asOf: string,
): Promise<CoverageUnitRow[]> {
  if (paths.length === 0) return Promise.resolve([]);
  return selectRows<CoverageUnitRow>(
    db,
    `SELECT DISTINCT ON (path) ${UNIT_COLUMNS} FROM administrative_units
      WHERE path = ANY ($1::text[])
      ORDER BY path, (${validOn(2)}) DESC, valid_from DESC`,
    [paths, asOf],
  );
}

/** The units one level down valid on `asOf` (the provinces for null); the caller orders them (Vietnamese names). */
export function coverageUnitChildren(
  db: Queryable,
  parentId: string | null,
  asOf: string,
): Promise<CoverageUnitRow[]> {
  return selectRows<CoverageUnitRow>(
    db,
    `SELECT ${UNIT_COLUMNS} FROM administrative_units
      WHERE ($1::uuid IS NULL AND parent_id IS NULL OR parent_id = $1::uuid) AND ${validOn(2)}
      ORDER BY name, code`,
    [parentId, asOf],
  );
}

export interface CoverageOrganisationRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  unit_id: string;
  /** The path of the unit it sits in. */
  unit_path: string;
  parent_id: string | null;
}

const ORGANISATION_SELECT = `SELECT o.id, o.code, o.name, o.kind, o.unit_id, u.path AS unit_path, o.parent_id
  FROM organisations o JOIN administrative_units u ON u.id = o.unit_id`;

/** An organisation and the organisations above it, from the top one down to itself (empty when unknown). */
export function coverageOrganisationChain(db: Queryable, id: string): Promise<CoverageOrganisationRow[]> {
  return selectRows<CoverageOrganisationRow>(
    db,
    `WITH RECURSIVE up (id, depth) AS (
       SELECT id, 0 FROM organisations WHERE id = $1
       UNION ALL
       SELECT o.parent_id, up.depth + 1 FROM up JOIN organisations o ON o.id = up.id
        WHERE o.parent_id IS NOT NULL AND up.depth < 20
     )
     ${ORGANISATION_SELECT} JOIN up ON up.id = o.id ORDER BY up.depth DESC`,
    [id],
  );
}

/** The organisations one level below an organisation, by name. */
export function coverageOrganisationChildren(db: Queryable, id: string): Promise<CoverageOrganisationRow[]> {
  return selectRows<CoverageOrganisationRow>(
    db,
    `${ORGANISATION_SELECT} WHERE o.parent_id = $1 ORDER BY o.name, o.code`,
    [id],
  );
}

/** The top organisations (no parent) that sit in a unit, by name. */
export function coverageOrganisationsInUnit(
  db: Queryable,
  unitId: string,
): Promise<CoverageOrganisationRow[]> {
  return selectRows<CoverageOrganisationRow>(
    db,
    `${ORGANISATION_SELECT} WHERE o.unit_id = $1 AND o.parent_id IS NULL ORDER BY o.name, o.code`,
    [unitId],
  );
}

/** A place of the rollups. */
export interface RollupPlace {
  kind: CoveragePlaceKind;
  id: string;
}

export interface CountKeys {
  groups: readonly string[];
  subGroups: readonly string[];
}

export interface NumeratorRow {
  place_kind: CoveragePlaceKind;
  place_id: string;
  target_group: string;
  sub_group: string;
  measure: string;
  count: number;
}

/**
 * The numerators of these places up to a month (first day, inclusive): for each (group, sub-group, measure) asked,
 * the sum of the monthly rollups up to that month, with a row only where such a month row exists. Read from the
 * running totals (coverage_totals, kept by the rollups' triggers: one row per place and key whatever the number of
 * months) less the months after the one asked (IDX_coverage_rollups_month; none unless a fact is dated ahead), so
 * the province dashboard reads one row per key of each of its places. One statement for a place and its children.
 */
export function coverageNumerators(
  db: Queryable,
  places: readonly RollupPlace[],
  keys: CountKeys & { measures: readonly string[] },
  upToMonth: string,
): Promise<NumeratorRow[]> {
  if (places.length === 0) return Promise.resolve([]);
  return selectRows<NumeratorRow>(
    db,
    `WITH p AS (SELECT kind, id FROM unnest($1::text[], $2::uuid[]) AS p (kind, id)),
     later AS (
       SELECT r.place_kind, r.place_id, r.target_group, r.sub_group, r.measure,
              SUM(r.count) AS count, count(*)::int AS months
         FROM coverage_rollups r JOIN p ON r.place_kind = p.kind AND r.place_id = p.id
        WHERE r.month > $6::date
          AND r.target_group = ANY ($3::text[]) AND r.sub_group = ANY ($4::text[]) AND r.measure = ANY ($5::text[])
        GROUP BY r.place_kind, r.place_id, r.target_group, r.sub_group, r.measure
     )
     SELECT t.place_kind, t.place_id::text AS place_id, t.target_group, t.sub_group, t.measure,
            (t.count - COALESCE(l.count, 0))::float8 AS count
       FROM p JOIN coverage_totals t ON t.place_kind = p.kind AND t.place_id = p.id
       LEFT JOIN later l ON l.place_kind = t.place_kind AND l.place_id = t.place_id
        AND l.target_group = t.target_group AND l.sub_group = t.sub_group AND l.measure = t.measure
      WHERE t.target_group = ANY ($3::text[]) AND t.sub_group = ANY ($4::text[]) AND t.measure = ANY ($5::text[])
        AND t.months > COALESCE(l.months, 0)`,
    [
      places.map((p) => p.kind),
      places.map((p) => p.id),
      keys.groups,
      keys.subGroups,
      keys.measures,
      upToMonth,
    ],
  );
}

export interface RegisteredRow {
  place_kind: CoveragePlaceKind;
  place_id: string;
  target_group: string;
  sub_group: string;
  count: number;
}

/** The live registered counts of these places (accounts placed there now), for the groups and sub-groups asked. */
export function coverageRegistered(
  db: Queryable,
  places: readonly RollupPlace[],
  keys: CountKeys,
): Promise<RegisteredRow[]> {
  if (places.length === 0) return Promise.resolve([]);
  return selectRows<RegisteredRow>(
    db,
    `SELECT r.place_kind, r.place_id::text AS place_id, r.target_group, r.sub_group, r.count::float8 AS count
       FROM unnest($1::text[], $2::uuid[]) AS p (kind, id)
       JOIN coverage_registered r ON r.place_kind = p.kind AND r.place_id = p.id
      WHERE r.target_group = ANY ($3::text[]) AND r.sub_group = ANY ($4::text[])`,
    [places.map((p) => p.kind), places.map((p) => p.id), keys.groups, keys.subGroups],
  );
}

/** One month's own count of a place's (group, sub-group, measure), for the trend. */
export interface MonthCountRow {
  /** YYYY-MM */
  month: string;
  count: number;
}

/** The monthly counts of one place and key up to a month (inclusive), oldest first. */
export function coverageMonthCounts(
  db: Queryable,
  place: RollupPlace,
  key: { group: string; subGroup: string; measure: string },
  upToMonth: string,
): Promise<MonthCountRow[]> {
  return selectRows<MonthCountRow>(
    db,
    `SELECT to_char(month, 'YYYY-MM') AS month, count::float8 AS count FROM coverage_rollups
      WHERE place_kind = $1 AND place_id = $2 AND target_group = $3 AND sub_group = $4 AND measure = $5
        AND month <= $6::date
      ORDER BY month`,
    [place.kind, place.id, key.group, key.subGroup, key.measure, upToMonth],
  );
}
