/** Anything that runs parameterised SQL: a DataSource, an EntityManager inside a transaction, a pg client. */
export interface Queryable {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(sql: string, params?: unknown[]): Promise<any>;
}
