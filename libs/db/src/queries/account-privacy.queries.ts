import { execute, type Queryable, selectOne } from './queryable';

// The account's part of a person's data rights: the users row.

export interface AccountExportRow {
  id: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  language: string;
  pseudonym: string;
  identity_verified: boolean;
  identity_assurance: string | null;
  has_password: boolean;
  created_at: Date;
}

/** The account as the person's data export shows it (whether a password is set, never its hash). */
export function accountForExport(db: Queryable, userId: string): Promise<AccountExportRow | undefined> {
  return selectOne<AccountExportRow>(
    db,
    `SELECT id, display_name, email, phone, language, pseudonym, identity_verified, identity_assurance,
              password_hash IS NOT NULL AS has_password, created_at
         FROM users WHERE id = $1`,
    [userId],
  );
}

/**
 * De-identifies the users row: the name becomes `deidentifiedName`; e-mail, phone, password, identity assurance
 * and sign-in lockout go; `deidentified_at` is set. The id and pseudonym stay (learning records point at them).
 */
export async function eraseAccountIdentity(
  tx: Queryable,
  userId: string,
  deidentifiedName: string,
): Promise<void> {
  await execute(
    tx,
    `UPDATE users SET display_name = $2, email = NULL, phone = NULL, phone_verified_at = NULL, password_hash = NULL, identity_verified = false, identity_assurance = NULL,
              failed_sign_ins = 0, locked_until = NULL, deidentified_at = now(), updated_at = now()
        WHERE id = $1`,
    [userId, deidentifiedName],
  );
}
