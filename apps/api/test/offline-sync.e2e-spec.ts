import { randomUUID } from 'node:crypto';
import { MAX_OFFLINE_EVENTS } from '@hocvuso/domain';
import type { DataSource } from 'typeorm';
import { correctAnswers, doLesson, type OutlineLesson, outline } from './support/learning-world';
import { enrolledLearner, openQuizWorld, type QuizWorld } from './support/quiz-world';
import { type Browser, expectErrorShape, signedUpLearner, type TestApp } from './support/test-app';

const COURSE = 'vneid-digital-identity';
const LEAKS = /"(correct|answer|explanation|correctOptionIds|items|isCorrect)"\s*:/;
const minutes = (n: number) => n * 60_000;
type Learner = Browser & { id: string };

describe('offline learning: downloads and an honest, idempotent sync', () => {
  let world: QuizWorld;
  let t: TestApp;
  let db: DataSource;
  let lessons: OutlineLesson[];
  let texts: OutlineLesson[];
  beforeAll(async () => {
    world = await openQuizWorld(COURSE);
    ({ t, db } = world);
    lessons = await outline(t, COURSE);
    texts = lessons.filter((l) => l.kind === 'text');
  });
  afterAll(() => world.close());

  const download = (l: Browser, quizLessonIds: string[] = []) =>
    l.post(`/api/me/offline-downloads/${COURSE}`).send({ quizLessonIds });
  const sync = (l: Browser, events: object[], clientTime = new Date()) =>
    l.post('/api/me/offline-sync').send({ clientTime: clientTime.toISOString(), events });
  /** As if the learner had downloaded the course `n` minutes ago (the server's record of it). */
  const downloadedAgo = (l: Learner, n: number) =>
    db.query(
      `UPDATE offline_downloads SET downloaded_at = now() - make_interval(mins => $2) WHERE user_id = $1`,
      [l.id, n],
    );
  const readSeconds = async (l: Learner, lessonId: string): Promise<number> => {
    const [row] = await db.query(
      `SELECT coalesce(sum(read_seconds), 0)::int AS s FROM lesson_progress p
         JOIN lesson_revisions r ON r.id = p.lesson_revision_id WHERE p.user_id = $1 AND r.lesson_id = $2`,
      [l.id, lessonId],
    );
    return row.s as number;
  };
  const read = (lessonId: string, fromMinAgo: number, toMinAgo: number, now = Date.now()) => ({
    kind: 'read',
    id: randomUUID(),
    lessonId,
    startedAt: new Date(now - minutes(fromMinAgo)).toISOString(),
    endedAt: new Date(now - minutes(toMinAgo)).toISOString(),
  });

  async function downloadedLearner(agoMinutes = 60): Promise<Learner> {
    const l = (await enrolledLearner(t, COURSE)) as Learner;
    await download(l).expect(200);
    await downloadedAgo(l, agoMinutes);
    return l;
  }

  it('refuses a download of a course the learner is not enrolled in, and sync of a course never downloaded', async () => {
    const stranger = await signedUpLearner(t.http);
    expectErrorShape((await download(stranger).expect(403)).body, 403, 'NOT_ENROLLED');
    const l = (await enrolledLearner(t, COURSE)) as Learner;
    const res = await sync(l, [read(texts[0]!.id, 5, 4)]).expect(200);
    expect(res.body.results[0]).toMatchObject({ status: 'refused', reason: 'NOT_DOWNLOADED' });
    expect(await readSeconds(l, texts[0]!.id)).toBe(0);
  });

  it('draws an attempt of each quiz server-side at download, with no answer key in it', async () => {
    const l = (await enrolledLearner(t, COURSE)) as Learner;
    const quiz = lessons.find((x) => x.kind === 'quiz')!;
    const first = await download(l, [quiz.id, texts[0]!.id]).expect(200);
    expect(first.text).not.toMatch(LEAKS);
    expect(first.body.attempts).toEqual([
      expect.objectContaining({ lessonId: quiz.id, refusal: null }),
      { lessonId: texts[0]!.id, attempt: null, refusal: 'LESSON_KIND_MISMATCH' },
    ]);
    expect(first.body.attempts[0].attempt.questions).toHaveLength(8);
    // a second download keeps the first download time and resumes the same attempt
    const again = await download(l, [quiz.id]).expect(200);
    expect(again.body.downloadedAt).toBe(first.body.downloadedAt);
    expect(again.body.attempts[0].attempt.id).toBe(first.body.attempts[0].attempt.id);
  });

  it('50 parallel downloads of one course keep one download time and draw one attempt of its quiz', async () => {
    const l = (await enrolledLearner(t, COURSE)) as Learner;
    const quiz = lessons.find((x) => x.kind === 'quiz')!;
    const all = await Promise.all(Array.from({ length: 50 }, () => download(l, [quiz.id])));
    expect(all.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(new Set(all.map((r) => r.body.downloadedAt)).size).toBe(1);
    expect(new Set(all.map((r) => r.body.attempts[0].attempt?.id)).size).toBe(1);
    const [row] = await db.query(
      `SELECT (SELECT count(*)::int FROM offline_downloads WHERE user_id = $1) AS downloads,
              (SELECT count(*)::int FROM quiz_attempts a JOIN lesson_revisions r ON r.id = a.lesson_revision_id
                WHERE a.user_id = $1 AND r.lesson_id = $2) AS attempts`,
      [l.id, quiz.id],
    );
    expect(row).toEqual({ downloads: 1, attempts: 1 });
  });

  it('credits offline reading once: replaying the batch answers the same and adds nothing', async () => {
    const l = await downloadedLearner();
    const lesson = texts[0]!.id;
    const batch = [
      read(lesson, 30, 20),
      {
        kind: 'complete',
        id: randomUUID(),
        lessonId: lesson,
        at: new Date(Date.now() - minutes(20)).toISOString(),
      },
    ];
    const first = await sync(l, batch).expect(200);
    expect(first.body.results).toEqual([
      expect.objectContaining({ status: 'credited', seconds: 600, replayed: false }),
      expect.objectContaining({ status: 'completed', replayed: false }),
    ]);
    expect(Math.abs(first.body.skewSeconds)).toBeLessThanOrEqual(2);
    const second = await sync(l, batch).expect(200);
    expect(second.body.results).toEqual([
      expect.objectContaining({ status: 'credited', seconds: 600, replayed: true }),
      expect.objectContaining({ status: 'completed', replayed: true }),
    ]);
    expect(await readSeconds(l, lesson)).toBe(600);
    const [status] = await db.query(
      `SELECT p.status FROM lesson_progress p JOIN lesson_revisions r ON r.id = p.lesson_revision_id
        WHERE p.user_id = $1 AND r.lesson_id = $2`,
      [l.id, lesson],
    );
    expect(status.status).toBe('completed');
  });

  it('the same minutes sent again under new event ids, or on two lessons at once, count once', async () => {
    const l = await downloadedLearner();
    const now = Date.now();
    await sync(l, [read(texts[0]!.id, 30, 20, now)]).expect(200);
    const forged = await sync(l, [read(texts[0]!.id, 29, 21, now), read(texts[1]!.id, 25, 15, now)]).expect(
      200,
    );
    expect(forged.body.results[0]).toMatchObject({ status: 'refused', reason: 'OVERLAP' });
    // Each sync measures the skew anew, so spans shift by the milliseconds between the two syncs' clocks.
    expect(forged.body.results[1]).toMatchObject({ status: 'credited', reason: 'CAPPED' });
    expect(forged.body.results[1].seconds).toBeGreaterThanOrEqual(299);
    expect(forged.body.results[1].seconds).toBeLessThanOrEqual(300);
    expect(await readSeconds(l, texts[0]!.id)).toBe(600);
    expect(await readSeconds(l, texts[1]!.id)).toBe(forged.body.results[1].seconds);
  });

  it('50 parallel syncs of one batch credit once and grade the quiz once', async () => {
    const l = (await enrolledLearner(t, COURSE)) as Learner;
    const quiz = lessons.find((x) => x.kind === 'quiz')!;
    const attempt = (await download(l, [quiz.id]).expect(200)).body.attempts[0].attempt;
    await downloadedAgo(l, 60);
    const now = Date.now();
    const batch = [
      read(texts[0]!.id, 40, 30, now),
      {
        kind: 'quiz',
        id: randomUUID(),
        lessonId: quiz.id,
        attemptId: attempt.id,
        answers: await correctAnswers(db, attempt.id),
        startedAt: new Date(now - minutes(10)).toISOString(),
        at: new Date(now - minutes(5)).toISOString(),
      },
    ];
    const all = await Promise.all(Array.from({ length: 50 }, () => sync(l, batch)));
    for (const res of all) {
      expect(res.status).toBe(200);
      expect(res.body.results[0]).toMatchObject({ status: 'credited', seconds: 600 });
      expect(res.body.results[1]).toMatchObject({ status: 'graded', passed: true });
    }
    expect(all.filter((r) => !r.body.results[0].replayed)).toHaveLength(1);
    expect(await readSeconds(l, texts[0]!.id)).toBe(600);
    const [graded] = await db.query(
      `SELECT count(*)::int AS n FROM quiz_attempts WHERE user_id = $1 AND submitted_at IS NOT NULL`,
      [l.id],
    );
    expect(graded.n).toBe(1);
    const [statements] = await db.query(`SELECT count(*)::int AS n FROM offline_events WHERE user_id = $1`, [
      l.id,
    ]);
    expect(statements.n).toBe(2);
  });

  it('finishing a course offline completes it and requests its certificate at sync', async () => {
    const l = (await enrolledLearner(t, COURSE)) as Learner;
    const quiz = lessons.find((x) => x.kind === 'quiz')!;
    const offlineText = texts[texts.length - 1]!;
    for (const lesson of lessons.filter((x) => x !== quiz && x !== offlineText))
      await doLesson(db, l, lesson);
    const attempt = (await download(l, [quiz.id]).expect(200)).body.attempts[0].attempt;
    await downloadedAgo(l, 60);
    const now = Date.now();
    const res = await sync(l, [
      read(offlineText.id, 50, 40, now),
      {
        kind: 'complete',
        id: randomUUID(),
        lessonId: offlineText.id,
        at: new Date(now - minutes(40)).toISOString(),
      },
      {
        kind: 'quiz',
        id: randomUUID(),
        lessonId: quiz.id,
        attemptId: attempt.id,
        answers: await correctAnswers(db, attempt.id),
        startedAt: new Date(now - minutes(39)).toISOString(),
        at: new Date(now - minutes(35)).toISOString(),
      },
    ]).expect(200);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual([
      'credited',
      'completed',
      'graded',
    ]);
    const [enrolment] = await db.query(
      `SELECT e.status, (SELECT count(*)::int FROM certificate_requests c WHERE c.enrolment_id = e.id) AS requests
         FROM enrolments e WHERE e.user_id = $1 AND e.course_id = $2`,
      [l.id, COURSE],
    );
    expect(enrolment).toEqual({ status: 'completed', requests: 1 });
  });

  it("refuses forged events: another learner's lessons and attempts, a course not enrolled", async () => {
    const owner = (await enrolledLearner(t, COURSE)) as Learner;
    const quiz = lessons.find((x) => x.kind === 'quiz')!;
    const attempt = (await download(owner, [quiz.id]).expect(200)).body.attempts[0].attempt;
    const stranger = await signedUpLearner(t.http);
    const other = await downloadedLearner();
    const now = Date.now();
    const quizEvent = {
      kind: 'quiz',
      id: randomUUID(),
      lessonId: quiz.id,
      attemptId: attempt.id,
      answers: await correctAnswers(db, attempt.id),
      startedAt: new Date(now - minutes(3)).toISOString(),
      at: new Date(now - minutes(1)).toISOString(),
    };
    const notEnrolled = await sync(stranger, [read(texts[0]!.id, 5, 4, now), quizEvent]).expect(200);
    expect(notEnrolled.body.results.map((r: { reason: string }) => r.reason)).toEqual([
      'NOT_ENROLLED',
      'NOT_ENROLLED',
    ]);
    const otherAttempt = await sync(other, [{ ...quizEvent, id: randomUUID() }]).expect(200);
    expect(otherAttempt.body.results[0]).toMatchObject({
      status: 'refused',
      reason: 'QUIZ_ATTEMPT_NOT_FOUND',
    });
    const [open] = await db.query(`SELECT submitted_at FROM quiz_attempts WHERE id = $1`, [attempt.id]);
    expect(open.submitted_at).toBeNull();
    const unknown = await sync(other, [read(randomUUID(), 5, 4, now)]).expect(200);
    expect(unknown.body.results[0]).toMatchObject({ status: 'refused', reason: 'LESSON_NOT_FOUND' });
  });

  it('shifts by the device clock, and refuses events in the future or before the download', async () => {
    const l = await downloadedLearner(30);
    const now = Date.now();
    const res = await sync(l, [
      read(texts[0]!.id, 5, 6, now),
      read(texts[1]!.id, 50, 40, now),
      read(texts[2]!.id, 35, 25, now),
    ]).expect(200);
    expect(
      res.body.results.map((r: { status: string; reason: string | null }) => r.reason ?? r.status),
    ).toEqual(['INVALID_SPAN', 'BEFORE_DOWNLOAD', 'CAPPED']);
    const future = await sync(l, [read(texts[0]!.id, -20, -30, now)]).expect(200);
    expect(future.body.results[0]).toMatchObject({ status: 'refused', reason: 'IN_FUTURE' });
    // a device a day ahead: its events are shifted back by the skew measured at sync
    const day = 24 * 60;
    const ahead = await sync(
      l,
      [read(texts[3]!.id, 10 - day, 8 - day, now)],
      new Date(now + minutes(day)),
    ).expect(200);
    expect(ahead.body.skewSeconds).toBeLessThan(-day * 60 + 5);
    expect(ahead.body.results[0]).toMatchObject({ status: 'credited', seconds: 120 });
    expect(await readSeconds(l, texts[3]!.id)).toBe(120);
  });

  it('a quiz answered offline for longer than its time limit is refused and leaves the attempt open', async () => {
    const l = (await enrolledLearner(t, COURSE)) as Learner;
    const quiz = lessons.find((x) => x.kind === 'quiz')!;
    const attempt = (await download(l, [quiz.id]).expect(200)).body.attempts[0].attempt;
    await downloadedAgo(l, 60);
    const res = await sync(l, [
      {
        kind: 'quiz',
        id: randomUUID(),
        lessonId: quiz.id,
        attemptId: attempt.id,
        answers: await correctAnswers(db, attempt.id),
        startedAt: new Date(Date.now() - minutes(50)).toISOString(),
        at: new Date(Date.now() - minutes(10)).toISOString(),
      },
    ]).expect(200);
    expect(res.body.results[0]).toMatchObject({ status: 'refused', reason: 'QUIZ_TIME_LIMIT_EXCEEDED' });
  });

  it('refuses huge batches, NUL and garbage with the documented error shape', async () => {
    const l = await downloadedLearner();
    const many = Array.from({ length: MAX_OFFLINE_EVENTS + 1 }, () => read(texts[0]!.id, 5, 4));
    expectErrorShape((await sync(l, many).expect(400)).body, 400, 'VALIDATION_FAILED');
    expectErrorShape((await sync(l, []).expect(400)).body, 400, 'VALIDATION_FAILED');
    const nul = { ...read(texts[0]!.id, 5, 4), id: 'abc\u0000def' };
    expectErrorShape((await sync(l, [nul]).expect(400)).body, 400, 'INVALID_TEXT');
    const badTime = { ...read(texts[0]!.id, 5, 4), startedAt: '10000-01-01T00:00:00Z' };
    expectErrorShape((await sync(l, [badTime]).expect(400)).body, 400, 'VALIDATION_FAILED');
    const extra = { ...read(texts[0]!.id, 5, 4), seconds: 9999 };
    expectErrorShape((await sync(l, [extra]).expect(400)).body, 400, 'VALIDATION_FAILED');
    const garbage = await l
      .post('/api/me/offline-sync')
      .set('content-type', 'application/json')
      .send('{"events":[');
    expect(garbage.status).toBe(400);
    expectErrorShape(garbage.body, 400);
    expectErrorShape(
      (
        await l
          .post('/api/me/offline-sync')
          .send({ clientTime: 'yesterday', events: [read(texts[0]!.id, 5, 4)] })
          .expect(400)
      ).body,
      400,
      'VALIDATION_FAILED',
    );
    expect(await readSeconds(l, texts[0]!.id)).toBe(0);
  });

  it('asks for a session', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/me/offline-sync', payload: {} });
    expect([401, 403]).toContain(res.statusCode);
  });
});
