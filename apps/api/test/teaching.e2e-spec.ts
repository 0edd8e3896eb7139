import { randomBytes } from 'node:crypto';
import { importCourse, CourseSourceConflictError } from '@hocvuso/db';
import { createPreparedDatabase, type FreshDatabase } from '@hocvuso/testing';
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

const completeDraft = (title: string) => ({
  defaultLanguage: 'vi',
  languages: ['vi', 'en'],
  title: { vi: title, en: `${title} (EN)` },
  summary: { vi: 'Những điều cơ bản, từng bước một.', en: 'The basics, step by step.' },
  description: { vi: 'Dành cho **người mới bắt đầu**.', en: 'For **beginners**.' },
  targetGroups: ['citizens'],
  subGroups: ['older-adults'],
  competencies: [{ framework: 'tt02-2025', code: '1.1', level: 1 }],
  certificate: true,
  lessons: [
    {
      key: 'gioi-thieu',
      kind: 'text',
      title: { vi: 'Giới thiệu', en: 'Introduction' },
      minutes: 5,
      body: { vi: 'Chào mừng các bác đến với khoá học.', en: 'Welcome to the course.' },
    },
    {
      key: 'thuc-hanh',
      kind: 'checklist',
      title: { vi: 'Thực hành', en: 'Practice' },
      minutes: 10,
      items: [
        { vi: 'Mở ứng dụng', en: 'Open the app' },
        { vi: 'Đăng nhập', en: 'Sign in' },
      ],
    },
  ],
});

/**
 * The teaching studio and course reports, and scope isolation between two teachers: every list, read,
 * update, publish, report, export and staff endpoint of one teacher's course answers 404 to the other.
 */
