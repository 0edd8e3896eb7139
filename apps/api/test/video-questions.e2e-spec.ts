import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  answerVideoQuestion,
  elapse,
  heartbeat,
  outline,
  type VideoQuestionView,
  watchNormally,
} from './support/learning-world';
import {
  type Browser,
  expectErrorShape,
  signedUpLearner,
  startTestApp,
  type TestApp,
} from './support/test-app';

const COURSE = 'online-scams';
const OTHER_COURSE = 'cashless-payments';

interface Learner extends Browser {
  id: string;
}
/** The parts of an xAPI statement the test reads by field (the rest is matched as objects). */
interface Statement {
  id: string;
  object: { id: string; definition: { choices?: unknown } };
  result: unknown;
}
interface QuestionWithText extends VideoQuestionView {
  prompt: string;
  answer: null | { correct: boolean; selected: string[]; correctOptionIds: string[]; explanation: string };
}

/** Questions pinned in videos: answers hidden, gated by the server's coverage, first answer kept, honest completion. */
describe('in-video questions', () => {
  let t: TestApp;
  let db: DataSource;
  let videoId: string;
  let duration: number;
  let otherVideoId: string;
  beforeAll(async () => {
    t = await startTestApp({ HEARTBEAT_RATE_LIMIT_PER_MINUTE: '1000' });
    db = await openRunDatabase();
    videoId = (await outline(t, COURSE)).find((l) => l.kind === 'video')!.id;
    otherVideoId = (await outline(t, OTHER_COURSE)).find((l) => l.kind === 'video')!.id;
    const [row] = await db.query(
      `SELECT (data->'video'->>'durationSeconds')::numeric AS d FROM lesson_revisions WHERE id = $1`,
      [videoId],
    );
    duration = Number(row.d);
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  async function learnerOnVideo(): Promise<{ l: Learner; questions: QuestionWithText[] }> {
    const l = await signedUpLearner(t.http);
    await l.post(`/api/courses/${COURSE}/enrol`).send({}).expect(201);
    const lesson = await l.agent.get(`/api/lessons/${videoId}`).expect(200);
    return { l, questions: lesson.body.video.questions };
  }

  /** Watches from the start to `to` at normal speed, a heartbeat every 10 s of (moved) database clock. */
  async function watchTo(l: Learner, to: number) {
    for (let at = 10; at < to + 10; at += 10) {
      const end = Math.min(at, to);
      await elapse(db, l.id, videoId, 10);
      await heartbeat(l, videoId, [[0, end]], end).expect(200);
    }
  }

  const answerUrl = (lessonId: string, questionId: string) =>
    `/api/lessons/${lessonId}/video-questions/${questionId}/answers`;
  const optionByText = (q: QuestionWithText, text: string) => q.options.find((o) => o.text === text)!.id;
  const storedAnswers = (userId: string) =>
    db.query(
      `SELECT question_id, response, correct FROM video_question_answers WHERE user_id = $1 ORDER BY question_id`,
      [userId],
    );
  const answeredStatements = async (userId: string) =>
    (
      await db.query(
        `SELECT s.statement FROM xapi_statements s JOIN users u ON u.pseudonym::text = s.actor_name
          WHERE u.id = $1 AND s.verb = 'answered' ORDER BY s.stored_seq`,
        [userId],
      )
    ).map((r: { statement: Record<string, unknown> }) => r.statement);
  const lessonStatus = async (userId: string) =>
    (
      await db.query(`SELECT status FROM lesson_progress WHERE user_id = $1 AND lesson_revision_id = $2`, [
        userId,
        videoId,
      ])
    )[0].status;

  it('the lesson gives its questions in time order without answers, with opaque option ids per learner', async () => {
    const a = await learnerOnVideo();
    const b = await learnerOnVideo();
    expect(a.questions.map((q) => [q.id, q.at, q.type])).toEqual([
      ['urgency-and-threats', 27, 'single'],
      ['bank-asks-otp', 40, 'truefalse'],
      ['what-to-do', 64.2, 'multiple'],
    ]);
    const text = JSON.stringify(a.questions);
    expect(text).not.toMatch(/correct|explanation|"answer":\{|scam-sign|hang-up|"true"|"false"/);
    expect(text).not.toContain('Gấp gáp, đe dọa'); // the explanation's words
    expect(a.questions.every((q) => q.answer === null)).toBe(true);
    expect(a.questions[1]!.options.map((o) => o.text)).toEqual(['Đúng', 'Sai']);
    // another learner, other ids; the same learner, the same ids on every opening
    expect(b.questions[0]!.options.map((o) => o.id)).not.toEqual(a.questions[0]!.options.map((o) => o.id));
    const again = await a.l.agent.get(`/api/lessons/${videoId}`).expect(200);
    expect(again.body.video.questions).toEqual(a.questions);
    expect(again.body.video.questionProgress).toEqual({ answered: 0, total: 3, required: 3 });
  });

  it('answering before the server credited the video up to the pin is refused, and stores nothing', async () => {
    const { l, questions } = await learnerOnVideo();
    const q = questions[0]!; // at 27 s
    const res = await l
      .post(answerUrl(videoId, q.id))
      .send({ answer: optionByText(q, 'Dấu hiệu lừa đảo') })
      .expect(409);
    expectErrorShape(res.body, 409, 'VIDEO_QUESTION_NOT_REACHED');
    // a claim of the whole video right after opening is capped by real time: still not reached
    await elapse(db, l.id, videoId, 5);
    await heartbeat(l, videoId, [[0, 30]], 30).expect(200);
    await l.post(answerUrl(videoId, q.id)).send({ answer: q.options[0]!.id }).expect(409);
    // skipping to just before the pin does not reach it either
    await elapse(db, l.id, videoId, 60);
    await heartbeat(l, videoId, [[20, 27]], 27).expect(200);
    await l.post(answerUrl(videoId, q.id)).send({ answer: q.options[0]!.id }).expect(409);
    expect(await storedAnswers(l.id)).toEqual([]);
    expect(await answeredStatements(l.id)).toEqual([]);
    await watchTo(l, 27);
    const ok = await l
      .post(answerUrl(videoId, q.id))
      .send({ answer: optionByText(q, 'Dấu hiệu lừa đảo') })
      .expect(200);
    expect(ok.body).toMatchObject({ correct: true, replayed: false, status: 'in_progress' });
    expect(ok.body.correctOptionIds).toEqual([optionByText(q, 'Dấu hiệu lừa đảo')]);
    expect(ok.body.explanation).toContain('Gấp gáp, đe dọa');
    // the next pin (40 s) is still ahead
    await l
      .post(answerUrl(videoId, questions[1]!.id))
      .send({ answer: questions[1]!.options[1]!.id })
      .expect(409);
  });

  it('the first answer stands: a replay gets it back, a changed answer is not graded again', async () => {
    const { l, questions } = await learnerOnVideo();
    await watchTo(l, 40);
    const q = questions[1]!; // true/false, the answer is "false" (Sai)
    const wrong = await l
      .post(answerUrl(videoId, q.id))
      .send({ answer: optionByText(q, 'Đúng') })
      .expect(200);
    expect(wrong.body).toMatchObject({ correct: false, replayed: false });
    expect(wrong.body.correctOptionIds).toEqual([optionByText(q, 'Sai')]);
    const replay = await l
      .post(answerUrl(videoId, q.id))
      .send({ answer: optionByText(q, 'Đúng') })
      .expect(200);
    const changed = await l
      .post(answerUrl(videoId, q.id))
      .send({ answer: optionByText(q, 'Sai') })
      .expect(200);
    for (const r of [replay, changed]) {
      expect(r.body).toMatchObject({ correct: false, replayed: true, selected: [optionByText(q, 'Đúng')] });
      expect(r.body.answeredAt).toBe(wrong.body.answeredAt);
    }
    expect(await storedAnswers(l.id)).toEqual([
      { question_id: 'bank-asks-otp', response: ['true'], correct: false },
    ]);
    expect(await answeredStatements(l.id)).toHaveLength(1);
    const reopened = await l.agent.get(`/api/lessons/${videoId}`).expect(200);
    expect(reopened.body.video.questions[1].answer).toMatchObject({
      correct: false,
      selected: wrong.body.selected,
    });
    expect(reopened.body.video.questionProgress).toEqual({ answered: 1, total: 3, required: 3 });
  });

  it('50 parallel answers to one question: one stored answer, one statement, every reply the same result', async () => {
    const { l, questions } = await learnerOnVideo();
    await watchTo(l, 65);
    const q = questions[2]!;
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        l
          .post(answerUrl(videoId, q.id))
          .send({ answer: i % 2 ? [q.options[0]!.id] : [q.options[1]!.id, q.options[2]!.id] }),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(replies.filter((r) => r.body.replayed === false)).toHaveLength(1);
    const first = replies.find((r) => r.body.replayed === false)!.body;
    for (const r of replies) expect(r.body.selected).toEqual(first.selected);
    expect(await storedAnswers(l.id)).toHaveLength(1);
    expect(await answeredStatements(l.id)).toHaveLength(1);
  });

  it('forged question ids, another lesson’s question, another learner’s option ids and bad shapes are refused', async () => {
    const a = await learnerOnVideo();
    const b = await learnerOnVideo();
    await watchTo(a.l, 30);
    const q = a.questions[0]!;
    for (const forged of [
      'no-such-question',
      'check-before-confirm',
      '../urgency-and-threats',
      'x'.repeat(90),
      'urgency-and-threats\u200b',
    ]) {
      const res = await a.l
        .post(answerUrl(videoId, encodeURIComponent(forged)))
        .send({ answer: q.options[0]!.id });
      expect(res.status).toBe(404);
      expectErrorShape(res.body, 404, 'VIDEO_QUESTION_NOT_FOUND');
    }
    // the other course's video question, asked on its own lesson, by a learner not enrolled there
    const other = await a.l.post(answerUrl(otherVideoId, 'check-before-confirm')).send({ answer: 'x' });
    expect(other.status).toBe(403);
    expectErrorShape(other.body, 403, 'NOT_ENROLLED');
    // option ids of another learner (or the lesson's own ids) are not offered to this one
    for (const answer of [
      b.questions[0]!.options[0]!.id,
      'scam-sign',
      [q.options[0]!.id],
      '\u0000',
      '\u202e',
    ]) {
      const res = await a.l.post(answerUrl(videoId, q.id)).send({ answer });
      expect(res.status).toBe(400);
      expectErrorShape(res.body, 400);
    }
    for (const body of [
      {},
      { answer: [] },
      { answer: 'a'.repeat(65) },
      { answer: q.options[0]!.id, extra: 1 },
    ]) {
      const res = await a.l.post(answerUrl(videoId, q.id)).send(body);
      expect(res.status).toBe(400);
    }
    expect(await storedAnswers(a.l.id)).toEqual([]);
    // a lesson that is not a video, and a learner not enrolled
    const text = (await outline(t, COURSE)).find((l) => l.kind === 'text')!.id;
    expectErrorShape(
      (await a.l.post(answerUrl(text, q.id)).send({ answer: 'x' }).expect(404)).body,
      404,
      'VIDEO_QUESTION_NOT_FOUND',
    );
    const stranger = await signedUpLearner(t.http);
    expectErrorShape(
      (await stranger.post(answerUrl(videoId, q.id)).send({ answer: 'x' }).expect(403)).body,
      403,
      'NOT_ENROLLED',
    );
  });

  it('the lesson completes only with the video watched AND every question answered (right or wrong)', async () => {
    const { l, questions } = await learnerOnVideo();
    const watched = await watchNormally(db, l, videoId, duration);
    expect(watched.body).toMatchObject({ coverage: 1, completed: false });
    expect(await lessonStatus(l.id)).toBe('in_progress');
    const first = await answerVideoQuestion(l, videoId, questions[0]!);
    const second = await answerVideoQuestion(l, videoId, questions[1]!);
    expect(second.body).toMatchObject({
      status: 'in_progress',
      questionProgress: { answered: 2, total: 3, required: 3 },
    });
    expect(first.body.enrolment.completedLessons).toBe(0);
    const progress = await l.agent.get(`/api/me/courses/${COURSE}`).expect(200);
    expect(progress.body.lessons.find((x: { id: string }) => x.id === videoId)).toMatchObject({
      status: 'in_progress',
      questions: { answered: 2, total: 3, required: 3 },
    });
    const last = await answerVideoQuestion(l, videoId, questions[2]!);
    expect(last.body).toMatchObject({
      status: 'completed',
      questionProgress: { answered: 3, total: 3, required: 3 },
    });
    expect(last.body.enrolment.completedLessons).toBe(1);
    expect(await lessonStatus(l.id)).toBe('completed');
    // a later heartbeat keeps it completed
    await elapse(db, l.id, videoId, 10);
    expect((await heartbeat(l, videoId, [[0, duration]], duration).expect(200)).body.completed).toBe(true);
  });

  it('answers first, watching last: the heartbeat that reaches the threshold completes the lesson', async () => {
    const { l, questions } = await learnerOnVideo();
    await watchTo(l, 65);
    for (const q of questions) await answerVideoQuestion(l, videoId, q);
    expect(await lessonStatus(l.id)).toBe('in_progress');
    let completing: { completed: boolean; enrolment?: unknown } | undefined;
    for (let at = 75; at < duration + 10; at += 10) {
      const end = Math.min(at, duration);
      await elapse(db, l.id, videoId, 10);
      const res = (await heartbeat(l, videoId, [[0, end]], end).expect(200)).body;
      if (res.enrolment) completing = res;
    }
    expect(completing).toMatchObject({ completed: true });
    expect(await lessonStatus(l.id)).toBe('completed');
  });

  it('records xAPI "answered" with the full interaction definition, in the lesson’s ids', async () => {
    const { l, questions } = await learnerOnVideo();
    await watchTo(l, 65);
    const [single, truefalse, multiple] = questions as [QuestionWithText, QuestionWithText, QuestionWithText];
    await l
      .post(answerUrl(videoId, single.id))
      .send({ answer: optionByText(single, 'Dấu hiệu lừa đảo') })
      .expect(200);
    await l
      .post(answerUrl(videoId, truefalse.id))
      .send({ answer: optionByText(truefalse, 'Sai') })
      .expect(200);
    await l
      .post(answerUrl(videoId, multiple.id))
      .send({
        answer: [optionByText(multiple, 'Cúp máy'), optionByText(multiple, 'Đọc mã OTP để họ kiểm tra giúp')],
      })
      .expect(200);
    const [s1, s2, s3] = (await answeredStatements(l.id)) as Statement[];
    const [u] = await db.query(`SELECT pseudonym FROM users WHERE id = $1`, [l.id]);
    for (const s of [s1!, s2!, s3!]) {
      expect(s).toMatchObject({
        actor: { objectType: 'Agent', account: { name: u.pseudonym } },
        verb: { id: 'http://adlnet.gov/expapi/verbs/answered' },
        version: '1.0.3',
        object: {
          objectType: 'Activity',
          definition: { type: 'http://adlnet.gov/expapi/activities/cmi.interaction' },
        },
        context: {
          registration: expect.any(String),
          contextActivities: { parent: [{ id: expect.stringContaining('/lessons/spot-a-scam-video') }] },
        },
      });
      expect(s.object.id).toMatch(
        /\/activities\/courses\/online-scams\/lessons\/spot-a-scam-video\/questions\/[a-z-]+$/,
      );
      expect(s.id).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(s1!.object.definition).toMatchObject({
      name: {
        'vi-VN': expect.stringContaining('Người gọi dọa'),
        'en-US': expect.stringContaining('The caller'),
      },
      interactionType: 'choice',
      correctResponsesPattern: ['scam-sign'],
      choices: [
        {
          id: 'care',
          description: {
            'vi-VN': 'Nhân viên chăm sóc khách hàng tận tình',
            'en-US': 'Helpful customer service',
          },
        },
        { id: 'scam-sign', description: { 'vi-VN': 'Dấu hiệu lừa đảo', 'en-US': 'A sign of a scam' } },
        { id: 'routine', description: expect.any(Object) },
      ],
    });
    expect(s1!.result).toEqual({ success: true, response: 'scam-sign' });
    expect(s2!.object.definition).toMatchObject({
      interactionType: 'true-false',
      correctResponsesPattern: ['false'],
    });
    expect(s2!.object.definition.choices).toBeUndefined();
    expect(s2!.result).toEqual({ success: true, response: 'false' });
    expect(s3!.object.definition).toMatchObject({
      interactionType: 'choice',
      correctResponsesPattern: ['hang-up[,]call-back[,]tell-family'],
    });
    expect(s3!.result).toEqual({ success: false, response: 'hang-up[,]read-otp' });
    // no opaque learner ids leak into the record
    expect(JSON.stringify([s1, s2, s3])).not.toContain(single.options[0]!.id);
  });
});
