import type { JobOutcome, JobPayloads } from '@hocvuso/jobs';
import type { Queryable } from '@hocvuso/db';

/**
 * Deletes sessions that expired or were revoked more than `retentionDays` ago. Safe to run twice: a second
 * run finds nothing and reports 'skipped'.
 */
export async function purgeExpiredSessions(db: Queryable, payload: JobPayloads['purge-expired-sessions']): Promise<JobOutcome> {
  const [, deleted] = (await db.query(
    `DELETE FROM sessions
      WHERE expires_at < now() - make_interval(days => $1)
         OR revoked_at < now() - make_interval(days => $1)`,
    [payload.retentionDays],
  )) as [unknown, number];
  return deleted > 0 ? 'done' : 'skipped';
}
