import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FailedCertificateRequestsResponse, RetryFailedCertificatesRequest } from '@hocvuso/contracts';
import { failedCertificateRequests, retryFailedCertificateRequests, type Queryable } from '@hocvuso/db';
import { certificateRequestJobId, type JobQueue } from '@hocvuso/jobs';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { LOGGER } from '../../common/logging/logger.token';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { requireCapability } from '../../common/guards/require-capability';
import { JOB_QUEUE } from '../jobs/jobs.module';

/**
 * Re-runs certificate requests that failed for good, once their cause is fixed: clears the failed state (the
 * sweep then takes them) and announces each to the worker. Shared by the admin action and the cli command.
 */
export async function retryFailedCertificates(
  db: Queryable,
  jobs: Pick<JobQueue, 'enqueue'> | undefined,
  ids?: string[],
): Promise<Array<{ id: string; enrolment_id: string | null }>> {
  const retried = await retryFailedCertificateRequests(db, ids);
  // Announcing is best effort: the sweep finds the cleared rows in Postgres if the queue is down.
  await Promise.allSettled(
    retried.map((r) =>
      jobs?.enqueue(
        'issue-certificate',
        { requestId: r.id },
        { jobId: `${certificateRequestJobId(r)}-retry-${Date.now()}` },
      ),
    ),
  );
  return retried;
}

@Injectable()
export class FailedCertificatesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async list(user: AuthUser): Promise<FailedCertificateRequestsResponse> {
    requireCapability(
      user,
      'certificate.readFailed',
      'Only system administrators may read failed certificate requests.',
    );
    const rows = await failedCertificateRequests(this.db, 500);
    return {
      total: rows.length,
      items: rows.map((r) => ({
        id: r.id,
        enrolmentId: r.enrolment_id,
        userId: r.user_id,
        displayName: r.display_name,
        courseId: r.course_id,
        requestedAt: new Date(r.requested_at).toISOString(),
        failedAt: new Date(r.failed_at).toISOString(),
        failureCode: r.failure_code,
        lastError: r.last_error,
        attempts: r.attempts,
      })),
    };
  }

  async retry(user: AuthUser, body: RetryFailedCertificatesRequest): Promise<{ retried: number }> {
    requireCapability(
      user,
      'certificate.retryFailed',
      'Only system administrators may re-run failed certificate requests.',
    );
    const retried = await retryFailedCertificates(this.db, this.jobs, body.ids);
    this.logger.info({ retried: retried.length, by: user.id }, 'failed certificate requests re-run');
    return { retried: retried.length };
  }
}
