import { randomUUID } from 'node:crypto';
import { WATCH_TOKEN_CAP_SECONDS } from '@hocvuso/domain';
import type { DataSource } from 'typeorm';
import {
  answerVideoQuestion,
  doLesson,
  elapse,
  heartbeat,
  type OutlineLesson,
  outline,
  type VideoQuestionView,
} from './support/learning-world';
import { enrolledLearner, openQuizWorld, type QuizWorld } from './support/quiz-world';
import { type Browser, expectErrorShape, signedUpLearner, type TestApp } from './support/test-app';

const COURSE = 'smartphone-basics';
const OTHER_COURSE = 'online-scams';
type Learner = Browser & { id: string };
const seconds = (n: number) => n * 1000;

describe('offline video: heartbeats queued offline are credited at sync by the online rule', () => {
  let world: QuizWorld;
  let t: TestApp;
  let db: DataSource;
  let lessons: OutlineLesson[];
  let video: OutlineLesson;
  let duration: number;
  beforeAll(async () => {
    world = await openQuizWorld(COURSE);
    ({ t, db } = world);
    lessons = await outline(t, COURSE);
    video = lessons.find((l) => l.kind === 'video')!;
  });
  afterAll(() => world.close());

  const sync = (l: Browser, events: object[], clientTime = new Date()) =>
    l.post('/api/me/offline-sync').send({ clientTime: clientTime.toISOString(), events });
  /** A heartbeat as the player queues it offline: what it played from the start up to `end`, at device time `at`. */
  const watch = (at: number, end: number, lessonId = video.id) => ({
    kind: 'watch',
    id: randomUUID(),
    lessonId,
    at: new Date(at).toISOString(),
    intervals: [[0, end]],
    position: end,
    event: 'tick',
  });
  /** Heartbeats every 10 s of device time from `from`, playing at 1× from `start` to the end. */
  const watchedFrom = (from: number, start = 0) => {
    const beats = [];
    for (let end = start + 10, i = 1; end < duration + 10; end += 10, i++)
      beats.push(watch(from + seconds(10 * i), Math.min(end, duration)));
    return beats;
  };
  const progress = async (l: Learner) => {
    const [row] = await db.query(
      `SELECT v.watched::text AS watched, v.heartbeats, v.completed_at IS NOT NULL AS completed,
              (SELECT coalesce(sum(upper(r) - lower(r)), 0)::float FROM unnest(v.watched) AS r) AS seconds
         FROM video_progress v JOIN lesson_revisions r ON r.id = v.lesson_revision_id
        WHERE v.user_id = $1 AND r.lesson_id = $2`,
      [l.id, video.id],
    );
    return row as { watched: string; heartbeats: number; completed: boolean; seconds: number } | undefined;
  };
  /**
   * A learner who downloaded the course `ago` minutes ago: the download opened the video (its bucket settled
   * then, with the grace), as the web app's download does.
   */
  async function downloadedLearner(ago = 30, learner?: Learner): Promise<Learner> {
    const l = learner ?? ((await enrolledLearner(t, COURSE)) as Learner);
    const opened = await l.agent.get(`/api/lessons/${video.id}`).expect(200);
    duration = opened.body.video.durationSeconds;
    await l.post(`/api/me/offline-downloads/${COURSE}`).send({ quizLessonIds: [] }).expect(200);
    await db.query(
      `UPDATE offline_downloads SET downloaded_at = now() - make_interval(mins => $2) WHERE user_id = $1`,
      [l.id, ago],
    );
    await db.query(
      `UPDATE video_progress SET last_heartbeat_at = now() - make_interval(mins => $2) WHERE user_id = $1`,
      [l.id, ago],
    );
    return l;
  }

  it('credits a video watched offline at 1× once; replaying the batch answers the same and adds nothing', async () => {
    const l = await downloadedLearner();
    const batch = watchedFrom(Date.now() - seconds(20 * 60));
    const first = await sync(l, batch).expect(200);
    expect(first.body.results.every((r: { status: string }) => r.status === 'credited')).toBe(true);
    const credited = first.body.results.reduce((sum: number, r: { seconds: number }) => sum + r.seconds, 0);
    const after = (await progress(l))!;
    expect(after.seconds).toBeCloseTo(duration, 6);
    expect(credited).toBeGreaterThanOrEqual(Math.floor(duration) - batch.length);
    expect(after.completed).toBe(true); // the video is watched; its pinned questions still wait for answers
    expect(after.heartbeats).toBe(batch.length);
    const again = await sync(l, batch).expect(200);
    expect(again.body.results).toEqual(first.body.results.map((r: object) => ({ ...r, replayed: true })));
    expect(await progress(l)).toEqual(after);
    // the same heartbeats under new ids: their moments are before the bucket was settled, so nothing
    const renamed = await sync(
      l,
      batch.map((b) => ({ ...b, id: randomUUID() })),
    ).expect(200);
    expect(new Set(renamed.body.results.map((r: { reason: string }) => r.reason))).toEqual(
      new Set(['OVERLAP']),
    );
    expect(await progress(l)).toEqual(after);
  });

  it('never credits more than the wall time allows: bursts, a long gap, a claimed whole video', async () => {
    const l = await downloadedLearner();
    const at = Date.now() - seconds(10 * 60);
    // 200 heartbeats at the same moment claiming ever more: one refill (capped) and the grace, no more
    const burst = Array.from({ length: 200 }, (_, i) => watch(at, Math.min(duration, (i + 1) * 10)));
    const res = await sync(l, burst).expect(200);
    expect(res.body.results.filter((r: { reason: string }) => r.reason === 'CAPPED').length).toBeGreaterThan(
      0,
    );
    expect((await progress(l))!.seconds).toBeLessThanOrEqual(WATCH_TOKEN_CAP_SECONDS + 1e-6);
    expect((await progress(l))!.completed).toBe(false);
  });

  it('50 parallel syncs of one batch (two tabs, retries) credit it once', async () => {
    const l = await downloadedLearner();
    const batch = watchedFrom(Date.now() - seconds(20 * 60)).slice(0, 5);
    const all = await Promise.all(Array.from({ length: 50 }, () => sync(l, batch)));
    expect(all.map((r) => r.status)).toEqual(Array(50).fill(200));
    const fresh = all.flatMap((r) => r.body.results).filter((r: { replayed: boolean }) => !r.replayed);
    expect(fresh).toHaveLength(batch.length);
    const after = (await progress(l))!;
    expect(after.heartbeats).toBe(batch.length);
    expect(after.seconds).toBeCloseTo(50, 6);
    const [events] = await db.query(
      `SELECT count(*)::int AS n FROM offline_events WHERE user_id = $1 AND kind = 'watch'`,
      [l.id],
    );
    expect(events.n).toBe(batch.length);
  });

  it('checks device time against the server: a slow clock is shifted, the future and before the download refused', async () => {
    const l = await downloadedLearner(30);
    const now = Date.now();
    const slow = now - seconds(3600); // the device is an hour behind
    const shifted = await sync(l, watchedFrom(slow - seconds(20 * 60)).slice(0, 3), new Date(slow)).expect(
      200,
    );
    expect(shifted.body.skewSeconds).toBeGreaterThanOrEqual(3598);
    expect(shifted.body.results.map((r: { seconds: number }) => r.seconds)).toEqual([10, 10, 10]);
    const odd = await sync(l, [watch(now + seconds(3600), 40), watch(now - seconds(2 * 3600), 40)]).expect(
      200,
    );
    expect(odd.body.results.map((r: { reason: string }) => r.reason)).toEqual([
      'IN_FUTURE',
      'BEFORE_DOWNLOAD',
    ]);
    expect((await progress(l))!.seconds).toBeCloseTo(30, 6);
  });

  it("refuses forged events: another learner's course, a course not downloaded, another kind, bad intervals", async () => {
    const l = await downloadedLearner();
    const now = Date.now() - seconds(60);
    const text = lessons.find((x) => x.kind === 'text')!;
    const otherVideo = (await outline(t, OTHER_COURSE)).find((x) => x.kind === 'video')!;
    const res = await sync(l, [
      watch(now, 10, otherVideo.id), // a course the learner is not enrolled in
      watch(now, 10, text.id),
      watch(now, 10, randomUUID()),
      { ...watch(now, 10), intervals: [[0, duration + 60]] },
    ]).expect(200);
    expect(res.body.results.map((r: { reason: string }) => r.reason)).toEqual([
      'NOT_ENROLLED',
      'LESSON_KIND_MISMATCH',
      'LESSON_NOT_FOUND',
      'INVALID_INTERVALS',
    ]);
    // enrolled in the other course but never downloaded it
    await l.post(`/api/courses/${OTHER_COURSE}/enrol`).send({}).expect(201);
    const notDownloaded = await sync(l, [watch(now, 10, otherVideo.id)]).expect(200);
    expect(notDownloaded.body.results[0]).toMatchObject({ status: 'refused', reason: 'NOT_DOWNLOADED' });
    // a stranger replaying the learner's event ids gets nothing of theirs
    const stranger = await signedUpLearner(t.http);
    const stolen = await sync(stranger, [{ ...watch(now, 10), id: res.body.results[1].id }]).expect(200);
    expect(stolen.body.results[0]).toMatchObject({
      status: 'refused',
      reason: 'NOT_ENROLLED',
      replayed: false,
    });
    expect((await progress(l))!.seconds).toBe(0);
  });

  it('refuses NUL, zero-width ids, too many intervals and garbage with the documented error shape', async () => {
    const l = await downloadedLearner();
    const now = Date.now() - seconds(60);
    const nul = { ...watch(now, 10), event: 'tick\u0000' };
    expectErrorShape((await sync(l, [nul]).expect(400)).body, 400);
    const zeroWidth = { ...watch(now, 10), id: `${randomUUID()}\u200b` };
    expectErrorShape((await sync(l, [zeroWidth]).expect(400)).body, 400);
    const many = { ...watch(now, 10), intervals: Array.from({ length: 201 }, (_, i) => [i, i + 0.5]) };
    expectErrorShape((await sync(l, [many]).expect(400)).body, 400, 'VALIDATION_FAILED');
    const extra = { ...watch(now, 10), tokens: 9999 };
    expectErrorShape((await sync(l, [extra]).expect(400)).body, 400, 'VALIDATION_FAILED');
    const nan = { ...watch(now, 10), position: 'NaN' };
    expectErrorShape((await sync(l, [nan]).expect(400)).body, 400, 'VALIDATION_FAILED');
    expect((await progress(l))!.seconds).toBe(0);
  });

  it('the heartbeat that crosses the threshold offline completes the lesson and the course, and requests the certificate', async () => {
    const l = (await enrolledLearner(t, COURSE)) as Learner;
    for (const lesson of lessons.filter((x) => x.id !== video.id)) await doLesson(db, l, lesson);
    // online: most of the video and its pinned questions; the rest is watched offline
    const opened = await l.agent.get(`/api/lessons/${video.id}`).expect(200);
    duration = opened.body.video.durationSeconds;
    for (let end = 10; end <= 70; end += 10) {
      await elapse(db, l.id, video.id, 10);
      await heartbeat(l, video.id, [[0, end]], end).expect(200);
    }
    for (const q of opened.body.video.questions as VideoQuestionView[])
      await answerVideoQuestion(l, video.id, q);
    await downloadedLearner(30, l);
    const rest = watchedFrom(Date.now() - seconds(20 * 60), 70);
    const res = await sync(l, rest).expect(200);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(
      rest.map((_, i) => (i === 0 ? 'completed' : 'credited')), // 80 s of 84.2 s crosses 90 %
    );
    const [enrolment] = await db.query(
      `SELECT e.status, (SELECT count(*)::int FROM certificate_requests c WHERE c.enrolment_id = e.id) AS requests
         FROM enrolments e WHERE e.user_id = $1 AND e.course_id = $2`,
      [l.id, COURSE],
    );
    expect(enrolment).toEqual({ status: 'completed', requests: 1 });
    // replayed: the same answers, no second completion or certificate request
    const again = await sync(l, rest).expect(200);
    expect(again.body.results.every((r: { replayed: boolean }) => r.replayed)).toBe(true);
    const [requests] = await db.query(
      `SELECT count(*)::int AS n FROM certificate_requests c JOIN enrolments e ON e.id = c.enrolment_id
        WHERE e.user_id = $1`,
      [l.id],
    );
    expect(requests.n).toBe(1);
  });

  it('the personal data export lists the offline downloads and synced events', async () => {
    const l = await downloadedLearner();
    const event = watch(Date.now() - seconds(60), 10);
    await sync(l, [event]).expect(200);
    const data = (await l.agent.get('/api/me/data-export').expect(200)).body;
    expect(data.offlineDownloads).toEqual([{ courseId: COURSE, downloadedAt: expect.any(String) }]);
    expect(data.offlineEvents).toEqual([
      expect.objectContaining({
        id: event.id,
        kind: 'watch',
        lessonId: video.id,
        status: 'credited',
        seconds: 10,
      }),
    ]);
  });
});
