import { execute, type Queryable } from './queryable';

/**
 * Server administration statements (test runs make and drop whole databases). CREATE and DROP DATABASE take no
 * parameters and cannot run in a transaction: run them on a plain connection to the maintenance database. Only
 * plain lower-case names are accepted, so the quoted identifier is never input.
 */

const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function checkedName(name: string): string {
  if (!DATABASE_NAME.test(name)) throw new Error(`not an acceptable database name: ${JSON.stringify(name)}`);
  return name;
}

/** Creates an empty database. */
export async function createDatabaseNamed(db: Queryable, name: string): Promise<void> {
  await execute(db, `CREATE DATABASE "${checkedName(name)}"`);
}

/** Drops a database if it exists, even while connections to it remain. */
export async function dropDatabaseNamed(db: Queryable, name: string): Promise<void> {
  await execute(db, `DROP DATABASE IF EXISTS "${checkedName(name)}" WITH (FORCE)`);
}
