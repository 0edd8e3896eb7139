import { issueCertificate, type IssuanceDeps } from '@hocvuso/issuance';
import type { JobOutcome, JobPayloads } from '@hocvuso/jobs';

/** Issues the certificate of one completed enrolment, exactly once (see issueCertificate). */
export function issueCertificateJob(
  deps: IssuanceDeps,
  payload: JobPayloads['issue-certificate'],
): Promise<JobOutcome> {
  return issueCertificate(deps, payload.requestId);
}
