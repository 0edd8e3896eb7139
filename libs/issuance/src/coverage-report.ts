import { createHash } from 'node:crypto';
import {
  claimReport,
  type CoveragePlanRow,
  insertReport,
  lockReportKey,
  NIL_UUID,
  reportRevisions,
  factTallies,
  failReport,
  finishReport,
  type FactTallyRow,
  type Queryable,
  type RegisteredTallyRow,
  registeredTallies,
  reportById,
  organisationSubtree,
  reportChildOrganisations,
  reportChildUnits,
  reportOrganisation,
  reportUnit,
  plans as plansInForce,
  populationsInForce,
  setReportProgress,
} from '@hocvuso/db';
import {
  ALL_GROUPS,
  assembleReportData,
  canonicalJson,
  type IndicatorDefinition,
  isPopulationSubGroup,
  nextRevision,
  type Period,
  periodCutOff,
  personSubGroups,
  placeKey,
  type ReportPlace,
  type ReportPopulation,
  type ReportTally,
  type SchoolLevel,
  vietnamDate,
} from '@hocvuso/domain';
import type { JobOutcome } from '@hocvuso/jobs';

/** A claim older than this without progress belongs to a worker that died: another may take the report over. */
export const REPORT_LEASE_SECONDS = 120;

export interface CoverageReportDeps {
  /** The primary: the report row (claim, progress, figures) is read and written here. */
  db: Queryable;
  /**
   * Where the counts are read (places, facts, registrations, populations): the read replica when
   * DATABASE_REPLICA_URL is set, else absent (the primary). A report counts facts before its period's end, long
   * past, so a replica a few seconds behind gives the same figures.
   */
  reader?: Queryable;
  leaseSeconds?: number;
  /**
   * The official populations in force at `asOf` for the places (populations context). Absent: no population is
   * known and share targets say `no-population`.
   */
  populations?: (db: Queryable, places: ReportPlace[], asOf: string) => Promise<ReportPopulation[]>;
  /** Called between stages (tests stop a generation half-way with it). */
  onStage?: (stage: string) => Promise<void> | void;
  clock?: () => Date;
}

/**
 * The official populations in force at `asOf` for a report's places (populationsInForce): a unit's own figure, or
 * the sum of its direct child units' figures when it has none (the source then says so). 'All' has none.
 */
export async function reportPopulations(
  db: Queryable,
  places: ReportPlace[],
  asOf: string,
): Promise<ReportPopulation[]> {
  const rows = await populationsInForce(db, {
    places: places.flatMap((p) => (p.kind === 'all' || !p.id ? [] : [{ kind: p.kind, id: p.id }])),
    asOf,
    sumChildren: true,
  });
  return rows.map((r) => ({
    placeKey: placeKey({ id: r.place_id }),
    targetGroup: r.target_group,
    subGroup: r.sub_group,
    value: r.value,
    period: r.period,
    source: r.derived === 'children' ? `${r.source} (tổng các đơn vị trực thuộc)` : r.source,
  }));
}

class ReportFailure extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** One place's share of the subtree: which of the places a row at `unitPath`/`organisationId` counts for. */
type Assign = (row: { unit_path: string | null; organisation_id: string | null }) => string[];

/**
 * Generates a queued coverage report once (docs/coverage.md "Periodic reports"): claims it (or takes over a
 * claim whose worker died), counts facts achieved before the cut-off and the live registrations of the place and
 * each place one level down, assembles the frozen figures (libs/domain report-data) and stores them with their
 * sha256; progress is written between stages (the web polls it). Only the current claim may finish, so a report
 * resumed after a crash is frozen once. Any error ends the report in `failed` with a code: a new request makes a
 * new revision.
 */
