import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPreparedDatabase, type FreshDatabase } from '@hocvuso/testing';
import PDFDocument from 'pdfkit';
import {
  type Browser,
  expectErrorShape,
  signedInDemo,
  signedUpLearner,
  startTestApp,
  type TestApp,
} from './support/test-app';

const MAX = 64 * 1024;

function pdf(pages: string[]): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ compress: true });
    const parts: Buffer[] = [];
    doc.on('data', (b: Buffer) => parts.push(b));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    pages.forEach((text, i) => {
      if (i > 0) doc.addPage();
      doc.text(text);
    });
    doc.end();
  });
}

/** A minimal ZIP: one stored entry, its central directory and the end record. */
function zip(name: string, content: string): Buffer {
  const n = Buffer.from(name);
  const c = Buffer.from(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(n.length, 26);
  local.writeUInt32LE(c.length, 18);
  local.writeUInt32LE(c.length, 22);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(n.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  return Buffer.concat([local, n, c, central, n, end]);
}

/**
 * Studio materials (docs/materials.md): a teacher uploads PDFs, images and office files to their course; the
 * type comes from the bytes, the stored name from the server; hostile files are refused with a code naming the
 * problem and leave no file and no row behind; downloads are attachments with nosniff.
 */
describe('materials: /api/teaching/courses/:id/materials', () => {
  let t: TestApp;
  let world: FreshDatabase;
  let storageDir: string;
  let teacher: Browser;
  let other: Browser;
  const tag = Date.now().toString(36);
  const course = `tai-lieu-${tag}`;
  const otherCourse = `tai-lieu-khac-${tag}`;

  const upload = (b: Browser, body: Buffer, name: string, id = course, extra = '') =>
    b
      .post(`/api/teaching/courses/${id}/materials?name=${encodeURIComponent(name)}${extra}`)
      .set('content-type', 'application/octet-stream')
      .send(body);
  const storedFiles = (): string[] => {
    const dir = join(storageDir, 'materials', course);
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  };
  const rowCount = async () =>
    Number(
      (await world.db.query(`SELECT count(*) AS n FROM course_materials WHERE course_id = $1`, [course]))[0]
        .n,
    );

  beforeAll(async () => {
    world = await createPreparedDatabase();
    storageDir = mkdtempSync(join(tmpdir(), 'hvs-materials-'));
    t = await startTestApp({
      DATABASE_URL: world.url,
      STORAGE_DIR: storageDir,
      STORAGE_DRIVER: 'local',
      MATERIAL_MAX_BYTES: String(MAX),
    });
    const system = await signedInDemo(t.http);
    const make = async (name: string, id: string) => {
      const b = await signedUpLearner(t.http, name);
      await system.post('/api/admin/role-grants').send({ userId: b.id, role: 'teacher' }).expect(201);
      await b
        .post('/api/teaching/courses')
        .send({ id, title: `Khoá ${name}` })
        .expect(201);
      return b;
    };
    teacher = await make('Cô Lan', course);
    other = await make('Thầy Minh', otherCourse);
  });
  afterAll(async () => {
    await t.close();
    await world.drop();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it('a good PDF: stored under a server-made key, its pages counted and its text extracted', async () => {
    const file = await pdf(['Bài 1: Khoá màn hình điện thoại', 'Second page about passwords']);
    const res = await upload(teacher, file, 'Hướng dẫn bảo mật.pdf').expect(201);
    expect(res.body).toMatchObject({
      name: 'Hướng dẫn bảo mật.pdf'.normalize('NFC'),
      mediaType: 'application/pdf',
      sizeBytes: file.length,
      pageCount: 2,
      textExtracted: true,
      created: true,
    });
    const row = (
      await world.db.query(`SELECT storage_key, extracted_text FROM course_materials WHERE id = $1`, [
        res.body.id,
      ])
    )[0];
    expect(row.storage_key).toBe(`materials/${course}/${res.body.sha256}`);
    expect(row.extracted_text).toContain('Second page about passwords');
    expect(storedFiles()).toEqual([res.body.sha256]);

    const dl = await teacher.agent
      .get(`/api/teaching/courses/${course}/materials/${res.body.id}/file`)
      .expect(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.headers['content-disposition']).toBe(
      `attachment; filename="Huong dan bao mat.pdf"; filename*=UTF-8''${encodeURIComponent('Hướng dẫn bảo mật.pdf')}`,
    );
    expect(Buffer.compare(dl.body as Buffer, file)).toBe(0);
  });

  it('another teacher cannot upload to, list or download from the course: 404 COURSE_NOT_FOUND', async () => {
    const listed = await teacher.agent.get(`/api/teaching/courses/${course}/materials`).expect(200);
    const id = listed.body.items[0].id as string;
    const before = await rowCount();
    expectErrorShape((await upload(other, await pdf(['x']), 'x.pdf')).body, 404, 'COURSE_NOT_FOUND');
    expectErrorShape(
      (await other.agent.get(`/api/teaching/courses/${course}/materials/${id}/file`)).body,
      404,
      'COURSE_NOT_FOUND',
    );
    // Their own course does not reach this course's material either.
    expectErrorShape(
      (await other.agent.get(`/api/teaching/courses/${otherCourse}/materials/${id}/file`)).body,
      404,
      'MATERIAL_NOT_FOUND',
    );
    expect(await rowCount()).toBe(before);
  });

  const hostile: Array<[string, () => Promise<Buffer> | Buffer, string, string]> = [
    [
      'a Windows executable named .pdf',
      () => Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(200)]),
      'de-cuong.pdf',
      'MATERIAL_EXECUTABLE',
    ],
    [
      'a Linux executable named .pdf',
      () => Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01'), Buffer.alloc(200)]),
      'de-cuong.pdf',
      'MATERIAL_EXECUTABLE',
    ],
    [
      'HTML named .pdf',
      () => Buffer.from('<!doctype html><html><script>alert(1)</script></html>'),
      'bai-giang.pdf',
      'MATERIAL_MARKUP',
    ],
    [
      'an SVG with a script named .png',
      () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      'hinh.png',
      'MATERIAL_MARKUP',
    ],
    [
      'a PDF+ZIP polyglot',
      async () => Buffer.concat([await pdf(['hello']), zip('payload.html', '<script>x</script>')]),
      'tai-lieu.pdf',
      'MATERIAL_POLYGLOT',
    ],
    ['a zero-length file', () => Buffer.alloc(0), 'rong.pdf', 'MATERIAL_EMPTY'],
    [
      'a file over the limit',
      () => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(MAX + 10, 0x20)]),
      'lon.pdf',
      'MATERIAL_TOO_LARGE',
    ],
    ['a path-traversal name', () => pdf(['ok']), '../../etc/passwd.pdf', 'MATERIAL_NAME_INVALID'],
    ['a name with a bidi override', () => pdf(['ok2']), 'tai\u202Efdp.exe', 'MATERIAL_NAME_INVALID'],
    ['a plain ZIP', () => zip('a.txt', 'hello'), 'a.docx', 'MATERIAL_TYPE_NOT_ALLOWED'],
  ];
  it.each(hostile)(
    '%s is refused with a code naming it, and nothing is stored',
    async (_what, make, name, code) => {
      const files = storedFiles();
      const rows = await rowCount();
      const res = await upload(teacher, await make(), name);
      expectErrorShape(res.body, 400, code);
      expect(storedFiles()).toEqual(files);
      expect(await rowCount()).toBe(rows);
      // No temporary file was left in the course's folder either.
      expect(storedFiles().some((f) => f.endsWith('.tmp'))).toBe(false);
    },
  );

  it('an image keeps its alt text; the extension follows the content, not the name', async () => {
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
        '1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082',
      'hex',
    );
    const res = await upload(
      teacher,
      png,
      'so-do.jpg',
      course,
      `&altText=${encodeURIComponent('Sơ đồ mạng')}`,
    ).expect(201);
    expect(res.body).toMatchObject({
      mediaType: 'image/png',
      name: 'so-do.png',
      altText: 'Sơ đồ mạng',
      pageCount: null,
    });
    const changed = await teacher.agent
      .put(`/api/teaching/courses/${course}/materials/${res.body.id}/alt-text`)
      .set('x-csrf-token', teacher.csrf)
      .send({ altText: '   ' });
    expectErrorShape(changed.body, 400, 'MATERIAL_ALT_TEXT_REQUIRED');
  });

  it('50 parallel uploads of the same file are one material (deduplicated by SHA-256) and one stored file', async () => {
    const file = await pdf(['Cùng một tệp tải lên năm mươi lần']);
    const before = storedFiles().length;
    const rows = await rowCount();
    const results = await Promise.all(
      Array.from({ length: 50 }, () => upload(teacher, file, 'cung-tep.pdf')),
    );
    expect(results.map((r) => r.status).sort()).toEqual([...Array(49).fill(200), 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await rowCount()).toBe(rows + 1);
    expect(storedFiles().length).toBe(before + 1);
    expect(storedFiles().some((f) => f.endsWith('.tmp'))).toBe(false);
  });
});
