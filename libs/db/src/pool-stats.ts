import type { DataSource } from 'typeorm';

/** What a DataSource's pg pool holds right now: for readiness and metrics (a pool with waiters is saturated). */
export interface PoolStats {
  /** The configured size. */
  max: number;
  /** Connections open (busy or idle). */
  total: number;
  /** Open connections nobody uses. */
  idle: number;
  /** Requests waiting for a connection. */
  waiting: number;
}

interface PgPool {
  options?: { max?: number };
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** The pool's numbers, or undefined when the DataSource is not initialised (or not node-postgres). */
export function poolStats(db: DataSource): PoolStats | undefined {
  const pool = (db.isInitialized ? (db.driver as { master?: PgPool }).master : undefined) ?? undefined;
  if (!pool || typeof pool.totalCount !== 'number') return undefined;
  return {
    max: pool.options?.max ?? 0,
    total: pool.totalCount,
    idle: pool.idleCount,
    waiting: pool.waitingCount,
  };
}
