import { type Queryable, selectRows } from './queryable';

// The certificates' part of a person's data rights. De-identification keeps them: they carry the name frozen at
// issue and stay verifiable, unless the holder withdraws them first.

export interface CertificateExportRow {
  id: string;
  serial: string;
  course_id: string;
  issued_at: Date | null;
  status: 'revoked' | 'suspended' | 'valid' | 'issuing';
}

/** The person's certificates with their status (revoked, suspended, valid, or still issuing), oldest first. */
export function certificatesForExport(db: Queryable, userId: string): Promise<CertificateExportRow[]> {
  return selectRows<CertificateExportRow>(
    db,
    `SELECT id, serial, course_id, issued_at, CASE WHEN status_state IN ('revoked', 'suspended') THEN status_state WHEN issued_at IS NOT NULL THEN 'valid' ELSE 'issuing' END AS status
           FROM certificates WHERE user_id = $1 ORDER BY created_at`,
    [userId],
  );
}

/** The holder's issued certificates not revoked yet, oldest first: what a withdrawal on deletion revokes. */
export function withdrawableCertificates(db: Queryable, userId: string): Promise<Array<{ id: string }>> {
  return selectRows<{ id: string }>(
    db,
    `SELECT id FROM certificates WHERE user_id = $1 AND issued_at IS NOT NULL AND status_state IS DISTINCT FROM 'revoked' ORDER BY created_at`,
    [userId],
  );
}
