import { execute, type Queryable, selectOne, selectRows } from './queryable';

/**
 * Six-digit codes sent by SMS (docs/sms.md): `verify` proves a self sign-up holds its phone number, `reset`
 * starts a password reset. Only a keyed hash is stored; a code lives a few minutes, works once, and a few wrong
 * tries spend it. A new code of the same purpose spends the older ones.
 */

export type PhoneCodePurpose = 'verify' | 'reset';

export interface LivePhoneCodeRow {
  id: string;
  user_id: string;
  phone: string;
  code_hash: Buffer;
}

/** Spends the unused codes of one person and purpose (a new one replaces them); answers how many. */
export function spendUnusedPhoneCodes(
  tx: Queryable,
  userId: string,
  purpose: PhoneCodePurpose,
): Promise<number> {
  return execute(
    tx,
    `UPDATE phone_codes SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`,
    [userId, purpose],
  );
}

/** Stores one code hash, valid `validMinutes` from now (database clock); answers its id and expiry. */
export async function insertPhoneCode(
  tx: Queryable,
  c: { userId: string; purpose: PhoneCodePurpose; phone: string; codeHash: Buffer; validMinutes: number },
): Promise<{ id: string; expires_at: Date }> {
  const row = await selectOne<{ id: string; expires_at: Date }>(
    tx,
    `INSERT INTO phone_codes (user_id, purpose, phone, code_hash, expires_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(mins => $5)) RETURNING id, expires_at`,
    [c.userId, c.purpose, c.phone, c.codeHash, c.validMinutes],
  );
  return row!;
}

/** Seconds since the newest code of this person and purpose was made (used or not); undefined when none. */
export async function phoneCodeAgeSeconds(
  db: Queryable,
  userId: string,
  purpose: PhoneCodePurpose,
): Promise<number | undefined> {
  const row = await selectOne<{ age: number }>(
    db,
    `SELECT floor(extract(epoch FROM (now() - max(created_at))))::int AS age
       FROM phone_codes WHERE user_id = $1 AND purpose = $2 HAVING count(*) > 0`,
    [userId, purpose],
  );
  return row?.age;
}

/**
 * Locks the live codes (unused, not expired, fewer than `maxFailures` wrong tries) of a person and purpose,
 * for the number they were sent to. Parallel checks of the same code queue here: the first spends it, the next
 * find nothing live.
 */
export function lockLivePhoneCodes(
  tx: Queryable,
  userId: string,
  purpose: PhoneCodePurpose,
  maxFailures: number,
): Promise<LivePhoneCodeRow[]> {
  return selectRows<LivePhoneCodeRow>(
    tx,
    `SELECT c.id, c.user_id, c.phone, c.code_hash
       FROM phone_codes c JOIN users u ON u.id = c.user_id
      WHERE c.user_id = $1 AND c.purpose = $2 AND c.used_at IS NULL AND c.expires_at > now()
        AND c.failures < $3 AND u.phone = c.phone AND u.deidentified_at IS NULL
      ORDER BY c.created_at DESC
        FOR UPDATE OF c`,
    [userId, purpose, maxFailures],
  );
}

/** Counts one wrong try on these codes. */
export function countPhoneCodeFailure(tx: Queryable, ids: string[]): Promise<number> {
  return execute(tx, `UPDATE phone_codes SET failures = failures + 1 WHERE id = ANY ($1::uuid[])`, [ids]);
}

/** Spends one code (it matched). */
export function spendPhoneCode(tx: Queryable, id: string): Promise<number> {
  return execute(tx, `UPDATE phone_codes SET used_at = now() WHERE id = $1 AND used_at IS NULL`, [id]);
}

/** Marks the phone number proved, if it is still the account's number; answers 1, or 0 when it changed. */
export function markPhoneVerified(tx: Queryable, userId: string, phone: string): Promise<number> {
  return execute(
    tx,
    `UPDATE users SET phone_verified_at = coalesce(phone_verified_at, now()) WHERE id = $1 AND phone = $2`,
    [userId, phone],
  );
}

export interface PhoneAccountRow {
  id: string;
  phone: string;
  phone_verified: boolean;
  language: string;
}

/** The live account with this phone number (E.164), for a reset by SMS; undefined when none. */
export function accountByPhone(db: Queryable, phone: string): Promise<PhoneAccountRow | undefined> {
  return selectOne<PhoneAccountRow>(
    db,
    `SELECT id, phone, phone_verified_at IS NOT NULL AS phone_verified, language
       FROM users WHERE phone = $1 AND deidentified_at IS NULL`,
    [phone],
  );
}

/**
 * Locks the person's account row (inside a transaction) and answers their phone and whether it is proved:
 * a resend and a confirmation of the same person run one after the other.
 */
export function lockAccountPhone(tx: Queryable, userId: string): Promise<PhoneAccountRow | undefined> {
  return selectOne<PhoneAccountRow>(
    tx,
    `SELECT id, phone, phone_verified_at IS NOT NULL AS phone_verified, language
       FROM users WHERE id = $1 AND phone IS NOT NULL AND deidentified_at IS NULL FOR UPDATE`,
    [userId],
  );
}

/** Every phone code of a person (data export, de-identification). */
export function erasePhoneCodes(tx: Queryable, userId: string): Promise<number> {
  return execute(tx, `DELETE FROM phone_codes WHERE user_id = $1`, [userId]);
}
