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

const text = (key: string, title: string, body: string) => ({
  key,
  kind: 'text',
  title: { vi: title },
  minutes: 3,
  body: { vi: body },
});
const checklist = (first: string) => ({
  key: 'thuc-hanh',
  kind: 'checklist',
  title: { vi: 'Thực hành' },
  minutes: 5,
  items: [{ vi: first }, { vi: 'Đăng nhập' }],
});
const course = (lessons: unknown[]) => ({
  defaultLanguage: 'vi',
  languages: ['vi'],
  title: { vi: 'Khoá phiên bản' },
  summary: { vi: 'Những điều cơ bản, từng bước một.' },
  description: { vi: 'Dành cho người mới bắt đầu.' },
  targetGroups: ['citizens'],
  subGroups: [],
  competencies: [{ framework: 'tt02-2025', code: '1.1', level: 1 }],
  certificate: true,
  lessons,
});
const V1 = course([
  text('gioi-thieu', 'Giới thiệu', 'Phiên bản một: chào mừng các bác.'),
  checklist('Mở ứng dụng'),
  text('tom-tat', 'Tóm tắt', 'Các bác đã học xong những điều cơ bản.'),
]);
/** v2: the intro rewritten (major), the checklist reworded (minor), the summary removed, a new lesson added. */
const V2 = course([
  text('gioi-thieu', 'Giới thiệu', 'Phiên bản hai: quy trình đã đổi hoàn toàn.'),
  checklist('Mở ứng dụng VNeID'),
  text('bai-moi', 'Bài mới', 'Một bài học mới được thêm vào.'),
]);

/**
 * Issue 14, item 6: learners in progress stay on the version they started until they complete it or choose to
 * move; moving carries credit per the teacher's minor/major marking; the teacher sees how many are on each
 * version (docs/crediting.md "Staying on a version").
 */
