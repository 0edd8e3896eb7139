import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forgeZip as rawZip, readCourseZip, writeCourseZip } from '@hocvuso/content';
import { createPreparedDatabase, type FreshDatabase } from '@hocvuso/testing';
import PDFDocument from 'pdfkit';
import type { DataSource } from 'typeorm';
import {
  type Browser,
  expectErrorShape,
  signedInDemo,
  signedUpLearner,
  startTestApp,
  type TestApp,
} from './support/test-app';
import { approveForPublish } from './support/review-world';

type Signed = Browser & { id: string; email: string };
const t2 = (vi: string) => ({ vi, en: `${vi} (EN)` });

function pdf(text: string): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ compress: true, info: { CreationDate: new Date(0) } });
    const parts: Buffer[] = [];
    doc.on('data', (b: Buffer) => parts.push(b));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.text(text);
    doc.end();
  });
}

const questions = () =>
  Array.from({ length: 6 }, (_, i) => {
    const base = {
      id: `cau-${i + 1}`,
      competency: 'tt02-2025:4.1',
      prompt: t2(`Câu hỏi số ${i + 1}: cách nào an toàn?`),
      explanation: t2(`Giải thích câu ${i + 1}.`),
    };
    if (i % 3 === 1) return { ...base, type: 'truefalse', answer: i % 2 === 0 };
    if (i % 3 === 2)
      return {
        ...base,
        type: 'ordering',
        items: ['Mở ứng dụng', 'Đăng nhập'].map((text, j) => ({ id: `b${j}`, text: t2(text) })),
      };
    return {
      ...base,
      type: 'single',
      options: ['Cách A', 'Cách B', 'Cách C'].map((text, j) => ({
        id: `l${j}`,
        text: t2(text),
        correct: j === i % 3,
      })),
    };
  });

const document = {
  defaultLanguage: 'vi',
  languages: ['vi', 'en'],
  title: t2('Chuyển khoá học bằng tệp'),
  summary: t2('Xuất và nhập lại một khoá học.'),
  description: t2('# Mô tả\n\nCó dấu --- ở giữa\n---\nvà "ngoặc kép".'),
  targetGroups: ['citizens'],
  subGroups: ['older-adults'],
  competencies: [{ framework: 'tt02-2025', code: '4.1', level: 1 }],
  certificate: true,
  lessons: [
    {
      key: 'gioi-thieu',
      kind: 'text',
      title: t2('Giới thiệu'),
      minutes: 5,
      body: t2('Chào mừng!\n\n---\n\nyes: no'),
    },
    {
      key: 'thuc-hanh',
      kind: 'checklist',
      title: t2('Thực hành'),
      minutes: 3,
      items: [t2('Đặt mật khẩu'), t2('Bật khoá màn hình')],
    },
    {
      key: 'kiem-tra',
      kind: 'quiz',
      title: t2('Bài kiểm tra'),
      minutes: 10,
      instructions: t2('Trả lời mọi câu.'),
      settings: {
        questionsPerAttempt: 3,
        passMark: 70,
        maxAttempts: 3,
        timeLimitMinutes: null,
        reveal: 'afterPass',
        retakeCooldownHours: null,
      },
      questions: questions(),
    },
  ],
};

const json = (res: { body: unknown }) =>
  Buffer.isBuffer(res.body) ? JSON.parse(res.body.toString('utf8')) : res.body;
