// A test's own accounts in the run database: unique e-mail and phone numbers, so suites never meet.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { insertLearnerAccount, type Queryable } from '../../src';

/** A fresh E.164 Vietnamese mobile number nobody else in the run holds (with overwhelming likelihood). */
export const uniquePhone = () => `+8498${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;

export const uniqueEmail = (label = 'q') => `${label}-${randomBytes(6).toString('hex')}@example.test`;

/** 32 random bytes and their SHA-256, as the api stores bearer tokens. */
export function tokenAndHash(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: createHash('sha256').update(token).digest() };
}

/** A learner account of this test's own; answers its id. */
export async function newAccount(
  db: Queryable,
  a: {
    email?: string | null;
    phone?: string | null;
    passwordHash?: string | null;
    displayName?: string;
  } = {},
): Promise<string> {
  const id = await insertLearnerAccount(db, {
    displayName: a.displayName ?? 'Người thử',
    email: a.email === undefined ? uniqueEmail() : a.email,
    phone: a.phone ?? null,
    passwordHash: a.passwordHash ?? null,
  });
  if (!id) throw new Error('the test account collided with another');
  return id;
}
