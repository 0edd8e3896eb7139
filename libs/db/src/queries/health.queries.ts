import { type Queryable, selectOne } from './queryable';

/** What readiness asks Postgres (the certificate backlog it reports is in certificate-requests.queries). */

/** Whether Postgres answers a trivial statement; false on any error (down, pool exhausted, timeout). */
export async function databaseAnswers(db: Queryable): Promise<boolean> {
  try {
    return (await selectOne<{ ok: number }>(db, `SELECT 1 AS ok`))?.ok === 1;
  } catch {
    return false;
  }
}
