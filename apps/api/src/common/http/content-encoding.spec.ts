import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { COMPRESS_MIN_BYTES, encodedBody, negotiateCoding } from './content-encoding';

describe('negotiateCoding', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip, deflate, br', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['BR;Q=0.5', 'br'],
    ['gzip;q=0, br;q=0', 'identity'],
    ['identity', 'identity'],
    ['*', 'br'],
    ['*;q=0, gzip', 'gzip'],
    ['br;q=0, *', 'gzip'],
    ['x-gzip', 'gzip'],
    ['deflate', 'identity'],
    ['gzip;q=abc', 'identity'],
    [['gzip', 'br;q=0'], 'gzip'],
  ] as const)('%j → %s', (header, coding) => {
    expect(negotiateCoding(header as string | string[] | undefined)).toBe(coding);
  });
});

describe('encodedBody', () => {
  const big = {
    json: JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => `Khóa học số ${i} — Việt Nam`) }),
  };

  it('sends the exact UTF-8 bytes of the JSON, and the same bytes each time (made once)', () => {
    const a = encodedBody(big, 'identity');
    expect(a.coding).toBe('identity');
    expect(a.body.toString('utf8')).toBe(big.json);
    expect(encodedBody(big, 'identity').body).toBe(a.body);
  });

  it('compresses once per entry from its second use; the compressed bytes decompress to the JSON', () => {
    const fresh = { json: big.json };
    expect(encodedBody(fresh, 'br').coding).toBe('identity'); // an answer used once is never compressed
    expect(encodedBody(fresh, 'br').coding).toBe('br');
    const gz = encodedBody(big, 'gzip');
    const br = encodedBody(big, 'br');
    expect([gz.coding, br.coding]).toEqual(['gzip', 'br']);
    expect(gunzipSync(gz.body).toString('utf8')).toBe(big.json);
    expect(brotliDecompressSync(br.body).toString('utf8')).toBe(big.json);
    expect(br.body.length).toBeLessThan(Buffer.byteLength(big.json) / 3);
    expect(encodedBody(big, 'gzip').body).toBe(gz.body);
    expect(encodedBody(big, 'br').body).toBe(br.body);
  });

  it('leaves small answers uncompressed whatever the client accepts', () => {
    const small = { json: '{"ok":true}' };
    expect(Buffer.byteLength(small.json)).toBeLessThan(COMPRESS_MIN_BYTES);
    expect(encodedBody(small, 'br')).toEqual({ body: Buffer.from(small.json), coding: 'identity' });
  });

  it('keeps entries apart: another cached answer with other text gets its own bytes', () => {
    const other = { json: big.json.replace('Khóa', 'Bài') };
    encodedBody(other, 'identity');
    expect(gunzipSync(encodedBody(other, 'gzip').body).toString('utf8')).toBe(other.json);
    expect(gunzipSync(encodedBody(big, 'gzip').body).toString('utf8')).toBe(big.json);
  });
});
