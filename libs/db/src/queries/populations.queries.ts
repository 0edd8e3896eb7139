import {
  figureKey,
  type OrganisationInfo,
  parsePeriod,
  type PopulationRow,
  type StoredFigure,
  type UnitVersionInfo,
} from '@hocvuso/domain';
import { execute, type Queryable, selectOne, selectRows } from './queryable';

/**
 * Official populations (denominators), docs/populations.md. Figures are versioned: a new value for a key (place,
 * target group, sub-group, period, source) is a new revision, the previous one superseded; the same value again
 * changes nothing. Imports are logged in `population_imports`, dry runs and refused files included.
 */

export type PlaceKind = 'unit' | 'organisation';

/** Every version (any validity) of the units with these codes. */
export function unitVersionsByCodes(db: Queryable, codes: readonly string[]): Promise<UnitVersionInfo[]> {
  if (codes.length === 0) return Promise.resolve([]);
  return selectRows<UnitVersionInfo>(
    db,
    `SELECT id, code, path, to_char(valid_from, 'YYYY-MM-DD') AS "validFrom",
            to_char(valid_to, 'YYYY-MM-DD') AS "validTo", successor_codes AS "successorCodes"
       FROM administrative_units WHERE code = ANY ($1::text[]) ORDER BY code, valid_from`,
    [[...new Set(codes)]],
  );
}

/** The organisations with these codes, with the path of their unit. */
export function organisationsByCodes(db: Queryable, codes: readonly string[]): Promise<OrganisationInfo[]> {
  if (codes.length === 0) return Promise.resolve([]);
  return selectRows<OrganisationInfo>(
    db,
    `SELECT o.id, o.code, u.path AS "unitPath"
       FROM organisations o JOIN administrative_units u ON u.id = o.unit_id WHERE o.code = ANY ($1::text[])`,
    [[...new Set(codes)]],
  );
}

/** The current (not superseded) figures of these places, every period and source. */
export function currentFiguresOf(
  db: Queryable,
  places: ReadonlyArray<{ kind: PlaceKind; id: string }>,
): Promise<StoredFigure[]> {
  if (places.length === 0) return Promise.resolve([]);
  return selectRows<StoredFigure>(
    db,
    `SELECT p.place_kind AS "placeKind", p.place_id::text AS "placeId", p.target_group AS "targetGroup",
            p.sub_group AS "subGroup", p.period, p.source, p.value
       FROM populations p JOIN unnest($1::text[], $2::uuid[]) AS pl(kind, id) ON pl.kind = p.place_kind AND pl.id = p.place_id
      WHERE p.superseded_by IS NULL`,
    [places.map((p) => p.kind), places.map((p) => p.id)],
  );
}

export interface PopulationImportInput {
  importedBy: string;
  fileName: string;
  format: 'csv' | 'xlsx';
  periods: string[];
  sources: string[];
  dryRun: boolean;
  rows: number;
}

/** Opens an import's log row (counts filled in by finishPopulationImport); returns its id. */
export async function insertPopulationImport(db: Queryable, i: PopulationImportInput): Promise<string> {
  const row = await selectOne<{ id: string }>(
    db,
    `INSERT INTO population_imports (imported_by, file_name, format, periods, sources, dry_run, applied, rows,
                                     created, revised, unchanged, rejected)
     VALUES ($1, $2, $3, $4, $5, $6, false, $7, 0, 0, 0, 0) RETURNING id`,
    [i.importedBy, i.fileName, i.format, i.periods, i.sources, i.dryRun, i.rows],
  );
  return row!.id;
}

export interface PopulationImportOutcome {
  applied: boolean;
  created: number;
  revised: number;
  unchanged: number;
  rejected: number;
  report: unknown;
}

export async function finishPopulationImport(
  db: Queryable,
  id: string,
  o: PopulationImportOutcome,
): Promise<void> {
  await execute(
    db,
    `UPDATE population_imports SET applied = $2, created = $3, revised = $4, unchanged = $5, rejected = $6, report = $7
      WHERE id = $1`,
    [id, o.applied, o.created, o.revised, o.unchanged, o.rejected, JSON.stringify(o.report)],
  );
}

export type FigureStatus = 'created' | 'revised' | 'unchanged';

export interface AppliedFigure {
  line: number;
  status: FigureStatus;
  /** The new revision's id (created, revised) or the current one's (unchanged). */
  id: string;
  revision: number;
  previousValue: number | null;
}

/**
 * Takes the transaction-scoped advisory locks of these figure keys, in one order (so two imports of overlapping
 * sheets cannot deadlock): concurrent imports of the same key run one after the other, and the second sees the
 * first's revision. Run on the transaction's manager.
 */
async function lockPopulationKeys(db: Queryable, keys: readonly string[]): Promise<void> {
  for (const key of [...new Set(keys)].sort())
    await selectRows(db, `SELECT pg_advisory_xact_lock(hashtextextended($1, 0)) AS locked`, [
      `population:${key}`,
    ]);
}

/**
 * Writes checked rows inside the caller's transaction: a key without a figure gets revision 1, a different value
 * a new revision (the previous one superseded by it), the same value nothing.
 */
