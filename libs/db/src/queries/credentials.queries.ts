import type { LocalizedText } from '@hocvuso/domain';
import type { CertificateRow } from './issuance.queries';
import { execute, type Queryable, selectOne, selectRows } from './queryable';

/** Certificates as their holders, verifiers and administrators read them, and their status changes. */

export interface CertificateWithTitleRow extends CertificateRow {
  course_title: LocalizedText;
}

/** A certificate with its course version's title, or undefined. */
export function certificateWithTitle(
  db: Queryable,
  id: string,
): Promise<CertificateWithTitleRow | undefined> {
  return selectOne<CertificateWithTitleRow>(
    db,
    `SELECT c.*, coalesce(v.title, c.achievement_name) AS course_title
       FROM certificates c LEFT JOIN course_versions v ON v.id = c.course_version_id WHERE c.id = $1`,
    [id],
  );
}

export interface SuspensionEntryRow {
  suspension_list_id: string;
  status_index: number;
}

/** Where an issued certificate's suspension bit lives, or undefined when it is not issued (or not ours). */
export function issuedSuspensionEntry(
  db: Queryable,
  certificateId: string,
): Promise<SuspensionEntryRow | undefined> {
  return selectOne<SuspensionEntryRow>(
    db,
    `SELECT suspension_list_id, status_index FROM certificates WHERE id = $1 AND credential IS NOT NULL`,
    [certificateId],
  );
}

export interface LearnerCertificateRow {
  id: string;
  serial: string;
  course_id: string;
  issued_at: Date | null;
  status_state: 'revoked' | 'suspended' | null;
  title: LocalizedText;
  /** Set when the request failed for good and the certificate is not issued. */
  failure_code: string | null;
}

/** A learner's certificates, newest first, with the failure code of those whose issuance failed for good. */
export function learnerCertificates(db: Queryable, userId: string): Promise<LearnerCertificateRow[]> {
  return selectRows<LearnerCertificateRow>(
    db,
    `SELECT c.id, c.serial, c.course_id, c.issued_at, c.status_state, v.title, r.failure_code
       FROM certificates c JOIN course_versions v ON v.id = c.course_version_id
       LEFT JOIN certificate_requests r ON r.enrolment_id = c.enrolment_id AND r.failed_at IS NOT NULL AND c.issued_at IS NULL
      WHERE c.user_id = $1 ORDER BY c.created_at DESC`,
    [userId],
  );
}

export interface HolderPlaceRow {
  unit_path: string | null;
  organisation_id: string | null;
}

/** Where a certificate holder belongs (their learner profile's unit and organisation), or undefined. */
export function holderPlace(db: Queryable, userId: string): Promise<HolderPlaceRow | undefined> {
  return selectOne<HolderPlaceRow>(
    db,
    `SELECT unit_path, organisation_id FROM learner_profiles WHERE user_id = $1`,
    [userId],
  );
}

/** Sets a certificate's status (null: valid again) with the reason, now. Returns the rows updated. */
export function setCertificateStatus(
  db: Queryable,
  id: string,
  state: 'revoked' | 'suspended' | null,
  reason: string | null,
): Promise<number> {
  return execute(
    db,
    `UPDATE certificates SET status_state = $2, status_reason = $3, status_changed_at = now() WHERE id = $1`,
    [id, state, reason],
  );
}