export async function generateCoverageReport(
  deps: CoverageReportDeps,
  reportId: string,
): Promise<JobOutcome> {
  const { db } = deps;
  const reader = deps.reader ?? db;
  const claim = await claimReport(db, reportId, deps.leaseSeconds ?? REPORT_LEASE_SECONDS);
  if (!claim) return 'skipped';
  const { attempt } = claim;
  const step = async (stage: string, progress: number) => {
    await deps.onStage?.(stage);
    if (!(await setReportProgress(db, reportId, attempt, progress)))
      throw new ReportFailure('REPORT_CLAIM_LOST');
  };
  try {
    const r = await reportById(db, reportId);
    if (!r) return 'skipped';
    const period: Period = {
      kind: r.period_kind,
      code: r.period_code,
      start: r.period_start,
      end: r.period_end,
    };
    await step('claimed', 5);

    let place: ReportPlace;
    let children: Array<ReportPlace & { path?: string }> = [];
    let where: { unitPath?: string | null; organisationIds?: string[] | null };
    /** For an organisation's report: each organisation of its subtree → the direct sub-organisation above it. */
    const branchOf = new Map<string, string | null>();
    if (r.place_kind === 'unit') {
      const unit = await reportUnit(reader, r.place_id);
      if (!unit) throw new ReportFailure('REPORT_PLACE_MISSING');
      place = { kind: 'unit', id: unit.id, code: unit.code, name: unit.name, level: unit.level };
      children = (await reportChildUnits(reader, unit.id, period.end)).map((c) => ({
        kind: 'unit',
        id: c.id,
        code: c.code,
        name: c.name,
        level: c.level,
        path: c.path,
      }));
      where = { unitPath: unit.path };
    } else if (r.place_kind === 'organisation') {
      const org = await reportOrganisation(reader, r.place_id);
      if (!org) throw new ReportFailure('REPORT_PLACE_MISSING');
      place = { kind: 'organisation', id: org.id, code: org.code, name: org.name, level: org.kind };
      // An agency's report counts its sub-organisations' people too (the whole subtree), with one row per
      // direct sub-organisation; a unit's report counts only its own subtree.
      const subtree = await organisationSubtree(reader, org.id);
      for (const o of subtree) branchOf.set(o.id, o.branch_id);
      children = (await reportChildOrganisations(reader, org.id)).map((c) => ({
        kind: 'organisation',
        id: c.id,
        code: c.code,
        name: c.name,
        level: c.kind,
      }));
      where = { organisationIds: subtree.map((o) => o.id) };
    } else {
      place = { kind: 'all', id: null, code: null, name: 'Toàn quốc', level: null };
      children = (await reportChildUnits(reader, null, period.end)).map((c) => ({
        kind: 'unit',
        id: c.id,
        code: c.code,
        name: c.name,
        level: c.level,
        path: c.path,
      }));
      where = {};
    }
    const assign: Assign = (row) => {
      const keys = [placeKey(place)];
      for (const c of children)
        if (
          c.path
            ? row.unit_path?.startsWith(c.path)
            : row.organisation_id !== null && branchOf.get(row.organisation_id) === c.id
        )
          keys.push(placeKey(c));
      return keys;
    };
    await step('places', 15);

    const facts = await factTallies(reader, where, r.cut_off);
    await step('facts', 55);
    const registered = await registeredTallies(reader, where);
    const registeredAt = (deps.clock ?? (() => new Date()))();
    await step('registered', 75);
    const places = [place, ...children.map(({ path: _path, ...c }) => c)];
    const populations = deps.populations ? await deps.populations(reader, places, period.end) : [];
    await step('populations', 85);

    const data = assembleReportData({
      plan: {
        id: r.plan.id,
        title: r.plan.title,
        indicators: r.plan.indicators as IndicatorDefinition[],
      },
      period,
      cutOff: r.cut_off.toISOString(),
      registeredAt: registeredAt.toISOString(),
      place,
      children: places.slice(1),
      numerators: factRows(facts, assign),
      registered: registeredRows(registered, assign, vietnamDate(registeredAt)),
      populations,
    });
    await deps.onStage?.('assembled');
    const checksum = createHash('sha256').update(canonicalJson(data), 'utf8').digest('hex');
    return (await finishReport(db, reportId, attempt, data, checksum)) ? 'done' : 'skipped';
  } catch (err) {
    const code = err instanceof ReportFailure ? err.code : 'REPORT_GENERATION_FAILED';
    if (code === 'REPORT_CLAIM_LOST') return 'skipped';
    await failReport(db, reportId, attempt, code);
    return 'failed';
  }
}