describe('teaching studio', () => {
  let t: TestApp;
  let world: FreshDatabase;
  let db: DataSource;
  let system: Browser;
  const teachers: Record<'a' | 'b', Signed> = {} as never;
  const courses: Record<'a' | 'b', string> = {} as never;
  const tag = randomBytes(3).toString('hex');

  const put = (b: Browser, url: string) => b.agent.put(url).set('x-csrf-token', b.csrf);
  const del = (b: Browser, url: string) => b.agent.delete(url).set('x-csrf-token', b.csrf);
  const revisionOf = async (b: Browser, id: string) =>
    (await b.agent.get(`/api/teaching/courses/${id}`).expect(200)).body.draft.revision as number;

  beforeAll(async () => {
    // A database of its own: the courses this suite publishes must not appear in the shared catalogue that
    // other suites count.
    world = await createPreparedDatabase();
    db = world.db;
    t = await startTestApp({ DATABASE_URL: world.url });
    system = await signedInDemo(t.http);
    for (const key of ['a', 'b'] as const) {
      const teacher = await signedUpLearner(t.http, `Giáo viên ${key.toUpperCase()}`);
      await system.post('/api/admin/role-grants').send({ userId: teacher.id, role: 'teacher' }).expect(201);
      // Roles are read per request, so the same session now teaches.
      teachers[key] = teacher;
      courses[key] = `studio-${key}-${tag}`;
      const created = await teacher
        .post('/api/teaching/courses')
        .send({ id: courses[key], title: `Khoá của giáo viên ${key.toUpperCase()}` })
        .expect(201);
      expect(created.body).toMatchObject({
        id: courses[key],
        source: 'studio',
        published: false,
        myRole: 'owner',
        editable: true,
        draft: { revision: 1 },
      });
    }
  });
  afterAll(async () => {
    await t.close();
    await world.drop();
  });

  it('a learner without the teacher role cannot use the studio', async () => {
    const learner = await signedUpLearner(t.http);
    expectErrorShape((await learner.agent.get('/api/teaching/courses').expect(403)).body, 403, 'FORBIDDEN');
    await learner
      .post('/api/teaching/courses')
      .send({ id: `hoc-vien-${tag}`, title: 'Không được' })
      .expect(403);
    expectErrorShape(
      (await learner.agent.get(`/api/teaching/courses/${courses.a}`).expect(404)).body,
      404,
      'COURSE_NOT_FOUND',
    );
  });

  it('course ids are unique across the studio and the content files', async () => {
    const a = teachers.a;
    expectErrorShape(
      (await a.post('/api/teaching/courses').send({ id: 'online-scams', title: 'Trùng' }).expect(409)).body,
      409,
      'COURSE_ID_TAKEN',
    );
    expectErrorShape(
      (await a.post('/api/teaching/courses').send({ id: courses.b, title: 'Trùng' }).expect(409)).body,
      409,
      'COURSE_ID_TAKEN',
    );
    const bad = await a.post('/api/teaching/courses').send({ id: 'Khoá Học', title: 'x' }).expect(400);
    expectErrorShape(bad.body, 400);
    // The content importer never overwrites a studio course.
    await expect(
      db.transaction((tx) =>
        importCourse(tx, { id: courses.b, contentHash: 'x', lessons: [], banks: [] } as never, 'content'),
      ),
    ).rejects.toBeInstanceOf(CourseSourceConflictError);
  });

  it('an unfinished draft saves, but submitting it for review lists what is missing and changes nothing', async () => {
    const a = teachers.a;
    const rev = await revisionOf(a, courses.a);
    const saved = await put(a, `/api/teaching/courses/${courses.a}/draft`)
      .send({ revision: rev, document: { ...completeDraft('Khoá A'), targetGroups: [], lessons: [] } })
      .expect(200);
    expect(saved.body).toEqual({ revision: rev + 1 });
    const refused = await a
      .post(`/api/teaching/courses/${courses.a}/submit-for-review`)
      .send({ revision: rev + 1 })
      .expect(400);
    expectErrorShape(refused.body, 400, 'DRAFT_INCOMPLETE');
    expect(refused.body.details.problems.map((p: { field: string }) => p.field)).toEqual([
      'targetGroups',
      'lessons',
    ]);
    expect(
      await db.query(`SELECT count(*)::int AS n FROM course_versions WHERE course_id = $1`, [courses.a]),
    ).toEqual([{ n: 0 }]);
    await a.agent.get(`/api/courses/${courses.a}`).expect(404);
  });

  it('a save from an older revision is refused with the current revision, and the draft stays as it was', async () => {
    const a = teachers.a;
    const rev = await revisionOf(a, courses.a);
    await put(a, `/api/teaching/courses/${courses.a}/draft`)
      .send({ revision: rev, document: completeDraft('Khoá A') })
      .expect(200);
    const stale = await put(a, `/api/teaching/courses/${courses.a}/draft`)
      .send({ revision: rev, document: completeDraft('Bản cũ') })
      .expect(409);
    expectErrorShape(stale.body, 409, 'DRAFT_CONFLICT');
    expect(stale.body.details).toEqual({ currentRevision: rev + 1 });
    const now = (await a.agent.get(`/api/teaching/courses/${courses.a}`).expect(200)).body;
    expect(now.draft.document.title.vi).toBe('Khoá A');
    const hostile = await put(a, `/api/teaching/courses/${courses.a}/draft`)
      .send({
        revision: rev + 1,
        document: {
          ...completeDraft('x'),
          lessons: [{ key: 'a', kind: 'video', title: { vi: 'v' }, minutes: 1 }],
        },
      })
      .expect(400);
    expectErrorShape(hostile.body, 400);
    expect(await revisionOf(a, courses.a)).toBe(rev + 1);
  });

  it('publishing makes a searchable course version that learners take like any other; an unchanged republish changes nothing', async () => {
    const a = teachers.a;
    const rev = await approveForPublish(t.http, a, courses.a);
    const published = await a
      .post(`/api/teaching/courses/${courses.a}/publish`)
      .send({ revision: rev })
      .expect(200);
    expect(published.body).toEqual({ versionNo: 1, changed: true, lessonChanges: [] });
    const again = await a
      .post(`/api/teaching/courses/${courses.a}/publish`)
      .send({ revision: rev })
      .expect(200);
    expect(again.body).toEqual({ versionNo: 1, changed: false, lessonChanges: [] });

    const page = (await a.agent.get(`/api/courses/${courses.a}`).expect(200)).body;
    expect(page).toMatchObject({ id: courses.a, title: 'Khoá A', estimatedMinutes: 15, version: 1 });
    expect(page.modules[0].lessons.map((l: { key: string }) => l.key)).toEqual(['gioi-thieu', 'thuc-hanh']);
    const search = (await a.agent.get(`/api/courses?q=${encodeURIComponent('khoa a')}&limit=50`).expect(200))
      .body;
    expect(search.items.map((c: { id: string }) => c.id)).toContain(courses.a);
    const audit = await db.query(
      `SELECT action, actor_user_id FROM audit_log WHERE subject_id = $1 AND action = 'course.publish'`,
      [courses.a],
    );
    expect(audit).toEqual([{ action: 'course.publish', actor_user_id: a.id }]);
  });

  it('a new version keeps learners’ progress on unchanged lessons, and the report shows it', async () => {
    const a = teachers.a;
    const learner = await signedUpLearner(t.http, 'Trần Thị Lan');
    await learner.post(`/api/courses/${courses.a}/enrol`).expect(201);
    const v1 = (await learner.agent.get(`/api/courses/${courses.a}`).expect(200)).body;
    const checklist = v1.modules[0].lessons[1];
    await learner.agent.get(`/api/lessons/${checklist.id}`).expect(200); // opening starts the lesson
    await learner.agent
      .put(`/api/lessons/${checklist.id}/checklist`)
      .set('x-csrf-token', learner.csrf)
      .send({ ticked: [0, 1] })
      .expect(200);

    const draft = completeDraft('Khoá A');
    draft.lessons[0]!.body = { vi: 'Nội dung đã sửa cho rõ hơn.', en: 'Clearer text.' };
    const rev = await revisionOf(a, courses.a);
    await put(a, `/api/teaching/courses/${courses.a}/draft`)
      .send({ revision: rev, document: draft })
      .expect(200);
    await approveForPublish(t.http, a, courses.a, rev + 1);
    expect(
      (
        await a
          .post(`/api/teaching/courses/${courses.a}/publish`)
          .send({ revision: rev + 1 })
          .expect(200)
      ).body,
    ).toEqual({
      versionNo: 2,
      changed: true,
      lessonChanges: [
        { lessonId: v1.modules[0].lessons[0].id, key: 'gioi-thieu', change: 'minor', learnersKept: 0 },
      ],
    });
    const v2 = (await learner.agent.get(`/api/courses/${courses.a}`).expect(200)).body;
    expect(v2.modules[0].lessons[1].id).toBe(checklist.id);
    // A lesson keeps its address when its content changes (lesson-identity.e2e-spec.ts goes further).
    expect(v2.modules[0].lessons[0].id).toBe(v1.modules[0].lessons[0].id);

    const report = (await a.agent.get(`/api/teaching/courses/${courses.a}/learners`).expect(200)).body;
    expect(report.counts).toEqual({ enrolled: 1, not_started: 0, in_progress: 1, completed: 0 });
    expect(report.items).toEqual([
      expect.objectContaining({
        userId: learner.id,
        displayName: 'Trần Thị Lan',
        status: 'in_progress',
        completedLessons: 1,
        totalLessons: 2,
        certificateIssued: false,
      }),
    ]);
    expect(
      (await a.agent.get(`/api/teaching/courses/${courses.a}/learners?status=completed`).expect(200)).body
        .items,
    ).toEqual([]);
    await a.agent.get(`/api/teaching/courses/${courses.a}/learners?status=lost`).expect(400);
    const detail = (await a.agent.get(`/api/teaching/courses/${courses.a}`).expect(200)).body;
    expect(
      detail.versions.map((v: { versionNo: number; current: boolean }) => [v.versionNo, v.current]),
    ).toEqual([
      [2, true],
      [1, false],
    ]);
  });

  it('the learners export is CSV with formula-like cells neutralised, and is audited', async () => {
    const a = teachers.a;
    const hostile = await signedUpLearner(t.http, '=HYPERLINK("http://evil.example","bấm")');
    await hostile.post(`/api/courses/${courses.a}/enrol`).expect(201);
    const res = await a.agent.get(`/api/teaching/courses/${courses.a}/learners.csv`).expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain(`course-${courses.a}-learners.csv`);
    const text = res.text.replace(/^\uFEFF/, '');
    expect(text.split('\n')[0]).toBe(
      'name,status,completed_lessons,total_lessons,enrolled_at,last_activity_at,completed_at,certificate_issued',
    );
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""bấm"")"`);
    expect(text).not.toMatch(/^"?=/m);
    expect(text).toContain('Trần Thị Lan,in_progress,1,2,');
    const audit = await db.query(
      `SELECT after FROM audit_log WHERE subject_id = $1 AND action = 'course.learners.export'`,
      [courses.a],
    );
    expect(audit).toEqual([{ after: { rows: 2 } }]);
  });

  it.each([
    ['a', 'b'],
    ['b', 'a'],
  ] as const)(
    'teacher %s cannot list, read, edit, publish, report on, export or staff the course of teacher %s',
    async (me, other) => {
      const teacher = teachers[me];
      const id = courses[other];
      const list = (await teacher.agent.get('/api/teaching/courses').expect(200)).body.items.map(
        (c: { id: string }) => c.id,
      );
      expect(list).toContain(courses[me]);
      expect(list).not.toContain(id);
      const before = await db.query(
        `SELECT document, revision, published_revision FROM course_drafts WHERE course_id = $1`,
        [id],
      );
      const attempts = [
        teacher.agent.get(`/api/teaching/courses/${id}`),
        put(teacher, `/api/teaching/courses/${id}/draft`).send({
          revision: 1,
          document: completeDraft('Chiếm quyền'),
        }),
        teacher.post(`/api/teaching/courses/${id}/publish`).send({ revision: 1 }),
        teacher.post(`/api/teaching/courses/${id}/unpublish`),
        teacher.agent.get(`/api/teaching/courses/${id}/learners`),
        teacher.agent.get(`/api/teaching/courses/${id}/learners.csv`),
        teacher.post(`/api/teaching/courses/${id}/staff`).send({ identifier: teacher.email, role: 'owner' }),
        del(teacher, `/api/teaching/courses/${id}/staff/${teachers[other].id}`),
      ];
      for (const attempt of attempts) {
        const res = await attempt;
        expect(res.status).toBe(404);
        expectErrorShape(res.body, 404, 'COURSE_NOT_FOUND');
      }
      // A course that does not exist answers exactly the same.
      const missing = await teacher.agent.get(`/api/teaching/courses/khong-co-${tag}`).expect(404);
      expect(missing.body.message).toBe(
        (await teacher.agent.get(`/api/teaching/courses/${id}`)).body.message,
      );
      expect(
        await db.query(
          `SELECT document, revision, published_revision FROM course_drafts WHERE course_id = $1`,
          [id],
        ),
      ).toEqual(before);
      expect(await db.query(`SELECT user_id FROM course_staff WHERE course_id = $1`, [id])).toEqual([
        { user_id: teachers[other].id },
      ]);
    },
  );

  it('an owner adds a co-teacher who may edit and report but not manage staff; the last owner cannot leave', async () => {
    const [a, b] = [teachers.a, teachers.b];
    const learner = await signedUpLearner(t.http);
    expectErrorShape(
      (
        await a
          .post(`/api/teaching/courses/${courses.a}/staff`)
          .send({ identifier: learner.email })
          .expect(404)
      ).body,
      404,
      'TEACHER_NOT_FOUND',
    );
    const added = await a
      .post(`/api/teaching/courses/${courses.a}/staff`)
      .send({ identifier: b.email })
      .expect(200);
    expect(added.body.items.map((s: { userId: string; role: string }) => [s.userId, s.role])).toEqual([
      [a.id, 'owner'],
      [b.id, 'editor'],
    ]);
    await b.agent.get(`/api/teaching/courses/${courses.a}/learners`).expect(200);
    const rev = await revisionOf(b, courses.a);
    await put(b, `/api/teaching/courses/${courses.a}/draft`)
      .send({ revision: rev, document: completeDraft('Khoá A') })
      .expect(200);
    const refused = await b
      .post(`/api/teaching/courses/${courses.a}/staff`)
      .send({ identifier: b.email, role: 'owner' })
      .expect(403);
    expectErrorShape(refused.body, 403, 'COURSE_ACTION_FORBIDDEN');
    expectErrorShape(
      (await del(a, `/api/teaching/courses/${courses.a}/staff/${a.id}`).expect(409)).body,
      409,
      'LAST_OWNER',
    );
    // Adding the only owner again as an editor would demote them: refused the same way, and nothing changes.
    expectErrorShape(
      (await a.post(`/api/teaching/courses/${courses.a}/staff`).send({ identifier: a.email }).expect(409))
        .body,
      409,
      'LAST_OWNER',
    );
    expect(
      await db.query(`SELECT role FROM course_staff WHERE course_id = $1 AND user_id = $2`, [
        courses.a,
        a.id,
      ]),
    ).toEqual([{ role: 'owner' }]);
    await del(a, `/api/teaching/courses/${courses.a}/staff/${b.id}`).expect(204);
    await b.agent.get(`/api/teaching/courses/${courses.a}`).expect(404);
  });

  it('a revoked teacher role ends access to the teacher’s own course', async () => {
    const teacher = await signedUpLearner(t.http, 'Giáo viên tạm');
    const grant = await system
      .post('/api/admin/role-grants')
      .send({ userId: teacher.id, role: 'teacher' })
      .expect(201);
    const id = `studio-tam-${tag}`;
    await teacher.post('/api/teaching/courses').send({ id, title: 'Khoá tạm' }).expect(201);
    await system.agent
      .delete(`/api/admin/role-grants/${grant.body.id}`)
      .set('x-csrf-token', system.csrf)
      .expect(204);
    await teacher.agent.get(`/api/teaching/courses/${id}`).expect(404);
    await teacher.agent.get('/api/teaching/courses').expect(403);
  });

  it('a file course can be given to a teacher for its reports, but is edited only in the content files', async () => {
    const a = teachers.a;
    await a.agent.get('/api/teaching/courses/online-scams').expect(404);
    await system.post('/api/teaching/courses/online-scams/staff').send({ identifier: a.email }).expect(200);
    const detail = (await a.agent.get('/api/teaching/courses/online-scams').expect(200)).body;
    expect(detail).toMatchObject({ source: 'content', editable: false, draft: null, myRole: 'editor' });
    await a.agent.get('/api/teaching/courses/online-scams/learners').expect(200);
    const refused = await put(a, '/api/teaching/courses/online-scams/draft')
      .send({ revision: 1, document: completeDraft('x') })
      .expect(409);
    expectErrorShape(refused.body, 409, 'COURSE_NOT_EDITABLE');
    await teachers.b.agent.get('/api/teaching/courses/online-scams').expect(404);
  });

  it('the demo teacher looks after a shipped course and sees its report', async () => {
    const demo = await signedInDemo(t.http, 'teacher');
    const list = (await demo.agent.get('/api/teaching/courses').expect(200)).body.items;
    expect(list).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: 'online-scams',
          source: 'content',
          staffRole: 'owner',
          published: true,
        }),
      ]),
    );
    await demo.agent.get('/api/teaching/courses/online-scams/learners').expect(200);
  });

  it('unpublishing hides a studio course from the catalogue; enrolled learners keep their records', async () => {
    const b = teachers.b;
    const rev = await revisionOf(b, courses.b);
    await put(b, `/api/teaching/courses/${courses.b}/draft`)
      .send({ revision: rev, document: completeDraft('Khoá B') })
      .expect(200);
    await approveForPublish(t.http, b, courses.b, rev + 1);
    await b
      .post(`/api/teaching/courses/${courses.b}/publish`)
      .send({ revision: rev + 1 })
      .expect(200);
    const learner = await signedUpLearner(t.http);
    await learner.post(`/api/courses/${courses.b}/enrol`).expect(201);
    await b.post(`/api/teaching/courses/${courses.b}/unpublish`).expect(204);
    await learner.agent.get(`/api/courses/${courses.b}`).expect(404);
    expect(
      (await b.agent.get(`/api/teaching/courses/${courses.b}/learners`).expect(200)).body.counts.enrolled,
    ).toBe(1);
    const listed = (await b.agent.get('/api/teaching/courses').expect(200)).body.items.find(
      (c: { id: string }) => c.id === courses.b,
    );
    expect(listed).toMatchObject({ published: false, unpublishedChanges: false, enrolled: 1, versionNo: 1 });
  });
});
