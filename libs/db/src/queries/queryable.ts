/** Anything that runs parameterised SQL: a DataSource, an EntityManager inside a transaction, a pg client. */
export interface Queryable {
  // `unknown`: a result is read only through rowsOf/selectRows/selectOne/execute below, which give it the
  // row type its query module declares. A DataSource, an EntityManager and a pg client all fit.
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * The rows of a statement's result. TypeORM returns `[rows, affectedCount]` for UPDATE and DELETE (with or
 * without RETURNING) and plain rows otherwise; this gives the rows either way.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function rowsOf<T = any>(result: unknown): T[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  )
    return result[0] as T[];
  if (isPgResult(result)) return result.rows as T[];
  return (Array.isArray(result) ? result : []) as T[];
}

/** The rows of a SELECT (or a statement with RETURNING), typed as the caller declares them. */
export async function selectRows<T>(db: Queryable, sql: string, params: unknown[] = []): Promise<T[]> {
  return rowsOf<T>(await db.query(sql, params));
}

/** The first row of a SELECT (or RETURNING), or undefined. */
export async function selectOne<T>(
  db: Queryable,
  sql: string,
  params: unknown[] = [],
): Promise<T | undefined> {
  const [first] = await selectRows<T>(db, sql, params);
  return first;
}

/**
 * Runs a statement that returns no rows the caller reads (INSERT/UPDATE/DELETE without RETURNING, DDL) and gives
 * the number of rows it affected where the driver reports it (TypeORM's `[rows, count]` for UPDATE/DELETE).
 */
export async function execute(db: Queryable, sql: string, params: unknown[] = []): Promise<number> {
  const result: unknown = await db.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && typeof result[1] === 'number') return result[1];
  if (isPgResult(result)) return result.rowCount ?? 0;
  return Array.isArray(result) ? result.length : 0;
}

/** A plain `pg` client's result (`{ rows, rowCount }`), as opposed to TypeORM's arrays. */
function isPgResult(result: unknown): result is { rows: unknown[]; rowCount: number | null } {
  return typeof result === 'object' && result !== null && Array.isArray((result as { rows?: unknown }).rows);
}
