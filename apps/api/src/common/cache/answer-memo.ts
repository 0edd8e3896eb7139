import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { encodedBody, negotiateCoding } from '../http/content-encoding';
import { SESSION_COOKIE } from '../../modules/auth/session-cookie';
import { Lru } from './lru';

/** A read cache entry the memo may replay while the entry is still current (ReadCacheService.isCurrent). */
export interface MemoizableEntry {
  json: string;
  etag: string;
}

export interface EntryCurrency<E extends MemoizableEntry> {
  isCurrent(entry: E): boolean;
}

interface Memo<E> {
  entry: E;
  /** Every header the full stack put on the answer, less the ones made per request or per body coding. */
  headers: Record<string, string | string[]>;
}

export const MAX_MEMOS = 2_000;
/** Set per request (onSend), per body (send), or by the connection: never replayed. */
const NOT_REPLAYED = new Set(['x-request-id', 'content-length', 'content-encoding', 'date', 'connection']);

/**
 * The answer memo: anonymous GETs of public, cached answers (catalogue, search, course pages, verification) are
 * answered from an `onRequest` hook, before helmet, Nest's router, the guard, the pipes and the controller run.
 *
 * It is an in-process HTTP micro-cache in front of the api, with the read cache's own invalidation:
 * - It remembers what the full stack answered for an exact URL: the read cache entry and the headers (helmet's
 *   included), filled in by `sendCachedJson` when a controller opts in. It replays them only while that entry is
 *   current (its namespaces' versions unchanged, not expired, the invalidation channel listened to), so a publish
 *   or unpublish is seen by the next request exactly as without the memo.
 * - Only for requests the stack would answer the same whoever asks: GET, no session cookie (a signed-in
 *   request always takes the full path: session rotation, reuse detection), no request body, a Host header.
 *   An answer carrying `Set-Cookie` is never remembered.
 * - The body coding is negotiated per request and the bytes come from the same per-entry encodings as
 *   `sendCachedJson`; `If-None-Match` gets the same 304. The metrics and `x-request-id` hooks still run.
 * - Bounded (an LRU of MAX_MEMOS URLs): a spray of distinct query strings evicts, it does not grow memory.
 */
export class AnswerMemo<E extends MemoizableEntry> {
  private readonly memos = new Lru<Memo<E>>(MAX_MEMOS);
  /** Answers given from the memo since start (tests and the bench read it). */
  hits = 0;

  constructor(private readonly currency: EntryCurrency<E>) {}

  /** Remembers the answer the stack is sending for this request, when the request and answer allow it. */
  remember(request: FastifyRequest, reply: FastifyReply, entry: E): void {
    if (!replayable(request)) return;
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value === undefined) continue;
      if (name === 'set-cookie') return; // never replay a cookie meant for one client
      if (!NOT_REPLAYED.has(name)) headers[name] = typeof value === 'number' ? String(value) : value;
    }
    this.memos.set(request.url, { entry, headers });
  }

  /** Forgets everything (tests; the read cache's own clear happens through isCurrent). */
  clear(): void {
    this.memos.clear();
  }

  get size(): number {
    return this.memos.size;
  }

  /** The onRequest hook: answers from the memo, or lets the request through to the full stack. */
  readonly hook: onRequestHookHandler = (request, reply, done) => {
    if (!replayable(request)) return done();
    const memo = this.memos.get(request.url);
    if (!memo || !this.currency.isCurrent(memo.entry)) return done();
    this.hits += 1;
    void reply.headers(memo.headers);
    const inm = request.headers['if-none-match'];
    if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === memo.entry.etag)) {
      void reply.status(304).send();
      return;
    }
    const { body, coding } = encodedBody(memo.entry, negotiateCoding(request.headers['accept-encoding']));
    if (coding !== 'identity') void reply.header('content-encoding', coding);
    void reply.send(body);
  };
}

const SESSION_COOKIE_PREFIX = `${SESSION_COOKIE}=`;

/** A request whose answer cannot depend on who sends it, and that no edge guard would refuse. */
function replayable(request: FastifyRequest): boolean {
  if (request.method !== 'GET' || !request.headers.host) return false;
  const h = request.headers;
  if (h['content-length'] !== undefined || h['transfer-encoding'] !== undefined) return false;
  if (h['content-encoding'] !== undefined) return false;
  const cookie = h.cookie;
  return !cookie || !cookie.includes(SESSION_COOKIE_PREFIX);
}
