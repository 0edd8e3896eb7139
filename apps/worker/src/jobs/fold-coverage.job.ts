import type { JobOutcome, JobPayloads } from '@hocvuso/jobs';
import { foldCoverage as fold, type Queryable } from '@hocvuso/db';

/**
 * Brings the coverage rollups up to date with libs/db's foldCoverage (docs/coverage.md): at most `maxBatches`
 * batches of `batchSize` of each kind, each in its own short transaction. 'skipped' when nothing was waiting.
 */
export async function foldCoverage(
  db: Queryable,
  payload: JobPayloads['fold-coverage'],
): Promise<JobOutcome> {
  const folded = await fold(db, { batchSize: payload.batchSize, maxBatches: payload.maxBatches });
  return folded.facts + folded.registrations > 0 ? 'done' : 'skipped';
}
