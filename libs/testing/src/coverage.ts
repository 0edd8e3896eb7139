import { foldCoverage, type Queryable } from '@hocvuso/db';
import type { JobOutcome } from '@hocvuso/jobs';
import { generateCoverageReport, reportPopulations } from '@hocvuso/issuance';

/**
 * Folds every pending coverage fact and registration into the rollups now with libs/db's foldCoverage, the
 * function the worker's `fold-coverage` job runs every few seconds, for suites that run the api without a worker.
 * Each batch is its own transaction on the given client (a pg Client or a DataSource), so a worker folding at the
 * same time never counts a row twice.
 */
export async function foldCoverageNow(client: Queryable): Promise<{ facts: number; registrations: number }> {
  return foldCoverage(client, { batchSize: 1000 });
}

/**
 * Generates a queued coverage report now with libs/issuance's generateCoverageReport, the function the worker's
 * `generate-coverage-report` job runs, with the worker's population source; `onStage` runs before each stage (a
 * test may look at the progress half-way). For suites (browser tests) that run the api without a worker.
 */
export function generateCoverageReportNow(
  db: Queryable,
  reportId: string,
  onStage?: (stage: string) => Promise<void>,
): Promise<JobOutcome> {
  return generateCoverageReport({ db, populations: reportPopulations, onStage }, reportId);
}
