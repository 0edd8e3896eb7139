import {
  foldedWords,
  type OrganisationRow,
  PARENT_LEVEL,
  planOrganisationTree,
  type RowRejection,
  type UnitRow,
  UNIT_LEVELS,
  unitPathOf,
} from '@hocvuso/domain';
import { execute, type Queryable, selectOne, selectRows } from './queryable';

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  rejected: RowRejection[];
}

const emptyReport = (): ImportReport => ({ created: 0, updated: 0, unchanged: 0, rejected: [] });

interface UnitRecord {
  id: string;
  code: string;
  level: string;
  name: string;
  parent_id: string | null;
  path: string;
  valid_from: string;
  valid_to: string | null;
  successor_codes: string[];
}

/** The unit with this code that is valid on `date` (YYYY-MM-DD). */
async function unitValidOn(db: Queryable, code: string, date: string): Promise<UnitRecord | undefined> {
  return selectOne<UnitRecord>(
    db,
    `SELECT id, code, level, name, parent_id, path, to_char(valid_from, 'YYYY-MM-DD') AS valid_from,
            to_char(valid_to, 'YYYY-MM-DD') AS valid_to, successor_codes
       FROM administrative_units WHERE code = $1 AND valid_from <= $2::date AND (valid_to IS NULL OR valid_to > $2::date)
      ORDER BY valid_from DESC LIMIT 1`,
    [code, date],
  );
}

/**
 * Upserts unit rows by (code, valid_from), provinces before communes before villages, inside the caller's
 * transaction. A parent is the unit of that code valid on the row's start date. Rows that cannot be placed,
 * or that `allow` refuses (out of the importer's scope), are reported and skipped; a second import of the same
 * file changes nothing.
 */
