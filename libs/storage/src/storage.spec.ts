import { mkdtempSync, rmSync } from 'node:fs';
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
