import type { Readable } from 'node:stream';

/**
 * Reads a raw request body (a Buffer, or the stream a raw content-type parser hands over), stopping as soon as it
 * passes `max` bytes: `tooLarge()` is thrown then, `notStream()` when there is no body to read.
 */
export async function readLimitedBody(
  body: unknown,
  max: number,
  errors: { tooLarge: () => Error; notStream: () => Error },
): Promise<Buffer> {
  if (Buffer.isBuffer(body)) {
    if (body.length > max) throw errors.tooLarge();
    return body;
  }
  const stream = body as Readable | undefined;
  if (!stream || typeof stream[Symbol.asyncIterator] !== 'function') throw errors.notStream();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > max) {
      stream.destroy();
      throw errors.tooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}
