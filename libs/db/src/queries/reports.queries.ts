import type { ScopeFilter } from '@hocvuso/domain';
import { execute, type Queryable, selectOne, selectRows } from './queryable';
import { scopeCondition } from './scope-conditions';

/**
 * Periodic coverage reports (docs/coverage.md "Periodic reports"): the revisions of a report (coverage_reports),
 * the worker's claim/progress/finish with a lease (a worker killed mid-way is taken over, and only the current
 * claim may finish), and the counting the worker does once at generation (facts before the cut-off, live
 * registrations). A ready report's figures are frozen by a trigger.
 */

export const NIL_UUID = '00000000-0000-0000-0000-000000000000';

export type ReportStatus = 'queued' | 'generating' | 'ready' | 'failed' | 'submitted';

export interface ReportKey {
  planId: string;
  placeKind: 'unit' | 'organisation' | 'all';
  placeId: string;
  periodCode: string;
}

export interface ReportRow {
  id: string;
  plan_id: string;
  plan: { id: string; title: { vi: string; en?: string }; indicators: unknown[] };
  place_kind: 'unit' | 'organisation' | 'all';
  place_id: string;
  unit_path: string | null;
  organisation_id: string | null;
  place_name: string;
  place_level: string | null;
  period_code: string;
  period_kind: 'quarter' | 'half' | 'year' | 'adhoc';
  period_start: string;
  period_end: string;
  cut_off: Date;
  revision: number;
  status: ReportStatus;
  progress: number;
  requested_by: string | null;
  requested_at: Date;
  supersedes: number | null;
  correction_reason: string | null;
  superseded_by: number | null;
  checksum: string | null;
  attempts: number;
  generated_at: Date | null;
  submitted_at: Date | null;
  submitted_by: string | null;
  failure_code: string | null;
}

const REPORT_COLUMNS = `r.id, r.plan_id, r.plan, r.place_kind, r.place_id, r.unit_path, r.organisation_id, r.place_name,
  CASE r.place_kind WHEN 'unit' THEN (SELECT u.level FROM administrative_units u WHERE u.id = r.place_id)
                    WHEN 'organisation' THEN (SELECT o.kind FROM organisations o WHERE o.id = r.place_id) END AS place_level,
  r.period_code, r.period_kind, to_char(r.period_start, 'YYYY-MM-DD') AS period_start,
  to_char(r.period_end, 'YYYY-MM-DD') AS period_end, r.cut_off, r.revision, r.status, r.progress, r.requested_by,
  r.requested_at, r.supersedes, r.correction_reason,
  (SELECT min(n.revision) FROM coverage_reports n
    WHERE n.plan_id = r.plan_id AND n.place_kind = r.place_kind AND n.place_id = r.place_id
      AND n.period_code = r.period_code AND n.supersedes = r.revision AND n.status <> 'failed') AS superseded_by,
  r.checksum, r.attempts, r.generated_at, r.submitted_at, r.submitted_by, r.failure_code`;

/**
 * Serialises the requests for one (plan, place, period) until the transaction ends, so that 50 parallel
 * requests decide one after the other (the partial unique index is the last word).
 */
export async function lockReportKey(db: Queryable, key: ReportKey): Promise<void> {
  await selectRows(db, `SELECT pg_advisory_xact_lock(hashtextextended($1, 1321))::text AS locked`, [
    `coverage-report:${key.planId}:${key.placeKind}:${key.placeId}:${key.periodCode}`,
  ]);
}

/** The revisions of a (plan, place, period), oldest first. */
export function reportRevisions(
  db: Queryable,
  key: ReportKey,
): Promise<Array<{ id: string; revision: number; status: ReportStatus }>> {
  return selectRows(
    db,
    `SELECT id, revision, status FROM coverage_reports
      WHERE plan_id = $1 AND place_kind = $2 AND place_id = $3 AND period_code = $4 ORDER BY revision`,
    [key.planId, key.placeKind, key.placeId, key.periodCode],
  );
}

export interface NewReport extends ReportKey {
  plan: unknown;
  unitPath: string | null;
  organisationId: string | null;
  placeName: string;
  periodKind: 'quarter' | 'half' | 'year' | 'adhoc';
  periodStart: string;
  periodEnd: string;
  cutOff: Date;
  revision: number;
  requestedBy: string | null;
  supersedes: number | null;
  correctionReason: string | null;
}

