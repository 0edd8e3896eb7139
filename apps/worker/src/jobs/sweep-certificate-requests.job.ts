import { dueCertificateRequests, type Queryable } from '@hocvuso/db';
import { certificateRequestJobId, type JobOutcome, type JobPayloads, type JobQueue } from '@hocvuso/jobs';

/**
 * Re-enqueues certificate requests that are still not issued a while after completion (a job lost with Redis,
 * a worker killed mid-way, a transient error past its backoff; requests that failed for good are left to an
 * administrator). The job id carries the minute, so a request whose job ran out of attempts is tried again; the
 * issuing job itself is idempotent.
 */
export async function sweepCertificateRequests(
  db: Queryable,
  queue: Pick<JobQueue, 'enqueue'>,
  payload: JobPayloads['sweep-certificate-requests'],
): Promise<JobOutcome> {
  const stale = await dueCertificateRequests(db, payload.olderThanSeconds);
  const minute = Math.floor(Date.now() / 60_000);
  for (const r of stale)
    await queue.enqueue(
      'issue-certificate',
      { requestId: r.id },
      { jobId: `${certificateRequestJobId(r)}-sweep-${minute}` },
    );
  return stale.length > 0 ? 'done' : 'skipped';
}
