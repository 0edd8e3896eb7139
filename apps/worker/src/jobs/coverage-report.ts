import {
  dueReports,
  failExhaustedReports,
  type Queryable,
  reportRevisions,
  scheduledReportPlaces,
} from '@hocvuso/db';
import { type Period, periodCutOff, periodsEndingOn, vietnamDate } from '@hocvuso/domain';
import {
  generateCoverageReport,
  queueCoverageReport,
  REPORT_LEASE_SECONDS,
  reportPlansInForce,
  reportPopulations,
} from '@hocvuso/issuance';
import { coverageReportJobId, type JobOutcome, type JobPayloads, type JobQueue } from '@hocvuso/jobs';

export interface CoverageReportJobDeps {
  db: Queryable & { transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> };
  queue: Pick<JobQueue, 'enqueue'>;
  /** Where the reports' counts are read: the read replica (DATABASE_REPLICA_URL), else absent (the primary). */
  reader?: Queryable;
  clock?: () => Date;
}

/** Tries a report that keeps killing its worker this many times, then marks it failed for good. */
export const REPORT_MAX_ATTEMPTS = 5;
/** The schedule looks back this far for period ends whose reports were not queued (a worker down for days). */
const CATCH_UP_DAYS = 7;
/** Scheduled reports are queued from 00:30 in Vietnam on the day after the period ends. */
const SCHEDULE_DELAY_MS = 30 * 60_000;

/** Generates one report (see generateCoverageReport: claim with a lease, progress, freeze once). */
export function generateCoverageReportJob(
  deps: CoverageReportJobDeps,
  payload: JobPayloads['generate-coverage-report'],
): Promise<JobOutcome> {
  return generateCoverageReport(
    { db: deps.db, reader: deps.reader, populations: reportPopulations },
    payload.reportId,
  );
}

/**
 * Every few minutes: re-announces reports that wait (a lost job) or whose worker died (lapsed lease), gives up on
 * reports tried REPORT_MAX_ATTEMPTS times, and queues the scheduled reports: for each plan and each province in
 * force, the quarter, six months and year that ended (from 00:30 Vietnam the day after, catching up to 7 days),
 * when that period has no report yet. Only provinces get automatic reports; communes and agencies ask for theirs.
 */
export async function sweepCoverageReports(
  deps: CoverageReportJobDeps,
  payload: JobPayloads['sweep-coverage-reports'],
): Promise<JobOutcome> {
  const now = (deps.clock ?? (() => new Date()))();
  await failExhaustedReports(deps.db, REPORT_MAX_ATTEMPTS, REPORT_LEASE_SECONDS);
  const due = await dueReports(deps.db, payload.olderThanSeconds, REPORT_LEASE_SECONDS);
  const minute = Math.floor(now.getTime() / 60_000);
  const announce = (id: string, tag: string) =>
    deps.queue.enqueue(
      'generate-coverage-report',
      { reportId: id },
      { jobId: `${coverageReportJobId(id)}-${tag}` },
    );
  for (const r of due) await announce(r.id, `${r.attempts}-sweep-${minute}`);

  let queued = 0;
  const periods = duePeriods(now);
  // The plans as imported into coverage_plans (the coverage context's table), never the files.
  const plans = periods.length > 0 ? await reportPlansInForce(deps.db) : [];
  for (const period of periods) {
    const provinces = await scheduledReportPlaces(deps.db, period.end);
    for (const plan of plans)
      for (const p of provinces) {
        const key = { planId: plan.id, placeKind: 'unit' as const, placeId: p.id, periodCode: period.code };
        if ((await reportRevisions(deps.db, key)).length > 0) continue;
        const outcome = await deps.db.transaction((tx) =>
          queueCoverageReport(tx, {
            plan,
            place: { kind: 'unit', id: p.id, unitPath: p.path, name: p.name },
            period,
            requestedBy: null,
            correctionOf: null,
            reason: null,
          }),
        );
        if (outcome.ok) {
          queued += 1;
          await announce(outcome.id, 'scheduled');
        }
      }
  }
  return due.length + queued > 0 ? 'done' : 'skipped';
}

/** The periods whose scheduled report is due at `now`: ended, 30 minutes past their cut-off, within a week. */
export function duePeriods(now: Date): Period[] {
  const out: Period[] = [];
  for (let back = 1; back <= CATCH_UP_DAYS + 1; back += 1) {
    const day = vietnamDate(new Date(now.getTime() - back * 24 * 3600_000));
    for (const p of periodsEndingOn(day)) {
      const dueAt = periodCutOff(p).getTime() + SCHEDULE_DELAY_MS;
      if (dueAt <= now.getTime() && dueAt > now.getTime() - CATCH_UP_DAYS * 24 * 3600_000)
        if (!out.some((o) => o.code === p.code)) out.push(p);
    }
  }
  return out;
}
