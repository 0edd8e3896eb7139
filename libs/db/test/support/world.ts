// Minimal rows for the query modules' integration tests, written inside a transaction the test rolls back, so
// the run database (shared by every suite of the run) keeps nothing of them.
import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { type Queryable, selectOne } from '../../src';

class RolledBack extends Error {}

/** Runs `work` in a transaction that is always rolled back; gives what `work` returned. */
export async function rolledBack<T>(
  db: DataSource,
  work: (tx: EntityManager) => Promise<T>,
  isolation: 'READ COMMITTED' | 'REPEATABLE READ' = 'READ COMMITTED',
): Promise<T> {
  let result: T | undefined;
  await db
    .transaction(isolation, async (tx) => {
      result = await work(tx);
      throw new RolledBack();
    })
    .catch((e: unknown) => {
      if (!(e instanceof RolledBack)) throw e;
    });
  return result as T;
}

export const token = (bytes = 5) => randomBytes(bytes).toString('hex');

export interface TestUser {
  id: string;
  pseudonym: string;
  display_name: string;
  email: string;
}

/** A user with a unique email (and, optionally, a phone). */
export async function newUser(
  tx: Queryable,
  opts: { displayName?: string; phone?: string | null; deidentified?: boolean } = {},
): Promise<TestUser> {
  const email = `q-${token()}@queries.test`;
  const row = await selectOne<TestUser>(
    tx,
    `INSERT INTO users (display_name, email, phone, deidentified_at) VALUES ($1, $2, $3, CASE WHEN $4::boolean THEN now() END)
     RETURNING id, pseudonym::text AS pseudonym, display_name, email`,
    [opts.displayName ?? `Người thử ${token(2)}`, email, opts.phone ?? null, opts.deidentified ?? false],
  );
  return row!;
}

/** Grants a role (unscoped). */
export async function grant(tx: EntityManager, userId: string, role: string): Promise<void> {
  await tx.query(`INSERT INTO role_grants (user_id, role) VALUES ($1, $2)`, [userId, role]);
}

/** A shipped course of the run database whose current version certifies competencies. */
export async function certifyingCourse(tx: EntityManager): Promise<{ courseId: string; versionId: string }> {
  const [row] = await tx.query(
    `SELECT c.id AS "courseId", c.current_version_id AS "versionId" FROM courses c
      WHERE c.current_version_id IS NOT NULL
        AND EXISTS (SELECT 1 FROM course_version_competencies cc WHERE cc.course_version_id = c.current_version_id)
      ORDER BY c.id LIMIT 1`,
  );
  if (!row) throw new Error('the run database has no shipped course with competencies');
  return row;
}

/** An enrolment (completed when `completedAt` is given). */
export async function newEnrolment(
  tx: EntityManager,
  userId: string,
  courseId: string,
  completedAt: Date | null = null,
): Promise<string> {
  const [row] = await tx.query(
    `INSERT INTO enrolments (user_id, course_id, status, completed_at) VALUES ($1, $2, $3, $4) RETURNING id`,
    [userId, courseId, completedAt ? 'completed' : 'active', completedAt],
  );
  return row.id;
}

/** A certificate request of an enrolment, requested `ageSeconds` ago. */
export async function newRequest(
  tx: EntityManager,
  enrolmentId: string,
  versionId: string,
  opts: { ageSeconds?: number; attempts?: number; failed?: string; issued?: boolean } = {},
): Promise<string> {
  const [row] = await tx.query(
    `INSERT INTO certificate_requests (enrolment_id, course_version_id, requested_at, attempts, failed_at, failure_code, issued_at)
     VALUES ($1, $2, now() - make_interval(secs => $3), $4, CASE WHEN $5::text IS NOT NULL THEN now() END, $5,
             CASE WHEN $6::boolean THEN now() END)
     RETURNING id`,
    [
      enrolmentId,
      versionId,
      opts.ageSeconds ?? 0,
      opts.attempts ?? 0,
      opts.failed ?? null,
      opts.issued ?? false,
    ],
  );
  return row.id;
}

/** A status list of a test DID (unsigned), and its id. */
export async function newStatusList(
  tx: EntityManager,
  did: string,
  purpose: 'revocation' | 'suspension',
): Promise<string> {
  const [row] = await tx.query(
    `INSERT INTO status_lists (issuer_did, purpose, encoded_list) VALUES ($1, $2, 'H4sI') RETURNING id`,
    [did, purpose],
  );
  return row.id;
}
