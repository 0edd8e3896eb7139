/** Anything that runs parameterised SQL: a DataSource, an EntityManager inside a transaction, a pg client. */
export interface Queryable {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(sql: string, params?: unknown[]): Promise<any>;
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
  return (Array.isArray(result) ? result : []) as T[];
}
