import type { JobOutcome, JobPayloads } from '@hocvuso/jobs';
import { foldPendingFacts, foldRegistrationDeltas, markFolded, type Queryable } from '@hocvuso/db';

type TransactionalDb = Queryable & { transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> };

/**
 * Brings the coverage rollups up to date (docs/coverage.md): facts, then registrations, each batch counted and
 * marked in its own short transaction (SKIP LOCKED: two workers never count a row twice), then records the time.
 * 'skipped' when nothing was waiting.
 */
export async function foldCoverage(
  db: TransactionalDb,
  payload: JobPayloads['fold-coverage'],
): Promise<JobOutcome> {
  let folded = 0;
  for (const fold of [foldPendingFacts, foldRegistrationDeltas]) {
    for (let i = 0; i < payload.maxBatches; i++) {
      const n = await db.transaction((tx) => fold(tx, payload.batchSize));
      folded += n;
      if (n < payload.batchSize) break;
    }
  }
  await markFolded(db);
  return folded > 0 ? 'done' : 'skipped';
}
