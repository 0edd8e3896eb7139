import type { ObjectStorage } from '@hocvuso/storage';
import type { FastifyReply } from 'fastify';

/** Caching fit for a CDN: these files never change under their URL (ids and hashes are in it). */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** `bytes=a-b`, `bytes=a-` or `bytes=-n` against a size; null for no range, 'invalid' for one we cannot serve. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | null | 'invalid' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'invalid';
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'invalid';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start > end || start >= size) return 'invalid';
  return { start, end };
}

/**
 * Sends an object from storage with range requests (206, or 416 for a range outside the file), its type,
 * `nosniff`, an ETag and the given caching; answers false when the object is missing.
 */
export async function sendStoredFile(
  reply: FastifyReply,
  storage: ObjectStorage,
  file: { key: string; mediaType: string; etag: string; cacheControl: string },
  rangeHeader: string | undefined,
): Promise<boolean> {
  const size = await storage.size(file.key);
  if (size === undefined) return false;
  const range = parseRange(rangeHeader, size);
  void reply.headers({
    'content-type': file.mediaType,
    'accept-ranges': 'bytes',
    etag: file.etag,
    'cache-control': file.cacheControl,
    'x-content-type-options': 'nosniff',
  });
  if (range === 'invalid') {
    void reply
      .status(416)
      .header('content-range', `bytes */${size}`)
      .header('cache-control', 'no-store')
      .send();
    return true;
  }
  const stream = await storage.read(file.key, range ?? undefined);
  if (!stream) return false;
  if (range) {
    void reply
      .status(206)
      .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
      .header('content-length', String(range.end - range.start + 1));
  } else void reply.status(200).header('content-length', String(size));
  await reply.send(stream);
  return true;
}
