import { execute, type Queryable, selectRows } from './queryable';

// The sign-in means' part of a person's data rights: linked providers, sessions, reset tokens, one-time codes.

export interface LinkedProviderExportRow {
  provider: string;
  subject: string;
  acr: string | null;
  amr: string[] | null;
  auth_time: Date | null;
  linked_at: Date;
  last_login_at: Date;
}

/** The identity providers linked to the account, oldest link first. */
export function linkedProvidersForExport(db: Queryable, userId: string): Promise<LinkedProviderExportRow[]> {
  return selectRows<LinkedProviderExportRow>(
    db,
    `SELECT provider, subject, acr, amr, auth_time, linked_at, last_login_at FROM oidc_identities WHERE user_id = $1 ORDER BY linked_at`,
    [userId],
  );
}

export interface SessionExportRow {
  id: string;
  created_at: Date;
  authenticated_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  rotated_at: Date | null;
  user_agent: string | null;
  auth_method: string;
}

/** The account's sessions, oldest first, without their token hashes. */
export function sessionsForExport(db: Queryable, userId: string): Promise<SessionExportRow[]> {
  return selectRows<SessionExportRow>(
    db,
    `SELECT id, created_at, authenticated_at, last_seen_at, expires_at, revoked_at, rotated_at, user_agent, auth_method
           FROM sessions WHERE user_id = $1 ORDER BY created_at`,
    [userId],
  );
}

/** Unlinks every identity provider from the account; returns how many links went. */
export function eraseOidcIdentities(tx: Queryable, userId: string): Promise<number> {
  return execute(tx, `DELETE FROM oidc_identities WHERE user_id = $1`, [userId]);
}

/** Drops the provider links the account had not confirmed yet. */
export function erasePendingOidcLinks(tx: Queryable, userId: string): Promise<number> {
  return execute(tx, `DELETE FROM oidc_pending_links WHERE user_id = $1`, [userId]);
}

/** Drops every session of the account (it is signed out everywhere). */
export function eraseSessions(tx: Queryable, userId: string): Promise<number> {
  return execute(tx, `DELETE FROM sessions WHERE user_id = $1`, [userId]);
}

/** Drops the account's password reset tokens, used or not. */
export function erasePasswordResetTokens(tx: Queryable, userId: string): Promise<number> {
  return execute(tx, `DELETE FROM password_reset_tokens WHERE user_id = $1`, [userId]);
}

/** Drops the account's one-time sign-in codes, used or not. */
export function eraseSignInCodes(tx: Queryable, userId: string): Promise<number> {
  return execute(tx, `DELETE FROM sign_in_codes WHERE user_id = $1`, [userId]);
}
