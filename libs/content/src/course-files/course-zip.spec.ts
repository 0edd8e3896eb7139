import { forgeZip as rawZip } from './forge-zip';
import { readCourseZip, writeCourseZip } from './course-zip';

const ok = (name: string, text = 'nội dung') => ({ name, data: Buffer.from(text) });
const refusal = (zip: Buffer, limits?: Parameters<typeof readCourseZip>[1]) => {
  try {
    readCourseZip(zip, limits);
  } catch (e) {
    const err = e as { code: string; details?: { entry?: string }; message: string };
    return { code: err.code, entry: err.details?.entry, message: err.message };
  }
  throw new Error('expected a refusal');
};

describe('course archives: reading a hostile ZIP', () => {
  it('reads a well-formed archive, folders dropped, bytes exact', () => {
    const files = readCourseZip(
      rawZip([
        { name: 'lessons/', method: 0, external: (0o040755 << 16) >>> 0 },
        ok('course.yaml', 'id: x\n'),
        ok('lessons/bài.vi.md'),
      ]),
    );
    expect([...files.keys()]).toEqual(['course.yaml', 'lessons/bài.vi.md']);
    expect(files.get('lessons/bài.vi.md')!.toString()).toBe('nội dung');
  });

  it.each([
    ['../evil.md', 'COURSE_ZIP_UNSAFE_PATH'],
    ['lessons/../../evil.md', 'COURSE_ZIP_UNSAFE_PATH'],
    ['/etc/passwd', 'COURSE_ZIP_UNSAFE_PATH'],
    ['C:/Windows/x.md', 'COURSE_ZIP_UNSAFE_PATH'],
    ['lessons\\..\\evil.md', 'COURSE_ZIP_UNSAFE_PATH'],
    ['lessons//x.md', 'COURSE_ZIP_UNSAFE_PATH'],
    ['lessons/a\u202Edm.exe', 'COURSE_ZIP_UNSAFE_PATH'],
    ['lessons/a\u200Bb.md', 'COURSE_ZIP_UNSAFE_PATH'],
    ['lessons/a\u0000b.md', 'COURSE_ZIP_UNSAFE_PATH'],
  ])('refuses the path %j naming it', (name, code) => {
    const r = refusal(rawZip([ok('course.yaml'), ok(name)]));
    expect(r.code).toBe(code);
    expect(r.entry).toBe(name);
  });

  it('refuses a symbolic link and a device file', () => {
    expect(
      refusal(
        rawZip([
          ok('course.yaml'),
          { ...ok('media/x.pdf', '/etc/passwd'), external: (0o120777 << 16) >>> 0 },
        ]),
      ),
    ).toMatchObject({
      code: 'COURSE_ZIP_SYMLINK',
      entry: 'media/x.pdf',
    });
    expect(refusal(rawZip([{ ...ok('media/dev'), external: (0o020644 << 16) >>> 0 }])).code).toBe(
      'COURSE_ZIP_SPECIAL_FILE',
    );
  });

  it('refuses a name that is not UTF-8, not marked UTF-8, or decomposed (NFD)', () => {
    expect(
      refusal(
        rawZip([
          { name: Buffer.from([0x62, 0xe0, 0x69, 0x2e, 0x6d, 0x64]), data: Buffer.from('x'), flags: 0x800 },
        ]),
      ).code,
    ).toBe('COURSE_ZIP_NAME_ENCODING');
    expect(
      refusal(rawZip([{ name: Buffer.from('bài.md', 'utf8'), data: Buffer.from('x'), flags: 0 }])).code,
    ).toBe('COURSE_ZIP_NAME_ENCODING');
    const nfd = 'lessons/ba\u0300i.vi.md';
    expect(refusal(rawZip([ok(nfd)]))).toMatchObject({
      code: 'COURSE_ZIP_NAME_ENCODING',
      entry: nfd.normalize('NFC'),
    });
  });

  it('refuses the same path twice, also differing only in case', () => {
    expect(refusal(rawZip([ok('course.yaml'), ok('course.yaml', 'id: y')])).code).toBe(
      'COURSE_ZIP_DUPLICATE_ENTRY',
    );
    expect(refusal(rawZip([ok('media/A.pdf'), ok('media/a.pdf')]))).toMatchObject({
      code: 'COURSE_ZIP_DUPLICATE_ENTRY',
      entry: 'media/a.pdf',
    });
  });

  it('refuses too many entries before reading any', () => {
    const many = Array.from({ length: 11 }, (_, i) => ok(`lessons/l${i}.vi.md`));
    expect(
      refusal(rawZip(many), { maxEntries: 10, maxTotalBytes: 1e9, maxEntryBytes: 1e9, maxRatio: 100 }).code,
    ).toBe('COURSE_ZIP_TOO_MANY_ENTRIES');
  });

  it('refuses a zip bomb: by ratio, by total size, by a size it lies about, by shared bytes', () => {
    const zeros = Buffer.alloc(5 * 1024 * 1024);
    expect(refusal(rawZip([{ name: 'media/bomb.pdf', data: zeros }]))).toMatchObject({
      code: 'COURSE_ZIP_RATIO',
      entry: 'media/bomb.pdf',
    });
    const limits = { maxEntries: 100, maxTotalBytes: 1000, maxEntryBytes: 1000, maxRatio: 100 };
    expect(refusal(rawZip([ok('a.md', 'x'.repeat(600)), ok('b.md', 'y'.repeat(600))]), limits).code).toBe(
      'COURSE_ZIP_TOO_LARGE',
    );
    expect(refusal(rawZip([ok('a.md', 'x'.repeat(2000))]), limits).code).toBe('COURSE_ZIP_TOO_LARGE');
    // declares 10 bytes, inflates to 1 MiB: stopped at the declared size
    expect(
      refusal(rawZip([{ name: 'media/lie.pdf', data: Buffer.alloc(1024 * 1024, 7), declaredSize: 10 }])),
    ).toMatchObject({
      code: 'COURSE_ZIP_TOO_LARGE',
      entry: 'media/lie.pdf',
    });
    expect(
      refusal(
        rawZip([ok('a.md', 'x'.repeat(100)), { ...ok('a.md', 'x'.repeat(100)), name: 'a.md', shareWith: 0 }]),
      ).code,
    ).toMatch(/COURSE_ZIP_(INVALID|DUPLICATE_ENTRY)/);
  });

  it('refuses overlapping entries, a damaged checksum, encryption, unknown methods and non-archives', () => {
    const shared = rawZip([ok('a.md', 'x'.repeat(100)), { ...ok('a.md'), name: 'b.md', shareWith: 0 }]);
    expect(refusal(shared).code).toBe('COURSE_ZIP_INVALID');
    const good = rawZip([{ name: 'a.md', data: Buffer.from('hello'), method: 0 }]);
    const flipped = Buffer.from(good);
    flipped[34] = flipped[34]! ^ 0xff; // one byte of the stored data
    expect(refusal(flipped)).toMatchObject({ code: 'COURSE_ZIP_INVALID', entry: 'a.md' });
    expect(refusal(rawZip([{ ...ok('a.md'), flags: 1 }])).code).toBe('COURSE_ZIP_ENCRYPTED');
    expect(refusal(Buffer.from('%PDF-1.7 not a zip')).code).toBe('COURSE_ZIP_INVALID');
    expect(refusal(Buffer.alloc(0)).code).toBe('COURSE_ZIP_INVALID');
  });
});

describe('course archives: writing', () => {
  it('is deterministic whatever the insertion order or the clock, and reads back exactly', () => {
    const a = new Map<string, Uint8Array>([
      ['lessons/b.vi.md', Buffer.from('B')],
      ['course.yaml', Buffer.from('id: x\n')],
      ['media/Sơ đồ.pdf', Buffer.from('%PDF')],
    ]);
    const b = new Map([...a.entries()].reverse());
    const zipA = writeCourseZip(a);
    expect(writeCourseZip(b).equals(zipA)).toBe(true);
    const read = readCourseZip(zipA);
    expect([...read.keys()]).toEqual(['course.yaml', 'lessons/b.vi.md', 'media/Sơ đồ.pdf']);
    expect(read.get('media/Sơ đồ.pdf')!.toString()).toBe('%PDF');
  });
});
