import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { encodedBody, negotiateCoding } from './content-encoding';

/**
 * Public, cacheable answers: a strong ETag over the exact JSON, `304 Not Modified` when the client already
 * has it, and a short shared cache lifetime. Returns the body to send, or undefined after a 304.
 * `'revalidate'`: caches keep the answer but ask every time (`no-cache`), so a change (a course published,
 * republished or unpublished) is seen at once while an unchanged answer still costs only a 304.
 */
export function sendCacheable<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  body: T,
  maxAgeSeconds: number | 'revalidate' = 60,
): T | undefined {
  const json = JSON.stringify(body);
  const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
  void reply
    .header('etag', etag)
    .header(
      'cache-control',
      maxAgeSeconds === 'revalidate'
        ? 'public, no-cache'
        : `public, max-age=${maxAgeSeconds}, stale-while-revalidate=${maxAgeSeconds * 5}`,
    )
    .header('vary', 'accept-encoding');
  const inm = request.headers['if-none-match'];
  if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
    void reply.status(304);
    return undefined;
  }
  return body;
}

/**
 * The same as sendCacheable for an answer already serialized (a read cache entry): the bytes sent are the ones
 * `JSON.stringify` would give, the ETag is their hash, so cached and uncached answers are identical. The bytes are
 * kept with the entry, compressed once (brotli or gzip, as the client accepts), so a cached answer costs neither
 * encoding nor compression per request; the ETag stays that of the JSON (as Express's compression keeps it), and
 * `Vary` always names `accept-encoding`.
 */
export function sendCachedJson(
  request: FastifyRequest,
  reply: FastifyReply,
  cached: { json: string; etag: string },
  cacheControl: string,
  vary = 'accept-encoding',
): void {
  sendCached(request, reply, cached, cacheControl, vary);
}

/**
 * sendCachedJson for an answer that depends on nothing but its URL (and the body coding): the read cache's answer
 * memo remembers it, and the next anonymous GET of the same URL is answered before the Nest stack while the
 * entry is current (apps/api/src/common/cache/answer-memo.ts).
 */
export function sendMemoizedJson<E extends { json: string; etag: string }>(
  request: FastifyRequest,
  reply: FastifyReply,
  cached: E,
  cacheControl: string,
  memo: { remember(request: FastifyRequest, reply: FastifyReply, entry: E): void },
): void {
  sendCached(request, reply, cached, cacheControl, 'accept-encoding', () =>
    memo.remember(request, reply, cached),
  );
}

function sendCached(
  request: FastifyRequest,
  reply: FastifyReply,
  cached: { json: string; etag: string },
  cacheControl: string,
  vary: string,
  remember?: () => void,
): void {
  const varies = /\baccept-encoding\b/i.test(vary) ? vary : `${vary}, accept-encoding`;
  void reply.header('etag', cached.etag).header('cache-control', cacheControl).header('vary', varies);
  void reply.type('application/json; charset=utf-8');
  remember?.();
  const inm = request.headers['if-none-match'];
  if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === cached.etag)) {
    void reply.status(304).send();
    return;
  }
  const { body, coding } = encodedBody(cached, negotiateCoding(request.headers['accept-encoding']));
  if (coding !== 'identity') void reply.header('content-encoding', coding);
  void reply.send(body);
}
