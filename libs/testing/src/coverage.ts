import { foldPendingFacts, foldRegistrationDeltas, markFolded, type Queryable } from '@hocvuso/db';

/**
 * Folds every pending coverage fact and registration into the rollups now, as the worker's `fold-coverage` job
 * does every few seconds, for suites that run the api without a worker. Each batch is its own transaction on the
 * given client (a pg Client), so a worker folding at the same time never counts a row twice.
 */
export async function foldCoverageNow(client: Queryable): Promise<void> {
  for (const fold of [foldPendingFacts, foldRegistrationDeltas]) {
    for (;;) {
      await client.query('BEGIN');
      try {
        const n = await fold(client, 1000);
        await client.query('COMMIT');
        if (n === 0) break;
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      }
    }
  }
  await markFolded(client);
}
