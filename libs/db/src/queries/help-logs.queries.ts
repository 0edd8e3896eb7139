import { type Queryable, selectOne, selectRows } from './queryable';

/** Help given by public-service help officers, and its rollup by administrative unit (docs/help-officers.md). */

export interface HelpLogRow {
  id: string;
  unit_id: string;
  person_id: string | null;
  people: number;
  service: string;
  outcome: string;
  helped_on: string;
  recorded_at: Date;
}

const HELP_COLUMNS = `id, unit_id, person_id, people, service, outcome, to_char(helped_on, 'YYYY-MM-DD') AS helped_on, recorded_at`;

/**
 * Records help given once per officer and idempotency key: a replayed form (a double tap, a retry on a weak
 * connection) returns the first row with `created` false.
 */
export async function insertHelpLog(
  db: Queryable,
  h: {
    unitId: string;
    unitPath: string;
    officerId: string;
    personId: string | null;
    people: number;
    service: string;
    outcome: string;
    helpedOn: string;
    idempotencyKey: string;
  },
): Promise<{ row: HelpLogRow; created: boolean }> {
  const created = await selectOne<HelpLogRow>(
    db,
    `INSERT INTO help_logs (unit_id, unit_path, officer_id, person_id, people, service, outcome, helped_on, idempotency_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::date, $9)
     ON CONFLICT (officer_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
     RETURNING ${HELP_COLUMNS}`,
    [
      h.unitId,
      h.unitPath,
      h.officerId,
      h.personId,
      h.people,
      h.service,
      h.outcome,
      h.helpedOn,
      h.idempotencyKey,
    ],
  );
  if (created) return { row: created, created: true };
  const existing = await selectOne<HelpLogRow>(
    db,
    `SELECT ${HELP_COLUMNS} FROM help_logs WHERE officer_id = $1 AND idempotency_key = $2`,
    [h.officerId, h.idempotencyKey],
  );
  return { row: existing!, created: false };
}

/** An officer's latest logs (their phone shows the last few), newest first. */
export function recentHelpLogsOf(db: Queryable, officerId: string, limit: number): Promise<HelpLogRow[]> {
  return selectRows<HelpLogRow>(
    db,
    `SELECT ${HELP_COLUMNS} FROM help_logs WHERE officer_id = $1 ORDER BY recorded_at DESC, id DESC LIMIT $2`,
    [officerId, limit],
  );
}

export interface HelpRollupRow {
  /** The child unit (null: the row of the unit itself, everything below it). */
  unit_id: string | null;
  unit_name: string | null;
  unit_level: string | null;
  service: string;
  outcome: string;
  people: number;
  logs: number;
}

/**
 * Help given below a unit in a date range: per child unit of the unit (each child's whole subtree, so a district
 * shows its communes' totals and a province its districts'), and per service and outcome. A log made at the unit
 * itself (not in a child) counts only in the total. Units valid today only.
 */
export function helpRollup(
  db: Queryable,
  unit: { id: string; path: string },
  range: { from: string; to: string },
): Promise<HelpRollupRow[]> {
  return selectRows<HelpRollupRow>(
    db,
    `WITH logs AS (
       SELECT h.unit_path, h.service, h.outcome, h.people FROM help_logs h
        WHERE h.unit_path LIKE $2 || '%' AND h.helped_on BETWEEN $3::date AND $4::date
     ), children AS (
       SELECT id, name, level, path FROM administrative_units
        WHERE parent_id = $1 AND (valid_to IS NULL OR valid_to > current_date)
     )
     SELECT ch.id AS unit_id, ch.name AS unit_name, ch.level AS unit_level, l.service, l.outcome,
            sum(l.people)::int AS people, count(*)::int AS logs
       FROM logs l JOIN children ch ON l.unit_path LIKE ch.path || '%'
      GROUP BY ch.id, ch.name, ch.level, l.service, l.outcome
     UNION ALL
     SELECT NULL, NULL, NULL, l.service, l.outcome, sum(l.people)::int, count(*)::int
       FROM logs l GROUP BY l.service, l.outcome
     ORDER BY 2 NULLS FIRST, 4, 5`,
    [unit.id, unit.path, range.from, range.to],
  );
}

export interface RollupUnitRow {
  id: string;
  path: string;
  level: string;
  name: string;
}

/** A unit (valid today or not) with its name, for the head of a rollup. */
export function unitForRollup(db: Queryable, id: string): Promise<RollupUnitRow | undefined> {
  return selectOne<RollupUnitRow>(
    db,
    `SELECT id, path, level, name FROM administrative_units WHERE id = $1`,
    [id],
  );
}

/** The latest unit with a path (a grant names a path; the rollup starts from its unit). */
export async function unitIdByPath(db: Queryable, path: string): Promise<string | undefined> {
  const row = await selectOne<{ id: string }>(
    db,
    `SELECT id FROM administrative_units WHERE path = $1 ORDER BY valid_from DESC LIMIT 1`,
    [path],
  );
  return row?.id;
}

/** Whether a date (YYYY-MM-DD) is more than `days` days before today on the Vietnam clock (database clock). */
export async function isBeforeVietnamDaysAgo(db: Queryable, date: string, days: number): Promise<boolean> {
  const row = await selectOne<{ old: boolean }>(
    db,
    `SELECT $1::date < (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - $2::int AS old`,
    [date, days],
  );
  return row!.old;
}
