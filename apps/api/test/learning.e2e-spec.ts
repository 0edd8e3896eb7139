import request from 'supertest';
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import { readFor as readOpenLessonFor } from './support/learning-world';
import { expectErrorShape, signedUpLearner, startTestApp, type TestApp } from './support/test-app';

describe('the skeleton learner journey through the api', () => {
  let t: TestApp;
  let db: DataSource;
  beforeAll(async () => {
    t = await startTestApp();
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  const firstTextLesson = async (courseId: string) => {
    const course = await request(t.http).get(`/api/courses/${courseId}`).expect(200);
    const lessons = course.body.modules.flatMap(
      (m: { lessons: Array<{ id: string; kind: string }> }) => m.lessons,
    );
    return { lessons, text: lessons.find((l: { kind: string }) => l.kind === 'text') };
  };
  /** Moves the reading clock of the learner's open lesson back, as if they had kept it open for `seconds` more. */
  const readFor = async (userId: string, lessonId: string, seconds: number) =>
    expect(await readOpenLessonFor(db, userId, lessonId, seconds)).toBe(1);

  it('enrols idempotently: 201 then 200, one enrolment row', async () => {
    const l = await signedUpLearner(t.http);
    const first = await l.post('/api/courses/online-health/enrol').send({}).expect(201);
    expect(first.body).toMatchObject({
      courseId: 'online-health',
      status: 'active',
      percent: 0,
      completedLessons: 0,
    });
    await l.post('/api/courses/online-health/enrol').send({}).expect(200);
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM enrolments WHERE user_id = $1`, [
      l.id,
    ]);
    expect(count).toBe(1);
  });

  it('refuses to enrol in a course that does not exist', async () => {
    const l = await signedUpLearner(t.http);
    const res = await l.post('/api/courses/no-such-course/enrol').send({}).expect(404);
    expectErrorShape(res.body, 404, 'COURSE_NOT_FOUND');
  });

  it('opens lessons only for enrolled learners', async () => {
    const l = await signedUpLearner(t.http);
    const { text } = await firstTextLesson('vneid-digital-identity');
    const res = await l.agent.get(`/api/lessons/${text.id}`).expect(403);
    expectErrorShape(res.body, 403, 'NOT_ENROLLED');
    const unknown = await l.agent.get('/api/lessons/00000000-0000-4000-8000-000000000000').expect(404);
    expectErrorShape(unknown.body, 404, 'LESSON_NOT_FOUND');
  });

  it('reads a lesson rendered from Markdown, with neighbours and the reading clock started', async () => {
    const l = await signedUpLearner(t.http);
    await l.post('/api/courses/smartphone-basics/enrol').send({}).expect(201);
    const { lessons, text } = await firstTextLesson('smartphone-basics');
    const lesson = await l.agent.get(`/api/lessons/${text.id}`).expect(200);
    expect(lesson.body).toMatchObject({
      id: text.id,
      kind: 'text',
      courseId: 'smartphone-basics',
      status: 'in_progress',
      language: 'vi',
    });
    expect(lesson.body.html).toMatch(/<h2>|<p>/);
    expect(lesson.body.html).not.toMatch(/<script/i);
    expect(lesson.body.minReadSeconds).toBeGreaterThanOrEqual(10);
    expect(lesson.body.previousLessonId).toBeNull();
    expect(lesson.body.nextLessonId).toBe(lessons[1].id);
    const en = await l.agent.get(`/api/lessons/${text.id}?lang=en`).expect(200);
    expect(en.body.language).toBe('en');
    expect(en.body.title).not.toBe(lesson.body.title);
  });

  it('refuses to complete a text lesson before the minimum reading time, by the server clock', async () => {
    const l = await signedUpLearner(t.http);
    await l.post('/api/courses/smartphone-basics/enrol').send({}).expect(201);
    const { text } = await firstTextLesson('smartphone-basics');
    const never = await l.post(`/api/lessons/${text.id}/complete`).send({ reachedEnd: true }).expect(409);
    expectErrorShape(never.body, 409, 'LESSON_NOT_OPENED');
    await l.agent.get(`/api/lessons/${text.id}`).expect(200);
    const early = await l.post(`/api/lessons/${text.id}/complete`).send({ reachedEnd: true }).expect(409);
    expectErrorShape(early.body, 409, 'LESSON_READ_TOO_SOON');
    expect(early.body.details.secondsRemaining).toBeGreaterThan(0);
    const [progress] = await db.query(
      `SELECT status FROM lesson_progress WHERE user_id = $1 AND lesson_revision_id = $2`,
      [l.id, text.id],
    );
    expect(progress.status).toBe('in_progress');
  });

  it('completes a read lesson once, and "My learning" shows the progress and the next lesson', async () => {
    const l = await signedUpLearner(t.http);
    await l.post('/api/courses/smartphone-basics/enrol').send({}).expect(201);
    const { lessons, text } = await firstTextLesson('smartphone-basics');
    await l.agent.get(`/api/lessons/${text.id}`).expect(200);
    await readFor(l.id, text.id, 600);
    const done = await l.post(`/api/lessons/${text.id}/complete`).send({ reachedEnd: true }).expect(200);
    expect(done.body).toMatchObject({
      completedLessons: 1,
      totalLessons: lessons.length,
      status: 'active',
      nextLessonId: lessons[1].id,
    });
    expect(done.body.percent).toBe(Math.floor(100 / lessons.length));
    // Completing again changes nothing.
    const again = await l.post(`/api/lessons/${text.id}/complete`).send({ reachedEnd: true }).expect(200);
    expect(again.body.completedLessons).toBe(1);
    const mine = await l.agent.get('/api/me/learning').expect(200);
    expect(mine.body.items).toEqual([
      expect.objectContaining({
        courseId: 'smartphone-basics',
        completedLessons: 1,
        nextLessonTitle: expect.any(String),
      }),
    ]);
    const perLesson = await l.agent.get('/api/me/courses/smartphone-basics').expect(200);
    expect(perLesson.body.lessons.find((x: { id: string }) => x.id === text.id).status).toBe('completed');
    expect(perLesson.body.lessons.find((x: { id: string }) => x.id === lessons[1].id).status).toBe(
      'not_started',
    );
  });

  it('keeps each learner to their own progress', async () => {
    const a = await signedUpLearner(t.http);
    const b = await signedUpLearner(t.http);
    await a.post('/api/courses/online-scams/enrol').send({}).expect(201);
    const { text } = await firstTextLesson('online-scams');
    await a.agent.get(`/api/lessons/${text.id}`).expect(200);
    await readFor(a.id, text.id, 600);
    await a.post(`/api/lessons/${text.id}/complete`).send({ reachedEnd: true }).expect(200);
    expect((await b.agent.get('/api/me/learning').expect(200)).body.items).toEqual([]);
    await b.agent.get(`/api/lessons/${text.id}`).expect(403);
  });

  it('does not complete non-text lessons through the reading call', async () => {
    const l = await signedUpLearner(t.http);
    await l.post('/api/courses/online-scams/enrol').send({}).expect(201);
    const { lessons } = await firstTextLesson('online-scams');
    const quiz = lessons.find((x: { kind: string }) => x.kind === 'quiz');
    await l.agent.get(`/api/lessons/${quiz.id}`).expect(200);
    const res = await l.post(`/api/lessons/${quiz.id}/complete`).send({ reachedEnd: true }).expect(400);
    expectErrorShape(res.body, 400, 'LESSON_KIND_MISMATCH');
  });

  describe("one lesson at a time: the reading clock runs only for the course's open lesson", () => {
    const COURSE = 'vneid-digital-identity'; // four text lessons, 197 s of reading in all
    const texts = async () =>
      (await firstTextLesson(COURSE)).lessons.filter((l: { kind: string }) => l.kind === 'text') as Array<{
        id: string;
      }>;
    const minRead = async (lessonId: string) =>
      Number(
        (await db.query(`SELECT min_read_seconds FROM lesson_revisions WHERE id = $1`, [lessonId]))[0]
          .min_read_seconds,
      );
    const complete = (l: { post(url: string): request.Test }, lessonId: string) =>
      l.post(`/api/lessons/${lessonId}/complete`).send({ reachedEnd: true });

    it('four lessons opened at once and 54 s of waiting: only the last one opened earned the time; the others are refused and no certificate is queued', async () => {
      const l = await signedUpLearner(t.http);
      await l.post(`/api/courses/${COURSE}/enrol`).send({}).expect(201);
      const lessons = await texts();
      expect(lessons).toHaveLength(4);
      for (const lesson of lessons) await l.agent.get(`/api/lessons/${lesson.id}`).expect(200);
      const [e] = await db.query(
        `SELECT id, current_lesson_id FROM enrolments WHERE user_id = $1 AND course_id = $2`,
        [l.id, COURSE],
      );
      const last = lessons[lessons.length - 1]!;
      expect(e.current_lesson_id).toBe(last.id);
      await readFor(l.id, last.id, 54);
      for (const lesson of lessons.slice(0, -1)) {
        const res = await complete(l, lesson.id).expect(409);
        expectErrorShape(res.body, 409, 'LESSON_READ_TOO_SOON');
        expect(res.body.details.openLesson).toBe(false);
        // Its clock stopped within moments of opening: nearly all of its minimum is still to read.
        expect(res.body.details.secondsRemaining).toBeGreaterThanOrEqual((await minRead(lesson.id)) - 5);
      }
      expect((await minRead(last.id)) <= 54).toBe(true);
      const done = await complete(l, last.id).expect(200);
      expect(done.body).toMatchObject({ completedLessons: 1, status: 'active' });
      const statuses = await db.query(
        `SELECT lesson_revision_id AS id, status FROM lesson_progress WHERE user_id = $1 ORDER BY status`,
        [l.id],
      );
      expect(
        statuses.filter((p: { status: string }) => p.status === 'completed').map((p: { id: string }) => p.id),
      ).toEqual([last.id]);
      expect(
        await db.query(`SELECT 1 FROM certificate_requests WHERE enrolment_id = $1`, [e.id]),
      ).toHaveLength(0);
    });

    it('opening another lesson stops the clock and keeps what it counted; coming back resumes it', async () => {
      const l = await signedUpLearner(t.http);
      await l.post(`/api/courses/${COURSE}/enrol`).send({}).expect(201);
      const [a, b] = await texts();
      const needA = await minRead(a!.id);
      await l.agent.get(`/api/lessons/${a!.id}`).expect(200);
      await readFor(l.id, a!.id, 30);
      const toB = await l.agent.get(`/api/lessons/${b!.id}`).expect(200);
      expect(toB.body.readSecondsRemaining).toBe(await minRead(b!.id));
      await readFor(l.id, b!.id, 600); // a long time on B earns A nothing
      const refused = await complete(l, a!.id).expect(409);
      expect(refused.body.details).toMatchObject({ openLesson: false });
      expect(refused.body.details.secondsRemaining).toBeGreaterThanOrEqual(needA - 30 - 1);
      expect(refused.body.details.secondsRemaining).toBeLessThanOrEqual(needA - 30);
      const backToA = await l.agent.get(`/api/lessons/${a!.id}`).expect(200);
      expect(backToA.body.readSecondsRemaining).toBeGreaterThanOrEqual(needA - 30 - 1);
      expect(backToA.body.readSecondsRemaining).toBeLessThanOrEqual(needA - 30);
      await readFor(l.id, a!.id, needA - 30);
      await complete(l, a!.id).expect(200);
      // B banked its own time while it was open, so it can be completed later without reading again.
      await complete(l, b!.id).expect(200);
    });

    it('re-opening the open lesson (a reload, a language switch) does not restart its clock', async () => {
      const l = await signedUpLearner(t.http);
      await l.post(`/api/courses/${COURSE}/enrol`).send({}).expect(201);
      const [a] = await texts();
      const need = await minRead(a!.id);
      await l.agent.get(`/api/lessons/${a!.id}`).expect(200);
      await readFor(l.id, a!.id, need - 10);
      const again = await l.agent.get(`/api/lessons/${a!.id}?lang=en`).expect(200);
      expect(again.body.readSecondsRemaining).toBeGreaterThan(0);
      expect(again.body.readSecondsRemaining).toBeLessThanOrEqual(10);
      await readFor(l.id, a!.id, 10);
      await complete(l, a!.id).expect(200);
    });

    it("40 parallel opens racing between two lessons bank the open lesson's time once, not once per request", async () => {
      const l = await signedUpLearner(t.http);
      await l.post(`/api/courses/${COURSE}/enrol`).send({}).expect(201);
      const [a, b] = await texts();
      await l.agent.get(`/api/lessons/${a!.id}`).expect(200);
      await readFor(l.id, a!.id, 600);
      const opens = await Promise.all(
        Array.from({ length: 40 }, (_, i) => l.agent.get(`/api/lessons/${(i % 2 ? a : b)!.id}`)),
      );
      expect(opens.map((r) => r.status)).toEqual(opens.map(() => 200));
      const [{ banked }] = await db.query(
        `SELECT coalesce(sum(read_seconds), 0)::float AS banked FROM lesson_progress WHERE user_id = $1`,
        [l.id],
      );
      const [{ running }] = await db.query(
        `SELECT extract(epoch FROM now() - current_lesson_since)::float AS running FROM enrolments WHERE user_id = $1 AND course_id = $2`,
        [l.id, COURSE],
      );
      // 600 s of reading happened, whichever lesson it is credited to: the race mints none.
      expect(banked + running).toBeGreaterThanOrEqual(600);
      expect(banked + running).toBeLessThan(600 + 30);
    });

    it("opening lessons of another course does not stop this course's clock", async () => {
      const l = await signedUpLearner(t.http);
      await l.post(`/api/courses/${COURSE}/enrol`).send({}).expect(201);
      await l.post('/api/courses/online-health/enrol').send({}).expect(201);
      const [a] = await texts();
      const other = (await firstTextLesson('online-health')).text;
      await l.agent.get(`/api/lessons/${a!.id}`).expect(200);
      await l.agent.get(`/api/lessons/${other.id}`).expect(200);
      await readFor(l.id, a!.id, 600);
      await complete(l, a!.id).expect(200);
    });
  });
});
