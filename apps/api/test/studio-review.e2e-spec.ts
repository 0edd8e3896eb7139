import { randomBytes } from 'node:crypto';
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

type Signed = Browser & { id: string; email: string };

const draft = (introBody: string) => ({
  defaultLanguage: 'vi',
  languages: ['vi'],
  title: { vi: 'Khoá học được duyệt' },
  summary: { vi: 'Những điều cơ bản.' },
  description: { vi: 'Dành cho người mới bắt đầu.' },
  targetGroups: ['citizens'],
  subGroups: ['older-adults'],
  competencies: [{ framework: 'tt02-2025', code: '1.1', level: 1 }],
  certificate: true,
  lessons: [
    { key: 'gioi-thieu', kind: 'text', title: { vi: 'Giới thiệu' }, minutes: 5, body: { vi: introBody } },
  ],
});

/**
 * Review before publishing (issue 14, item 6; docs/studio-review.md): a teacher submits, a reviewer requests
 * changes with a lesson comment, the teacher edits and resubmits, another reviewer approves, the teacher
 * publishes; the author never approves their own draft, an edit after approval needs review again, parallel
 * approvals make one approval, and a caller who neither teaches nor reviews the course gets 404.
 */
describe('studio review before publishing', () => {
  let t: TestApp;
  let world: FreshDatabase;
  let db: DataSource;
  let system: Browser;
  let teacher: Signed;
  let otherTeacher: Signed;
  let reviewer: Signed;
  const tag = randomBytes(3).toString('hex');
  let n = 0;

  const put = (b: Browser, url: string) => b.agent.put(url).set('x-csrf-token', b.csrf);
  const revisionOf = async (id: string) =>
    (await teacher.agent.get(`/api/teaching/courses/${id}`).expect(200)).body.draft.revision as number;
  const save = async (id: string, body: string) => {
    const revision = await revisionOf(id);
    await put(teacher, `/api/teaching/courses/${id}/draft`)
      .send({ revision, document: draft(body) })
      .expect(200);
    return revision + 1;
  };
  const grant = async (role: string) => {
    const u = await signedUpLearner(t.http, `Người ${role} ${++n}`);
    await system.post('/api/admin/role-grants').send({ userId: u.id, role }).expect(201);
    return u;
  };
  const newCourse = async () => {
    const id = `duyet-${tag}-${++n}`;
    await teacher.post('/api/teaching/courses').send({ id, title: 'Khoá học được duyệt' }).expect(201);
    return { id, revision: await save(id, 'Nội dung ban đầu.') };
  };
  const auditOf = async (id: string) =>
    (
      await db.query(
        `SELECT action FROM audit_log WHERE subject_id = $1 AND action LIKE 'course.%' ORDER BY at`,
        [id],
      )
    ).map((r: { action: string }) => r.action);

  beforeAll(async () => {
    world = await createPreparedDatabase();
    db = world.db;
    t = await startTestApp({ DATABASE_URL: world.url });
    system = await signedInDemo(t.http);
    teacher = await grant('teacher');
    otherTeacher = await grant('teacher');
    reviewer = await grant('reviewer');
  });
  afterAll(async () => {
    await t.close();
    await world.drop();
  });

  it('teacher → submit → reviewer requests changes with a comment → teacher edits → submit → approve → publish', async () => {
    const { id, revision } = await newCourse();
    const submitted = await teacher.post(`/api/teaching/courses/${id}/submit-for-review`).send({ revision });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toEqual({ status: 'in_review', draftRevision: revision });

    const queue = await reviewer.agent.get('/api/teaching/reviews').expect(200);
    expect(queue.body.items.map((i: { courseId: string }) => i.courseId)).toContain(id);

    const seen = (await reviewer.agent.get(`/api/teaching/courses/${id}/review`).expect(200)).body;
    expect(seen).toMatchObject({ status: 'in_review', draftRevision: revision, reviewedRevision: revision });
    expect(seen.diff).toEqual([expect.objectContaining({ key: 'gioi-thieu', change: 'added' })]);

    const comment = await reviewer
      .post(`/api/teaching/courses/${id}/review/comments`)
      .send({ lessonKey: 'gioi-thieu', body: 'Cần thêm ví dụ cụ thể.' })
      .expect(201);
    await reviewer
      .post(`/api/teaching/courses/${id}/request-changes`)
      .send({ revision, reason: 'Bài giới thiệu còn thiếu ví dụ.' })
      .expect(200);

    // The teacher sees the state, the reason and the comment, cannot publish, edits and submits again.
    const mine = (await teacher.agent.get(`/api/teaching/courses/${id}/review`).expect(200)).body;
    expect(mine).toMatchObject({
      status: 'changes_requested',
      reason: 'Bài giới thiệu còn thiếu ví dụ.',
      submittedBy: expect.stringContaining('Người teacher'),
      ownDraft: true,
    });
    expect(mine.comments).toEqual([
      expect.objectContaining({
        id: comment.body.id,
        lessonKey: 'gioi-thieu',
        body: 'Cần thêm ví dụ cụ thể.',
        resolved: false,
      }),
    ]);
    expectErrorShape(
      (await teacher.post(`/api/teaching/courses/${id}/publish`).send({ revision }).expect(409)).body,
      409,
      'REVIEW_REQUIRED',
    );
    const edited = await save(id, 'Nội dung ban đầu.\nVí dụ: nhận cuộc gọi lạ.');
    await teacher.post(`/api/teaching/courses/${id}/review/comments/${comment.body.id}/resolve`).expect(204);
    await teacher
      .post(`/api/teaching/courses/${id}/submit-for-review`)
      .send({ revision: edited })
      .expect(200);
    // Resubmitting answers the reason: the reviewer sees the course waiting again, without the old reason.
    expect((await reviewer.agent.get(`/api/teaching/courses/${id}/review`).expect(200)).body).toMatchObject({
      status: 'in_review',
      reason: null,
      ownDraft: false,
    });
    await reviewer.post(`/api/teaching/courses/${id}/approve`).send({ revision: edited }).expect(200);

    const published = await teacher.post(`/api/teaching/courses/${id}/publish`).send({ revision: edited });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ versionNo: 1, changed: true });
    expect(await auditOf(id)).toEqual([
      'course.create',
      'course.review.submit',
      'course.review.comment',
      'course.review.request_changes',
      'course.review.resolve',
      'course.review.submit',
      'course.review.approve',
      'course.publish',
    ]);

    // After publishing, the diff is against the published version: nothing changed yet.
    const after = (await reviewer.agent.get(`/api/teaching/courses/${id}/review`).expect(200)).body;
    expect(after.diff).toEqual([expect.objectContaining({ key: 'gioi-thieu', change: 'unchanged' })]);
  });

  it('an edit after approval needs review again; the diff shows the changed lines', async () => {
    const { id, revision } = await newCourse();
    await teacher.post(`/api/teaching/courses/${id}/submit-for-review`).send({ revision }).expect(200);
    await reviewer.post(`/api/teaching/courses/${id}/approve`).send({ revision }).expect(200);
    await teacher.post(`/api/teaching/courses/${id}/publish`).send({ revision }).expect(200);
    const edited = await save(id, 'Nội dung đã sửa.');
    const state = (await teacher.agent.get(`/api/teaching/courses/${id}/review`).expect(200)).body;
    expect(state.status).toBe('stale_approval');
    const changed = state.diff.find((d: { key: string }) => d.key === 'gioi-thieu');
    expect(changed.change).toBe('changed');
    expect(changed.lines.filter((l: { op: string }) => l.op !== 'same')).toEqual([
      { op: 'removed', text: '    "vi": "Nội dung ban đầu."' },
      { op: 'added', text: '    "vi": "Nội dung đã sửa."' },
    ]);
    const refused = await teacher
      .post(`/api/teaching/courses/${id}/publish`)
      .send({ revision: edited })
      .expect(409);
    expectErrorShape(refused.body, 409, 'REVIEW_REQUIRED');
    // An approval of the old revision cannot be given now either: the teacher must submit the new one.
    expectErrorShape(
      (await reviewer.post(`/api/teaching/courses/${id}/approve`).send({ revision }).expect(409)).body,
      409,
      'REVIEW_STALE',
    );
  });

  it('the author cannot approve their own draft, even holding the reviewer role', async () => {
    const both = await grant('teacher');
    await system.post('/api/admin/role-grants').send({ userId: both.id, role: 'reviewer' }).expect(201);
    const id = `duyet-${tag}-${++n}`;
    await both.post('/api/teaching/courses').send({ id, title: 'Khoá tự duyệt' }).expect(201);
    // An empty draft is not sent to a reviewer: every reason is listed.
    const empty = await both
      .post(`/api/teaching/courses/${id}/submit-for-review`)
      .send({ revision: 1 })
      .expect(400);
    expectErrorShape(empty.body, 400, 'DRAFT_INCOMPLETE');
    expect(empty.body.details.problems.length).toBeGreaterThan(1);
    await put(both, `/api/teaching/courses/${id}/draft`)
      .send({ revision: 1, document: draft('Bài viết.') })
      .expect(200);
    const revision = 2;
    await both.post(`/api/teaching/courses/${id}/submit-for-review`).send({ revision }).expect(200);
    const own = await both.post(`/api/teaching/courses/${id}/approve`).send({ revision }).expect(403);
    expectErrorShape(own.body, 403, 'REVIEW_OWN_DRAFT');
    const sentBack = await both
      .post(`/api/teaching/courses/${id}/request-changes`)
      .send({ revision, reason: 'Tự trả lại.' })
      .expect(403);
    expectErrorShape(sentBack.body, 403, 'REVIEW_OWN_DRAFT');
    const state = (await both.agent.get(`/api/teaching/courses/${id}/review`).expect(200)).body;
    expect(state).toMatchObject({ status: 'in_review', ownDraft: true, reason: null });
    // Another reviewer may.
    await reviewer.post(`/api/teaching/courses/${id}/approve`).send({ revision }).expect(200);
  });

  it('a teacher of another course and a learner get 404 on every review route; a teacher without the role cannot approve', async () => {
    const { id, revision } = await newCourse();
    await teacher.post(`/api/teaching/courses/${id}/submit-for-review`).send({ revision }).expect(200);
    const learner = await signedUpLearner(t.http);
    for (const outsider of [otherTeacher, learner]) {
      const answers = await Promise.all([
        outsider.agent.get(`/api/teaching/courses/${id}/review`),
        outsider.post(`/api/teaching/courses/${id}/approve`).send({ revision }),
        outsider.post(`/api/teaching/courses/${id}/request-changes`).send({ revision, reason: 'Sửa.' }),
        outsider.post(`/api/teaching/courses/${id}/submit-for-review`).send({ revision }),
        outsider
          .post(`/api/teaching/courses/${id}/review/comments`)
          .send({ lessonKey: 'gioi-thieu', body: 'x' }),
      ]);
      for (const a of answers) expectErrorShape(a.body, 404, 'COURSE_NOT_FOUND');
      expect((await outsider.agent.get('/api/teaching/reviews')).status).toBe(404);
    }
    // The course's own teacher (no reviewer role) cannot decide.
    expectErrorShape(
      (await teacher.post(`/api/teaching/courses/${id}/approve`).send({ revision }).expect(403)).body,
      403,
      'REVIEW_FORBIDDEN',
    );
    expect(
      (await reviewer.agent.get(`/api/teaching/courses/${id}/review`).expect(200)).body.comments,
    ).toEqual([]);
  });

  it('50 parallel approvals make one approval; 50 parallel decisions of either kind make one decision', async () => {
    const { id, revision } = await newCourse();
    await teacher.post(`/api/teaching/courses/${id}/submit-for-review`).send({ revision }).expect(200);
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        reviewer.post(`/api/teaching/courses/${id}/approve`).send({ revision }),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    for (const a of answers.filter((x) => x.status !== 200)) expectErrorShape(a.body, 409, 'REVIEW_STATE');
    const approvals = await db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE subject_id = $1 AND action = 'course.review.approve'`,
      [id],
    );
    expect(approvals).toEqual([{ n: 1 }]);

    // Approvals and requests for changes racing each other: exactly one wins, and the stored state is its.
    const second = await newCourse();
    await teacher
      .post(`/api/teaching/courses/${second.id}/submit-for-review`)
      .send({ revision: second.revision })
      .expect(200);
    const mixed = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        i % 2 === 0
          ? reviewer.post(`/api/teaching/courses/${second.id}/approve`).send({ revision: second.revision })
          : reviewer
              .post(`/api/teaching/courses/${second.id}/request-changes`)
              .send({ revision: second.revision, reason: `Lý do ${i}` }),
      ),
    );
    const won = mixed.filter((a) => a.status === 200);
    expect(won).toHaveLength(1);
    for (const a of mixed.filter((x) => x.status !== 200)) expectErrorShape(a.body, 409, 'REVIEW_STATE');
    const decided = (await teacher.agent.get(`/api/teaching/courses/${second.id}/review`).expect(200)).body;
    expect(decided.status).toBe(won[0]!.body.status);
    expect(await auditOf(second.id)).toEqual([
      'course.create',
      'course.review.submit',
      decided.status === 'approved' ? 'course.review.approve' : 'course.review.request_changes',
    ]);
  });

  it('a course never submitted cannot be published, by its owner or a system admin; nothing is published', async () => {
    const { id, revision } = await newCourse();
    for (const who of [teacher, system]) {
      const refused = await who.post(`/api/teaching/courses/${id}/publish`).send({ revision }).expect(409);
      expectErrorShape(refused.body, 409, 'REVIEW_REQUIRED');
      expect(refused.body.details).toEqual({ status: 'draft' });
    }
    // Waiting for review or sent back is not enough either.
    await teacher.post(`/api/teaching/courses/${id}/submit-for-review`).send({ revision }).expect(200);
    expect(
      (await teacher.post(`/api/teaching/courses/${id}/publish`).send({ revision }).expect(409)).body.details,
    ).toEqual({ status: 'in_review' });
    await reviewer
      .post(`/api/teaching/courses/${id}/request-changes`)
      .send({ revision, reason: 'Chưa đạt.' })
      .expect(200);
    expect(
      (await teacher.post(`/api/teaching/courses/${id}/publish`).send({ revision }).expect(409)).body.details,
    ).toEqual({ status: 'changes_requested' });
    const versions = await db.query(`SELECT count(*)::int AS n FROM course_versions WHERE course_id = $1`, [
      id,
    ]);
    expect(versions).toEqual([{ n: 0 }]);
    expect((await db.query(`SELECT published FROM courses WHERE id = $1`, [id]))[0].published).toBe(false);
    expect(await auditOf(id)).not.toContain('course.publish');
  });

  it('requesting changes needs a reason: a missing, blank, hidden or huge one is refused and changes nothing', async () => {
    const { id, revision } = await newCourse();
    await teacher.post(`/api/teaching/courses/${id}/submit-for-review`).send({ revision }).expect(200);
    const ask = (body: unknown) =>
      reviewer.post(`/api/teaching/courses/${id}/request-changes`).send(body as object);
    for (const body of [
      { revision },
      { revision, reason: '' },
      { revision, reason: '   ' },
      { revision, reason: 'a\u0000b' },
      { revision, reason: '\u200b\u200b' },
      { revision, reason: 'x'.repeat(2001) },
      { revision, reason: 'x'.repeat(100_000) },
      { revision, reason: 42 },
      { revision, reason: 'Sửa.', state: 'approved' },
      { reason: 'Sửa.' },
    ]) {
      const refused = await ask(body);
      expect([400, 413]).toContain(refused.status);
      expectErrorShape(refused.body, refused.status);
    }
    expectErrorShape(
      (await ask({ revision: revision + 1, reason: 'Sửa.' }).expect(409)).body,
      409,
      'REVIEW_STALE',
    );
    // The course's own teacher (no reviewer role) may not send it back.
    expectErrorShape(
      (
        await teacher
          .post(`/api/teaching/courses/${id}/request-changes`)
          .send({ revision, reason: 'Tự trả lại.' })
          .expect(403)
      ).body,
      403,
      'REVIEW_FORBIDDEN',
    );
    const state = (await reviewer.agent.get(`/api/teaching/courses/${id}/review`).expect(200)).body;
    expect(state).toMatchObject({ status: 'in_review', reason: null });
    expect(await auditOf(id)).toEqual(['course.create', 'course.review.submit']);
    // A reason is stored NFC and kept as written (several lines).
    await ask({ revision, reason: 'Vie\u0323\u0302t thêm ví dụ.\nDòng hai.' }).expect(200);
    expect((await teacher.agent.get(`/api/teaching/courses/${id}/review`).expect(200)).body.reason).toBe(
      'Việt thêm ví dụ.\nDòng hai.',
    );
  });

  it('forged and hostile bodies are refused with the error shape and change nothing', async () => {
    const { id, revision } = await newCourse();
    const post = (url: string, body: unknown) =>
      teacher.post(`/api/teaching/courses/${id}${url}`).send(body as object);
    for (const body of [
      {},
      { revision: '1' },
      { revision: -1 },
      { revision, extra: true },
      { revision: 1.5 },
    ])
      expectErrorShape((await post('/submit-for-review', body).expect(400)).body, 400);
    expectErrorShape(
      (await post('/submit-for-review', { revision: revision - 1 }).expect(409)).body,
      409,
      'REVIEW_STALE',
    );
    for (const body of [
      { lessonKey: 'gioi-thieu', body: '' },
      { lessonKey: 'gioi-thieu', body: 'a\u0000b' },
      { lessonKey: 'gioi-thieu', body: 'a\u200bb' },
      { lessonKey: 'gioi-thieu', body: 'x'.repeat(2001) },
      { lessonKey: '../etc', body: 'x' },
      { lessonKey: 'gioi-thieu', body: 'x', authorId: teacher.id },
    ])
      expectErrorShape((await post('/review/comments', body).expect(400)).body, 400);
    // A huge text is refused before it reaches the service (the body limit or the 2000-character rule).
    const huge = await post('/review/comments', { lessonKey: 'gioi-thieu', body: 'ệ'.repeat(300_000) });
    expect([400, 413]).toContain(huge.status);
    expectErrorShape(huge.body, huge.status);
    expectErrorShape(
      (await post('/review/comments', { lessonKey: 'khong-co', body: 'x' }).expect(400)).body,
      400,
      'REVIEW_COMMENT_UNKNOWN_LESSON',
    );
    // Text is stored NFC: a decomposed "ệ" comes back composed.
    await post('/review/comments', { lessonKey: 'gioi-thieu', body: 'Vie\u0323\u0302t' }).expect(201);
    const comments = (await teacher.agent.get(`/api/teaching/courses/${id}/review`).expect(200)).body
      .comments;
    expect(comments.map((c: { body: string }) => c.body)).toEqual(['Việt']);
    for (const bad of ['not-a-uuid', '00000000-0000-4000-8000-000000000000'])
      expectErrorShape(
        (await teacher.post(`/api/teaching/courses/${id}/review/comments/${bad}/resolve`).expect(404)).body,
        404,
        'REVIEW_COMMENT_NOT_FOUND',
      );
    // A comment of another course cannot be resolved through this one.
    const other = await newCourse();
    const foreign = await teacher
      .post(`/api/teaching/courses/${other.id}/review/comments`)
      .send({ lessonKey: 'gioi-thieu', body: 'khác' })
      .expect(201);
    await teacher.post(`/api/teaching/courses/${id}/review/comments/${foreign.body.id}/resolve`).expect(404);
    expect(await auditOf(id)).toEqual(['course.create', 'course.review.comment']);
  });
});