export async function applyPopulationRows(
  db: Queryable,
  importId: string,
  rows: readonly PopulationRow[],
): Promise<AppliedFigure[]> {
  await lockPopulationKeys(db, rows.map(figureKey));
  const out: AppliedFigure[] = [];
  for (const r of rows) {
    const period = parsePeriod(r.period);
    if (!period) throw new RangeError(`not a period: ${r.period}`);
    const key = [r.placeKind, r.placeId, r.targetGroup, r.subGroup, r.period, r.source];
    const current = await selectOne<{ id: string; value: number; revision: number }>(
      db,
      `SELECT id, value, revision FROM populations
        WHERE place_kind = $1 AND place_id = $2 AND target_group = $3 AND sub_group = $4 AND period = $5
          AND source = $6 AND superseded_by IS NULL`,
      key,
    );
    if (current && current.value === r.value) {
      out.push({
        line: r.line,
        status: 'unchanged',
        id: current.id,
        revision: current.revision,
        previousValue: current.value,
      });
      continue;
    }
    // The current revision stops being current first (one current revision per key, a unique index).
    const revision = (current?.revision ?? 0) + 1;
    if (current) await execute(db, `UPDATE populations SET superseded_by = id WHERE id = $1`, [current.id]);
    const inserted = await selectOne<{ id: string }>(
      db,
      `INSERT INTO populations (place_kind, place_id, target_group, sub_group, period, period_start, period_end,
                                source, value, revision, import_id)
       VALUES ($1, $2, $3, $4, $5, $7, $8, $6, $9, $10, $11) RETURNING id`,
      [...key, period.start, period.end, r.value, revision, importId],
    );
    if (current)
      await execute(db, `UPDATE populations SET superseded_by = $2 WHERE id = $1`, [
        current.id,
        inserted!.id,
      ]);
    out.push({
      line: r.line,
      status: current ? 'revised' : 'created',
      id: inserted!.id,
      revision,
      previousValue: current?.value ?? null,
    });
  }
  return out;
}

export interface PopulationImportRow {
  id: string;
  imported_by: string | null;
  file_name: string;
  format: 'csv' | 'xlsx';
  periods: string[];
  sources: string[];
  dry_run: boolean;
  applied: boolean;
  rows: number;
  created: number;
  revised: number;
  unchanged: number;
  rejected: number;
  report: unknown;
  created_at: Date;
}

const IMPORT_COLUMNS = `id, imported_by, file_name, format, periods, sources, dry_run, applied, rows, created, revised,
  unchanged, rejected, created_at`;

/** A person's own imports, newest first. */
export function populationImportsBy(
  db: Queryable,
  userId: string,
  limit = 50,
): Promise<Array<Omit<PopulationImportRow, 'report'>>> {
  return selectRows<Omit<PopulationImportRow, 'report'>>(
    db,
    `SELECT ${IMPORT_COLUMNS} FROM population_imports WHERE imported_by = $1 ORDER BY created_at DESC, id LIMIT $2`,
    [userId, limit],
  );
}

/** One of a person's own imports, with its report; undefined for another person's or an unknown id. */
export function populationImportOf(
  db: Queryable,
  id: string,
  userId: string,
): Promise<PopulationImportRow | undefined> {
  return selectOne<PopulationImportRow>(
    db,
    `SELECT ${IMPORT_COLUMNS}, report FROM population_imports WHERE id = $1 AND imported_by = $2`,
    [id, userId],
  );
}

export interface PlaceRow {
  kind: PlaceKind;
  id: string;
  code: string;
  name: string;
  /** The unit's path, or the path of the organisation's unit. */
  unit_path: string;
  organisation_id: string | null;
}

/** A unit or an organisation by id, with the path its reach is judged by. */
export function placeById(db: Queryable, kind: PlaceKind, id: string): Promise<PlaceRow | undefined> {
  return kind === 'unit'
    ? selectOne<PlaceRow>(
        db,
        `SELECT 'unit' AS kind, id, code, name, path AS unit_path, NULL::uuid AS organisation_id
           FROM administrative_units WHERE id = $1`,
        [id],
      )
    : selectOne<PlaceRow>(
        db,
        `SELECT 'organisation' AS kind, o.id, o.code, o.name, u.path AS unit_path, o.id AS organisation_id
           FROM organisations o JOIN administrative_units u ON u.id = o.unit_id WHERE o.id = $1`,
        [id],
      );
}

export interface PopulationRevisionRow {
  id: string;
  target_group: string;
  sub_group: string;
  period: string;
  source: string;
  value: number;
  revision: number;
  import_id: string | null;
  superseded_by: string | null;
  created_at: Date;
}

/** Every revision of a place's figures (optionally one period), newest revision first within each key. */
export function populationRevisionsOf(
  db: Queryable,
  place: { kind: PlaceKind; id: string },
  period?: string,
): Promise<PopulationRevisionRow[]> {
  return selectRows<PopulationRevisionRow>(
    db,
    `SELECT id, target_group, sub_group, period, source, value, revision, import_id, superseded_by, created_at
       FROM populations
      WHERE place_kind = $1 AND place_id = $2 AND ($3::text IS NULL OR period = $3)
      ORDER BY period_start DESC, period_end DESC, target_group, sub_group, source, revision DESC
      LIMIT 5000`,
    [place.kind, place.id, period ?? null],
  );
}

