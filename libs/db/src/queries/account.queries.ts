import { BASE_ROLE } from '@hocvuso/domain';
import { execute, type Queryable, selectOne } from './queryable';

export interface NewLearnerAccount {
  displayName: string;
  email?: string | null;
  phone?: string | null;
  /** An argon2id hash, or null for an account that signs in another way first (a provider, a one-time code). */
  passwordHash?: string | null;
  /** An interface language of content/languages.yaml (checked by the contract). */
  language?: string;
  /**
   * Whether the phone number counts as the person's (default true: a helper registered them in person, a roster
   * listed them); false for a self sign-up, which proves it with a code sent by SMS (docs/sms.md).
   */
  phoneVerified?: boolean;
  /** Who created the account for the person (a community helper); null when people sign themselves up. */
  grantedBy?: string | null;
}

/**
 * Creates an account with the learner role, the way every path that creates one person does (sign-up, OIDC
 * first sign-in, assisted registration). Answers null, changing nothing, when the e-mail or phone number already
 * belongs to an account: the caller says which conflict that is.
 */
export async function insertLearnerAccount(tx: Queryable, a: NewLearnerAccount): Promise<string | null> {
  const row = await selectOne<{ id: string }>(
    tx,
    `INSERT INTO users (display_name, email, phone, password_hash, language, phone_verified_at)
     VALUES ($1, $2, $3, $4, $5, CASE WHEN $3::text IS NOT NULL AND $6::boolean THEN now() END)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      a.displayName,
      a.email ?? null,
      a.phone ?? null,
      a.passwordHash ?? null,
      a.language ?? 'vi',
      a.phoneVerified ?? true,
    ],
  );
  if (!row) return null;
  await execute(tx, `INSERT INTO role_grants (user_id, role, granted_by) VALUES ($1, $3, $2)`, [
    row.id,
    a.grantedBy ?? null,
    BASE_ROLE,
  ]);
  return row.id;
}

/** Whole seconds until the account's password lockout ends (0 when not locked); undefined for an unknown id. */
export async function accountLockedSeconds(db: Queryable, userId: string): Promise<number | undefined> {
  const row = await selectOne<{ locked_seconds: number }>(
    db,
    `SELECT greatest(0, ceil(extract(epoch FROM (locked_until - now()))))::int AS locked_seconds FROM users WHERE id = $1`,
    [userId],
  );
  return row?.locked_seconds;
}

/**
 * Counts one wrong password; the `maxFailures`-th in a row locks the account for `lockoutMinutes`. Answers
 * how many rows (1, or 0 for an unknown id).
 */
export async function recordWrongPassword(
  db: Queryable,
  userId: string,
  maxFailures: number,
  lockoutMinutes: number,
): Promise<number> {
  return execute(
    db,
    `UPDATE users SET failed_sign_ins = failed_sign_ins + 1,
            locked_until = CASE WHEN failed_sign_ins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
      WHERE id = $1`,
    [userId, maxFailures, lockoutMinutes],
  );
}

/** A right password clears the count of wrong ones and the lockout. */
export async function clearWrongPasswords(db: Queryable, userId: string): Promise<number> {
  return execute(db, `UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE id = $1`, [userId]);
}

/**
 * Sets (or, with null, removes) the account's password hash, and clears the wrong-password count and lockout.
 * Signing the account out is the caller's part.
 */
export async function setPasswordHash(
  db: Queryable,
  userId: string,
  passwordHash: string | null,
): Promise<number> {
  return execute(
    db,
    `UPDATE users SET password_hash = $2, failed_sign_ins = 0, locked_until = NULL, updated_at = now() WHERE id = $1`,
    [userId, passwordHash],
  );
}

export interface AccountPasswordRow {
  password_hash: string | null;
  email: string | null;
  phone: string | null;
}

/** A live (not de-identified) account's password hash and the contacts the password rule checks against. */
export async function accountPassword(
  db: Queryable,
  userId: string,
): Promise<AccountPasswordRow | undefined> {
  return selectOne<AccountPasswordRow>(
    db,
    `SELECT password_hash, email, phone FROM users WHERE id = $1 AND deidentified_at IS NULL`,
    [userId],
  );
}

/** The id of the live account with this (normalised) e-mail address. */
export async function liveAccountIdByEmail(db: Queryable, email: string): Promise<string | undefined> {
  const row = await selectOne<{ id: string }>(
    db,
    `SELECT id FROM users WHERE email = $1 AND deidentified_at IS NULL`,
    [email],
  );
  return row?.id;
}

export interface AccountLinkRow {
  provider: string;
  acr: string | null;
  amr: string[] | null;
  /** jsonb text of a timestamptz (json_build_object), or null. */
  auth_time: string | null;
  linked_at: string;
  last_login_at: string;
}

export interface AccountProfileRow {
  id: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  /** The phone number was proved (or vouched for); false also when there is no phone. */
  phone_verified: boolean;
  language: string;
  identity_verified: boolean;
  identity_assurance: string | null;
  /** The distinct roles of live grants, sorted. */
  roles: string[];
  /** The provider links, oldest first. */
  links: AccountLinkRow[];
}

/** A live account as /api/auth/me shows it: contacts, roles, identity assurance and provider links. */
export async function accountProfile(db: Queryable, userId: string): Promise<AccountProfileRow | undefined> {
  return selectOne<AccountProfileRow>(
    db,
    `SELECT u.id, u.display_name, u.email, u.phone, u.phone_verified_at IS NOT NULL AS phone_verified,
            u.language, u.identity_verified, u.identity_assurance,
            coalesce((SELECT array_agg(DISTINCT r.role ORDER BY r.role) FROM role_grants r WHERE r.user_id = u.id AND r.revoked_at IS NULL), '{}') AS roles,
            coalesce((SELECT json_agg(json_build_object('provider', i.provider, 'acr', i.acr, 'amr', i.amr, 'auth_time', i.auth_time,
                                                        'linked_at', i.linked_at, 'last_login_at', i.last_login_at) ORDER BY i.linked_at)
                        FROM oidc_identities i WHERE i.user_id = u.id), '[]') AS links
       FROM users u
      WHERE u.id = $1 AND u.deidentified_at IS NULL`,
    [userId],
  );
}
