import { execute, type Queryable, selectOne } from './queryable';

export interface ResetAccountRow {
  id: string;
  display_name: string;
  email: string | null;
  language: string;
  /** Reset links created for the account in the last hour. */
  recent: number;
}

const RESET_ACCOUNT = `SELECT u.id, u.display_name, u.email, u.language,
        (SELECT count(*)::int FROM password_reset_tokens t WHERE t.user_id = u.id AND t.created_at > now() - interval '1 hour') AS recent
   FROM users u`;

/**
 * The live account a reset request names (by its normalised e-mail or phone number), with how many links it got
 * in the last hour, locked (FOR UPDATE OF the user) so concurrent requests count one after another.
 */
export async function lockResetAccount(
  tx: Queryable,
  by: { kind: 'email' | 'phone'; value: string },
): Promise<ResetAccountRow | undefined> {
  const where = by.kind === 'email' ? 'u.email = $1' : 'u.phone = $1';
  return selectOne<ResetAccountRow>(
    tx,
    `${RESET_ACCOUNT} WHERE ${where} AND u.deidentified_at IS NULL FOR UPDATE OF u`,
    [by.value],
  );
}

/** Spends every unused reset link of these users (a newer one replaces them); answers how many. */
export async function spendUnusedResetTokens(db: Queryable, userIds: string[]): Promise<number> {
  return execute(
    db,
    `UPDATE password_reset_tokens SET used_at = now() WHERE user_id = ANY ($1::uuid[]) AND used_at IS NULL`,
    [userIds],
  );
}

/** Stores one token hash per user (`tokenHashes[i]` for `userIds[i]`), valid `validMinutes` from now. */
export async function insertResetTokens(
  db: Queryable,
  userIds: string[],
  tokenHashes: Buffer[],
  validMinutes: number,
): Promise<void> {
  await execute(
    db,
    `INSERT INTO password_reset_tokens (user_id, token_hash, expires_at)
     SELECT t.user_id, t.token_hash, now() + make_interval(mins => $3)
       FROM unnest($1::uuid[], $2::bytea[]) AS t(user_id, token_hash)`,
    [userIds, tokenHashes, validMinutes],
  );
}

export interface ResetTokenRow {
  user_id: string;
  email: string | null;
  phone: string | null;
}

/**
 * The live account of an unused, unexpired reset token's hash; with `lock`, the token row is locked (FOR UPDATE)
 * for the caller's transaction.
 */
export async function liveResetToken(
  db: Queryable,
  tokenHash: Buffer,
  lock: boolean,
): Promise<ResetTokenRow | undefined> {
  return selectOne<ResetTokenRow>(
    db,
    `SELECT t.user_id, u.email, u.phone
       FROM password_reset_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now() AND u.deidentified_at IS NULL
      ${lock ? 'FOR UPDATE OF t' : ''}`,
    [tokenHash],
  );
}

/** Spends every unused reset link of one user (one was used); answers how many. */
export async function spendResetTokensOf(db: Queryable, userId: string): Promise<number> {
  return execute(
    db,
    `UPDATE password_reset_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`,
    [userId],
  );
}
