import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalDiskStorage } from './storage';

describe('LocalDiskStorage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hvs-storage-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stores and reads back bytes under nested keys', async () => {
    const s = new LocalDiskStorage(dir);
    await s.put('certificates/2026/11/a.pdf', Buffer.from('%PDF-1.7 test'), 'application/pdf');
    expect((await s.get('certificates/2026/11/a.pdf'))?.toString()).toBe('%PDF-1.7 test');
    expect(await s.exists('certificates/2026/11/a.pdf')).toBe(true);
    expect(await s.get('certificates/missing.pdf')).toBeUndefined();
  });

  it('refuses keys that would escape its folder', async () => {
    const s = new LocalDiskStorage(dir);
    for (const key of ['../x', 'a/../../x', '/etc/passwd', 'a//b', 'A\u0000']) {
      await expect(s.put(key, Buffer.from('x'), 'text/plain')).rejects.toThrow(/invalid storage key/);
    }
  });
});

describe('LocalDiskStorage: files and ranges (videos)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hvs-storage-stream-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const readAll = async (s: NodeJS.ReadableStream | undefined) => {
    const parts: Buffer[] = [];
    for await (const c of s!) parts.push(c as Buffer);
    return Buffer.concat(parts);
  };

  it('stores a local file, tells its size, reads it whole or by an inclusive range, removes it', async () => {
    const s = new LocalDiskStorage(join(dir, 'store'));
    const src = join(dir, 'source.bin');
    const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
    writeFileSync(src, bytes);
    await s.putFile('videos/a/original.mp4', src, 'video/mp4', 'x'.repeat(64));
    expect(await s.size('videos/a/original.mp4')).toBe(1000);
    expect((await readAll(await s.read('videos/a/original.mp4'))).equals(bytes)).toBe(true);
    expect(
      (await readAll(await s.read('videos/a/original.mp4', { start: 10, end: 19 }))).equals(
        bytes.subarray(10, 20),
      ),
    ).toBe(true);
    expect(await s.read('videos/a/missing.mp4')).toBeUndefined();
    expect(await s.size('videos/a/missing.mp4')).toBeUndefined();
    await s.delete('videos/a/original.mp4');
    await s.delete('videos/a/original.mp4');
    expect(await s.exists('videos/a/original.mp4')).toBe(false);
    expect(readdirSync(join(dir, 'store', 'videos', 'a'))).toEqual([]);
    await expect(s.putFile('../x', src, 'video/mp4', '')).rejects.toThrow(/invalid storage key/);
  });
});
