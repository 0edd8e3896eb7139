import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { createStorage } from '../src';

/**
 * The S3 driver against s3rver, an S3-protocol server written in Node (no MinIO or cloud bucket is reachable
 * here): real HTTP requests and real buckets on disk. s3rver refuses unknown access keys but does not check the
 * SigV4 signature itself, so signing is covered by aws4fetch's own tests, not here.
 */
describe('S3-compatible storage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hvs-s3-'));
  let server: S3rver;
  let endpoint: string;

  beforeAll(async () => {
    const s3 = new S3rver({
      port: 0,
      address: '127.0.0.1',
      directory: dir,
      silent: true,
      configureBuckets: [{ name: 'hocvuso-test', configs: [] }],
    });
    const info: AddressInfo = await s3.run();
    server = s3;
    endpoint = `http://127.0.0.1:${info.port}`;
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('puts, gets and checks objects by key, through path-style URLs', async () => {
    const storage = createStorage({
      driver: 's3',
      endpoint,
      bucket: 'hocvuso-test',
      region: 'ap-southeast-1',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
    });
    const pdf = Buffer.from('%PDF-1.7 Giấy chứng nhận', 'utf8');
    await storage.put('certificates/2026/abc.pdf', pdf, 'application/pdf');
    expect(await storage.exists('certificates/2026/abc.pdf')).toBe(true);
    expect((await storage.get('certificates/2026/abc.pdf'))?.equals(pdf)).toBe(true);
    expect(await storage.get('certificates/missing.pdf')).toBeUndefined();
    expect(await storage.exists('certificates/missing.pdf')).toBe(false);
    await expect(storage.put('../escape', pdf, 'application/pdf')).rejects.toThrow(/invalid storage key/);
    // delete (a refused course import removes what it stored): gone after, and deleting twice is fine
    await storage.delete('certificates/2026/abc.pdf');
    expect(await storage.exists('certificates/2026/abc.pdf')).toBe(false);
    await storage.delete('certificates/2026/abc.pdf');
  });

  it('streams a file up with its SHA-256 signed, reads ranges back, removes it', async () => {
    const storage = createStorage({
      driver: 's3',
      endpoint,
      bucket: 'hocvuso-test',
      region: 'ap-southeast-1',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
    });
    const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) % 256));
    const src = join(dir, 'video.bin');
    writeFileSync(src, bytes);
    const sha = createHash('sha256').update(bytes).digest('hex');
    await storage.putFile('videos/v1/original.mp4', src, 'video/mp4', sha);
    expect(await storage.size('videos/v1/original.mp4')).toBe(bytes.length);
    const read = async (range?: { start: number; end: number }) => {
      const parts: Buffer[] = [];
      for await (const c of (await storage.read('videos/v1/original.mp4', range))!) parts.push(c as Buffer);
      return Buffer.concat(parts);
    };
    expect((await read()).equals(bytes)).toBe(true);
    expect((await read({ start: 1000, end: 1999 })).equals(bytes.subarray(1000, 2000))).toBe(true);
    // The SHA-256 is signed into the request (x-amz-content-sha256); s3rver does not check it (a real S3 does).
    await storage.delete('videos/v1/original.mp4');
    expect(await storage.read('videos/v1/original.mp4')).toBeUndefined();
  });

  it('reports a missing bucket and wrong credentials as errors, not as missing objects', async () => {
    const settings = {
      endpoint,
      region: 'ap-southeast-1',
      forcePathStyle: true,
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
    };
    const noBucket = createStorage({ driver: 's3', ...settings, bucket: 'no-such-bucket' });
    await expect(noBucket.put('a.pdf', Buffer.from('x'), 'application/pdf')).rejects.toThrow(/HTTP 404/);
    const forged = createStorage({
      driver: 's3',
      ...settings,
      bucket: 'hocvuso-test',
      accessKeyId: 'NOT-A-KEY',
    });
    await expect(forged.put('a.pdf', Buffer.from('x'), 'application/pdf')).rejects.toThrow(/HTTP 403/);
    await expect(forged.exists('certificates/2026/abc.pdf')).rejects.toThrow(/HTTP 403/);
  });
});