function factRows(rows: FactTallyRow[], assign: Assign): ReportTally[] {
  const out: ReportTally[] = [];
  for (const f of rows)
    for (const key of assign(f))
      for (const subGroup of ['', ...f.sub_groups.filter((s) => s !== '' && isPopulationSubGroup(s))])
        out.push({ placeKey: key, targetGroup: f.target_group, subGroup, measure: f.measure, count: f.n });
  return out;
}

function registeredRows(rows: RegisteredTallyRow[], assign: Assign, today: string): ReportTally[] {
  const out: ReportTally[] = [];
  for (const r of rows) {
    const subGroups = personSubGroups(
      {
        organisationKind: r.organisation_kind,
        schoolLevel: r.school_level as SchoolLevel | null,
        birthYear: r.birth_year,
      },
      today,
    );
    const groups = [...new Set(r.target_groups), ALL_GROUPS];
    for (const key of assign(r))
      for (const targetGroup of groups)
        for (const subGroup of ['', ...subGroups])
          out.push({ placeKey: key, targetGroup, subGroup, measure: 'registered', count: r.n });
  }
  return out;
}

/**
 * A plan as a report freezes it in its row: its indicators and targets, and which import of the plan it was
 * (`version`: the content hash `npm run content:import` stored, `importedAt`: when).
 */
export interface ReportPlan {
  id: string;
  title: { vi: string; en?: string };
  indicators: IndicatorDefinition[];
  version?: string;
  importedAt?: string;
}

/** A plan of coverage_plans (the coverage context's table) as a report freezes it. */
export function reportPlanOf(row: CoveragePlanRow): ReportPlan {
  return {
    id: row.id,
    title: row.definition.title,
    indicators: row.definition.indicators,
    version: row.content_hash,
    importedAt: new Date(row.imported_at).toISOString(),
  };
}

/**
 * The plans in force as imported into coverage_plans (never the files: a province that imported its plan gets
 * reports against exactly that plan), sorted by id so "the first plan" is stable.
 */
export async function reportPlansInForce(db: Queryable): Promise<ReportPlan[]> {
  return (await plansInForce(db)).map(reportPlanOf);
}

export interface ReportRequestInput {
  plan: ReportPlan;
  place:
    | { kind: 'unit'; id: string; unitPath: string; name: string }
    | { kind: 'organisation'; id: string; name: string }
    | { kind: 'all'; name: string };
  period: Period;
  requestedBy: string | null;
  correctionOf: number | null;
  reason: string | null;
}

export type ReportRequestOutcome =
  | { ok: true; id: string; revision: number; supersedes: number | null }
  | {
      ok: false;
      code: 'REPORT_EXISTS' | 'REPORT_NOT_FINISHED' | 'CORRECTION_OF_WRONG_REVISION' | 'REPORT_IN_PROGRESS';
    };

/**
 * Queues a report revision (the outbox row), deciding its revision number under a lock on its (plan, place,
 * period): a first report, or a correction of the latest finished revision with a reason. Run it on a
 * transaction's manager and announce `generate-coverage-report` after commit.
 */
export async function queueCoverageReport(
  tx: Queryable,
  input: ReportRequestInput,
): Promise<ReportRequestOutcome> {
  const placeId = input.place.kind === 'all' ? NIL_UUID : input.place.id;
  const key = {
    planId: input.plan.id,
    placeKind: input.place.kind,
    placeId,
    periodCode: input.period.code,
  };
  await lockReportKey(tx, key);
  const decision = nextRevision(await reportRevisions(tx, key), input.correctionOf);
  if (!decision.ok) return decision;
  const id = await insertReport(tx, {
    ...key,
    plan: input.plan,
    unitPath: input.place.kind === 'unit' ? input.place.unitPath : null,
    organisationId: input.place.kind === 'organisation' ? input.place.id : null,
    placeName: input.place.name,
    periodKind: input.period.kind,
    periodStart: input.period.start,
    periodEnd: input.period.end,
    cutOff: periodCutOff(input.period),
    revision: decision.revision,
    requestedBy: input.requestedBy,
    supersedes: decision.supersedes,
    correctionReason: decision.supersedes == null ? null : input.reason,
  });
  if (!id) return { ok: false, code: 'REPORT_IN_PROGRESS' };
  return { ok: true, id, revision: decision.revision, supersedes: decision.supersedes };
}
