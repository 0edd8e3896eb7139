import { randomBytes, randomUUID } from 'node:crypto';
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import { outline } from './support/learning-world';
import {
  type Browser,
  expectErrorShape,
  placeLearner,
  signedInDemo,
  signedUpLearner,
  startTestApp,
  type TestApp,
} from './support/test-app';
import { importArea } from './support/area-world';

const COURSE = 'cashless-payments';
/** Another shipped course: its teacher teaches nobody at COURSE's quiz. */
const OTHER_COURSE = 'online-scams';

type Person = Browser & { id: string; email: string };

/**
 * More quiz attempts granted by a teacher of the course, or a helper or administrator whose area holds the
 * learner (docs/quizzes.md): usable at once, even during the cooldown, audited, and granted once per
 * Idempotency-Key.
 */
describe('grants of more quiz attempts', () => {
  let t: TestApp;
  let db: DataSource;
  let system: Browser;
  let quizId: string;
  let textLessonId: string;
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const units: Record<string, string> = {};
  const people: Record<string, Person> = {};

  const grant = (b: Browser, body: Record<string, unknown>, key: string | null = randomUUID()) => {
    const req = b.post('/api/quiz-grants');
    return (key === null ? req : req.set('idempotency-key', key)).send(body);
  };
  const body = (learnerId: string, overrides: Record<string, unknown> = {}) => ({
    learnerId,
    lessonId: quizId,
    extraAttempts: 1,
    reason: 'Máy mất điện giữa lúc làm bài.',
    ...overrides,
  });
  const grantsOf = async (userId: string) =>
    (
      await db.query(
        `SELECT count(*)::int AS n, coalesce(sum(extra_attempts), 0)::int AS total FROM quiz_attempt_grants WHERE user_id = $1`,
        [userId],
      )
    )[0] as { n: number; total: number };
  const auditsOf = async (userId: string) =>
    db.query(
      `SELECT actor_user_id, scope, after, reason FROM audit_log WHERE action = 'quiz.attempts_grant' AND subject_id = $1 ORDER BY id`,
      [userId],
    );
  const submit = (l: Browser, attemptId: string) =>
    l
      .post(`/api/quiz-attempts/${attemptId}/submit`)
      .set('idempotency-key', randomUUID())
      .send({ answers: {} });

  /** A learner placed in `unit`, enrolled in COURSE, who failed all 3 attempts of the first set (cooldown running). */
  async function learnerInCooldown(unit = units.C1!): Promise<Person> {
    const l = await signedUpLearner(t.http, 'Lò Thị Học');
    await placeLearner(l, unit);
    await l.post(`/api/courses/${COURSE}/enrol`).send({}).expect(201);
    for (let n = 0; n < 3; n++) {
      const attempt = (await l.post(`/api/lessons/${quizId}/quiz-attempts`).send({}).expect(201)).body;
      await submit(l, attempt.id).expect(200);
    }
    const refused = await l.post(`/api/lessons/${quizId}/quiz-attempts`).send({}).expect(409);
    expectErrorShape(refused.body, 409, 'QUIZ_ATTEMPTS_EXHAUSTED');
    expect(refused.body.details.nextAttemptsAt).toEqual(expect.any(String));
    return l;
  }

  async function withRole(name: string, role: string | null, unit?: string): Promise<Person> {
    const p = await signedUpLearner(t.http, name);
    if (role)
      await system
        .post('/api/admin/role-grants')
        .send(unit ? { userId: p.id, role, unitId: unit } : { userId: p.id, role })
        .expect(201);
    return p;
  }

  beforeAll(async () => {
    // The suite's own app applies migrations newer than the prepared run database (a no-op once built).
    t = await startTestApp({ RUN_MIGRATIONS: 'true' });
    db = await openRunDatabase();
    const lessons = await outline(t, COURSE);
    quizId = lessons.find((l) => l.kind === 'quiz')!.id;
    textLessonId = lessons.find((l) => l.kind === 'text')!.id;
    system = await signedInDemo(t.http);
    Object.assign(units, await importArea(system, db, tag, { province: 'Tỉnh Lượt Làm' }));
    people.teacher = await withRole('Giáo viên Thanh Toán', 'teacher');
    people.otherTeacher = await withRole('Giáo viên Lừa Đảo', 'teacher');
    await system
      .post(`/api/teaching/courses/${COURSE}/staff`)
      .send({ identifier: people.teacher.email, role: 'editor' })
      .expect(200);
    await system
      .post(`/api/teaching/courses/${OTHER_COURSE}/staff`)
      .send({ identifier: people.otherTeacher.email, role: 'editor' })
      .expect(200);
    people.helper1 = await withRole('Cán bộ Xã Một', 'community_helper', units.C1);
    people.helper2 = await withRole('Cán bộ Xã Hai', 'community_helper', units.C2);
    people.admin1 = await withRole('Quản trị Xã Một', 'unit_admin', units.C1);
    people.admin2 = await withRole('Quản trị Xã Hai', 'unit_admin', units.C2);
    people.plain = await withRole('Người học khác', null);
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  it('a teacher of the course grants during the cooldown: the learner starts a new attempt at once; audited and notified', async () => {
    const l = await learnerInCooldown();
    const res = await grant(people.teacher!, body(l.id, { extraAttempts: 2 })).expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      learnerId: l.id,
      lessonId: quizId,
      courseId: COURSE,
      extraAttempts: 2,
      reason: 'Máy mất điện giữa lúc làm bài.',
      grantedAt: expect.any(String),
      attemptsLeft: 2,
      nextAttemptsAt: null,
      replayed: false,
    });
    const previous = (
      await db.query(`SELECT layout FROM quiz_attempts WHERE user_id = $1 AND attempt_no = 3`, [l.id])
    )[0];
    const fourth = await l.post(`/api/lessons/${quizId}/quiz-attempts`).send({}).expect(201);
    expect(fourth.body).toMatchObject({
      attemptNo: 4,
      status: 'open',
      attemptsLeft: 1,
      nextAttemptsAt: null,
    });
    // A new attempt: a new seed, so new opaque option ids, and none of the questions of the attempt just
    // failed (the 16-question bank leaves 8 others), although the whole bank was seen in this set.
    const oldKeys = JSON.stringify(previous.layout);
    for (const q of fourth.body.questions) for (const o of q.options) expect(oldKeys).not.toContain(o.id);
    const lastQuestions = new Set((previous.layout as Array<{ id: string }>).map((q) => q.id));
    expect(fourth.body.questions.filter((q: { id: string }) => lastQuestions.has(q.id))).toEqual([]);
    await submit(l, fourth.body.id).expect(200);
    const fifth = await l.post(`/api/lessons/${quizId}/quiz-attempts`).send({}).expect(201);
    expect(fifth.body).toMatchObject({ attemptNo: 5, attemptsLeft: 0 });
    const done = await submit(l, fifth.body.id).expect(200);
    expect(done.body.nextAttemptsAt).toEqual(expect.any(String));
    expectErrorShape(
      (await l.post(`/api/lessons/${quizId}/quiz-attempts`).send({}).expect(409)).body,
      409,
      'QUIZ_ATTEMPTS_EXHAUSTED',
    );

    const [audit] = await auditsOf(l.id);
    expect(audit).toEqual({
      actor_user_id: people.teacher!.id,
      scope: expect.stringMatching(/^\//),
      after: expect.objectContaining({
        courseId: COURSE,
        lessonId: quizId,
        extraAttempts: 2,
        via: 'course_staff',
      }),
      reason: 'Máy mất điện giữa lúc làm bài.',
    });
    const notices = await db.query(
      `SELECT kind, title, link FROM notifications WHERE user_id = $1 AND kind = 'quiz_attempts_granted'`,
      [l.id],
    );
    expect(notices).toEqual([
      {
        kind: 'quiz_attempts_granted',
        title: expect.objectContaining({ vi: expect.any(String), en: expect.any(String) }),
        link: `/lessons/${quizId}`,
      },
    ]);

    // The administrators of the learner's commune read it in their audit log; those of another commune do not.
    const mine = await people
      .admin1!.agent.get('/api/admin/audit-log?action=quiz.attempts_grant')
      .expect(200);
    expect(mine.body.items.map((i: { subjectId: string }) => i.subjectId)).toContain(l.id);
    const theirs = await people
      .admin2!.agent.get('/api/admin/audit-log?action=quiz.attempts_grant')
      .expect(200);
    expect(theirs.body.items.map((i: { subjectId: string }) => i.subjectId)).not.toContain(l.id);
  });

  it('a grant given after the cooldown ended adds to the new set, never in place of it', async () => {
    const l = await learnerInCooldown();
    // The set ended 25 hours ago (the default cooldown is 24 hours): a new set of 3 is open.
    await db.query(
      `UPDATE quiz_attempts SET started_at = started_at - interval '25 hours', submitted_at = submitted_at - interval '25 hours' WHERE user_id = $1`,
      [l.id],
    );
    const res = await grant(people.teacher!, body(l.id)).expect(201);
    expect(res.body).toMatchObject({ attemptsLeft: 4, nextAttemptsAt: null });
    const started = await l.post(`/api/lessons/${quizId}/quiz-attempts`).send({}).expect(201);
    expect(started.body).toMatchObject({ attemptNo: 4, attemptsLeft: 3 });
  });

  it('a helper or administrator whose area holds the learner grants; one of another area gets 404 and changes nothing', async () => {
    const l = await learnerInCooldown(units.C1);
    const byHelper = await grant(people.helper1!, body(l.id)).expect(201);
    expect(byHelper.body.attemptsLeft).toBe(1);
    await grant(people.admin1!, body(l.id)).expect(201);
    await grant(system, body(l.id)).expect(201);
    expect(await grantsOf(l.id)).toEqual({ n: 3, total: 3 });
    expect((await auditsOf(l.id)).map((a: { after: { via: string } }) => a.after.via)).toEqual([
      'area',
      'area',
      'area',
    ]);

    // A forged learnerId of another area, and a helper or admin of another commune: 404, nothing written.
    for (const outsider of [people.helper2!, people.admin2!]) {
      const res = await grant(outsider, body(l.id)).expect(404);
      expectErrorShape(res.body, 404, 'LEARNER_NOT_FOUND');
    }
    const unknown = await grant(people.helper1!, body(randomUUID())).expect(404);
    expectErrorShape(unknown.body, 404, 'LEARNER_NOT_FOUND');
    expect(await grantsOf(l.id)).toEqual({ n: 3, total: 3 });
    const started = await l.post(`/api/lessons/${quizId}/quiz-attempts`).send({}).expect(201);
    expect(started.body).toMatchObject({ attemptNo: 4, attemptsLeft: 2 });
  });

  it('a teacher of another course, or of this course for a learner not enrolled, gets 404', async () => {
    const l = await learnerInCooldown(units.C2);
    const other = await grant(people.otherTeacher!, body(l.id)).expect(404);
    expectErrorShape(other.body, 404, 'LEARNER_NOT_FOUND');
    const stranger = await signedUpLearner(t.http);
    const notEnrolled = await grant(people.teacher!, body(stranger.id)).expect(404);
    expectErrorShape(notEnrolled.body, 404, 'LEARNER_NOT_FOUND');
    // A helper of C1 cannot reach this learner of C2 either.
    expectErrorShape((await grant(people.helper1!, body(l.id)).expect(404)).body, 404, 'LEARNER_NOT_FOUND');
    expect(await grantsOf(l.id)).toEqual({ n: 0, total: 0 });
    expect(await grantsOf(stranger.id)).toEqual({ n: 0, total: 0 });
  });

  it('nobody grants to themselves (403), and a learner without a granting role gets 403', async () => {
    const l = await learnerInCooldown();
    expectErrorShape((await grant(l, body(l.id)).expect(403)).body, 403, 'QUIZ_GRANT_SELF');
    expectErrorShape((await grant(people.plain!, body(l.id)).expect(403)).body, 403, 'FORBIDDEN');
    // A teacher enrolled in their own course cannot grant themselves either.
    await people.teacher!.post(`/api/courses/${COURSE}/enrol`).send({});
    expectErrorShape(
      (await grant(people.teacher!, body(people.teacher!.id)).expect(403)).body,
      403,
      'QUIZ_GRANT_SELF',
    );
    expect(await grantsOf(l.id)).toEqual({ n: 0, total: 0 });
    expect(await grantsOf(people.teacher!.id)).toEqual({ n: 0, total: 0 });
  });

  it('refuses a non-quiz lesson, an unknown lesson, bad attempt counts, NUL or empty reasons, unknown fields and a missing key', async () => {
    const l = await learnerInCooldown();
    expectErrorShape(
      (await grant(people.teacher!, body(l.id, { lessonId: textLessonId })).expect(400)).body,
      400,
      'LESSON_KIND_MISMATCH',
    );
    expectErrorShape(
      (await grant(people.teacher!, body(l.id, { lessonId: randomUUID() })).expect(404)).body,
      404,
      'LESSON_NOT_FOUND',
    );
    const invalid: Array<Record<string, unknown>> = [
      { extraAttempts: 0 },
      { extraAttempts: 99 },
      { extraAttempts: 6 },
      { extraAttempts: '1' },
      { extraAttempts: 1.5 },
      { extraAttempts: -1 },
      { reason: '' },
      { reason: '   ' },
      { reason: 'x'.repeat(501) },
      { reason: 'lý do\u202Egiả' },
      { lessonId: 'not-a-uuid' },
      { learnerId: `${l.id}' OR 1=1 --` },
      { grantedBy: people.teacher!.id },
    ];
    for (const overrides of invalid) {
      const res = await grant(people.teacher!, body(l.id, overrides));
      expect({ overrides, status: res.status }).toEqual({ overrides, status: 400 });
      expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
    }
    const nul = await grant(people.teacher!, body(l.id, { reason: 'lý do\u0000' })).expect(400);
    expectErrorShape(nul.body, 400);
    const { reason: _omitted, ...noReason } = body(l.id);
    expectErrorShape((await grant(people.teacher!, noReason).expect(400)).body, 400, 'VALIDATION_FAILED');
    expectErrorShape(
      (await grant(people.teacher!, body(l.id), null).expect(400)).body,
      400,
      'IDEMPOTENCY_KEY_REQUIRED',
    );
    expectErrorShape(
      (await grant(people.teacher!, body(l.id), 'short').expect(400)).body,
      400,
      'IDEMPOTENCY_KEY_REQUIRED',
    );
    expect(await grantsOf(l.id)).toEqual({ n: 0, total: 0 });
    expect(await auditsOf(l.id)).toEqual([]);
    expectErrorShape(
      (await l.post(`/api/lessons/${quizId}/quiz-attempts`).send({}).expect(409)).body,
      409,
      'QUIZ_ATTEMPTS_EXHAUSTED',
    );
  });

  it('50 parallel grants by one teacher each count once; no update is lost', async () => {
    const l = await learnerInCooldown();
    const results = await Promise.all(Array.from({ length: 50 }, () => grant(people.teacher!, body(l.id))));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(50);
    expect(await grantsOf(l.id)).toEqual({ n: 50, total: 50 });
    expect(await auditsOf(l.id)).toHaveLength(50);
    const started = await l.post(`/api/lessons/${quizId}/quiz-attempts`).send({}).expect(201);
    expect(started.body).toMatchObject({ attemptNo: 4, attemptsLeft: 49 });
  });

  it('a replayed request grants once (sequential and parallel); the key with another grant is refused', async () => {
    const l = await learnerInCooldown();
    const key = randomUUID();
    const first = await grant(people.teacher!, body(l.id, { extraAttempts: 3 }), key).expect(201);
    const replay = await grant(people.teacher!, body(l.id, { extraAttempts: 3 }), key).expect(200);
    expect(replay.body).toEqual({ ...first.body, replayed: true });
    const parallelKey = randomUUID();
    const burst = await Promise.all(
      Array.from({ length: 10 }, () => grant(people.teacher!, body(l.id, { extraAttempts: 2 }), parallelKey)),
    );
    expect(burst.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(burst.map((r) => r.body.id)).size).toBe(1);
    const reused = await grant(people.teacher!, body(l.id, { extraAttempts: 5 }), key).expect(409);
    expectErrorShape(reused.body, 409, 'IDEMPOTENCY_KEY_REUSED');
    // Another granter may use the same key value: keys are per granter.
    await grant(people.helper1!, body(l.id, { extraAttempts: 1 }), key).expect(201);
    expect(await grantsOf(l.id)).toEqual({ n: 3, total: 6 });
    expect(await auditsOf(l.id)).toHaveLength(3);
    const notices = await db.query(
      `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND kind = 'quiz_attempts_granted'`,
      [l.id],
    );
    expect(notices[0].n).toBe(3);
  });
});
