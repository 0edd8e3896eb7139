/**
 * Recognises the errors that mean "the database cannot answer right now" rather than "this request is wrong"
 * or "our code is wrong": the server is down or restarting, the connection was cut, the pool had no free
 * connection in time, a lock or a statement took too long. They become 503 SERVICE_UNAVAILABLE with
 * Retry-After, logged as a warning (one line, no stack), instead of 500s.
 */

/** Node socket errors when Postgres is unreachable. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);

/** SQLSTATEs: admin/crash shutdown, cannot connect now, too many connections, lock timeout, statement timeout. */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '55P03', '57014', '25P03']);

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
    if (SOCKET_CODES.has(code)) return { reason: 'connection', cause: code };
    if (code.startsWith('08')) return { reason: 'connection', cause: code }; // connection exception class
    if (SQLSTATES.has(code)) return { reason: code === '55P03' || code === '57014' || code === '53300' || code === '25P03' ? 'busy' : 'connection', cause: code };
  }
  const message = typeof e.message === 'string' ? e.message : '';
  const matched = MESSAGES.find((m) => m.test(message));
  if (matched) return { reason: /timeout exceeded/i.test(message) ? 'busy' : 'connection', cause: message.slice(0, 120) };
  for (const inner of [e.driverError, e.cause, ...(Array.isArray(e.errors) ? e.errors : [])]) {
    const found = databaseUnavailable(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Seconds a client should wait before trying again. */
export const RETRY_AFTER_SECONDS = { connection: 5, busy: 2 } as const;
