/**
 * The web app's JavaScript and CSS travel compressed (issue 16, item 9: the tier-0 server sent 463 KB of
 * uncompressed JavaScript on a first visit). tools/build.mjs writes brotli and gzip copies at build time and
 * the api's static route picks the one the browser accepts. Raw HTTP here, so the bytes on the wire are seen
 * as they are (fetch would decompress them silently).
 */
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(url: string, acceptEncoding?: string): Promise<RawResponse> {
  return new Promise((done, fail) => {
    const req = request(
      url,
      { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end();
  });
}

const baseUrl = (process.env.E2E_BASE_URL ?? '').replace(/\/$/, '');

describe('compressed web assets', () => {
  let assets: string[] = [];

  beforeAll(async () => {
    if (!baseUrl) throw new Error('Set E2E_BASE_URL to run the compressed assets checks.');
    const index = await get(`${baseUrl}/`);
    expect(index.status).toBe(200);
    assets = [...index.body.toString('utf8').matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map(
      (m) => m[1],
    );
  });

  it('the first visit loads its scripts and styles from hashed assets', () => {
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
  });

  it('sends brotli to a browser that accepts it, gzip to one that accepts only gzip, and the same bytes once decoded', async () => {
    let compressed = 0;
    for (const asset of assets) {
      const plain = await get(`${baseUrl}${asset}`);
      // Below 1 KiB a compressed copy saves less than a packet: tools/lib/precompress.mjs leaves those.
      if (plain.body.length < 1024) continue;
      compressed += 1;
      expect({ asset, status: plain.status, encoding: plain.headers['content-encoding'] }).toEqual({
        asset,
        status: 200,
        encoding: undefined,
      });
      const br = await get(`${baseUrl}${asset}`, 'gzip, deflate, br');
      expect({ asset, encoding: br.headers['content-encoding'] }).toEqual({ asset, encoding: 'br' });
      expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
      const gz = await get(`${baseUrl}${asset}`, 'gzip');
      expect({ asset, encoding: gz.headers['content-encoding'] }).toEqual({ asset, encoding: 'gzip' });
      expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    }
    expect(compressed).toBeGreaterThan(1);
  });

  it('a first visit transfers its JavaScript at a third of its size or less', async () => {
    let plainBytes = 0;
    let sentBytes = 0;
    for (const asset of assets.filter((a) => a.endsWith('.js'))) {
      plainBytes += (await get(`${baseUrl}${asset}`)).body.length;
      sentBytes += (await get(`${baseUrl}${asset}`, 'gzip, deflate, br')).body.length;
    }
    expect(sentBytes * 3).toBeLessThan(plainBytes);
  });

  it('a client route (the SPA fallback) is compressed too and still revalidated', async () => {
    // fetch (as a browser would send it); it decodes the body and keeps the headers.
    const page = await fetch(`${baseUrl}/me/learning`, {
      headers: { accept: 'text/html,application/xhtml+xml', 'accept-encoding': 'br' },
    });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('content-encoding')).toBe('br');
    expect(await page.text()).toContain('<div id="root">');
  });
});
