import { execute, type Queryable, selectOne } from './queryable';

/**
 * Failed password sign-ins per account identifier (a hash of the normalised e-mail or phone, so identifiers of
 * accounts that do not exist are not kept in clear). Returns how many failures fall in the last `windowMinutes`
 * and, when that reaches `limit`, the seconds until the oldest of them leaves the window.
 */
export async function signInFailures(
  db: Queryable,
  key: string,
  windowMinutes: number,
  limit: number,
): Promise<{ count: number; retryAfterSeconds: number }> {
  const row = await selectOne<{ count: number; retry_after: number | null }>(
    db,
    `WITH recent AS (SELECT at FROM sign_in_failures WHERE identifier_key = $1 AND at > now() - make_interval(mins => $2)
                      ORDER BY at DESC LIMIT $3)
     SELECT count(*)::int AS count,
            greatest(1, ceil(extract(epoch FROM (min(at) + make_interval(mins => $2) - now()))))::int AS retry_after
       FROM recent`,
    [key, windowMinutes, limit],
  );
  return { count: row?.count ?? 0, retryAfterSeconds: row?.retry_after ?? 0 };
}

/** Records one failure, and forgets this identifier's failures older than the window. */
export async function recordSignInFailure(db: Queryable, key: string, windowMinutes: number): Promise<void> {
  await execute(db, `INSERT INTO sign_in_failures (identifier_key) VALUES ($1)`, [key]);
  await execute(
    db,
    `DELETE FROM sign_in_failures WHERE identifier_key = $1 AND at < now() - make_interval(mins => $2)`,
    [key, windowMinutes],
  );
}

/** A successful sign-in clears the identifier's failures. */
export async function clearSignInFailures(db: Queryable, key: string): Promise<void> {
  await execute(db, `DELETE FROM sign_in_failures WHERE identifier_key = $1`, [key]);
}
