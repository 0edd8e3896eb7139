import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createPreparedDatabase, type FreshDatabase } from '@hocvuso/testing';
import PDFDocument from 'pdfkit';
import request from 'supertest';
import { approveForPublish, newReviewer } from './support/review-world';
import {
  type Browser,
  expectErrorShape,
  signedInDemo,
  signedUpLearner,
  startTestApp,
  type TestApp,
} from './support/test-app';

type Signed = Browser & { id: string };

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082',
  'hex',
);

function pdf(text: string): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ compress: true });
    const parts: Buffer[] = [];
    doc.on('data', (b: Buffer) => parts.push(b));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.text(text);
    doc.end();
  });
}

const question = (id: string, competency: string | null = 'tt02-2025:1.1') => ({
  id,
  type: 'truefalse',
  competency,
  prompt: { vi: `Câu ${id}: mật khẩu nên dài?` },
  explanation: { vi: 'Mật khẩu dài khó đoán hơn.' },
  answer: true,
});

const base = (
  lessons: unknown[],
  competencies: unknown[] = [{ framework: 'tt02-2025', code: '1.1', level: 1 }],
) => ({
  defaultLanguage: 'vi',
  languages: ['vi'],
  title: { vi: 'Khoá có cổng xuất bản' },
  summary: { vi: 'Những điều cơ bản.' },
  description: { vi: 'Dành cho người mới bắt đầu.' },
  targetGroups: ['citizens'],
  subGroups: [],
  competencies,
  certificate: false,
  lessons,
});
const text = (key: string, body = 'Nội dung bài học.') => ({
  key,
  kind: 'text',
  title: { vi: `Bài ${key}` },
  minutes: 5,
  body: { vi: body },
});
const documentLesson = (key: string, materialId: string | null) => ({
  key,
  kind: 'document',
  title: { vi: `Tài liệu ${key}` },
  minutes: 5,
  materialId,
  body: { vi: 'Tờ hướng dẫn in được.' },
});

/**
 * The publish gate (docs/studio-review.md): review is mandatory (draft → in review → approved → published, the
 * approved revision exactly), every reason a draft is not fit to publish is listed at once with a stable code
 * and a lesson path (submit and publish), a document lesson shows a material of its own course only, an image
 * needs alt text, and a published document is downloaded as an attachment by learners.
 */
