import { execute, type Queryable, selectOne, selectRows } from './queryable';

export interface NewLoginState {
  stateHash: Buffer;
  provider: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  validMinutes: number;
}

/** Keeps a sign-in's state (by hash), nonce and PKCE verifier server side while the browser is at the provider. */
export async function insertLoginState(db: Queryable, s: NewLoginState): Promise<void> {
  await execute(
    db,
    `INSERT INTO oidc_login_states (state_hash, provider, nonce, code_verifier, return_to, expires_at)
     VALUES ($1, $2, $3, $4, $5, now() + make_interval(mins => $6))`,
    [s.stateHash, s.provider, s.nonce, s.codeVerifier, s.returnTo, s.validMinutes],
  );
}

export interface LoginStateRow {
  nonce: string;
  code_verifier: string;
  return_to: string;
}

/** Spends an unused, unexpired login state of this provider; undefined when there is none (used, expired, unknown). */
export async function spendLoginState(
  db: Queryable,
  stateHash: Buffer,
  provider: string,
): Promise<LoginStateRow | undefined> {
  return selectOne<LoginStateRow>(
    db,
    `UPDATE oidc_login_states SET used_at = now()
      WHERE state_hash = $1 AND provider = $2 AND used_at IS NULL AND expires_at > now()
      RETURNING nonce, code_verifier, return_to`,
    [stateHash, provider],
  );
}

/** The account linked to a provider's subject, locked (FOR UPDATE) for the caller's transaction. */
export async function lockLinkedAccount(
  tx: Queryable,
  provider: string,
  subject: string,
): Promise<{ user_id: string } | undefined> {
  return selectOne<{ user_id: string }>(
    tx,
    `SELECT user_id FROM oidc_identities WHERE provider = $1 AND subject = $2 FOR UPDATE`,
    [provider, subject],
  );
}

/** The assurance one sign-in at a provider carried. */
export interface ProviderAssurance {
  acr: string | null;
  amr: string[] | null;
  authTime: Date | null;
}

/** Records a linked subject's latest sign-in: its assurance, and now as last_login_at. */
export async function recordLinkedSignIn(
  db: Queryable,
  provider: string,
  subject: string,
  a: ProviderAssurance,
): Promise<number> {
  return execute(
    db,
    `UPDATE oidc_identities SET acr = $3, amr = $4, auth_time = $5, last_login_at = now() WHERE provider = $1 AND subject = $2`,
    [provider, subject, a.acr, a.amr, a.authTime],
  );
}

/** A link the account's owner must confirm, valid `validMinutes`; answers its id. */
export async function insertPendingLink(
  db: Queryable,
  link: { provider: string; subject: string; userId: string; validMinutes: number } & ProviderAssurance,
): Promise<string> {
  const row = await selectOne<{ id: string }>(
    db,
    `INSERT INTO oidc_pending_links (provider, subject, user_id, acr, amr, auth_time, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(mins => $7)) RETURNING id`,
    [link.provider, link.subject, link.userId, link.acr, link.amr, link.authTime, link.validMinutes],
  );
  return row!.id;
}

export interface PendingLinkRow {
  provider: string;
  subject: string;
  acr: string | null;
  amr: string[] | null;
  auth_time: Date | null;
}

/** Spends an unused, unexpired pending link of this user; undefined when there is none. */
export async function spendPendingLink(
  db: Queryable,
  pendingLinkId: string,
  userId: string,
): Promise<PendingLinkRow | undefined> {
  return selectOne<PendingLinkRow>(
    db,
    `UPDATE oidc_pending_links SET used_at = now()
      WHERE id = $1 AND user_id = $2 AND used_at IS NULL AND expires_at > now()
      RETURNING provider, subject, acr, amr, auth_time`,
    [pendingLinkId, userId],
  );
}

/**
 * Links a provider's subject to an account. False, changing nothing, when the subject is linked already or the
 * account already has a link of this provider.
 */
export async function insertIdentityLink(
  db: Queryable,
  link: { provider: string; subject: string; userId: string } & ProviderAssurance,
): Promise<boolean> {
  const rows = await selectRows<{ id: string }>(
    db,
    `INSERT INTO oidc_identities (provider, subject, user_id, acr, amr, auth_time) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT DO NOTHING RETURNING id`,
    [link.provider, link.subject, link.userId, link.acr, link.amr, link.authTime],
  );
  return rows.length > 0;
}

export interface IdentityLinkAcrRow {
  provider: string;
  acr: string | null;
}

/** The provider and latest acr of each of an account's links, most recently used first. */
export async function identityLinkAcrs(db: Queryable, userId: string): Promise<IdentityLinkAcrRow[]> {
  return selectRows<IdentityLinkAcrRow>(
    db,
    `SELECT provider, acr FROM oidc_identities WHERE user_id = $1 ORDER BY last_login_at DESC`,
    [userId],
  );
}

/** Sets whether the account's identity is verified, and by which provider and acr (`provider:acr`, or null). */
export async function setIdentityAssurance(
  db: Queryable,
  userId: string,
  verified: boolean,
  assurance: string | null,
): Promise<number> {
  return execute(
    db,
    `UPDATE users SET identity_verified = $2, identity_assurance = $3, updated_at = now() WHERE id = $1`,
    [userId, verified, assurance],
  );
}
