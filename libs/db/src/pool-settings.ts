import { Client, type ClientConfig } from 'pg';
import { preparedNameOf } from './prepared-statements';
import { z } from 'zod';

/**
 * How the api, the worker and the cli hold their Postgres connections: pool size, how long a request may wait for
 * a pooled connection, and the server-side timeouts every connection starts with. A stuck lock, a runaway query or
 * a transaction left open therefore ends with an error instead of holding connections until the pool is empty.
 */
export interface PoolSettings {
  /** Connections in the pool (per process). */
  max: number;
  /** How long a query waits for a free pooled connection (or a new one) before failing, ms. 0: forever. */
  acquireTimeoutMs: number;
  /** Postgres `lock_timeout`: how long a statement waits for a row or table lock, ms. 0: forever. */
  lockTimeoutMs: number;
  /** Postgres `statement_timeout`: the longest one statement may run, ms. 0: no limit. */
  statementTimeoutMs: number;
  /** Postgres `idle_in_transaction_session_timeout`: a transaction idle this long is ended by the server, ms. 0: off. */
  idleInTransactionTimeoutMs: number;
  /**
   * What the transaction guard does when a query takes a second pooled connection while a transaction of the
   * same DataSource is open in the same call chain: `throw` (development and test) or `log` (production).
   */
  transactionGuard: 'throw' | 'log';
  /** Whether hot statements marked with `prepared()` run as named prepared statements (prepared-statements.ts). */
  preparedStatements: boolean;
}

/** The defaults of the long-running processes (api, worker). */
export const DEFAULT_POOL_SETTINGS: PoolSettings = {
  max: 20,
  acquireTimeoutMs: 10_000,
  lockTimeoutMs: 5_000,
  statementTimeoutMs: 30_000,
  idleInTransactionTimeoutMs: 30_000,
  transactionGuard: 'throw',
  preparedStatements: true,
};

/**
 * The worker's defaults: the api's, but a transaction may sit idle for up to 2 minutes, because the outbox sends
 * an e-mail inside the transaction that marks it sent (SMTP connection, greeting and socket timeouts add up to
 * a minute), and ending that transaction under a slow server would send the mail twice.
 */
export const WORKER_POOL_SETTINGS: PoolSettings = {
  ...DEFAULT_POOL_SETTINGS,
  idleInTransactionTimeoutMs: 120_000,
};

/**
 * The defaults of the cli (migrations, content import, demo seed, key rotation): a few connections, generous
 * lock waits, and no statement limit, because a migration or a full content import may legitimately run longer
 * than any request should.
 */
export const CLI_POOL_SETTINGS: PoolSettings = {
  max: 4,
  acquireTimeoutMs: 60_000,
  lockTimeoutMs: 60_000,
  statementTimeoutMs: 0,
  idleInTransactionTimeoutMs: 300_000,
  transactionGuard: 'throw',
  preparedStatements: true,
};

const ms = (max: number) => z.coerce.number().int().min(0).max(max).optional();

/** The environment variables of the pool; every one is optional (`.env.example` documents them). */
export const poolEnvFields = {
  DB_POOL_MAX: z.coerce.number().int().min(1).max(500).optional(),
  DB_POOL_ACQUIRE_TIMEOUT_MS: ms(600_000),
  DB_LOCK_TIMEOUT_MS: ms(3_600_000),
  DB_STATEMENT_TIMEOUT_MS: ms(86_400_000),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: ms(86_400_000),
  DB_TRANSACTION_GUARD: z.enum(['throw', 'log']).optional(),
  DB_PREPARED_STATEMENTS: z.enum(['on', 'off']).optional(),
};

/** Pool settings from validated environment values, over `defaults`; in production the guard logs by default. */
export function poolSettings(
  env: {
    NODE_ENV: 'development' | 'test' | 'production';
    DB_POOL_MAX?: number;
    DB_POOL_ACQUIRE_TIMEOUT_MS?: number;
    DB_LOCK_TIMEOUT_MS?: number;
    DB_STATEMENT_TIMEOUT_MS?: number;
    DB_IDLE_IN_TRANSACTION_TIMEOUT_MS?: number;
    DB_TRANSACTION_GUARD?: 'throw' | 'log';
    DB_PREPARED_STATEMENTS?: 'on' | 'off';
  },
  defaults: PoolSettings = DEFAULT_POOL_SETTINGS,
): PoolSettings {
  return {
    max: env.DB_POOL_MAX ?? defaults.max,
    acquireTimeoutMs: env.DB_POOL_ACQUIRE_TIMEOUT_MS ?? defaults.acquireTimeoutMs,
    lockTimeoutMs: env.DB_LOCK_TIMEOUT_MS ?? defaults.lockTimeoutMs,
    statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS ?? defaults.statementTimeoutMs,
    idleInTransactionTimeoutMs: env.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS ?? defaults.idleInTransactionTimeoutMs,
    transactionGuard:
      env.DB_TRANSACTION_GUARD ?? (env.NODE_ENV === 'production' ? 'log' : defaults.transactionGuard),
    preparedStatements:
      env.DB_PREPARED_STATEMENTS === undefined
        ? defaults.preparedStatements
        : env.DB_PREPARED_STATEMENTS === 'on',
  };
}

/**
 * The node-postgres pool options for these settings. The three Postgres settings travel as startup parameters of
 * every connection (no extra round trip, and a pooled connection can never lose them); 0 leaves the server default.
 * Behind a transaction-mode pgbouncer, which drops startup parameters, set them on the database role instead
 * (`ALTER ROLE … SET lock_timeout = '5s'`).
 */
export function pgPoolOptions(settings: PoolSettings): Record<string, unknown> {
  return {
    Client: ResilientClient,
    max: settings.max,
    connectionTimeoutMillis: settings.acquireTimeoutMs,
    lock_timeout: settings.lockTimeoutMs || undefined,
    statement_timeout: settings.statementTimeoutMs || undefined,
    idle_in_transaction_session_timeout: settings.idleInTransactionTimeoutMs || undefined,
    // Read by ResilientClient (the pool hands its options to each client); node-postgres ignores it.
    preparedStatements: settings.preparedStatements,
  };
}

/**
 * The pool's connection class. When the server ends a connection that is checked out (a Postgres restart,
 * `pg_terminate_backend`, a failover), node-postgres fails the query in flight and then emits 'error' on the
 * client; with no listener at that moment the event would crash the whole process (the api, or the worker
 * mid-issuance). The query's own error is what callers act on, and the pool drops the broken connection, so
 * the event itself needs no handling.
 */
export class ResilientClient extends Client {
  private readonly prepares: boolean;

  constructor(config?: string | (ClientConfig & { preparedStatements?: boolean })) {
    super(config);
    this.prepares = typeof config === 'object' && config.preparedStatements === true;
    this.on('error', () => undefined);
  }

  /**
   * A marked hot statement (prepared-statements.ts) with its parameters goes by name, so this connection parses
   * and plans it once; every other query goes as given.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(config: any, values?: any, callback?: any): any {
    if (
      this.prepares &&
      typeof config === 'string' &&
      Array.isArray(values) &&
      typeof callback !== 'function'
    ) {
      const name = preparedNameOf(config);
      if (name) return super.query({ name, text: config, values });
    }
    return super.query(config, values, callback);
  }
}