const binary = (res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/**
 * Courses as files (docs/course-export.md): a studio course exported, imported and exported again gives the same
 * files; every hostile archive is refused naming its entry with nothing stored; only a course's staff export it;
 * a file course copies into the studio as a publish-ready draft and stays untouched.
 */
describe('course export, import and copy to the studio', () => {
  let t: TestApp;
  let world: FreshDatabase;
  let db: DataSource;
  let storageDir: string;
  let teacher: Signed;
  let other: Signed;
  let learner: Signed;
  const tag = randomBytes(3).toString('hex');
  const source = `chuyen-tep-${tag}`;

  const revisionOf = async (b: Browser, id: string) =>
    (await b.agent.get(`/api/teaching/courses/${id}`).expect(200)).body.draft.revision as number;
  const exportZip = (b: Browser, id: string, query = '') =>
    b.agent
      .get(`/api/teaching/courses/${id}/export${query}`)
      .buffer(true)
      .parse(binary as never);
  const importZip = (b: Browser, zip: Buffer, query = '') =>
    b.post(`/api/teaching/courses/import${query}`).set('content-type', 'application/zip').send(zip);
  const state = async () => ({
    courses: Number((await db.query(`SELECT count(*) AS n FROM courses`))[0].n),
    drafts: Number((await db.query(`SELECT count(*) AS n FROM course_drafts`))[0].n),
    materials: Number((await db.query(`SELECT count(*) AS n FROM course_materials`))[0].n),
    files: (() => {
      try {
        return readdirSync(join(storageDir, 'materials'), { recursive: true }).length;
      } catch {
        return 0;
      }
    })(),
  });

  beforeAll(async () => {
    world = await createPreparedDatabase();
    db = world.db;
    storageDir = mkdtempSync(join(tmpdir(), 'hvs-transfer-'));
    t = await startTestApp({
      DATABASE_URL: world.url,
      STORAGE_DIR: storageDir,
      STORAGE_DRIVER: 'local',
      COURSE_ZIP_MAX_BYTES: String(2 * 1024 * 1024),
    });
    const system = await signedInDemo(t.http);
    const make = async (name: string) => {
      const b = await signedUpLearner(t.http, name);
      await system.post('/api/admin/role-grants').send({ userId: b.id, role: 'teacher' }).expect(201);
      return b;
    };
    teacher = await make('Cô Hạnh');
    other = await make('Thầy Quang');
    learner = await signedUpLearner(t.http, 'Bà Tư');
    await teacher.post('/api/teaching/courses').send({ id: source, title: 'Chuyển khoá học' }).expect(201);
    await teacher.agent
      .put(`/api/teaching/courses/${source}/draft`)
      .set('x-csrf-token', teacher.csrf)
      .send({ revision: await revisionOf(teacher, source), document })
      .expect(200);
    await teacher
      .post(`/api/teaching/courses/${source}/materials?name=${encodeURIComponent('Hướng dẫn an toàn.pdf')}`)
      .set('content-type', 'application/octet-stream')
      .send(await pdf('Hướng dẫn: khoá màn hình'))
      .expect(201);
  });
  afterAll(async () => {
    await t.close();
    await world.drop();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it('studio → zip → studio → zip gives byte-identical course files (text, checklist, quiz, a document)', async () => {
    const first = await exportZip(teacher, source).expect(200);
    expect(first.headers['content-type']).toBe('application/zip');
    expect(first.headers['content-disposition']).toContain(`${source}-ban-nhap.zip`);
    expect(first.headers['x-content-type-options']).toBe('nosniff');
    const zip1 = first.body as Buffer;
    const files1 = readCourseZip(zip1);
    expect([...files1.keys()]).toEqual([
      'course.yaml',
      'lessons/gioi-thieu.en.md',
      'lessons/gioi-thieu.vi.md',
      'lessons/kiem-tra.en.md',
      'lessons/kiem-tra.vi.md',
      'lessons/thuc-hanh.en.md',
      'lessons/thuc-hanh.vi.md',
      'media/Hướng dẫn an toàn.pdf',
      'quizzes/kiem-tra.yaml',
    ]);
    // the same export twice is the same bytes
    expect(((await exportZip(teacher, source).expect(200)).body as Buffer).equals(zip1)).toBe(true);

    const copy = `${source}-b`;
    const imported = await importZip(teacher, zip1, `?id=${copy}`).expect(201);
    expect(imported.body).toEqual({ id: copy, lessons: 3, materials: 1, notes: [] });
    const zip2 = (await exportZip(teacher, copy).expect(200)).body as Buffer;
    const files2 = readCourseZip(zip2);
    expect([...files2.keys()]).toEqual([...files1.keys()]);
    for (const [path, bytes] of files1)
      if (path !== 'course.yaml')
        expect({ path, same: bytes.equals(files2.get(path)!) }).toEqual({ path, same: true });
    // course.yaml differs only by the id the import was given; with it, the archives are byte-identical
    const renamed = new Map(files1).set(
      'course.yaml',
      Buffer.from(files1.get('course.yaml')!.toString().replace(`id: ${source}\n`, `id: ${copy}\n`)),
    );
    expect(writeCourseZip(renamed).equals(zip2)).toBe(true);
    const [a, b] = await Promise.all(
      [source, copy].map(
        async (id) => (await teacher.agent.get(`/api/teaching/courses/${id}`).expect(200)).body,
      ),
    );
    expect(b.draft.document).toEqual(a.draft.document);
    expect(b.myRole).toBe('owner');

    // the imported draft is publish-ready; its published version exports as the same files, labelled version 1
    await approveForPublish(t.http, teacher, copy, 1);
    await teacher.post(`/api/teaching/courses/${copy}/publish`).send({ revision: 1 }).expect(200);
    const published = readCourseZip(
      (await exportZip(teacher, copy, '?of=published').expect(200)).body as Buffer,
    );
    expect(published.get('course.yaml')!.toString()).toContain('version: "1"\n');
    expect(published.get('quizzes/kiem-tra.yaml')!.equals(files1.get('quizzes/kiem-tra.yaml')!)).toBe(true);
    // an unpublished draft has no published export
    expectErrorShape(
      json(await exportZip(teacher, source, '?of=published').expect(409)),
      409,
      'COURSE_NOT_PUBLISHED',
    );
  });

  it('refuses an id already taken, and 50 parallel imports of one id make exactly one course', async () => {
    const zip = (await exportZip(teacher, source).expect(200)).body as Buffer;
    const before = await state();
    expectErrorShape((await importZip(teacher, zip).expect(409)).body, 409, 'COURSE_ID_TAKEN');
    expect(await state()).toEqual(before);

    const id = `${source}-song-song`;
    const answers = await Promise.all(Array.from({ length: 50 }, () => importZip(teacher, zip, `?id=${id}`)));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(1);
    expect(answers.filter((r) => r.status === 409).every((r) => r.body.code === 'COURSE_ID_TAKEN')).toBe(
      true,
    );
    expect(answers.filter((r) => r.status !== 201 && r.status !== 409)).toEqual([]);
    expect(
      await db.query(`SELECT count(*)::int AS n FROM course_materials WHERE course_id = $1`, [id]),
    ).toEqual([{ n: 1 }]);
    expect(readdirSync(join(storageDir, 'materials', id))).toHaveLength(1);
  });

  describe('hostile archives: each refused naming the entry, nothing stored', () => {
    let good: Map<string, Buffer>;
    beforeAll(async () => {
      good = readCourseZip((await exportZip(teacher, source).expect(200)).body as Buffer);
    });
    const entries = (files: Map<string, Buffer>) => [...files].map(([name, data]) => ({ name, data }));
    const withFile = (path: string, data: Buffer | string) =>
      writeCourseZip(new Map(good).set(path, Buffer.isBuffer(data) ? data : Buffer.from(data)));
    const pdfPath = 'media/Hướng dẫn an toàn.pdf';
    const cases: Array<[string, () => Buffer, string, string | undefined]> = [
      [
        'zip-slip ../',
        () => rawZip([...entries(good), { name: '../../etc/cron.d/x', data: Buffer.from('x') }]),
        'COURSE_ZIP_UNSAFE_PATH',
        '../../etc/cron.d/x',
      ],
      [
        'an absolute path',
        () => rawZip([...entries(good), { name: '/tmp/x.md', data: Buffer.from('x') }]),
        'COURSE_ZIP_UNSAFE_PATH',
        '/tmp/x.md',
      ],
      [
        'backslashes',
        () => rawZip([...entries(good), { name: 'media\\..\\..\\x', data: Buffer.from('x') }]),
        'COURSE_ZIP_UNSAFE_PATH',
        'media\\..\\..\\x',
      ],
      [
        'a symlink',
        () =>
          rawZip([
            ...entries(good),
            { name: 'media/link.pdf', data: Buffer.from('/etc/passwd'), external: (0o120777 << 16) >>> 0 },
          ]),
        'COURSE_ZIP_SYMLINK',
        'media/link.pdf',
      ],
      [
        'a zip bomb (ratio)',
        () => rawZip([...entries(good), { name: 'media/bomb.pdf', data: Buffer.alloc(8 * 1024 * 1024) }]),
        'COURSE_ZIP_RATIO',
        'media/bomb.pdf',
      ],
      [
        'a size it lies about',
        () =>
          rawZip([
            ...entries(good),
            { name: 'media/lie.pdf', data: Buffer.alloc(1024 * 1024, 3), declaredSize: 100 },
          ]),
        'COURSE_ZIP_TOO_LARGE',
        'media/lie.pdf',
      ],
      [
        'too many entries',
        () =>
          rawZip(
            Array.from({ length: 2001 }, (_, i) => ({
              name: `lessons/l${i}.vi.md`,
              data: Buffer.from('x'),
              method: 0 as const,
            })),
          ),
        'COURSE_ZIP_TOO_MANY_ENTRIES',
        undefined,
      ],
      [
        'a body over COURSE_ZIP_MAX_BYTES',
        () =>
          rawZip([
            ...entries(good),
            { name: 'media/big.pdf', data: randomBytes(3 * 1024 * 1024), method: 0 },
          ]),
        'COURSE_ZIP_TOO_LARGE',
        undefined,
      ],
      [
        'a duplicate name',
        () => rawZip([...entries(good), { name: 'course.yaml', data: Buffer.from('id: khac\n') }]),
        'COURSE_ZIP_DUPLICATE_ENTRY',
        'course.yaml',
      ],
      [
        'a name that is not UTF-8',
        () =>
          rawZip([
            ...entries(good),
            {
              name: Buffer.from([0x6d, 0x65, 0x64, 0x69, 0x61, 0x2f, 0xe0, 0x2e, 0x70, 0x64, 0x66]),
              data: Buffer.from('x'),
              flags: 0,
            },
          ]),
        'COURSE_ZIP_NAME_ENCODING',
        undefined,
      ],
      [
        'an NFD name',
        () => rawZip([...entries(good), { name: 'media/ba\u0300i.pdf', data: Buffer.from('x') }]),
        'COURSE_ZIP_NAME_ENCODING',
        'media/bài.pdf',
      ],
      [
        'huge YAML',
        () =>
          withFile(
            'quizzes/kiem-tra.yaml',
            `id: kiem-tra\nquestions: []\n# ${randomBytes(550 * 1024).toString('hex')}\n`,
          ),
        'COURSE_FILE_TOO_LARGE',
        'quizzes/kiem-tra.yaml',
      ],
      [
        'a YAML alias bomb',
        () =>
          withFile(
            'course.yaml',
            `${good.get('course.yaml')!.toString()}x: &a [1,1,1,1,1,1,1,1,1]\ny: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nz: [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n`,
          ),
        'COURSE_FILE_YAML_ALIAS',
        'course.yaml',
      ],
      [
        'a file not referenced',
        () => withFile('media/thua.pdf', '%PDF-1.4'),
        'COURSE_FILES_INVALID',
        'media/thua.pdf',
      ],
      [
        'a file outside the format',
        () => withFile('run.sh', '#!/bin/sh\nrm -rf /\n'),
        'COURSE_FILES_INVALID',
        'run.sh',
      ],
      [
        'a program as the PDF',
        () => withFile(pdfPath, Buffer.concat([Buffer.from('MZ'), randomBytes(200)])),
        'MATERIAL_EXECUTABLE',
        pdfPath,
      ],
      [
        'a web page as the PDF',
        () => withFile(pdfPath, '<!doctype html><script>alert(1)</script>'),
        'MATERIAL_MARKUP',
        pdfPath,
      ],
      [
        'a video lesson the studio cannot edit yet',
        () =>
          withFile(
            'lessons/gioi-thieu.vi.md',
            '---\nid: gioi-thieu\nkind: video\ntitle: Phim\nminutes: 2\n---\n',
          ),
        'COURSE_FILES_UNSUPPORTED_KIND',
        'lessons/gioi-thieu',
      ],
      ['not a zip at all', () => Buffer.from('%PDF-1.7 rename me'), 'COURSE_ZIP_INVALID', undefined],
    ];
    it.each(cases)('%s', async (_name, make, code, entry) => {
      const before = await state();
      const res = await importZip(teacher, make(), `?id=${source}-xau-${randomBytes(2).toString('hex')}`);
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code });
      expectErrorShape(res.body, 400, code);
      if (entry) expect(res.body.details.entry).toBe(entry);
      expect(await state()).toEqual(before);
    });
  });

  it('only the course staff export; learners and other teachers see no such course', async () => {
    expectErrorShape(json(await exportZip(other, source).expect(404)), 404, 'COURSE_NOT_FOUND');
    expectErrorShape(json(await exportZip(learner, source).expect(404)), 404, 'COURSE_NOT_FOUND');
    expectErrorShape((await importZip(learner, Buffer.from('PK')).expect(403)).body, 403);
    expectErrorShape(
      (await other.post(`/api/teaching/courses/ai-assistants/copy-to-studio`).send({}).expect(404)).body,
      404,
      'COURSE_NOT_FOUND',
    );
  });

  it('copies a file course into the studio as a publish-ready draft; the file course is untouched', async () => {
    await db.query(
      `INSERT INTO course_staff (course_id, user_id, role, added_by) VALUES ('ai-assistants', $1, 'editor', $1)`,
      [teacher.id],
    );
    const versionBefore = await db.query(`SELECT current_version_id FROM courses WHERE id = 'ai-assistants'`);
    const res = await teacher.post('/api/teaching/courses/ai-assistants/copy-to-studio').send({}).expect(201);
    expect(res.body).toMatchObject({ id: 'ai-assistants-ban-sao', lessons: 7, materials: 0 });
    expect(res.body.notes.map((n: { code: string }) => n.code)).toContain('MODULES_MERGED');
    const copy = (await teacher.agent.get('/api/teaching/courses/ai-assistants-ban-sao').expect(200)).body;
    expect(copy).toMatchObject({ source: 'studio', myRole: 'owner', published: false });
    expect(
      copy.draft.document.lessons.map((l: { key: string; kind: string }) => `${l.key}:${l.kind}`),
    ).toEqual([
      'what-generative-ai-does:text',
      'writing-good-prompts:text',
      'checking-ai-answers:text',
      'practice-safe-ai-use:checklist',
      'protecting-data-and-honesty:text',
      'bias-deepfakes-and-voice-scams:text',
      'final-quiz:quiz',
    ]);
    await approveForPublish(t.http, teacher, 'ai-assistants-ban-sao', 1);
    await teacher
      .post('/api/teaching/courses/ai-assistants-ban-sao/publish')
      .send({ revision: 1 })
      .expect(200);
    expect(await db.query(`SELECT current_version_id FROM courses WHERE id = 'ai-assistants'`)).toEqual(
      versionBefore,
    );
    // a second copy gets the next free id
    expect(
      (await teacher.post('/api/teaching/courses/ai-assistants/copy-to-studio').send({}).expect(201)).body.id,
    ).toBe('ai-assistants-ban-sao-2');
    // a studio course is copied by export and import instead
    expectErrorShape(
      (await teacher.post(`/api/teaching/courses/${source}/copy-to-studio`).send({}).expect(409)).body,
      409,
      'COPY_NOT_FILE_COURSE',
    );
  });

  it('refuses to copy a file course with a video lesson the studio cannot edit yet, creating nothing', async () => {
    await db.query(
      `INSERT INTO course_staff (course_id, user_id, role, added_by) VALUES ('online-scams', $1, 'editor', $1)`,
      [teacher.id],
    );
    const before = await state();
    const res = await teacher.post('/api/teaching/courses/online-scams/copy-to-studio').send({}).expect(400);
    expectErrorShape(res.body, 400, 'COURSE_FILES_UNSUPPORTED_KIND');
    expect(res.body.details.lessons).toEqual(['spot-a-scam-video']);
    expect(await state()).toEqual(before);
  });

  it('exports a file course from its folder, in the canonical layout', async () => {
    const files = readCourseZip((await exportZip(teacher, 'ai-assistants').expect(200)).body as Buffer);
    expect(files.get('course.yaml')!.toString()).toContain('id: ai-assistants\n');
    expect([...files.keys()].filter((k) => k.startsWith('quizzes/'))).toEqual(['quizzes/final.yaml']);
  });
});
