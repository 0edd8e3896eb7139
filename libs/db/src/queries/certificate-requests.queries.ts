import { type Queryable, selectOne, selectRows } from './queryable';

/**
 * Certificate requests (the outbox of issuance) as operators see them: the ones that failed for good, the
 * ones still retrying, and re-running the failed ones once their cause is fixed.
 */

/** Transient errors are retried from the last attempt after 5 s × 2^(attempts−1), capped at this. */
export const CERTIFICATE_RETRY_CAP_SECONDS = 300;

/** A certificate request and the enrolment it certifies (what the worker is told to issue). */
export interface CertificateRequestRef {
  id: string;
  /** Null for an achievement request. */
  enrolment_id: string | null;
}

/**
 * Requests the sweep should (re-)announce: not issued, not failed for good, older than `olderThanSeconds`, and
 * past their backoff (5 s doubling per attempt, capped at five minutes). No attempt limit: transient errors
 * are retried for as long as it takes.
 */
export async function dueCertificateRequests(
  db: Queryable,
  olderThanSeconds: number,
  limit = 500,
): Promise<CertificateRequestRef[]> {
  return selectRows<CertificateRequestRef>(
    db,
    `SELECT id, enrolment_id FROM certificate_requests
        WHERE issued_at IS NULL AND failed_at IS NULL
          AND requested_at < now() - make_interval(secs => $1)
          AND (last_attempt_at IS NULL
               OR last_attempt_at < now() - make_interval(secs => least($3::float8, 5 * power(2, greatest(attempts - 1, 0)))))
        ORDER BY requested_at LIMIT $2`,
    [olderThanSeconds, limit, CERTIFICATE_RETRY_CAP_SECONDS],
  );
}

export interface FailedCertificateRequestRow {
  id: string;
  enrolment_id: string | null;
  user_id: string;
  display_name: string;
  course_id: string;
  requested_at: Date;
  failed_at: Date;
  failure_code: string;
  last_error: string | null;
  attempts: number;
}

/** Requests that failed for good, newest first (for system administrators). */
export async function failedCertificateRequests(
  db: Queryable,
  limit = 200,
  offset = 0,
): Promise<FailedCertificateRequestRow[]> {
  return selectRows<FailedCertificateRequestRow>(
    db,
    `SELECT r.id, r.enrolment_id, coalesce(e.user_id, r.user_id) AS user_id, u.display_name,
              coalesce(e.course_id, r.achievement_id) AS course_id, r.requested_at, r.failed_at, r.failure_code,
              r.last_error, r.attempts
         FROM certificate_requests r
         LEFT JOIN enrolments e ON e.id = r.enrolment_id
         JOIN users u ON u.id = coalesce(e.user_id, r.user_id)
        WHERE r.failed_at IS NOT NULL AND r.issued_at IS NULL
        ORDER BY r.failed_at DESC, r.id
        LIMIT $1 OFFSET $2`,
    [limit, offset],
  );
}

/**
 * Puts failed requests back in line (all of them, or the given ids): the failed state is cleared and the
 * attempt count starts again. Returns the requests to announce to the worker.
 */
export async function retryFailedCertificateRequests(
  db: Queryable,
  ids?: string[],
): Promise<CertificateRequestRef[]> {
  return selectRows<CertificateRequestRef>(
    db,
    `UPDATE certificate_requests
          SET failed_at = NULL, failure_code = NULL, attempts = 0, last_attempt_at = NULL
        WHERE failed_at IS NOT NULL AND issued_at IS NULL AND ($1::uuid[] IS NULL OR id = ANY($1::uuid[]))
        RETURNING id, enrolment_id`,
    [ids ?? null],
  );
}

export interface CertificateRequestCounts {
  /** Failed for good, waiting for an administrator. */
  failed: number;
  /** Not issued after several attempts (a transient fault that lasts: disk, storage, database). */
  retrying: number;
  /** Not issued yet, not failed. */
  pending: number;
  /** Age in seconds of the oldest pending request (0 when none). */
  oldestPendingSeconds: number;
}

/** The numbers readiness reports, from one statement. */
export async function certificateRequestCounts(db: Queryable): Promise<CertificateRequestCounts> {
  const row = await selectOne<{ failed: number; retrying: number; pending: number; oldest: number }>(
    db,
    `SELECT count(*) FILTER (WHERE failed_at IS NOT NULL)::int AS failed,
              count(*) FILTER (WHERE failed_at IS NULL AND attempts >= 5)::int AS retrying,
              count(*) FILTER (WHERE failed_at IS NULL)::int AS pending,
              coalesce(extract(epoch FROM now() - min(requested_at) FILTER (WHERE failed_at IS NULL)), 0)::int AS oldest
         FROM certificate_requests WHERE issued_at IS NULL`,
  );
  return {
    failed: row!.failed,
    retrying: row!.retrying,
    pending: row!.pending,
    oldestPendingSeconds: row!.oldest,
  };
}