export async function importUnits(
  db: Queryable,
  rows: UnitRow[],
  allow: (path: string) => boolean,
): Promise<ImportReport> {
  const report = emptyReport();
  const ordered = [...rows].sort(
    (a, b) => UNIT_LEVELS.indexOf(a.level) - UNIT_LEVELS.indexOf(b.level) || a.line - b.line,
  );
  for (const row of ordered) {
    const reject = (field: string, message: string) =>
      report.rejected.push({ line: row.line, key: row.code, errors: [{ field, message }] });
    let parent: UnitRecord | undefined;
    if (row.parentCode) {
      parent = await unitValidOn(db, row.parentCode, row.validFrom);
      if (!parent) {
        reject('parent_code', `no unit ${row.parentCode} is valid on ${row.validFrom}`);
        continue;
      }
      if (parent.level !== PARENT_LEVEL[row.level]) {
        reject(
          'parent_code',
          `the parent of a ${row.level} must be a ${PARENT_LEVEL[row.level]}, ${row.parentCode} is a ${parent.level}`,
        );
        continue;
      }
    }
    const path = unitPathOf(parent?.path ?? null, row.code);
    if (!allow(path)) {
      reject('code', 'this unit is outside the area you administer');
      continue;
    }
    const existing = await selectOne<Omit<UnitRecord, 'code' | 'valid_from'>>(
      db,
      `SELECT id, level, name, parent_id, path, to_char(valid_to, 'YYYY-MM-DD') AS valid_to, successor_codes
         FROM administrative_units WHERE code = $1 AND valid_from = $2::date`,
      [row.code, row.validFrom],
    );
    if (!existing) {
      await execute(
        db,
        `INSERT INTO administrative_units (code, level, name, parent_id, path, valid_from, valid_to, successor_codes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          row.code,
          row.level,
          row.name,
          parent?.id ?? null,
          path,
          row.validFrom,
          row.validTo,
          row.successorCodes,
        ],
      );
      report.created += 1;
      continue;
    }
    if (existing.path !== path || existing.level !== row.level) {
      reject(
        'parent_code',
        'a unit keeps its level and parent; end it (valid_to) and add the new one instead',
      );
      continue;
    }
    const same =
      existing.name === row.name &&
      existing.valid_to === row.validTo &&
      JSON.stringify([...existing.successor_codes].sort()) === JSON.stringify([...row.successorCodes].sort());
    if (same) {
      report.unchanged += 1;
      continue;
    }
    await execute(
      db,
      `UPDATE administrative_units SET name = $2, valid_to = $3, successor_codes = $4 WHERE id = $1`,
      [existing.id, row.name, row.validTo, row.successorCodes],
    );
    report.updated += 1;
  }
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}

interface StoredOrganisation {
  id: string;
  code: string;
  name: string;
  kind: string;
  unit_id: string;
  unit_path: string;
  parent_id: string | null;
  parent_code: string | null;
}

/**
 * The stored organisations with these codes and every stored ancestor of them (with their unit's path and
 * their parent's code): what an import needs to place its rows in the tree.
 */
async function storedOrganisationsAndAncestors(
  db: Queryable,
  codes: string[],
): Promise<StoredOrganisation[]> {
  return selectRows<StoredOrganisation>(
    db,
    `WITH RECURSIVE up AS (
       SELECT o.id, o.parent_id FROM organisations o WHERE o.code = ANY($1::text[])
       UNION
       SELECT p.id, p.parent_id FROM organisations p JOIN up ON p.id = up.parent_id
     )
     SELECT o.id, o.code, o.name, o.kind, o.unit_id, u.path AS unit_path, o.parent_id, p.code AS parent_code
       FROM up JOIN organisations o ON o.id = up.id JOIN administrative_units u ON u.id = o.unit_id
       LEFT JOIN organisations p ON p.id = o.parent_id`,
    [codes],
  );
}

/**
 * Upserts organisations by code inside the caller's transaction; each attaches to the unit of its code valid
 * today and, with a `parentCode`, under that organisation (stored, or a row of the same file). Refused rows are
 * reported and not written, and their sub-units with them: an unknown unit or parent, a unit outside `allow`
 * (the importer's area), a stored organisation of a unit outside it, a parent outside it, a cycle, a tree
 * deeper than 10 levels (planOrganisationTree). Parents are written before their sub-units, so the tree is
 * never in a half-moved state; imports take one lock, so two cannot each close half of a cycle. A second
 * import of the same file changes nothing.
 */
export async function importOrganisations(
  db: Queryable,
  rows: OrganisationRow[],
  allow: (path: string) => boolean,
): Promise<ImportReport> {
  const report = emptyReport();
  const today = new Date().toISOString().slice(0, 10);
  await execute(db, `SELECT pg_advisory_xact_lock(hashtext('organisations.tree'))`);
  const codes = [...new Set(rows.flatMap((r) => (r.parentCode ? [r.code, r.parentCode] : [r.code])))];
  const stored = new Map((await storedOrganisationsAndAncestors(db, codes)).map((o) => [o.code, o]));

  // First the unit and the area of every row, so that a refused row takes its sub-units with it.
  const placed: Array<{ row: OrganisationRow; unitId: string }> = [];
  for (const row of rows) {
    const reject = (field: string, message: string) =>
      report.rejected.push({ line: row.line, key: row.code, errors: [{ field, message }] });
    const unit = await unitValidOn(db, row.unitCode, today);
    if (!unit) {
      reject('unit_code', `no unit ${row.unitCode} is valid today`);
      continue;
    }
    if (!allow(unit.path)) {
      reject('unit_code', 'this unit is outside the area you administer');
      continue;
    }
    const existing = stored.get(row.code);
    if (existing && !allow(existing.unit_path)) {
      reject('code', 'this organisation belongs to a unit outside the area you administer');
      continue;
    }
    const parent = row.parentCode ? stored.get(row.parentCode) : undefined;
    if (parent && !allow(parent.unit_path) && parent.code !== existing?.parent_code) {
      reject('parent_code', 'the parent organisation is outside the area you administer');
      continue;
    }
    placed.push({ row, unitId: unit.id });
  }
  const plan = planOrganisationTree(
    placed.map(({ row }) => row),
    new Map([...stored.values()].map((o) => [o.code, o.parent_code])),
  );
  report.rejected.push(...plan.rejected);

  const byCode = new Map(placed.map((p) => [p.row.code, p]));
  const ids = new Map([...stored.values()].map((o) => [o.code, o.id]));
  for (const code of plan.order) {
    const { row, unitId } = byCode.get(code)!;
    const parentId = row.parentCode ? (ids.get(row.parentCode) ?? null) : null;
    const existing = stored.get(row.code);
    if (!existing) {
      const created = await selectOne<{ id: string }>(
        db,
        `INSERT INTO organisations (code, name, kind, unit_id, parent_id, search_name) VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING id`,
        [row.code, row.name, row.kind, unitId, parentId, foldedWords(row.name)],
      );
      ids.set(row.code, created!.id);
      report.created += 1;
    } else if (
      existing.name === row.name &&
      existing.kind === row.kind &&
      existing.unit_id === unitId &&
      existing.parent_id === parentId
    ) {
      report.unchanged += 1;
    } else {
      await execute(
        db,
        `UPDATE organisations SET name = $2, kind = $3, unit_id = $4, parent_id = $5, search_name = $6 WHERE id = $1`,
        [existing.id, row.name, row.kind, unitId, parentId, foldedWords(row.name)],
      );
      report.updated += 1;
    }
  }
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}

export interface UnitListRow {
  id: string;
  code: string;
  level: string;
  name: string;
  path: string;
  parent_id: string | null;
  valid_from: string;
  valid_to: string | null;
  successor_codes: string[];
}

/** Units valid today under a parent (or the provinces), for pickers. */
export async function listUnits(db: Queryable, parentId: string | null): Promise<UnitListRow[]> {
  return selectRows<UnitListRow>(
    db,
    `SELECT id, code, level, name, path, parent_id, to_char(valid_from, 'YYYY-MM-DD') AS valid_from,
            to_char(valid_to, 'YYYY-MM-DD') AS valid_to, successor_codes
       FROM administrative_units
      WHERE ($1::uuid IS NULL AND parent_id IS NULL OR parent_id = $1::uuid)
        AND valid_from <= current_date AND (valid_to IS NULL OR valid_to > current_date)
      ORDER BY name`,
    [parentId],
  );
}

export interface OrganisationListRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  parent_id: string | null;
  unit_id: string;
  unit_name: string;
  total: number;
}

/**
 * Organisations for pickers: those of the units under `unitPath` (the unit and its subtree) or all, whose code
 * starts with `codePrefix` or whose name has every `terms` entry as the start of a word. Names are matched in
 * search_name (the folded name the import stores) with one LIKE per term, so the trigram index serves them, and
 * codes through the index on lower(code); the prefix's LIKE characters are escaped. Terms are letters and
 * digits only (searchTerms). Code matches first, then by name. `total` counts every match (for "showing n of
 * total").
 */
export function listOrganisations(
  db: Queryable,
  q: {
    unitPath: string | null;
    codePrefix: string;
    terms: string[];
    limit: number;
    offset: number;
  },
): Promise<OrganisationListRow[]> {
  const params: unknown[] = [q.unitPath, q.limit, q.offset];
  const param = (value: unknown) => `$${params.push(value)}`;
  let match = 'true';
  let order = 'o.name, o.id';
  if (q.codePrefix !== '') {
    const code = `lower(o.code) LIKE ${param(`${q.codePrefix.replace(/[\\%_]/g, '\\$&')}%`)}`;
    const names = q.terms.map((t) => `o.search_name LIKE ${param(`% ${t}%`)}`);
    match = names.length > 0 ? `(${code} OR (${names.join(' AND ')}))` : code;
    order = `(${code}) DESC, ${order}`;
  }
  return selectRows<OrganisationListRow>(
    db,
    `SELECT o.id, o.code, o.name, o.kind, o.parent_id, o.unit_id, u.name AS unit_name, count(*) OVER ()::int AS total
       FROM organisations o JOIN administrative_units u ON u.id = o.unit_id
      WHERE ($1::text IS NULL OR u.path LIKE $1::text || '%') AND ${match}
      ORDER BY ${order}
      LIMIT $2 OFFSET $3`,
    params,
  );
}

export interface CurrentUnitRow {
  id: string;
  path: string;
  level: string;
}

/** The unit with this id if it is valid today (not ended, already begun). */
export async function currentUnit(db: Queryable, unitId: string): Promise<CurrentUnitRow | undefined> {
  return selectOne<CurrentUnitRow>(
    db,
    `SELECT id, path, level FROM administrative_units WHERE id = $1 AND valid_from <= current_date AND (valid_to IS NULL OR valid_to > current_date)`,
    [unitId],
  );
}

/** The path of the unit with this id (valid today or not); undefined for an unknown id. */
export async function unitPathById(db: Queryable, unitId: string): Promise<string | undefined> {
  const row = await selectOne<{ path: string }>(db, `SELECT path FROM administrative_units WHERE id = $1`, [
    unitId,
  ]);
  return row?.path;
}
