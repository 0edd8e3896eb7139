import { BASE_ROLE } from '@hocvuso/domain';
import { execute, type Queryable, selectRows } from './queryable';

// The role grants' part of a person's data rights.

export interface RoleGrantExportRow {
  role: string;
  unit: string | null;
  organisation: string | null;
  granted_at: Date;
}

/** The person's live role grants with the names of their unit and organisation, oldest first. */
export function roleGrantsForExport(db: Queryable, userId: string): Promise<RoleGrantExportRow[]> {
  return selectRows<RoleGrantExportRow>(
    db,
    `SELECT g.role, au.name AS unit, o.name AS organisation, g.granted_at FROM role_grants g
           LEFT JOIN administrative_units au ON au.id = g.unit_id LEFT JOIN organisations o ON o.id = g.organisation_id
          WHERE g.user_id = $1 AND g.revoked_at IS NULL ORDER BY g.granted_at`,
    [userId],
  );
}

/** Revokes every live role but learner (the learner grant stays: the person is still counted as a learner). */
export function revokeStaffGrants(tx: Queryable, userId: string): Promise<number> {
  return execute(
    tx,
    `UPDATE role_grants SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL AND role <> $2`,
    [userId, BASE_ROLE],
  );
}
