import { dueUniversalisationChecks, type Queryable } from '@hocvuso/db';
import { type JobOutcome, type JobPayloads, type JobQueue, universalisationJobId } from '@hocvuso/jobs';

/**
 * Re-announces universalisation checks still pending a while after they were written (a job lost with Redis, a
 * worker killed mid-way, an error past its retries). The job id carries the minute so a check whose job ran out
 * of attempts is tried again; the evaluation itself writes each confirmation once.
 */
export async function sweepUniversalisationChecks(
  db: Queryable,
  queue: Pick<JobQueue, 'enqueue'>,
  payload: JobPayloads['sweep-universalisation-checks'],
): Promise<JobOutcome> {
  const due = await dueUniversalisationChecks(db, payload.olderThanSeconds);
  const minute = Math.floor(Date.now() / 60_000);
  for (const c of due)
    await queue.enqueue(
      'confirm-universalisation',
      { checkId: c.id },
      { jobId: `${universalisationJobId(c.id)}-sweep-${minute}` },
    );
  return due.length > 0 ? 'done' : 'skipped';
}