export interface PopulationInForceRow {
  place_kind: PlaceKind;
  place_id: string;
  target_group: string;
  sub_group: string;
  value: number;
  /** The period of the figure; for a sum of children, their periods joined by ", ". */
  period: string;
  /** The source; for a sum of children, their sources joined by "; ". */
  source: string;
  /** The revision of the place's own figure; null for a sum of children. */
  revision: number | null;
  /** `own`: the place's own figure; `children`: the sum of its direct child units' figures. */
  derived: 'own' | 'children';
  /** For a sum: how many child units are valid on asOf, and how many of them have a figure in the sum. */
  children: number | null;
  children_with_figure: number | null;
}

export interface PopulationsInForceQuery {
  places: ReadonlyArray<{ kind: PlaceKind; id: string }>;
  /** YYYY-MM-DD (Vietnam calendar). */
  asOf: string;
  /**
   * For a unit with no figure of its own for a group and sub-group: the sum of its direct child units' own
   * figures (child units valid on asOf), flagged `derived: 'children'` with how many children had one. One
   * level only; organisations are never summed.
   */
  sumChildren?: boolean;
}

/**
 * The populations in force on `asOf`, per place, target group and sub-group. Precedence (docs/populations.md):
 * only periods that have begun by asOf count (containing it or before it); the latest calendar year wins; within
 * a year a year figure wins over a six-month one, which wins over a quarter; among halves or quarters the latest;
 * between sources of the same period, the most recently imported. Always the current (latest) revision.
 */
export async function populationsInForce(
  db: Queryable,
  q: PopulationsInForceQuery,
): Promise<PopulationInForceRow[]> {
  if (q.places.length === 0) return [];
  const own = await selectRows<PopulationInForceRow>(
    db,
    `SELECT DISTINCT ON (p.place_kind, p.place_id, p.target_group, p.sub_group)
            p.place_kind, p.place_id::text AS place_id, p.target_group, p.sub_group, p.value, p.period, p.source,
            p.revision, 'own' AS derived, NULL::int AS children, NULL::int AS children_with_figure
       FROM populations p JOIN unnest($1::text[], $2::uuid[]) AS pl(kind, id) ON pl.kind = p.place_kind AND pl.id = p.place_id
      WHERE p.superseded_by IS NULL AND p.period_start <= $3::date
      ORDER BY p.place_kind, p.place_id, p.target_group, p.sub_group,
               date_part('year', p.period_start) DESC, (p.period_end - p.period_start) DESC, p.period_start DESC,
               p.created_at DESC, p.source`,
    [q.places.map((p) => p.kind), q.places.map((p) => p.id), q.asOf],
  );
  if (!q.sumChildren) return own;
  const unitIds = q.places.filter((p) => p.kind === 'unit').map((p) => p.id);
  if (unitIds.length === 0) return own;
  const children = await selectRows<{ parent_id: string; id: string }>(
    db,
    `SELECT parent_id::text AS parent_id, id::text AS id FROM administrative_units
      WHERE parent_id = ANY ($1::uuid[]) AND valid_from <= $2::date AND (valid_to IS NULL OR valid_to > $2::date)`,
    [unitIds, q.asOf],
  );
  if (children.length === 0) return own;
  const childFigures = await populationsInForce(db, {
    places: children.map((c) => ({ kind: 'unit', id: c.id })),
    asOf: q.asOf,
  });
  const parentOf = new Map(children.map((c) => [c.id, c.parent_id]));
  const childCount = new Map<string, number>();
  for (const c of children) childCount.set(c.parent_id, (childCount.get(c.parent_id) ?? 0) + 1);
  const hasOwn = new Set(own.map((r) => `${r.place_kind}|${r.place_id}|${r.target_group}|${r.sub_group}`));
  const sums = new Map<string, PopulationInForceRow & { periods: Set<string>; sources: Set<string> }>();
  for (const f of childFigures) {
    const parent = parentOf.get(f.place_id)!;
    const k = `unit|${parent}|${f.target_group}|${f.sub_group}`;
    if (hasOwn.has(k)) continue;
    let s = sums.get(k);
    if (!s)
      sums.set(
        k,
        (s = {
          place_kind: 'unit',
          place_id: parent,
          target_group: f.target_group,
          sub_group: f.sub_group,
          value: 0,
          period: '',
          source: '',
          revision: null,
          derived: 'children',
          children: childCount.get(parent) ?? 0,
          children_with_figure: 0,
          periods: new Set(),
          sources: new Set(),
        }),
      );
    s.value += f.value;
    s.children_with_figure! += 1;
    s.periods.add(f.period);
    s.sources.add(f.source);
  }
  const derived = [...sums.values()].map(({ periods, sources, ...row }) => ({
    ...row,
    period: [...periods].sort().join(', '),
    source: [...sources].sort().join('; '),
  }));
  return [...own, ...derived];
}
