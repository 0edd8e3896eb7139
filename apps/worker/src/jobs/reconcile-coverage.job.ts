import {
  claimNightlyReconcileRun,
  type Queryable,
  reconcileCoverage as reconcile,
  type ReconcileSummary,
} from '@hocvuso/db';
import { nightlyReconcileDue } from '@hocvuso/domain';
import type { JobOutcome, JobPayloads } from '@hocvuso/jobs';

export interface ReconcileDeps {
  db: Queryable & { transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> };
  logger?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  clock?: () => Date;
}

/**
 * The nightly reconcile of the coverage rollups (docs/coverage.md). Runs every few minutes; from `hour` o'clock in
 * Vietnam it claims tonight's run (one per night, whichever worker comes first), recounts every measure and target
 * group, records and repairs the drift, and logs a summary. 'skipped' before the hour or once tonight's run is
 * claimed. A run whose worker died stays unfinished (no finished_at); the next night runs again.
 */
export async function reconcileCoverageJob(
  deps: ReconcileDeps,
  payload: JobPayloads['reconcile-coverage'],
): Promise<JobOutcome> {
  const night = nightlyReconcileDue((deps.clock ?? (() => new Date()))(), payload.hour);
  if (!night) return 'skipped';
  const runId = await claimNightlyReconcileRun(deps.db, night);
  if (!runId) return 'skipped';
  const summary = await reconcile(deps.db, runId);
  logSummary(deps.logger, summary, night);
  return 'done';
}

/** One log line per run: a warning when anything drifted, info otherwise. */
export function logSummary(
  logger: ReconcileDeps['logger'],
  summary: ReconcileSummary,
  night: string | null,
): void {
  const fields = { job: 'reconcile-coverage', night, ...summary };
  if (summary.rollupDrift + summary.registeredDrift + summary.totalsDrift > 0)
    logger?.warn(fields, 'coverage reconcile found drift and repaired it (see coverage_drift)');
  else logger?.info(fields, 'coverage reconcile found no drift');
}