describe('learners stay on their course version', () => {
  let t: TestApp;
  let world: FreshDatabase;
  let db: DataSource;
  let teacher: Signed;
  const tag = randomBytes(3).toString('hex');
  let seq = 0;

  const revisionOf = async (id: string) =>
    (await teacher.agent.get(`/api/teaching/courses/${id}`).expect(200)).body.draft.revision as number;
  const publish = async (
    courseId: string,
    draft: unknown,
    changes: Array<{ lessonId: string; change: 'minor' | 'major' }> = [],
  ) => {
    const rev = await revisionOf(courseId);
    await teacher.agent
      .put(`/api/teaching/courses/${courseId}/draft`)
      .set('x-csrf-token', teacher.csrf)
      .send({ revision: rev, document: draft })
      .expect(200);
    await approveForPublish(t.http, teacher, courseId, rev + 1);
    await teacher
      .post(`/api/teaching/courses/${courseId}/publish`)
      .send({ revision: rev + 1, ...(changes.length ? { changes } : {}) })
      .expect(200);
  };
  const newCourse = async () => {
    const id = `phien-ban-${tag}-${(seq += 1)}`;
    await teacher.post('/api/teaching/courses').send({ id, title: 'Khoá phiên bản' }).expect(201);
    await publish(id, V1);
    return id;
  };
  const page = async (courseId: string, version?: string) =>
    request(t.http)
      .get(`/api/courses/${courseId}`)
      .query(version ? { version } : {})
      .expect(200);
  const lessonsOf = async (courseId: string, version?: string): Promise<Lesson[]> =>
    (await page(courseId, version)).body.modules.flatMap((m: { lessons: Lesson[] }) => m.lessons);
  const learnerIn = async (courseId: string, name: string) => {
    const learner = await signedUpLearner(t.http, name);
    await learner.post(`/api/courses/${courseId}/enrol`).expect(201);
    return learner;
  };
  const readFor = (userId: string, courseId: string, seconds: number) =>
    db.query(
      `UPDATE enrolments SET current_lesson_since = current_lesson_since - make_interval(secs => $3)
        WHERE user_id = $1 AND course_id = $2`,
      [userId, courseId, seconds],
    );
  const doLesson = async (learner: Signed, courseId: string, l: Lesson) => {
    await learner.agent.get(`/api/lessons/${l.id}`).expect(200);
    if (l.key === 'thuc-hanh')
      return learner.agent
        .put(`/api/lessons/${l.id}/checklist`)
        .set('x-csrf-token', learner.csrf)
        .send({ ticked: [0, 1] })
        .expect(200);
    await readFor(learner.id, courseId, 200);
    return learner.post(`/api/lessons/${l.id}/complete`).send({ reachedEnd: true }).expect(200);
  };
  const progress = async (learner: Browser, courseId: string) =>
    (await learner.agent.get(`/api/me/courses/${courseId}`).expect(200)).body;
  const move = (learner: Browser, courseId: string, versionId: string) =>
    learner.post(`/api/me/courses/${courseId}/version`).send({ versionId });
  const versionIds = async (courseId: string) =>
    (
      await db.query(`SELECT id FROM course_versions WHERE course_id = $1 ORDER BY version_no`, [courseId])
    ).map((r: { id: string }) => r.id) as string[];
  const byKey = (lessons: Lesson[], key: string) => lessons.find((l) => l.key === key)!;

  beforeAll(async () => {
    world = await createPreparedDatabase();
    db = world.db;
    t = await startTestApp({ DATABASE_URL: world.url });
    const system = await signedInDemo(t.http);
    teacher = await signedUpLearner(t.http, 'Cô Hoa');
    await system.post('/api/admin/role-grants').send({ userId: teacher.id, role: 'teacher' }).expect(201);
  });
  afterAll(async () => {
    await t.close();
    await world.drop();
  });

  it('a learner midway stays on v1 and completes it to a certificate of v1; another moves to v2 with the right credit; the teacher sees both', async () => {
    const courseId = await newCourse();
    const v1 = await lessonsOf(courseId);
    const stays = await learnerIn(courseId, 'Trần Thị Ở Lại');
    const moves = await learnerIn(courseId, 'Lê Văn Chuyển');
    await doLesson(stays, courseId, byKey(v1, 'gioi-thieu'));
    await doLesson(moves, courseId, byKey(v1, 'gioi-thieu'));
    const intro = byKey(v1, 'gioi-thieu');
    const practice = byKey(v1, 'thuc-hanh');
    await publish(courseId, V2, [
      { lessonId: intro.id, change: 'major' },
      { lessonId: practice.id, change: 'minor' },
    ]);
    const [v1Id, v2Id] = await versionIds(courseId);
    const v2 = await lessonsOf(courseId);
    expect(v2.map((l) => l.key)).toEqual(['gioi-thieu', 'thuc-hanh', 'bai-moi']);

    // The learner in progress still reads v1: its outline, its lessons, its counts; and is told what v2 changes.
    const p = await progress(stays, courseId);
    expect(p.version).toEqual({ id: v1Id, versionNo: 1, current: false });
    expect(p.enrolment).toMatchObject({ status: 'active', completedLessons: 1, totalLessons: 3 });
    expect(p.lessons.map((l: { id: string }) => l.id)).toEqual(v1.map((l) => l.id));
    expect(p.newVersion).toEqual({
      versionId: v2Id,
      versionNo: 2,
      fromVersionNo: 1,
      added: [{ id: byKey(v2, 'bai-moi').id, title: 'Bài mới' }],
      removed: [{ id: byKey(v1, 'tom-tat').id, title: 'Tóm tắt' }],
      reread: [{ id: intro.id, title: 'Giới thiệu' }],
      updated: [{ id: practice.id, title: 'Thực hành' }],
    });
    expect((await lessonsOf(courseId, v1Id)).map((l) => l.id)).toEqual(v1.map((l) => l.id));
    const opened = (await stays.agent.get(`/api/lessons/${intro.id}`).expect(200)).body;
    expect(opened).toMatchObject({ status: 'completed', reread: false });
    expect(opened.html).toContain('Phiên bản một');
    // The checklist of v1 (its wording) and the lesson v2 removed are still theirs to finish.
    await doLesson(stays, courseId, practice);
    const done = await doLesson(stays, courseId, byKey(v1, 'tom-tat'));
    expect(done.body).toMatchObject({ status: 'completed', completedLessons: 3, totalLessons: 3 });
    // The certificate is requested with v1's criteria (the version they completed).
    const [requested] = await db.query(
      `SELECT r.course_version_id FROM certificate_requests r JOIN enrolments e ON e.id = r.enrolment_id
        WHERE e.user_id = $1 AND e.course_id = $2`,
      [stays.id, courseId],
    );
    expect(requested.course_version_id).toBe(v1Id);
    // Completed, they read the current version and nothing asks them to move.
    const after = await progress(stays, courseId);
    expect(after.version).toEqual({ id: v2Id, versionNo: 2, current: true });
    expect(after.newVersion).toBeNull();
    expect(after.enrolment.status).toBe('completed');
    expect((await move(stays, courseId, v2Id!).expect(200)).body.moved).toBe(false);

    // The other learner ticks the v1 checklist after the publish, then moves: the checklist (minor) keeps its
    // credit, the intro (major) asks to be read again, the new lesson is to do, the removed one is gone.
    await doLesson(moves, courseId, practice);
    const moved = (await move(moves, courseId, v2Id!).expect(200)).body;
    expect(moved).toMatchObject({ moved: true, versionNo: 2 });
    expect(moved.enrolment).toMatchObject({ status: 'active', completedLessons: 1, totalLessons: 3 });
    const m = await progress(moves, courseId);
    expect(m.version).toEqual({ id: v2Id, versionNo: 2, current: true });
    expect(m.newVersion).toBeNull();
    expect(m.lessons).toEqual([
      { id: intro.id, status: 'not_started', reread: true },
      { id: practice.id, status: 'completed', reread: false },
      { id: byKey(v2, 'bai-moi').id, status: 'not_started', reread: false },
    ]);
    expect((await moves.agent.get(`/api/lessons/${intro.id}`).expect(200)).body.html).toContain(
      'Phiên bản hai',
    );
    expectErrorShape(
      (await moves.agent.get(`/api/lessons/${byKey(v1, 'tom-tat').id}`).expect(404)).body,
      404,
      'LESSON_NOT_FOUND',
    );
    // Their v1 credit for the intro is kept as history, on the revision they read.
    const [history] = await db.query(
      `SELECT count(*)::int AS n FROM lesson_progress p JOIN lesson_revisions r ON r.id = p.lesson_revision_id
        WHERE p.user_id = $1 AND r.lesson_id = $2 AND p.status = 'completed'`,
      [moves.id, intro.id],
    );
    expect(history.n).toBe(1);
    // Moving back to v1 is refused; moving again to v2 changes nothing.
    expectErrorShape((await move(moves, courseId, v1Id!).expect(409)).body, 409, 'VERSION_NOT_CURRENT');
    expect((await move(moves, courseId, v2Id!).expect(200)).body.moved).toBe(false);

    // The teacher sees how many learners are on each version, and each learner's counts on their version.
    const fresh = await learnerIn(courseId, 'Phạm Mới Vào');
    expect((await progress(fresh, courseId)).version).toEqual({ id: v2Id, versionNo: 2, current: true });
    const report = (await teacher.agent.get(`/api/teaching/courses/${courseId}/learners`).expect(200)).body;
    expect(report.versions).toEqual([
      { versionNo: 1, current: false, inProgress: 0, completed: 1 },
      { versionNo: 2, current: true, inProgress: 2, completed: 0 },
    ]);
    const rows = new Map(
      report.items.map((i: { userId: string; completedLessons: number; totalLessons: number }) => [
        i.userId,
        [i.completedLessons, i.totalLessons],
      ]),
    );
    expect(rows.get(moves.id)).toEqual([1, 3]);
    expect(rows.get(fresh.id)).toEqual([0, 3]);
  });

  it('forged version ids are refused and change nothing; 50 parallel moves move once', async () => {
    const courseId = await newCourse();
    const other = await newCourse();
    const learner = await learnerIn(courseId, 'Nguyễn Văn Thử');
    const outsider = await signedUpLearner(t.http, 'Người Ngoài');
    const [otherV1] = await versionIds(other);
    const v1 = await lessonsOf(courseId);
    await doLesson(learner, courseId, byKey(v1, 'thuc-hanh'));
    await publish(courseId, V2, [{ lessonId: byKey(v1, 'thuc-hanh').id, change: 'minor' }]);
    const [v1Id, v2Id] = await versionIds(courseId);
    const refused = async (versionId: unknown, status: number, code: string, who: Browser = learner) =>
      expectErrorShape(
        (await who.post(`/api/me/courses/${courseId}/version`).send({ versionId }).expect(status)).body,
        status,
        code,
      );
    await refused(otherV1, 404, 'VERSION_NOT_FOUND');
    await refused('00000000-0000-4000-8000-000000000000', 404, 'VERSION_NOT_FOUND');
    await refused('v2', 400, 'VALIDATION_FAILED');
    await refused(`${v2Id}\u200b`, 400, 'VALIDATION_FAILED');
    await refused(`${v2Id}\u202e`, 400, 'VALIDATION_FAILED');
    await refused('x'.repeat(100_000), 400, 'VALIDATION_FAILED');
    await refused(v2Id, 403, 'NOT_ENROLLED', outsider);
    expectErrorShape(
      (
        await learner
          .post(`/api/me/courses/${courseId}/version`)
          .send({ versionId: v2Id, extra: true })
          .expect(400)
      ).body,
      400,
    );
    // Asking for the version they are on is a no-op.
    expect((await move(learner, courseId, v1Id!).expect(200)).body.moved).toBe(false);
    const [still] = await db.query(
      `SELECT course_version_id FROM enrolments WHERE user_id = $1 AND course_id = $2`,
      [learner.id, courseId],
    );
    expect(still.course_version_id).toBe(v1Id);

    const answers = await Promise.all(Array.from({ length: 50 }, () => move(learner, courseId, v2Id!)));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    expect(answers.filter((a) => a.body.moved === true)).toHaveLength(1);
    const p = await progress(learner, courseId);
    expect(p.version).toMatchObject({ id: v2Id, current: true });
    expect(p.lessons.find((l: { id: string }) => l.id === byKey(v1, 'thuc-hanh').id)).toEqual({
      id: byKey(v1, 'thuc-hanh').id,
      status: 'completed',
      reread: false,
    });
    const [carried] = await db.query(
      `SELECT count(*)::int AS n FROM lesson_progress p JOIN lesson_revisions r ON r.id = p.lesson_revision_id
        WHERE p.user_id = $1 AND r.lesson_id = $2`,
      [learner.id, byKey(v1, 'thuc-hanh').id],
    );
    expect(carried.n).toBe(2);
  });

  it('caches never serve one learner’s version to another', async () => {
    const courseId = await newCourse();
    const v1 = await lessonsOf(courseId);
    const onV1 = await learnerIn(courseId, 'Học Viên Một');
    await onV1.agent.get(`/api/lessons/${byKey(v1, 'gioi-thieu').id}`).expect(200);
    const [v1Id] = await versionIds(courseId);
    const cachedV1 = await page(courseId, v1Id); // warms the v1 entry
    await publish(courseId, V2, [{ lessonId: byKey(v1, 'gioi-thieu').id, change: 'major' }]);
    const [, v2Id] = await versionIds(courseId);
    const onV2 = await learnerIn(courseId, 'Học Viên Hai');

    for (let i = 0; i < 2; i += 1) {
      // the same key asked twice (a cache hit the second time) answers each version's own outline
      const current = await page(courseId);
      const old = await page(courseId, v1Id);
      expect(current.body.version).toBe(2);
      expect(old.body.version).toBe(1);
      expect(current.headers.etag).not.toBe(old.headers.etag);
      expect(old.headers.etag).toBe(cachedV1.headers.etag);
      expect(
        current.body.modules.flatMap((mo: { lessons: Lesson[] }) => mo.lessons.map((l) => l.key)),
      ).toEqual(['gioi-thieu', 'thuc-hanh', 'bai-moi']);
      expect((await progress(onV1, courseId)).version.id).toBe(v1Id);
      expect((await progress(onV2, courseId)).version.id).toBe(v2Id);
      const intro = byKey(v1, 'gioi-thieu').id;
      expect((await onV1.agent.get(`/api/lessons/${intro}`).expect(200)).body.html).toContain(
        'Phiên bản một',
      );
      expect((await onV2.agent.get(`/api/lessons/${intro}`).expect(200)).body.html).toContain(
        'Phiên bản hai',
      );
      await onV1.agent.get(`/api/lessons/${byKey(v1, 'tom-tat').id}`).expect(200);
      await onV2.agent.get(`/api/lessons/${byKey(v1, 'tom-tat').id}`).expect(404);
    }
    // A version of another course, or none at all, is not a page of this course.
    const other = await newCourse();
    const [otherV1] = await versionIds(other);
    await request(t.http).get(`/api/courses/${courseId}`).query({ version: otherV1 }).expect(404);
    await request(t.http)
      .get(`/api/courses/${courseId}`)
      .query({ version: '00000000-0000-4000-8000-000000000000' })
      .expect(404);
    await request(t.http).get(`/api/courses/${courseId}`).query({ version: 'nope' }).expect(400);
  });

  it('a course taken out of the catalogue: a learner in progress keeps reading their version; nobody moves or starts', async () => {
    const courseId = await newCourse();
    const v1 = await lessonsOf(courseId);
    const midway = await learnerIn(courseId, 'Đang Học');
    const finished = await learnerIn(courseId, 'Đã Xong');
    const behind = await learnerIn(courseId, 'Chưa Bắt Đầu');
    for (const l of v1) await doLesson(finished, courseId, l);
    await doLesson(midway, courseId, byKey(v1, 'gioi-thieu'));
    await publish(courseId, V2, [{ lessonId: byKey(v1, 'gioi-thieu').id, change: 'major' }]);
    const [, v2Id] = await versionIds(courseId);
    await teacher.post(`/api/teaching/courses/${courseId}/unpublish`).expect(204);

    // The learner midway finishes what they started, and gets credit for it.
    await doLesson(midway, courseId, byKey(v1, 'thuc-hanh'));
    const last = await doLesson(midway, courseId, byKey(v1, 'tom-tat'));
    expect(last.body).toMatchObject({ status: 'completed', completedLessons: 3 });
    // Nobody else reads it, and there is nothing to move to.
    await finished.agent.get(`/api/lessons/${byKey(v1, 'gioi-thieu').id}`).expect(404);
    const late = await signedUpLearner(t.http, 'Đến Muộn');
    await late.post(`/api/courses/${courseId}/enrol`).expect(404);
    const p = await progress(behind, courseId);
    expect(p.version).toMatchObject({ versionNo: 1, current: false });
    expect(p.newVersion).toBeNull();
    expectErrorShape((await move(behind, courseId, v2Id!).expect(409)).body, 409, 'COURSE_NOT_PUBLISHED');
  });
});
