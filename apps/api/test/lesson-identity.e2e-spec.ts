import { randomBytes } from 'node:crypto';
import { createPreparedDatabase, type FreshDatabase } from '@hocvuso/testing';
import request from 'supertest';
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
interface Lesson {
  id: string;
  key: string;
}

const draftOf = (
  title: string,
  intro: string,
  extra: 'with-summary' | 'without-summary' = 'with-summary',
) => ({
  defaultLanguage: 'vi',
  languages: ['vi'],
  title: { vi: title },
  summary: { vi: 'Những điều cơ bản, từng bước một.' },
  description: { vi: 'Dành cho người mới bắt đầu.' },
  targetGroups: ['citizens'],
  subGroups: [],
  competencies: [{ framework: 'tt02-2025', code: '1.1', level: 1 }],
  certificate: false,
  lessons: [
    { key: 'gioi-thieu', kind: 'text', title: { vi: 'Giới thiệu' }, minutes: 5, body: { vi: intro } },
    {
      key: 'thuc-hanh',
      kind: 'checklist',
      title: { vi: 'Thực hành' },
      minutes: 10,
      items: [{ vi: 'Mở ứng dụng' }, { vi: 'Đăng nhập' }],
    },
    ...(extra === 'with-summary'
      ? [
          {
            key: 'tom-tat',
            kind: 'text',
            title: { vi: 'Tóm tắt' },
            minutes: 3,
            body: { vi: 'Các bác đã học xong những điều cơ bản.' },
          },
        ]
      : []),
  ],
});

/**
 * Issue 14, "Editing what learners are using": a published lesson keeps its address across versions; a minor
 * change keeps learners' credit, a major one sets it aside and says so; a learner never gets 404 for a lesson
 * of the version they are on; counts and status come from the same version; the course page is revalidated.
 */
