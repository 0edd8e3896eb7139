/**
 * Recognises the errors that mean "the database cannot answer right now" rather than "this request is wrong"
 * or "our code is wrong": the server is down or restarting, the connection was cut, the pool had no free
 * connection in time, a lock or a statement took too long. They become 503 SERVICE_UNAVAILABLE with
 * Retry-After, logged as a warning (one line, no stack), instead of 500s.
 */

/** Node socket errors when Postgres is unreachable. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

/**
 * SQLSTATEs: admin/crash shutdown and cannot connect now (connection); too many connections, lock timeout,
 * statement timeout and idle-in-transaction timeout (busy).
 */
const SQLSTATES = new Map<string, DatabaseUnavailable['reason']>([
  ['57P01', 'connection'],
  ['57P02', 'connection'],
  ['57P03', 'connection'],
  ['53300', 'busy'],
  ['55P03', 'busy'],
  ['57014', 'busy'],
  ['25P03', 'busy'],
]);

/** Messages of node-postgres and pg-pool that carry no code. */
const MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /connection terminated/i,
  /connection timeout/i,
  /client has encountered a connection error/i,
  /client was closed and is not queryable/i,
  /cannot use a pool after calling end/i,
  /terminating connection/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
];

export interface DatabaseUnavailable {
  /** `connection` (unreachable, restarting) or `busy` (pool, lock or statement timeout). */
  reason: 'connection' | 'busy';
  /** The code or message that decided it, for the log line. */
  cause: string;
}

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** Whether `error` (or what it wraps: TypeORM's driverError, a cause, an AggregateError's errors) is one of them. */
export function databaseUnavailable(error: unknown, depth = 0): DatabaseUnavailable | undefined {
  if (!error || typeof error !== 'object' || depth > 4) return undefined;
  const e = error as ErrorLike;
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code) {
    // 08xxx: the connection exception class.
    if (SOCKET_CODES.has(code) || code.startsWith('08')) return { reason: 'connection', cause: code };
    const reason = SQLSTATES.get(code);
    if (reason) return { reason, cause: code };
  }
  const message = typeof e.message === 'string' ? e.message : '';
  if (MESSAGES.some((m) => m.test(message)))
    return {
      reason: /timeout exceeded/i.test(message) ? 'busy' : 'connection',
      cause: message.slice(0, 120),
    };
  for (const inner of [e.driverError, e.cause, ...(Array.isArray(e.errors) ? e.errors : [])]) {
    const found = databaseUnavailable(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Seconds a client should wait before trying again. */
export const RETRY_AFTER_SECONDS = { connection: 5, busy: 2 } as const;
