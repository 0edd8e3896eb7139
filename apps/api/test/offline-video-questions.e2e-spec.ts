import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { answerVideoQuestion, doLesson, type OutlineLesson, outline } from './support/learning-world';
import { enrolledLearner, openQuizWorld, type QuizWorld } from './support/quiz-world';
import { type Browser, expectErrorShape, signedUpLearner, type TestApp } from './support/test-app';

const COURSE = 'smartphone-basics';
const OTHER_COURSE = 'online-scams';
type Learner = Browser & { id: string };
interface Question {
  id: string;
  at: number;
  type: 'single' | 'multiple' | 'truefalse';
  options: Array<{ id: string; text: string }>;
}
interface Result {
  id: string;
  status: string;
  reason: string | null;
  seconds: number | null;
  passed: boolean | null;
  replayed: boolean;
}
const seconds = (n: number) => n * 1000;

/**
 * Pinned questions answered offline (docs/offline.md "Video"): queued as `video-answer` events in the option ids the
 * learner was shown, graded at sync by the online answer after the batch's heartbeats, once per event.
 */
describe('offline video questions: answers queued offline are graded at sync by the online answer', () => {
  let world: QuizWorld;
  let t: TestApp;
  let db: DataSource;
  let lessons: OutlineLesson[];
  let video: OutlineLesson;
  let otherVideo: OutlineLesson;
  let duration: number;
  beforeAll(async () => {
    world = await openQuizWorld(COURSE);
    ({ t, db } = world);
    lessons = await outline(t, COURSE);
    video = lessons.find((l) => l.kind === 'video')!;
    otherVideo = (await outline(t, OTHER_COURSE)).find((l) => l.kind === 'video')!;
  });
  afterAll(() => world.close());

  const sync = (l: Browser, events: object[], clientTime = new Date()) =>
    l.post('/api/me/offline-sync').send({ clientTime: clientTime.toISOString(), events });
  const watch = (at: number, end: number) => ({
    kind: 'watch',
    id: randomUUID(),
    lessonId: video.id,
    at: new Date(at).toISOString(),
    intervals: [[0, end]],
    position: end,
    event: 'tick',
  });
  const answer = (at: number, questionId: string, given: string | string[], lessonId = video.id) => ({
    kind: 'video-answer',
    id: randomUUID(),
    lessonId,
    questionId,
    answer: given,
    at: new Date(at).toISOString(),
  });
  /** The option the learner was shown with this text (its id is opaque: it says nothing of its correctness). */
  const option = (q: Question, text: string) => q.options.find((o) => o.text === text)!.id;
  const question = (qs: Question[], id: string) => qs.find((q) => q.id === id)!;

  /**
   * A learner who opened the video and downloaded the course `ago` minutes ago (the download opened the video), with
   * the questions as the download stored them: the lesson's answer.
   */
  async function downloadedLearner(ago = 30, learner?: Learner): Promise<{ l: Learner; qs: Question[] }> {
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
    return { l, qs: opened.body.video.questions };
  }
  /**
   * The queue of a learner who watches the whole video offline from device time `from` (a heartbeat every 10 s)
   * and answers each question just after the heartbeat that reached it, as the player queues them.
   */
  const watchAndAnswer = (from: number, answers: Record<string, string | string[]>, qs: Question[]) => {
    const events: object[] = [];
    for (let end = 10, i = 1; end < duration + 10; end += 10, i++) {
      const at = from + seconds(10 * i);
      const reached = Math.min(end, duration);
      events.push(watch(at, reached));
      for (const q of qs)
        if (answers[q.id] !== undefined && q.at <= reached && q.at > reached - 10)
          events.push(answer(at + seconds(1), q.id, answers[q.id]!));
    }
    return events;
  };
  const stored = (userId: string) =>
    db.query(
      `SELECT question_id, correct FROM video_question_answers WHERE user_id = $1 ORDER BY question_id`,
      [userId],
    );
  const answeredStatements = async (userId: string) =>
    (
      await db.query(
        `SELECT count(*)::int AS n FROM xapi_statements s JOIN users u ON u.pseudonym::text = s.actor_name
          WHERE u.id = $1 AND s.verb = 'answered'
            AND s.statement->'object'->>'id' LIKE '%/lessons/screen-lock-video/questions/%'`,
        [userId],
      )
    )[0].n as number;
  const recorded = async (userId: string) =>
    (
      await db.query(
        `SELECT count(*)::int AS n FROM offline_events WHERE user_id = $1 AND kind = 'video-answer'`,
        [userId],
      )
    )[0].n as number;
  const enrolment = async (userId: string) =>
    (
      await db.query(
        `SELECT e.status, (SELECT count(*)::int FROM certificate_requests c WHERE c.enrolment_id = e.id) AS requests
           FROM enrolments e WHERE e.user_id = $1 AND e.course_id = $2`,
        [userId, COURSE],
      )
    )[0] as { status: string; requests: number };
  const videoStatus = async (l: Learner) =>
    (await l.agent.get(`/api/lessons/${video.id}`).expect(200)).body.status as string;

  it('the download stores the questions as shown online: prompt and opaque options, nothing of the answers', async () => {
    const { qs } = await downloadedLearner();
    expect(qs.map((q) => q.id)).toEqual(['backup-pin', 'easy-to-guess', 'carrier-asks-code']);
    for (const q of qs) {
      expect(Object.keys(q).sort()).toEqual(['answer', 'at', 'id', 'options', 'prompt', 'type']);
      expect((q as unknown as { answer: unknown }).answer).toBeNull();
      for (const o of q.options) {
        expect(Object.keys(o).sort()).toEqual(['id', 'text']);
        expect(o.id).toMatch(/^[A-Za-z0-9_-]{10}$/); // opaque, never the lesson's own ids
      }
    }
    expect(JSON.stringify(qs)).not.toMatch(/never-tell|birthday|correct|explanation/);
  });

  it('grades right and wrong answers at sync, completes the lesson, the course and its certificate request; a replay answers the same', async () => {
    const l = (await enrolledLearner(t, COURSE)) as Learner;
    for (const lesson of lessons.filter((x) => x.id !== video.id)) await doLesson(db, l, lesson);
    const { qs } = await downloadedLearner(30, l);
    const batch = watchAndAnswer(
      Date.now() - seconds(20 * 60),
      {
        'backup-pin': option(question(qs, 'backup-pin'), 'Đúng'),
        'easy-to-guess': [option(question(qs, 'easy-to-guess'), 'Ngày sinh của bạn')], // not every right one
        'carrier-asks-code': option(question(qs, 'carrier-asks-code'), 'Không nói mã cho bất kỳ ai'),
      },
      qs,
    );
    const first = await sync(l, batch).expect(200);
    const results = first.body.results as Result[];
    const answers = results.filter((_, i) => (batch[i] as { kind: string }).kind === 'video-answer');
    expect(
      answers.map(({ status, reason, passed, replayed }) => ({ status, reason, passed, replayed })),
    ).toEqual([
      { status: 'graded', reason: null, passed: true, replayed: false },
      { status: 'graded', reason: null, passed: false, replayed: false },
      { status: 'completed', reason: null, passed: true, replayed: false }, // the last answer completes the lesson
    ]);
    expect(await stored(l.id)).toEqual([
      { question_id: 'backup-pin', correct: true },
      { question_id: 'carrier-asks-code', correct: true },
      { question_id: 'easy-to-guess', correct: false },
    ]);
    expect(await videoStatus(l)).toBe('completed');
    expect(await enrolment(l.id)).toEqual({ status: 'completed', requests: 1 });
    expect(await answeredStatements(l.id)).toBe(3);
    // the online lesson now shows the graded answers, in the learner's ids
    const online = (await l.agent.get(`/api/lessons/${video.id}`).expect(200)).body.video;
    expect(online.questionProgress).toEqual({ answered: 3, total: 3, required: 3 });
    expect(online.questions[1].answer).toMatchObject({ correct: false });

    const again = await sync(l, batch).expect(200);
    expect(again.body.results).toEqual(results.map((r) => ({ ...r, replayed: true })));
    expect(await answeredStatements(l.id)).toBe(3);
    expect(await enrolment(l.id)).toEqual({ status: 'completed', requests: 1 });
  });

  it('refuses an answer to a question not yet reached in the coverage the server credited', async () => {
    const { l, qs } = await downloadedLearner();
    const from = Date.now() - seconds(20 * 60);
    // watched to 30 s offline, then answers the question at 29.6 s and skips ahead to the one at 74.2 s
    const batch = [
      watch(from + seconds(10), 10),
      watch(from + seconds(20), 20),
      watch(from + seconds(30), 30),
      answer(from + seconds(31), 'backup-pin', option(question(qs, 'backup-pin'), 'Sai')),
      answer(
        from + seconds(32),
        'carrier-asks-code',
        option(question(qs, 'carrier-asks-code'), 'Nói mã cho họ để được hỗ trợ'),
      ),
    ];
    const res = await sync(l, batch).expect(200);
    expect(res.body.results.slice(3).map((r: Result) => [r.status, r.reason, r.passed])).toEqual([
      ['graded', null, false],
      ['refused', 'VIDEO_QUESTION_NOT_REACHED', null],
    ]);
    expect(await stored(l.id)).toEqual([{ question_id: 'backup-pin', correct: false }]);
    // a skip forward in one heartbeat is credited no faster than real time: still not reached
    const forged = [
      watch(from + seconds(33), 80),
      answer(
        from + seconds(34),
        'carrier-asks-code',
        option(question(qs, 'carrier-asks-code'), 'Nói mã cho họ để được hỗ trợ'),
      ),
    ];
    const skipped = await sync(l, forged).expect(200);
    expect(skipped.body.results[1]).toMatchObject({
      status: 'refused',
      reason: 'VIDEO_QUESTION_NOT_REACHED',
    });
    // the refusal is final for that event: replayed, it answers the same and stores nothing
    const again = await sync(l, batch.slice(4)).expect(200);
    expect(again.body.results[0]).toEqual({ ...res.body.results[4], replayed: true });
    expect(await stored(l.id)).toHaveLength(1);
    expect(await answeredStatements(l.id)).toBe(1);
  });

  it('the first answer stands: a question answered online (or by another event) is not graded again', async () => {
    const { l, qs } = await downloadedLearner();
    const from = Date.now() - seconds(20 * 60);
    await sync(l, [
      watch(from + seconds(10), 10),
      watch(from + seconds(20), 20),
      watch(from + seconds(30), 30),
    ]).expect(200);
    await answerVideoQuestion(l, video.id, question(qs, 'backup-pin')); // online: 'Đúng', the first option
    const res = await sync(l, [
      answer(from + seconds(40), 'backup-pin', option(question(qs, 'backup-pin'), 'Sai')),
    ]).expect(200);
    expect(res.body.results[0]).toMatchObject({
      status: 'refused',
      reason: 'VIDEO_QUESTION_ANSWERED',
      passed: null,
    });
    expect(await stored(l.id)).toEqual([{ question_id: 'backup-pin', correct: true }]);
    expect(await answeredStatements(l.id)).toBe(1);
  });

  it("refuses forged answers and records nothing: unknown or other lessons' questions, other learners' or bank option ids, a course not enrolled", async () => {
    const { l, qs } = await downloadedLearner();
    const from = Date.now() - seconds(20 * 60);
    const other = await downloadedLearner();
    const otherPin = (await other.l.agent.get(`/api/lessons/${video.id}`).expect(200)).body.video
      .questions[0];
    const text = lessons.find((x) => x.kind === 'text')!;
    const beats = [10, 20, 30].map((end) => watch(from + seconds(end), end));
    const forged = [
      answer(from + seconds(40), 'no-such-question', option(question(qs, 'backup-pin'), 'Đúng')),
      answer(from + seconds(40), 'urgency-and-threats', option(question(qs, 'backup-pin'), 'Đúng')), // another video's
      answer(from + seconds(40), 'backup-pin', otherPin.options[0].id), // another learner's id for the same question
      answer(from + seconds(40), 'backup-pin', 'true'), // the lesson's own truth, not an offered id
      answer(from + seconds(40), 'easy-to-guess', option(question(qs, 'easy-to-guess'), 'Ngày sinh của bạn')), // single for multiple
      answer(from + seconds(40), 'backup-pin', option(question(qs, 'backup-pin'), 'Đúng'), text.id),
      answer(from + seconds(40), 'backup-pin', option(question(qs, 'backup-pin'), 'Đúng'), randomUUID()),
      answer(
        from + seconds(40),
        'urgency-and-threats',
        option(question(qs, 'backup-pin'), 'Đúng'),
        otherVideo.id,
      ),
    ];
    const res = await sync(l, [...beats, ...forged]).expect(200);
    expect(res.body.results.slice(3).map((r: Result) => [r.status, r.reason])).toEqual([
      ['refused', 'VIDEO_QUESTION_NOT_FOUND'],
      ['refused', 'VIDEO_QUESTION_NOT_FOUND'],
      ['refused', 'INVALID_ANSWERS'],
      ['refused', 'INVALID_ANSWERS'],
      ['refused', 'INVALID_ANSWERS'],
      ['refused', 'VIDEO_QUESTION_NOT_FOUND'],
      ['refused', 'LESSON_NOT_FOUND'],
      ['refused', 'NOT_ENROLLED'],
    ]);
    expect(await stored(l.id)).toEqual([]);
    expect(await recorded(l.id)).toBe(0);
    expect(await answeredStatements(l.id)).toBe(0);
    // a stranger replaying the learner's event id and answer gets nothing of theirs, and nothing is recorded
    const stranger = await signedUpLearner(t.http);
    const honest = answer(from + seconds(40), 'backup-pin', option(question(qs, 'backup-pin'), 'Đúng'));
    const stolen = await sync(stranger, [honest]).expect(200);
    expect(stolen.body.results[0]).toMatchObject({
      status: 'refused',
      reason: 'NOT_ENROLLED',
      replayed: false,
    });
    // the honest answer is still the learner's to give
    const mine = await sync(l, [honest]).expect(200);
    expect(mine.body.results[0]).toMatchObject({ status: 'graded', passed: true, replayed: false });
  });

  it('50 parallel syncs of one answer grade it once and all answer its verdict', async () => {
    const { l, qs } = await downloadedLearner();
    const from = Date.now() - seconds(20 * 60);
    const batch = [
      watch(from + seconds(10), 10),
      watch(from + seconds(20), 20),
      watch(from + seconds(30), 30),
      answer(from + seconds(31), 'backup-pin', option(question(qs, 'backup-pin'), 'Đúng')),
    ];
    const all = await Promise.all(Array.from({ length: 50 }, () => sync(l, batch)));
    expect(all.map((r) => r.status)).toEqual(Array(50).fill(200));
    const verdicts = all.map((r) => r.body.results[3] as Result);
    expect(verdicts.filter((r) => !r.replayed)).toHaveLength(1);
    for (const v of verdicts) expect(v).toMatchObject({ status: 'graded', reason: null, passed: true });
    expect(await stored(l.id)).toEqual([{ question_id: 'backup-pin', correct: true }]);
    expect(await answeredStatements(l.id)).toBe(1);
    expect(await recorded(l.id)).toBe(1);
  });

  it('refuses NUL, RTL overrides, zero-width, huge and ill-shaped answers at the edge', async () => {
    const { l, qs } = await downloadedLearner();
    const now = Date.now() - seconds(60);
    const right = option(question(qs, 'backup-pin'), 'Đúng');
    // NUL is refused before any schema, whatever the field (INVALID_TEXT)
    for (const event of [
      answer(now, 'backup-pin\u0000', right),
      answer(now, 'backup-pin', [`${right}\u0000`]),
    ])
      expectErrorShape((await sync(l, [event]).expect(400)).body, 400, 'INVALID_TEXT');
    const bad = [
      answer(now, 'backup-pin', `\u202e${right}`),
      answer(now, 'backup-pin', `${right}\u2066`),
      answer(now, '\u200bbackup-pin', right),
      answer(now, 'backup-pin', 'x'.repeat(100_000)),
      answer(now, 'q'.repeat(65), right),
      answer(now, 'backup-pin', []),
      answer(now, 'backup-pin', Array(7).fill(right)),
      { ...answer(now, 'backup-pin', right), correct: true },
      { ...answer(now, 'backup-pin', right), at: 'yesterday' },
      { ...answer(now, 'backup-pin', right), answer: { id: right } },
    ];
    for (const event of bad)
      expectErrorShape((await sync(l, [event]).expect(400)).body, 400, 'VALIDATION_FAILED');
    expect(await recorded(l.id)).toBe(0);
  });

  it('refuses an answer from the future or from before the download, and lists answers in the data export', async () => {
    const { l, qs } = await downloadedLearner(30);
    const now = Date.now();
    const right = option(question(qs, 'backup-pin'), 'Đúng');
    const res = await sync(l, [
      answer(now + seconds(3600), 'backup-pin', right),
      answer(now - seconds(2 * 3600), 'backup-pin', right),
    ]).expect(200);
    expect(res.body.results.map((r: Result) => r.reason)).toEqual(['IN_FUTURE', 'BEFORE_DOWNLOAD']);
    expect(await stored(l.id)).toEqual([]);
    const data = (await l.agent.get('/api/me/data-export').expect(200)).body;
    expect(data.offlineEvents).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'video-answer',
          lessonId: video.id,
          status: 'refused',
          reason: 'IN_FUTURE',
        }),
      ]),
    );
  });
});