describe('studio publish gate', () => {
  let t: TestApp;
  let world: FreshDatabase;
  let storageDir: string;
  let teacher: Signed;
  let otherTeacher: Signed;
  let reviewer: Signed;
  const tag = randomBytes(3).toString('hex');
  let n = 0;

  const revisionOf = async (b: Browser, id: string) =>
    (await b.agent.get(`/api/teaching/courses/${id}`).expect(200)).body.draft.revision as number;
  const put = async (b: Browser, id: string, document: unknown, status: number) =>
    b.agent
      .put(`/api/teaching/courses/${id}/draft`)
      .set('x-csrf-token', b.csrf)
      .send({ revision: await revisionOf(b, id), document })
      .expect(status);
  const save = async (b: Browser, id: string, document: unknown): Promise<number> =>
    (await put(b, id, document, 200)).body.revision as number;
  const newCourse = async (by: Signed = teacher) => {
    const id = `cong-${tag}-${++n}`;
    await by.post('/api/teaching/courses').send({ id, title: 'Khoá có cổng xuất bản' }).expect(201);
    return id;
  };
  const upload = async (b: Browser, courseId: string, body: Buffer, name: string, altText?: string) =>
    (
      await b
        .post(
          `/api/teaching/courses/${courseId}/materials?name=${encodeURIComponent(name)}` +
            (altText ? `&altText=${encodeURIComponent(altText)}` : ''),
        )
        .set('content-type', 'application/octet-stream')
        .send(body)
        .expect(201)
    ).body.id as string;
  const versions = async (id: string) =>
    Number(
      (await world.db.query(`SELECT count(*) AS n FROM course_versions WHERE course_id = $1`, [id]))[0].n,
    );

  beforeAll(async () => {
    world = await createPreparedDatabase();
    storageDir = mkdtempSync(join(tmpdir(), 'hvs-gate-'));
    t = await startTestApp({ DATABASE_URL: world.url, STORAGE_DIR: storageDir, STORAGE_DRIVER: 'local' });
    const system = await signedInDemo(t.http);
    const grant = async (name: string) => {
      const u = await signedUpLearner(t.http, name);
      await system.post('/api/admin/role-grants').send({ userId: u.id, role: 'teacher' }).expect(201);
      return u;
    };
    teacher = await grant('Cô Hoa');
    otherTeacher = await grant('Thầy Nam');
    reviewer = await newReviewer(t.http);
  });
  afterAll(async () => {
    await t.close();
    await world.drop();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it('an approval holds for its revision only: an edit after approval is refused until approved again', async () => {
    const id = await newCourse();
    const first = await save(teacher, id, base([text('mo-dau')]));
    await approveForPublish(t.http, teacher, id, first);
    const edited = await save(teacher, id, base([text('mo-dau', 'Đã sửa sau khi duyệt.')]));
    const refused = await teacher
      .post(`/api/teaching/courses/${id}/publish`)
      .send({ revision: edited })
      .expect(409);
    expectErrorShape(refused.body, 409, 'REVIEW_REQUIRED');
    expect(refused.body.details).toEqual({ status: 'stale_approval' });
    expect(await versions(id)).toBe(0);
    await approveForPublish(t.http, teacher, id, edited);
    await teacher.post(`/api/teaching/courses/${id}/publish`).send({ revision: edited }).expect(200);
    expect(await versions(id)).toBe(1);
  });

  it('every reason is listed at once, with stable codes and lesson paths, on submit and in the editor', async () => {
    const id = await newCourse();
    const image = await upload(teacher, id, PNG, 'so-do.png');
    const revision = await save(
      teacher,
      id,
      base(
        [
          text('trong', '   '),
          { key: 'viec-can-lam', kind: 'checklist', title: { vi: 'Việc cần làm' }, minutes: 5, items: [] },
          {
            key: 'kiem-tra-rong',
            kind: 'quiz',
            title: { vi: 'Kiểm tra rỗng' },
            minutes: 5,
            instructions: { vi: 'Trả lời.' },
            settings: { questionsPerAttempt: 1, passMark: 70 },
            questions: [],
          },
          {
            key: 'kiem-tra-it',
            kind: 'quiz',
            title: { vi: 'Kiểm tra ít câu' },
            minutes: 5,
            instructions: { vi: 'Trả lời.' },
            settings: { questionsPerAttempt: 3, passMark: 70 },
            questions: [question('a', null)],
          },
          documentLesson('chua-chon', null),
          documentLesson('hinh-anh', image),
        ],
        [],
      ),
    );
    const expected = [
      'COURSE_COMPETENCY_MISSING@competencies',
      'LESSON_EMPTY@lessons.0.body',
      'LESSON_EMPTY@lessons.1.items',
      'LESSON_EMPTY@lessons.2.questions',
      'QUIZ_BANK_SMALLER_THAN_DRAW@lessons.3.settings.questionsPerAttempt',
      'DOCUMENT_MATERIAL_MISSING@lessons.4.materialId',
      'IMAGE_ALT_TEXT_MISSING@lessons.5.materialId',
    ];
    const coded = (problems: Array<{ code?: string; field: string }>) =>
      problems
        .filter((p) => p.code !== undefined && !p.code.startsWith('QUIZ_COMPETENCY'))
        .map((p) => `${p.code}@${p.field}`);

    const submitted = await teacher
      .post(`/api/teaching/courses/${id}/submit-for-review`)
      .send({ revision })
      .expect(400);
    expectErrorShape(submitted.body, 400, 'DRAFT_INCOMPLETE');
    expect(coded(submitted.body.details.problems)).toEqual(expected);
    // One line per reason: the field-level "text missing" under an empty lesson is not repeated.
    expect(submitted.body.details.problems.map((p: { field: string }) => p.field)).not.toContain(
      'lessons.0.body.vi',
    );
    const empty = submitted.body.details.problems.find(
      (p: { field: string }) => p.field === 'lessons.2.questions',
    );
    expect(empty).toMatchObject({ code: 'LESSON_EMPTY', blocking: true, params: { missing: 'questions' } });

    // The editor shows the same list live (GET course), and nothing went to a reviewer.
    const course = (await teacher.agent.get(`/api/teaching/courses/${id}`).expect(200)).body;
    expect(coded(course.draft.problems)).toEqual(expected);
    expect((await reviewer.agent.get('/api/teaching/reviews').expect(200)).body.items).not.toContainEqual(
      expect.objectContaining({ courseId: id }),
    );
  });

  it('a missing alt text refuses submit and publish; giving it lets the course through', async () => {
    const id = await newCourse();
    const image = await upload(teacher, id, PNG, 'man-hinh.png', 'Màn hình đăng nhập');
    const revision = await save(teacher, id, base([text('mo-dau'), documentLesson('anh', image)]));
    await approveForPublish(t.http, teacher, id, revision);
    // The alt text goes after approval (written straight to the row: the api refuses a blank one): the
    // approved draft is re-checked at publishing, and refused with the same code.
    await world.db.query(`UPDATE course_materials SET alt_text = NULL WHERE id = $1`, [image]);
    const refused = await teacher.post(`/api/teaching/courses/${id}/publish`).send({ revision }).expect(400);
    expectErrorShape(refused.body, 400, 'DRAFT_INCOMPLETE');
    expect(refused.body.details.problems).toEqual([
      expect.objectContaining({ code: 'IMAGE_ALT_TEXT_MISSING', field: 'lessons.1.materialId' }),
    ]);
    expect(await versions(id)).toBe(0);
    await teacher.agent
      .put(`/api/teaching/courses/${id}/materials/${image}/alt-text`)
      .set('x-csrf-token', teacher.csrf)
      .send({ altText: 'Màn hình đăng nhập có ô mật khẩu' })
      .expect(200);
    await teacher.post(`/api/teaching/courses/${id}/publish`).send({ revision }).expect(200);
  });

  it("a document lesson refuses another course's material (and a made-up id) at save; the draft is unchanged", async () => {
    const mine = await newCourse();
    const theirs = await newCourse(otherTeacher);
    const theirFile = await upload(otherTeacher, theirs, await pdf('Tài liệu của khoá khác'), 'khac.pdf');
    const before = await revisionOf(teacher, mine);
    for (const forged of [theirFile, '00000000-0000-4000-8000-000000000000']) {
      const res = await put(teacher, mine, base([documentLesson('tai-lieu', forged)]), 400);
      expectErrorShape(res.body, 400, 'MATERIAL_NOT_FOUND');
      expect(res.body.details).toEqual({ field: 'document.lessons.0.materialId' });
    }
    const notUuid = await put(teacher, mine, base([documentLesson('tai-lieu', '../../etc/passwd')]), 400);
    expectErrorShape(notUuid.body, 400);
    expect(await revisionOf(teacher, mine)).toBe(before);
  });

  it('a published document lesson opens in the player and downloads as an attachment; a draft-only material does not', async () => {
    const id = await newCourse();
    const file = await upload(teacher, id, await pdf('Hướng dẫn đặt lịch khám'), 'huong-dan.pdf');
    const unused = await upload(teacher, id, await pdf('Chưa dùng'), 'chua-dung.pdf');
    const revision = await save(teacher, id, base([text('mo-dau'), documentLesson('huong-dan', file)]));
    await approveForPublish(t.http, teacher, id, revision);
    await teacher.post(`/api/teaching/courses/${id}/publish`).send({ revision }).expect(200);

    const learner = await signedUpLearner(t.http, 'Bà Tư');
    await learner.post(`/api/courses/${id}/enrol`).expect(201);
    const page = (await learner.agent.get(`/api/courses/${id}`).expect(200)).body;
    const lessonId = page.modules[0].lessons[1].id as string;
    const lesson = (await learner.agent.get(`/api/lessons/${lessonId}`).expect(200)).body;
    expect(lesson.kind).toBe('document');
    expect(lesson.document).toEqual({
      src: `/api/courses/${id}/materials/${file}/file`,
      mediaType: 'application/pdf',
    });
    const download = await request(t.http).get(lesson.document.src).expect(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="huong-dan.pdf"/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(
      Buffer.from(download.body as Buffer)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    for (const path of [
      `/api/courses/${id}/materials/${unused}/file`,
      `/api/courses/other-course/materials/${file}/file`,
      `/api/courses/${id}/materials/not-a-uuid/file`,
    ])
      expectErrorShape((await request(t.http).get(path).expect(404)).body, 404, 'MATERIAL_NOT_FOUND');
  });

  it('a teacher holding no reviewer role cannot approve their own course (forged reviewer)', async () => {
    const id = await newCourse();
    const revision = await save(teacher, id, base([text('mo-dau')]));
    await teacher.post(`/api/teaching/courses/${id}/submit-for-review`).send({ revision }).expect(200);
    const forged = await teacher.post(`/api/teaching/courses/${id}/approve`).send({ revision }).expect(403);
    expectErrorShape(forged.body, 403, 'REVIEW_FORBIDDEN');
    expectErrorShape(
      (await teacher.post(`/api/teaching/courses/${id}/publish`).send({ revision }).expect(409)).body,
      409,
      'REVIEW_REQUIRED',
    );
    expect(await versions(id)).toBe(0);
  });

  it('50 parallel approvals and publishes make exactly one approval and one version', async () => {
    const id = await newCourse();
    const revision = await save(teacher, id, base([text('mo-dau')]));
    await teacher.post(`/api/teaching/courses/${id}/submit-for-review`).send({ revision }).expect(200);
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        i % 2 === 0
          ? reviewer.post(`/api/teaching/courses/${id}/approve`).send({ revision })
          : teacher.post(`/api/teaching/courses/${id}/publish`).send({ revision }),
      ),
    );
    const approvals = answers.filter((_, i) => i % 2 === 0);
    const publishes = answers.filter((_, i) => i % 2 === 1);
    expect(approvals.filter((a) => a.status === 200)).toHaveLength(1);
    for (const a of approvals.filter((x) => x.status !== 200)) expectErrorShape(a.body, 409, 'REVIEW_STATE');
    for (const p of publishes)
      if (p.status === 200) expect(p.body.versionNo).toBe(1);
      else expectErrorShape(p.body, 409, 'REVIEW_REQUIRED');
    // Whatever the interleaving, the approved revision publishes once more without making another version.
    await teacher.post(`/api/teaching/courses/${id}/publish`).send({ revision }).expect(200);
    expect(await versions(id)).toBe(1);
    const audit = await world.db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE subject_id = $1 AND action = 'course.review.approve'`,
      [id],
    );
    expect(audit).toEqual([{ n: 1 }]);
  });
});
