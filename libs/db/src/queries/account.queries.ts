import type { Queryable } from './queryable';

export interface NewLearnerAccount {
  displayName: string;
  email?: string | null;
  phone?: string | null;
  /** An argon2id hash, or null for an account that signs in another way first (a provider, a one-time code). */
  passwordHash?: string | null;
  language?: 'vi' | 'en';
  /** Who created the account for the person (a community helper); null when people sign themselves up. */
  grantedBy?: string | null;
}

/**
 * Creates an account with the learner role, the way every path that creates one person does (sign-up, OIDC
 * first sign-in, assisted registration). Answers null, changing nothing, when the e-mail or phone number already
 * belongs to an account: the caller says which conflict that is.
 */
export async function insertLearnerAccount(tx: Queryable, a: NewLearnerAccount): Promise<string | null> {
  const [row]: Array<{ id: string }> = await tx.query(
    `INSERT INTO users (display_name, email, phone, password_hash, language) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING RETURNING id`,
    [a.displayName, a.email ?? null, a.phone ?? null, a.passwordHash ?? null, a.language ?? 'vi'],
  );
  if (!row) return null;
  await tx.query(`INSERT INTO role_grants (user_id, role, granted_by) VALUES ($1, 'learner', $2)`, [
    row.id,
    a.grantedBy ?? null,
  ]);
  return row.id;
}
