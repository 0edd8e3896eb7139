import { BASE_ROLE } from '@hocvuso/domain';
import { execute, type Queryable, selectOne, selectRows } from './queryable';

/** Spends every unused sign-in code of these users (a new code replaces them); answers how many. */
export async function spendUnusedSignInCodes(db: Queryable, userIds: string[]): Promise<number> {
  return execute(
    db,
    `UPDATE sign_in_codes SET used_at = now() WHERE user_id = ANY ($1::uuid[]) AND used_at IS NULL`,
    [userIds],
  );
}

export interface IssuedSignInCodeRow {
  user_id: string;
  expires_at: Date;
}

/**
 * Stores one code hash per user (`codeHashes[i]` for `userIds[i]`), valid `hours` from now, issued by
 * `createdBy`; answers each user's expiry.
 */
export async function insertSignInCodes(
  db: Queryable,
  userIds: string[],
  codeHashes: Buffer[],
  createdBy: string,
  hours: number,
): Promise<IssuedSignInCodeRow[]> {
  return selectRows<IssuedSignInCodeRow>(
    db,
    `INSERT INTO sign_in_codes (user_id, code_hash, created_by, expires_at)
     SELECT t.user_id, t.code_hash, $3, now() + make_interval(hours => $4)
       FROM unnest($1::uuid[], $2::bytea[]) AS t(user_id, code_hash)
     RETURNING user_id, expires_at`,
    [userIds, codeHashes, createdBy, hours],
  );
}

export interface LiveSignInCodeRow {
  id: string;
  user_id: string;
  code_hash: Buffer;
  /** The account has a password: the code was issued to recover it. */
  has_password: boolean;
}

/**
 * The usable codes (unused, unexpired, fewer than `maxFailures` wrong tries) of the live account with this
 * phone number, locked (FOR UPDATE) for the caller's transaction.
 */
export async function lockLiveSignInCodesByPhone(
  tx: Queryable,
  phone: string,
  maxFailures: number,
): Promise<LiveSignInCodeRow[]> {
  return selectRows<LiveSignInCodeRow>(
    tx,
    `SELECT c.id, c.user_id, c.code_hash, u.password_hash IS NOT NULL AS has_password
       FROM users u JOIN sign_in_codes c ON c.user_id = u.id
      WHERE u.phone = $1 AND u.deidentified_at IS NULL
        AND c.used_at IS NULL AND c.expires_at > now() AND c.failed_attempts < $2
      FOR UPDATE OF c`,
    [phone, maxFailures],
  );
}

/** Counts one wrong try on each of these codes; answers how many rows. */
export async function countSignInCodeFailure(db: Queryable, codeIds: string[]): Promise<number> {
  return execute(
    db,
    `UPDATE sign_in_codes SET failed_attempts = failed_attempts + 1 WHERE id = ANY ($1::uuid[])`,
    [codeIds],
  );
}

/** Spends one code (it signed someone in). */
export async function spendSignInCode(db: Queryable, codeId: string): Promise<number> {
  return execute(db, `UPDATE sign_in_codes SET used_at = now() WHERE id = $1`, [codeId]);
}

export interface CodeReissueCandidateRow {
  id: string;
  display_name: string;
  has_email: boolean;
  has_password: boolean;
  /** Holds a live grant of a role other than learner. */
  staff: boolean;
  /** Where the learner profile places the person. */
  unit_path: string | null;
  organisation_id: string | null;
  /** Where the account was created on the person's behalf (account_origins), if it was. */
  origin_unit_path: string | null;
  origin_organisation_id: string | null;
  assisted: boolean;
}

/**
 * The live account with this phone number, with what decides whether a helper may give it a new sign-in code
 * (placement, origin, other roles, e-mail), locked (FOR UPDATE OF the user) for the caller's transaction.
 */
export async function lockCodeReissueCandidate(
  tx: Queryable,
  phone: string,
): Promise<CodeReissueCandidateRow | undefined> {
  return selectOne<CodeReissueCandidateRow>(
    tx,
    `SELECT u.id, u.display_name, u.email IS NOT NULL AS has_email, u.password_hash IS NOT NULL AS has_password,
            EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = u.id AND g.role <> $2 AND g.revoked_at IS NULL) AS staff,
            p.unit_path, p.organisation_id, ao.unit_path AS origin_unit_path, ao.organisation_id AS origin_organisation_id,
            ao.user_id IS NOT NULL AS assisted
       FROM users u LEFT JOIN learner_profiles p ON p.user_id = u.id LEFT JOIN account_origins ao ON ao.user_id = u.id
      WHERE u.phone = $1 AND u.deidentified_at IS NULL
      FOR UPDATE OF u`,
    [phone, BASE_ROLE],
  );
}
