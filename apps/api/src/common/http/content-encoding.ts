import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** The codings the api compresses cached answers with, in order of preference. */
export type ContentCoding = 'br' | 'gzip' | 'identity';

/** Below this size compression saves less than its headers and time cost. */
export const COMPRESS_MIN_BYTES = 1024;

/**
 * The coding to send for an `Accept-Encoding` header (RFC 9110 §12.5.3): brotli where accepted, else gzip, else
 * none. `q=0` refuses a coding; `*` stands for any coding not named. No header means identity (nothing assumed).
 */
export function negotiateCoding(acceptEncoding: string | string[] | undefined): ContentCoding {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : acceptEncoding;
  if (!header) return 'identity';
  const q = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name.trim(), Number.isFinite(value) ? value : 0);
  }
  const accepts = (coding: string) => (q.get(coding) ?? q.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip') || (q.get('x-gzip') ?? 0) > 0) return 'gzip';
  return 'identity';
}

interface Encoded {
  identity: Buffer;
  uses: number;
  gzip?: Buffer;
  br?: Buffer;
}

// Keyed by the cached answer itself: the bytes live exactly as long as the cache entry does.
const encodings = new WeakMap<object, Encoded>();

/**
 * The bytes of a cached JSON answer in a coding, made once per cache entry and kept beside it: a cached answer
 * is then sent without encoding its text to UTF-8 again or compressing it again on every request. Compression
 * starts at an answer's second use: an answer the read cache does not keep (too large, or Redis away) is a new
 * object each time and is sent as it is, so no request pays for compressing bytes that are thrown away.
 */
export function encodedBody(
  cached: { json: string },
  coding: ContentCoding,
): { body: Buffer; coding: ContentCoding } {
  let e = encodings.get(cached);
  if (!e) {
    e = { identity: Buffer.from(cached.json, 'utf8'), uses: 0 };
    encodings.set(cached, e);
  }
  e.uses += 1;
  if (coding === 'identity' || e.uses < 2 || e.identity.length < COMPRESS_MIN_BYTES)
    return { body: e.identity, coding: 'identity' };
  if (coding === 'gzip') return { body: (e.gzip ??= gzipSync(e.identity, { level: 6 })), coding };
  return {
    body: (e.br ??= brotliCompressSync(e.identity, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: 5,
        [constants.BROTLI_PARAM_SIZE_HINT]: e.identity.length,
      },
    })),
    coding,
  };
}
