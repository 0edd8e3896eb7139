import { foldCoverage, type Queryable } from '@hocvuso/db';

/**
 * Folds every pending coverage fact and registration into the rollups now with libs/db's foldCoverage, the
 * function the worker's `fold-coverage` job runs every few seconds, for suites that run the api without a worker.
 * Each batch is its own transaction on the given client (a pg Client or a DataSource), so a worker folding at the
 * same time never counts a row twice.
 */
export async function foldCoverageNow(client: Queryable): Promise<{ facts: number; registrations: number }> {
  return foldCoverage(client, { batchSize: 1000 });
}