describe('lesson identity across published versions', () => {
  let t: TestApp;
  let world: FreshDatabase;
  let db: DataSource;
  let teacher: Signed;
  let other: Signed;
  const tag = randomBytes(3).toString('hex');
  let seq = 0;

  const put = (b: Browser, url: string) => b.agent.put(url).set('x-csrf-token', b.csrf);
  const revisionOf = async (b: Browser, id: string) =>
    (await b.agent.get(`/api/teaching/courses/${id}`).expect(200)).body.draft.revision as number;
  const lessonsOf = async (courseId: string): Promise<Lesson[]> =>
    (await request(t.http).get(`/api/courses/${courseId}`).expect(200)).body.modules.flatMap(
      (m: { lessons: Lesson[] }) => m.lessons,
    );
  /** Saves the draft and publishes it, marking changes; answers the publish body. */
  const publish = async (
    courseId: string,
    draft: ReturnType<typeof draftOf>,
    changes: Array<{ lessonId: string; change: 'minor' | 'major' }> = [],
    by: Signed = teacher,
  ) => {
    const rev = await revisionOf(by, courseId);
    await put(by, `/api/teaching/courses/${courseId}/draft`)
      .send({ revision: rev, document: draft })
      .expect(200);
    await approveForPublish(t.http, by, courseId, rev + 1);
    return (
      await by
        .post(`/api/teaching/courses/${courseId}/publish`)
        .send(changes.length > 0 ? { revision: rev + 1, changes } : { revision: rev + 1 })
        .expect(200)
    ).body;
  };
  const newCourse = async (by: Signed = teacher) => {
    const id = `dinh-danh-${tag}-${(seq += 1)}`;
    await by.post('/api/teaching/courses').send({ id, title: 'Khoá định danh' }).expect(201);
    await publish(id, draftOf('Khoá định danh', 'Chào mừng các bác đến với khoá học.'), [], by);
    return id;
  };
  /** As if the learner had kept the course's open lesson open for `seconds` more. */
  const readFor = (userId: string, courseId: string, seconds: number) =>
    db.query(
      `UPDATE enrolments SET current_lesson_since = current_lesson_since - make_interval(secs => $3)
        WHERE user_id = $1 AND course_id = $2`,
      [userId, courseId, seconds],
    );
  const learnerIn = async (courseId: string, name = 'Trần Thị Lan') => {
    const learner = await signedUpLearner(t.http, name);
    await learner.post(`/api/courses/${courseId}/enrol`).expect(201);
    return learner;
  };
  /** Opens a text lesson, reads it long enough and marks it read; answers the response (status checked). */
  const readLesson = async (learner: Signed, courseId: string, lessonId: string) => {
    await learner.agent.get(`/api/lessons/${lessonId}`).expect(200);
    await readFor(learner.id, courseId, 200);
    return learner.post(`/api/lessons/${lessonId}/complete`).send({ reachedEnd: true }).expect(200);
  };
  const tickAll = (learner: Signed, lessonId: string) =>
    learner.agent
      .put(`/api/lessons/${lessonId}/checklist`)
      .set('x-csrf-token', learner.csrf)
      .send({ ticked: [0, 1] });
  const finishCourse = async (learner: Signed, courseId: string) => {
    const lessons = await lessonsOf(courseId);
    for (const l of lessons) {
      if (l.key === 'thuc-hanh') {
        await learner.agent.get(`/api/lessons/${l.id}`).expect(200);
        await tickAll(learner, l.id).expect(200);
      } else await readLesson(learner, courseId, l.id);
    }
  };
  const progress = async (learner: Browser, courseId: string) =>
    (await learner.agent.get(`/api/me/courses/${courseId}`).expect(200)).body;

  beforeAll(async () => {
    world = await createPreparedDatabase();
    db = world.db;
    t = await startTestApp({ DATABASE_URL: world.url });
    const system = await signedInDemo(t.http);
    teacher = await signedUpLearner(t.http, 'Cô Hoa');
    other = await signedUpLearner(t.http, 'Thầy Nam');
    for (const who of [teacher, other])
      await system.post('/api/admin/role-grants').send({ userId: who.id, role: 'teacher' }).expect(201);
  });
  afterAll(async () => {
    await t.close();
    await world.drop();
  });

  it('editing one line keeps every lesson’s address: old links open it, and the studio shows each address', async () => {
    const courseId = await newCourse();
    const v1 = await lessonsOf(courseId);
    const result = await publish(courseId, draftOf('Khoá định danh', 'Chào mừng các bác, đã sửa một dòng.'));
    expect(result).toMatchObject({ versionNo: 2, changed: true });
    expect(result.lessonChanges).toEqual([
      { lessonId: v1[0]!.id, key: 'gioi-thieu', change: 'minor', learnersKept: 0 },
    ]);
    const v2 = await lessonsOf(courseId);
    expect(v2.map((l) => l.id)).toEqual(v1.map((l) => l.id));
    const studio = (await teacher.agent.get(`/api/teaching/courses/${courseId}`).expect(200)).body;
    expect(studio.publishedLessons).toEqual(v1.map((l) => ({ key: l.key, lessonId: l.id, changed: false })));
    // The studio says which published lessons the saved draft changes (the publish form asks about those).
    const rev = await revisionOf(teacher, courseId);
    await put(teacher, `/api/teaching/courses/${courseId}/draft`)
      .send({ revision: rev, document: draftOf('Khoá định danh', 'Một dòng nữa.') })
      .expect(200);
    const pending = (await teacher.agent.get(`/api/teaching/courses/${courseId}`).expect(200)).body;
    expect(pending.publishedLessons.map((l: { changed: boolean }) => l.changed)).toEqual([
      true,
      false,
      false,
    ]);
    await put(teacher, `/api/teaching/courses/${courseId}/draft`)
      .send({ revision: rev + 1, document: draftOf('Khoá định danh', 'Chào mừng các bác, đã sửa một dòng.') })
      .expect(200);

    const learner = await learnerIn(courseId);
    const opened = (await learner.agent.get(`/api/lessons/${v1[0]!.id}`).expect(200)).body;
    expect(opened).toMatchObject({ id: v1[0]!.id, html: expect.stringContaining('đã sửa một dòng') });
    expect(opened.nextLessonId).toBe(v1[1]!.id);
    // A link to the revision the first version had (an address handed out before this change) opens it too.
    const [firstRevision] = await db.query(
      `SELECT r.id FROM lesson_revisions r JOIN course_versions v ON v.course_id = r.course_id AND v.version_no = 1
         JOIN course_version_lessons l ON l.course_version_id = v.id AND l.lesson_revision_id = r.id
        WHERE r.course_id = $1 AND r.lesson_key = 'gioi-thieu'`,
      [courseId],
    );
    expect((await learner.agent.get(`/api/lessons/${firstRevision.id}`).expect(200)).body.id).toBe(v1[0]!.id);
    // Deleting a lesson and adding it back under a new key is a new lesson with a new address.
    const renamed = draftOf('Khoá định danh', 'Chào mừng các bác, đã sửa một dòng.');
    renamed.lessons[2]!.key = 'tom-tat-moi';
    await publish(courseId, renamed);
    const v3 = await lessonsOf(courseId);
    expect(v3.slice(0, 2).map((l) => l.id)).toEqual(v1.slice(0, 2).map((l) => l.id));
    expect(v3[2]!.id).not.toBe(v1[2]!.id);
  });

  it('a minor change keeps a finished learner’s credit: still completed, 3/3, nothing to re-read', async () => {
    const courseId = await newCourse();
    const learner = await learnerIn(courseId);
    await finishCourse(learner, courseId);
    expect((await progress(learner, courseId)).enrolment).toMatchObject({
      status: 'completed',
      completedLessons: 3,
    });
    const [intro] = await lessonsOf(courseId);
    const result = await publish(
      courseId,
      draftOf('Khoá định danh', 'Chào mừng các bác, sửa lỗi chính tả.'),
      [{ lessonId: intro!.id, change: 'minor' }],
    );
    expect(result.lessonChanges).toEqual([
      { lessonId: intro!.id, key: 'gioi-thieu', change: 'minor', learnersKept: 1 },
    ]);
    const after = await progress(learner, courseId);
    expect(after.enrolment).toMatchObject({
      status: 'completed',
      completedLessons: 3,
      totalLessons: 3,
      percent: 100,
    });
    expect(after.lessons).toEqual(
      (await lessonsOf(courseId)).map((l) => ({ id: l.id, status: 'completed', reread: false })),
    );
    const lesson = (await learner.agent.get(`/api/lessons/${intro!.id}`).expect(200)).body;
    expect(lesson).toMatchObject({ status: 'completed', reread: false });
  });

  it('a learner reading the lesson when it changes marks it read with the same link, not 404', async () => {
    const courseId = await newCourse();
    const [intro] = await lessonsOf(courseId);
    const learner = await learnerIn(courseId);
    await learner.agent.get(`/api/lessons/${intro!.id}`).expect(200);
    await readFor(learner.id, courseId, 200);
    await publish(courseId, draftOf('Khoá định danh', 'Chào mừng các bác, thêm một câu.'));
    const done = await learner
      .post(`/api/lessons/${intro!.id}/complete`)
      .send({ reachedEnd: true })
      .expect(200);
    expect(done.body).toMatchObject({ completedLessons: 1, totalLessons: 3 });
    expect((await progress(learner, courseId)).lessons[0]).toEqual({
      id: intro!.id,
      status: 'completed',
      reread: false,
    });
  });

  it('a major change sets credit aside (kept as history) and asks to re-read; a completed course stays completed with consistent counts', async () => {
    const courseId = await newCourse();
    const [intro] = await lessonsOf(courseId);
    const finished = await learnerIn(courseId, 'Lê Văn Xong');
    await finishCourse(finished, courseId);
    const midway = await learnerIn(courseId, 'Phạm Thị Dở');
    await readLesson(midway, courseId, intro!.id);

    const result = await publish(courseId, draftOf('Khoá định danh', 'Nội dung mới: quy trình đã đổi.'), [
      { lessonId: intro!.id, change: 'major' },
    ]);
    expect(result.lessonChanges).toEqual([
      { lessonId: intro!.id, key: 'gioi-thieu', change: 'major', learnersKept: 0 },
    ]);

    // The finished learner keeps the course (a certificate once issued is not taken back) and 3/3, and is told.
    const f = await progress(finished, courseId);
    expect(f.enrolment).toMatchObject({
      status: 'completed',
      completedLessons: 3,
      totalLessons: 3,
      percent: 100,
    });
    expect(f.lessons[0]).toEqual({ id: intro!.id, status: 'not_started', reread: true });
    expect((await finished.agent.get(`/api/lessons/${intro!.id}`).expect(200)).body).toMatchObject({
      id: intro!.id,
      status: 'in_progress',
      reread: true,
    });

    // The learner midway stays on the version they started (1/3) until they choose to move; the notice says the
    // change asks them to read the lesson again. After moving they have it to read again: 0/3, not a silent reset.
    const before = await progress(midway, courseId);
    expect(before.enrolment).toMatchObject({ status: 'active', completedLessons: 1, totalLessons: 3 });
    expect(before.newVersion.reread).toEqual([{ id: intro!.id, title: 'Giới thiệu' }]);
    const midwayRow = (
      await teacher.agent.get(`/api/teaching/courses/${courseId}/learners`).expect(200)
    ).body.items.find((i: { userId: string }) => i.userId === midway.id);
    expect(midwayRow).toMatchObject({ status: 'in_progress', completedLessons: 1, totalLessons: 3 });
    await midway
      .post(`/api/me/courses/${courseId}/version`)
      .send({ versionId: before.newVersion.versionId })
      .expect(200);
    const m = await progress(midway, courseId);
    expect(m.enrolment).toMatchObject({ status: 'active', completedLessons: 0, totalLessons: 3 });
    expect(m.lessons[0]).toEqual({ id: intro!.id, status: 'not_started', reread: true });
    // Their earlier credit is kept, on the revision they read.
    const history = await db.query(
      `SELECT p.status FROM lesson_progress p JOIN lesson_revisions r ON r.id = p.lesson_revision_id
        WHERE p.user_id = $1 AND r.lesson_id = $2 ORDER BY r.created_at`,
      [midway.id, intro!.id],
    );
    expect(history).toEqual([{ status: 'completed' }]);
    // The teacher's report counts the same way: the finished learner 3/3, the one midway 0/3.
    const report = (await teacher.agent.get(`/api/teaching/courses/${courseId}/learners`).expect(200)).body;
    expect(
      report.items
        .map((i: { userId: string; status: string; completedLessons: number; totalLessons: number }) => [
          i.userId === finished.id ? 'finished' : 'midway',
          i.status,
          i.completedLessons,
          i.totalLessons,
        ])
        .sort(),
    ).toEqual([
      ['finished', 'completed', 3, 3],
      ['midway', 'in_progress', 0, 3],
    ]);
    // Reading it again earns the credit back and the notice goes.
    await readLesson(midway, courseId, intro!.id);
    expect((await progress(midway, courseId)).lessons[0]).toEqual({
      id: intro!.id,
      status: 'completed',
      reread: false,
    });
  });

  it('a forged publish body is refused and changes nothing', async () => {
    const mine = await newCourse();
    const theirs = await newCourse(other);
    const [theirIntro] = await lessonsOf(theirs);
    const [myIntro] = await lessonsOf(mine);
    const rev = await revisionOf(teacher, mine);
    await put(teacher, `/api/teaching/courses/${mine}/draft`)
      .send({ revision: rev, document: draftOf('Khoá định danh', 'Một dòng khác.') })
      .expect(200);
    await approveForPublish(t.http, teacher, mine, rev + 1);
    const refused = async (changes: unknown, code: string) =>
      expectErrorShape(
        (
          await teacher
            .post(`/api/teaching/courses/${mine}/publish`)
            .send({ revision: rev + 1, changes })
            .expect(400)
        ).body,
        400,
        code,
      );
    await refused([{ lessonId: theirIntro!.id, change: 'minor' }], 'PUBLISH_CHANGE_UNKNOWN_LESSON');
    await refused(
      [{ lessonId: '00000000-0000-4000-8000-000000000000', change: 'minor' }],
      'PUBLISH_CHANGE_UNKNOWN_LESSON',
    );
    await refused(
      [
        { lessonId: myIntro!.id, change: 'minor' },
        { lessonId: myIntro!.id, change: 'major' },
      ],
      'PUBLISH_CHANGE_UNKNOWN_LESSON',
    );
    await refused([{ lessonId: myIntro!.id, change: 'tiny' }], 'VALIDATION_FAILED');
    await refused([{ lessonId: 'gioi-thieu', change: 'minor' }], 'VALIDATION_FAILED');
    await refused([{ lessonId: `${myIntro!.id}\u200b`, change: 'minor' }], 'VALIDATION_FAILED');
    await refused([{ lessonId: `${myIntro!.id}\u0000`, change: 'minor' }], 'INVALID_TEXT');
    await refused(
      Array.from({ length: 61 }, () => ({ lessonId: myIntro!.id, change: 'minor' })),
      'VALIDATION_FAILED',
    );
    const studio = (await teacher.agent.get(`/api/teaching/courses/${mine}`).expect(200)).body;
    expect(studio.versions.map((v: { versionNo: number }) => v.versionNo)).toEqual([1]);
    expect(studio.draft.publishedRevision).toBe(rev);
  });

  it('right after a republish the course page links only lessons that exist, and caches must ask again', async () => {
    const courseId = await newCourse();
    const before = await request(t.http).get(`/api/courses/${courseId}`).expect(200);
    expect(before.headers['cache-control']).toBe('public, no-cache');
    const removed = (await lessonsOf(courseId))[2]!;
    await publish(
      courseId,
      draftOf('Khoá định danh', 'Chào mừng các bác đến với khoá học.', 'without-summary'),
    );
    const after = await request(t.http)
      .get(`/api/courses/${courseId}`)
      .set('if-none-match', before.headers.etag!)
      .expect(200);
    const ids = after.body.modules.flatMap((m: { lessons: Lesson[] }) => m.lessons.map((l) => l.id));
    expect(ids).toHaveLength(2);
    expect(ids).not.toContain(removed.id);
    const learner = await learnerIn(courseId);
    for (const id of ids) await learner.agent.get(`/api/lessons/${id}`).expect(200);
    expectErrorShape(
      (await learner.agent.get(`/api/lessons/${removed.id}`).expect(404)).body,
      404,
      'LESSON_NOT_FOUND',
    );
    // Unpublishing shows at once in the catalogue too.
    await teacher.post(`/api/teaching/courses/${courseId}/unpublish`).expect(204);
    await request(t.http).get(`/api/courses/${courseId}`).expect(404);
  });

  it('20 learners marking read while the teacher republishes: none gets 404, every credit is kept', async () => {
    const courseId = await newCourse();
    const [intro] = await lessonsOf(courseId);
    const learners = await Promise.all(
      Array.from({ length: 20 }, (_, i) => learnerIn(courseId, `Học viên ${i + 1}`)),
    );
    for (const l of learners) {
      await l.agent.get(`/api/lessons/${intro!.id}`).expect(200);
      await readFor(l.id, courseId, 200);
    }
    const rev = await revisionOf(teacher, courseId);
    await put(teacher, `/api/teaching/courses/${courseId}/draft`)
      .send({ revision: rev, document: draftOf('Khoá định danh', 'Chào mừng các bác, sửa nhỏ.') })
      .expect(200);
    await approveForPublish(t.http, teacher, courseId, rev + 1);
    const [published, ...marks] = await Promise.all([
      teacher.post(`/api/teaching/courses/${courseId}/publish`).send({ revision: rev + 1 }),
      ...learners.map((l) => l.post(`/api/lessons/${intro!.id}/complete`).send({ reachedEnd: true })),
    ]);
    expect(published!.status).toBe(200);
    expect(published!.body.versionNo).toBe(2);
    expect(marks.map((r) => r.status)).toEqual(learners.map(() => 200));
    for (const l of learners) {
      const p = await progress(l, courseId);
      expect(p.lessons[0]).toEqual({ id: intro!.id, status: 'completed', reread: false });
      expect(p.enrolment).toMatchObject({ completedLessons: 1, totalLessons: 3 });
    }
  });
});
