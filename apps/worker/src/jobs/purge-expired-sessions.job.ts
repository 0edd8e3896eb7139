import type { JobOutcome, JobPayloads } from '@hocvuso/jobs';
import type { Queryable } from '@hocvuso/db';
import { purgeInBatches } from './purge-expired-tokens.job';

/** Sessions deleted per statement: no purge holds many row locks or runs long beside sign-ins. */
const SESSION_PURGE_BATCH = 1000;

/**
 * Deletes sessions that expired or were revoked more than `retentionDays` ago, in batches (the same loop as the
 * sign-in secrets). Safe to run twice: a second run finds nothing and reports 'skipped'.
 */
export async function purgeExpiredSessions(
  db: Queryable,
  payload: JobPayloads['purge-expired-sessions'],
): Promise<JobOutcome> {
  const deleted = await purgeInBatches(db, 'sessions', payload.retentionDays, SESSION_PURGE_BATCH);
  return deleted > 0 ? 'done' : 'skipped';
}
