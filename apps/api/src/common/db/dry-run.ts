import type { Queryable } from '@hocvuso/db';
import type { DataSource } from 'typeorm';

class RolledBack<T> {
  constructor(readonly result: T) {}
}

/**
 * Runs `work` in one transaction; for a dry run, the same work, then a rollback, so the report is exactly what
 * a real run would say while nothing is written.
 */
export async function transactionOrDryRun<T>(
  db: DataSource,
  dryRun: boolean,
  work: (tx: Queryable) => Promise<T>,
): Promise<T> {
  if (!dryRun) return db.transaction(work);
  try {
    await db.transaction(async (tx) => {
      throw new RolledBack(await work(tx));
    });
  } catch (e) {
    if (e instanceof RolledBack) return e.result as T;
    throw e;
  }
  throw new Error('unreachable: a dry run always rolls back');
}
