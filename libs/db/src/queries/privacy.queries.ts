import { BASE_ROLE } from '@hocvuso/domain';
import { type Queryable, selectOne, selectRows } from './queryable';

// The privacy flows' own reads: who may be deleted, and the lock every de-identification starts with. The data
// each context exports or erases lives in its `<context>-privacy.queries.ts` module.

export interface AccountToDeleteRow {
  password_hash: string | null;
}

/** The password hash of an account not de-identified yet (null for an account without a password). */
export function accountToDelete(db: Queryable, userId: string): Promise<AccountToDeleteRow | undefined> {
  return selectOne<AccountToDeleteRow>(
    db,
    `SELECT password_hash FROM users WHERE id = $1 AND deidentified_at IS NULL`,
    [userId],
  );
}

export interface DeidentificationTargetRow {
  unit_path: string | null;
  organisation_id: string | null;
  deidentified: boolean;
}

/** Where a learner an administrator wants to de-identify is placed, and whether they were de-identified already. */
export function deidentificationTarget(
  db: Queryable,
  userId: string,
): Promise<DeidentificationTargetRow | undefined> {
  return selectOne<DeidentificationTargetRow>(
    db,
    `SELECT lp.unit_path, lp.organisation_id, u.deidentified_at IS NOT NULL AS deidentified
       FROM learner_profiles lp JOIN users u ON u.id = lp.user_id WHERE lp.user_id = $1`,
    [userId],
  );
}

export interface HeldStaffGrantRow {
  role: string;
  unit_path: string | null;
  organisation_id: string | null;
}

/** The live roles other than learner a person holds, with their place (who may remove them depends on these). */
export function heldStaffGrants(db: Queryable, userId: string): Promise<HeldStaffGrantRow[]> {
  return selectRows<HeldStaffGrantRow>(
    db,
    `SELECT g.role, au.path AS unit_path, g.organisation_id FROM role_grants g LEFT JOIN administrative_units au ON au.id = g.unit_id
        WHERE g.user_id = $1 AND g.revoked_at IS NULL AND g.role <> $2`,
    [userId, BASE_ROLE],
  );
}

export interface AccountLockedForDeidentificationRow {
  email: string | null;
}

/**
 * Locks the account row for its de-identification (inside the transaction) and gives the e-mail address it has
 * before it is erased; undefined when the account was de-identified already (or by a concurrent request).
 */
export function lockAccountForDeidentification(
  tx: Queryable,
  userId: string,
): Promise<AccountLockedForDeidentificationRow | undefined> {
  return selectOne<AccountLockedForDeidentificationRow>(
    tx,
    `SELECT email FROM users WHERE id = $1 AND deidentified_at IS NULL FOR UPDATE`,
    [userId],
  );
}
