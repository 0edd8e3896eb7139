import request from 'supertest';
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
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
    const lessons = course.body.modules.flatMap((m: { lessons: Array<{ id: string; kind: string }> }) => m.lessons);
    return { lessons, text: lessons.find((l: { kind: string }) => l.kind === 'text') };
  };
  /** Moves the learner's first opening of a lesson into the past, as if they had been reading for a while. */
  const readFor = (userId: string, lessonId: string, seconds: number) =>
    db.query(`UPDATE lesson_progress SET started_at = now() - make_interval(secs => $3) WHERE user_id = $1 AND lesson_revision_id = $2`, [userId, lessonId, seconds]);

  it('enrols idempotently: 201 then 200, one enrolment row', async () => {
    const l = await signedUpLearner(t.http);
    const first = await l.post('/api/courses/online-health/enrol').send({}).expect(201);
    expect(first.body).toMatchObject({ courseId: 'online-health', status: 'active', percent: 0, completedLessons: 0 });
    await l.post('/api/courses/online-health/enrol').send({}).expect(200);
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM enrolments WHERE user_id = $1`, [l.id]);
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
    expect(lesson.body).toMatchObject({ id: text.id, kind: 'text', courseId: 'smartphone-basics', status: 'in_progress', language: 'vi' });
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
    const [progress] = await db.query(`SELECT status FROM lesson_progress WHERE user_id = $1 AND lesson_revision_id = $2`, [l.id, text.id]);
    expect(progress.status).toBe('in_progress');
  });

  it('completes a read lesson once, and "My learning" shows the progress and the next lesson', async () => {
    const l = await signedUpLearner(t.http);
    await l.post('/api/courses/smartphone-basics/enrol').send({}).expect(201);
    const { lessons, text } = await firstTextLesson('smartphone-basics');
    await l.agent.get(`/api/lessons/${text.id}`).expect(200);
    await readFor(l.id, text.id, 600);
    const done = await l.post(`/api/lessons/${text.id}/complete`).send({ reachedEnd: true }).expect(200);
    expect(done.body).toMatchObject({ completedLessons: 1, totalLessons: lessons.length, status: 'active', nextLessonId: lessons[1].id });
    expect(done.body.percent).toBe(Math.floor(100 / lessons.length));
    // Completing again changes nothing.
    const again = await l.post(`/api/lessons/${text.id}/complete`).send({ reachedEnd: true }).expect(200);
    expect(again.body.completedLessons).toBe(1);
    const mine = await l.agent.get('/api/me/learning').expect(200);
    expect(mine.body.items).toEqual([expect.objectContaining({ courseId: 'smartphone-basics', completedLessons: 1, nextLessonTitle: expect.any(String) })]);
    const perLesson = await l.agent.get('/api/me/courses/smartphone-basics').expect(200);
    expect(perLesson.body.lessons.find((x: { id: string }) => x.id === text.id).status).toBe('completed');
    expect(perLesson.body.lessons.find((x: { id: string }) => x.id === lessons[1].id).status).toBe('not_started');
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
});
