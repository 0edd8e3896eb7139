// Writes `.br` and `.gz` siblings of the web app's text assets once, at build time, so the api's static route
// (@fastify/static with `preCompressed`) sends them compressed without spending CPU per request. A phone on a
// slow network gets the JavaScript and CSS at about a quarter of their size (issue 16, item 9: the tier-0 server
// sent 463 KB of uncompressed JavaScript on a first visit).
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Text formats worth compressing (fonts in woff2 and images are compressed already). */
const TEXT = new Set([
  '.js',
  '.mjs',
  '.css',
  '.html',
  '.svg',
  '.json',
  '.webmanifest',
  '.txt',
  '.xml',
  '.map',
]);
/** Below this, a compressed copy saves less than a packet. */
const MIN_BYTES = 1024;

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

/** Compresses every text asset under `dir`; returns how many files and their bytes before and after brotli. */
export async function precompress(dir) {
  const totals = { files: 0, bytes: 0, brotli: 0, gzip: 0 };
  for await (const path of files(dir)) {
    if (!TEXT.has(extname(path))) continue;
    const body = await readFile(path);
    if (body.length < MIN_BYTES) continue;
    const br = brotliCompressSync(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    });
    const gz = gzipSync(body, { level: 9 });
    await writeFile(`${path}.br`, br);
    await writeFile(`${path}.gz`, gz);
    totals.files += 1;
    totals.bytes += body.length;
    totals.brotli += br.length;
    totals.gzip += gz.length;
  }
  return totals;
}