/** Inserts a queued revision (the outbox row the worker generates); undefined when another one won the race. */
export async function insertReport(db: Queryable, r: NewReport): Promise<string | undefined> {
  const row = await selectOne<{ id: string }>(
    db,
    `INSERT INTO coverage_reports (plan_id, plan, place_kind, place_id, unit_path, organisation_id, place_name,
                                   period_code, period_kind, period_start, period_end, cut_off, revision,
                                   requested_by, supersedes, correction_reason)
     VALUES ($1, $2::jsonb, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      r.planId,
      JSON.stringify(r.plan),
      r.placeKind,
      r.placeId,
      r.unitPath,
      r.organisationId,
      r.placeName,
      r.periodCode,
      r.periodKind,
      r.periodStart,
      r.periodEnd,
      r.cutOff,
      r.revision,
      r.requestedBy,
      r.supersedes,
      r.correctionReason,
    ],
  );
  return row?.id;
}

export function reportById(db: Queryable, id: string): Promise<ReportRow | undefined> {
  return selectOne<ReportRow>(db, `SELECT ${REPORT_COLUMNS} FROM coverage_reports r WHERE r.id = $1`, [id]);
}

/** The frozen figures and their checksum (downloads, the detail view). */
export function reportData(
  db: Queryable,
  id: string,
): Promise<{ data: unknown; checksum: string | null } | undefined> {
  return selectOne(db, `SELECT data, checksum FROM coverage_reports WHERE id = $1`, [id]);
}

export interface ReportFilters {
  unitPath?: string;
  organisationId?: string;
  periodCode?: string;
  status?: ReportStatus;
  planId?: string;
}

/** The reports a scope reaches (everywhere-reports only for a global reach), newest first, at most 500. */
export function reportsIn(db: Queryable, scope: ScopeFilter, f: ReportFilters = {}): Promise<ReportRow[]> {
  const s = scopeCondition('r', scope, 1);
  return selectRows<ReportRow>(
    db,
    `SELECT ${REPORT_COLUMNS} FROM coverage_reports r
      WHERE ${s.sql}
        AND ($4::text IS NULL OR r.unit_path LIKE $4 || '%')
        AND ($5::uuid IS NULL OR r.organisation_id = $5)
        AND ($6::text IS NULL OR r.period_code = $6)
        AND ($7::text IS NULL OR r.status = $7)
        AND ($8::text IS NULL OR r.plan_id = $8)
      ORDER BY r.period_end DESC, r.place_name, r.period_code, r.revision DESC
      LIMIT 500`,
    [
      ...s.params,
      f.unitPath ?? null,
      f.organisationId ?? null,
      f.periodCode ?? null,
      f.status ?? null,
      f.planId ?? null,
    ],
  );
}

/**
 * Takes a report for generation: a queued one, or one whose generation stopped (its worker died) more than
 * `leaseSeconds` ago. Returns the claim's attempt number (only that claim may report progress and finish).
 */
export async function claimReport(
  db: Queryable,
  id: string,
  leaseSeconds: number,
): Promise<{ attempt: number } | undefined> {
  return selectOne<{ attempt: number }>(
    db,
    `UPDATE coverage_reports SET status = 'generating', attempts = attempts + 1, started_at = now(), progress = 0
      WHERE id = $1 AND (status = 'queued'
                         OR (status = 'generating' AND started_at < now() - make_interval(secs => $2)))
      RETURNING attempts AS attempt`,
    [id, leaseSeconds],
  );
}

/** Progress of the current claim (also renews its lease); false when the claim was taken over. */
export async function setReportProgress(
  db: Queryable,
  id: string,
  attempt: number,
  progress: number,
): Promise<boolean> {
  const n = await execute(
    db,
    `UPDATE coverage_reports SET progress = $3, started_at = now()
      WHERE id = $1 AND attempts = $2 AND status = 'generating'`,
    [id, attempt, Math.max(0, Math.min(99, Math.floor(progress)))],
  );
  return n > 0;
}

/** Freezes the figures: ready, once, by the current claim only. */
export async function finishReport(
  db: Queryable,
  id: string,
  attempt: number,
  data: unknown,
  checksum: string,
): Promise<boolean> {
  const row = await selectOne<{ id: string }>(
    db,
    `UPDATE coverage_reports SET status = 'ready', progress = 100, data = $3::jsonb, checksum = $4, generated_at = now()
      WHERE id = $1 AND attempts = $2 AND status = 'generating' RETURNING id`,
    [id, attempt, JSON.stringify(data), checksum],
  );
  return row !== undefined;
}

/** Ends the current claim in `failed` with a stable code. */
export async function failReport(db: Queryable, id: string, attempt: number, code: string): Promise<boolean> {
  const row = await selectOne<{ id: string }>(
    db,
    `UPDATE coverage_reports SET status = 'failed', failure_code = $3
      WHERE id = $1 AND attempts = $2 AND status = 'generating' RETURNING id`,
    [id, attempt, code.slice(0, 100)],
  );
  return row !== undefined;
}

/** Marks a ready report submitted (once); false when it is not ready. */
export async function submitReport(db: Queryable, id: string, userId: string): Promise<boolean> {
  const row = await selectOne<{ id: string }>(
    db,
    `UPDATE coverage_reports SET status = 'submitted', submitted_at = now(), submitted_by = $2
      WHERE id = $1 AND status = 'ready' RETURNING id`,
    [id, userId],
  );
  return row !== undefined;
}

/** Reports to announce again: queued for a while, or generating with a lapsed lease (a worker died). */
export function dueReports(
  db: Queryable,
  olderThanSeconds: number,
  leaseSeconds: number,
): Promise<Array<{ id: string; attempts: number }>> {
  return selectRows(
    db,
    `SELECT id, attempts FROM coverage_reports
      WHERE (status = 'queued' AND requested_at < now() - make_interval(secs => $1))
         OR (status = 'generating' AND started_at < now() - make_interval(secs => $2))
      ORDER BY requested_at LIMIT 100`,
    [olderThanSeconds, leaseSeconds],
  );
}

/** Gives up on a report claimed too many times (it keeps killing workers): failed, visible in the list. */
export async function failExhaustedReports(
  db: Queryable,
  maxAttempts: number,
  leaseSeconds: number,
): Promise<number> {
  return execute(
    db,
    `UPDATE coverage_reports SET status = 'failed', failure_code = 'REPORT_ATTEMPTS_EXHAUSTED'
      WHERE status = 'generating' AND attempts >= $1 AND started_at < now() - make_interval(secs => $2)`,
    [maxAttempts, leaseSeconds],
  );
}

// ---- places -----------------------------------------------------------------------------------------------

export interface ReportUnitRow {
  id: string;
  code: string;
  name: string;
  level: string;
  path: string;
}

export function reportUnit(db: Queryable, id: string): Promise<ReportUnitRow | undefined> {
  return selectOne(db, `SELECT id, code, name, level, path FROM administrative_units WHERE id = $1`, [id]);
}

/**
 * The units one level down in force on `onDate` (communes of a province, villages of a commune); for `null`,
 * the provinces in force.
 */
export function reportChildUnits(
  db: Queryable,
  parentId: string | null,
  onDate: string,
): Promise<ReportUnitRow[]> {
  return selectRows(
    db,
    `SELECT id, code, name, level, path FROM administrative_units
      WHERE ($1::uuid IS NULL AND parent_id IS NULL AND level = 'province' OR parent_id = $1)
        AND valid_from <= $2::date AND (valid_to IS NULL OR valid_to > $2::date)
      ORDER BY name, code`,
    [parentId, onDate],
  );
}

export interface ReportOrganisationRow {
  id: string;
  code: string;
  name: string;
  kind: string;
}

export function reportOrganisation(db: Queryable, id: string): Promise<ReportOrganisationRow | undefined> {
  return selectOne(db, `SELECT id, code, name, kind FROM organisations WHERE id = $1`, [id]);
}

/** An organisation's direct sub-organisations (the rows one level down of its report), by name. */
export function reportChildOrganisations(db: Queryable, parentId: string): Promise<ReportOrganisationRow[]> {
  return selectRows(
    db,
    `SELECT id, code, name, kind FROM organisations WHERE parent_id = $1 ORDER BY name, code`,
    [parentId],
  );
}

export interface OrganisationSubtreeRow {
  id: string;
  /** The root's direct sub-organisation this one lies under (itself at depth 1); null for the root. */
  branch_id: string | null;
}

/**
 * An organisation and every organisation below it (agency → its units → theirs), walked down
 * `organisations.parent_id` (indexed) by a recursive CTE; the tree's depth is capped at 10 by the import and
 * the trigger, the walk stops at 20 like the rollups'. Empty for an unknown id.
 */
export function organisationSubtree(db: Queryable, rootId: string): Promise<OrganisationSubtreeRow[]> {
  return selectRows(
    db,
    `WITH RECURSIVE sub AS (
       SELECT o.id, NULL::uuid AS branch_id, 0 AS depth FROM organisations o WHERE o.id = $1
       UNION ALL
       SELECT c.id, coalesce(s.branch_id, c.id), s.depth + 1
         FROM sub s JOIN organisations c ON c.parent_id = s.id
        WHERE s.depth < 20
     )
     SELECT id, branch_id FROM sub`,
    [rootId],
  );
}

/** The ids of the given organisations and of every organisation below them (see organisationSubtree). */
export async function organisationsWithSubtrees(db: Queryable, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await selectRows<{ id: string }>(
    db,
    `WITH RECURSIVE sub AS (
       SELECT o.id, 0 AS depth FROM organisations o WHERE o.id = ANY ($1::uuid[])
       UNION ALL
       SELECT c.id, s.depth + 1 FROM sub s JOIN organisations c ON c.parent_id = s.id WHERE s.depth < 20
     )
     SELECT DISTINCT id FROM sub`,
    [ids],
  );
  return rows.map((r) => r.id);
}

/** An organisation and those above it, itself first (who reaches a sub-organisation through its agency). */
export async function organisationAncestry(db: Queryable, id: string): Promise<string[]> {
  const rows = await selectRows<{ id: string }>(
    db,
    `WITH RECURSIVE up AS (
       SELECT o.id, o.parent_id, 0 AS depth FROM organisations o WHERE o.id = $1
       UNION ALL
       SELECT p.id, p.parent_id, up.depth + 1 FROM up JOIN organisations p ON p.id = up.parent_id WHERE up.depth < 20
     )
     SELECT id FROM up ORDER BY depth`,
    [id],
  );
  return rows.map((r) => r.id);
}

// ---- counting (the worker, once per report) ------------------------------------------------------------------

export interface FactTallyRow {
  unit_path: string | null;
  organisation_id: string | null;
  target_group: string;
  measure: string;
  sub_groups: string[];
  n: number;
}

/**
 * Facts achieved before `cutOff`, counted by where they were recorded, group, measure and sub-groups: in a unit
 * subtree (`unitPath`), of organisations (`organisationIds`), or everywhere (neither). Exact: it reads
 * coverage_facts, not the rollups.
 */
export function factTallies(
  db: Queryable,
  where: { unitPath?: string | null; organisationIds?: string[] | null },
  cutOff: Date,
): Promise<FactTallyRow[]> {
  return selectRows<FactTallyRow>(
    db,
    `SELECT f.unit_path, f.organisation_id, f.target_group, f.measure, f.sub_groups, count(*)::int AS n
       FROM coverage_facts f
      WHERE f.achieved_at < $1
        AND ($2::text IS NULL OR f.unit_path LIKE $2 || '%')
        AND ($3::uuid[] IS NULL OR f.organisation_id = ANY ($3::uuid[]))
      GROUP BY f.unit_path, f.organisation_id, f.target_group, f.measure, f.sub_groups`,
    [cutOff, where.unitPath ?? null, where.organisationIds ?? null],
  );
}

export interface RegisteredTallyRow {
  unit_path: string | null;
  organisation_id: string | null;
  target_groups: string[];
  organisation_kind: string | null;
  school_level: string | null;
  birth_year: number | null;
  n: number;
}

/**
 * Accounts placed in a unit subtree or in organisations now (live: registrations are not history), by what their
 * sub-groups depend on. De-identified people keep their profile and stay counted.
 */
export function registeredTallies(
  db: Queryable,
  where: { unitPath?: string | null; organisationIds?: string[] | null },
): Promise<RegisteredTallyRow[]> {
  return selectRows<RegisteredTallyRow>(
    db,
    `SELECT lp.unit_path, lp.organisation_id, lp.target_groups, o.kind AS organisation_kind, lp.school_level,
            lp.birth_year, count(*)::int AS n
       FROM learner_profiles lp LEFT JOIN organisations o ON o.id = lp.organisation_id
      WHERE ($1::text IS NULL OR lp.unit_path LIKE $1 || '%')
        AND ($2::uuid[] IS NULL OR lp.organisation_id = ANY ($2::uuid[]))
      GROUP BY lp.unit_path, lp.organisation_id, lp.target_groups, o.kind, lp.school_level, lp.birth_year`,
    [where.unitPath ?? null, where.organisationIds ?? null],
  );
}

/** The provinces in force on a date: the places the schedule makes reports for. */
export function scheduledReportPlaces(db: Queryable, onDate: string): Promise<ReportUnitRow[]> {
  return reportChildUnits(db, null, onDate);
}
