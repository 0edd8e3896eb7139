import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { correctAnswers } from './support/learning-world';
import {
  enrolledLearner,
  openQuizWorld,
  type QuizWorld,
  submitAttempt as submit,
} from './support/quiz-world';
import { expectErrorShape, type TestApp } from './support/test-app';

const COURSE = 'cashless-payments';
/** Nothing in a learner's payload before submission may reveal the key. */
const LEAKS = /"(correct|answer|explanation|correctOptionIds|items|isCorrect)"\s*:/;

describe('quizzes graded on the server', () => {
  let world: QuizWorld;
  let t: TestApp;
  let db: DataSource;
  let quizId: string;
  beforeAll(async () => {
    world = await openQuizWorld(COURSE);
    ({ t, db, quizId } = world);
  });
  afterAll(() => world.close());

  async function learnerAtQuiz() {
    const l = await enrolledLearner(t, COURSE);
    const lesson = await l.agent.get(`/api/lessons/${quizId}`).expect(200);
    expect(lesson.text).not.toMatch(LEAKS);
    expect(lesson.body.quiz).toEqual({
      questionsPerAttempt: 8,
      passMark: 70,
      timeLimitMinutes: 15,
      maxAttempts: 3,
      attemptsUsed: 0,
      openAttemptId: null,
      lastAttemptId: null,
    });
    return l;
  }

  it('starts a seeded attempt whose payloads carry no answers; a reload shows the same attempt', async () => {
    const l = await learnerAtQuiz();
    const started = await l.post(`/api/lessons/${quizId}/quiz-attempts`).send({}).expect(201);
    expect(started.text).not.toMatch(LEAKS);
    expect(started.body).toMatchObject({ attemptNo: 1, status: 'open', passMark: 70, result: null });
    expect(started.body.questions).toHaveLength(8);
    expect(started.body.remainingSeconds).toBeGreaterThan(14 * 60);
    const resumed = await l.post(`/api/lessons/${quizId}/quiz-attempts`).send({}).expect(200);
    expect(resumed.body.id).toBe(started.body.id);
    expect(resumed.body.questions).toEqual(started.body.questions);
    const lesson = await l.agent.get(`/api/lessons/${quizId}`).expect(200);
    expect(lesson.body.quiz).toMatchObject({
      attemptsUsed: 1,
      openAttemptId: started.body.id,
      lastAttemptId: started.body.id,
    });
    const reloaded = await l.agent.get(`/api/quiz-attempts/${started.body.id}`).expect(200);
    expect(reloaded.text).not.toMatch(LEAKS);
    expect(reloaded.body.questions).toEqual(started.body.questions);
  });

  it('grades on the server, and a double submit yields one graded attempt', async () => {
    const l = await learnerAtQuiz();
    const attempt = (await l.post(`/api/lessons/${quizId}/quiz-attempts`).send({}).expect(201)).body;
    const answers = await correctAnswers(db, attempt.id);
    const key = randomUUID();
    const [a, b] = await Promise.all([
      submit(l, attempt.id, answers, key),
      submit(l, attempt.id, answers, key),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.result).toMatchObject({ scorePercent: 100, passed: true });
    expect(b.body.result).toEqual(a.body.result);
    const explained = a.body.result.questions[0];
    expect(explained).toEqual(
      expect.objectContaining({
        correct: true,
        explanation: expect.any(String),
        correctOptionIds: expect.any(Array),
      }),
    );
    expect(a.body.result.revealed).toBe(true);
    const again = await submit(l, attempt.id, answers, randomUUID()).expect(409);
    expectErrorShape(again.body, 409, 'QUIZ_ATTEMPT_CLOSED');
    const rows = await db.query(
      `SELECT count(*)::int AS n, count(submitted_at)::int AS graded FROM quiz_attempts WHERE user_id = $1`,
      [l.id],
    );
    expect(rows[0]).toEqual({ n: 1, graded: 1 });
    const passed = await db.query(
      `SELECT status, passed FROM lesson_progress WHERE user_id = $1 AND lesson_revision_id = $2`,
      [l.id, quizId],
    );
    expect(passed[0]).toEqual({ status: 'completed', passed: true });
  });

  it('fails below the pass mark and lets the learner try again until attempts run out', async () => {
    const l = await learnerAtQuiz();
    for (let n = 1; n <= 3; n++) {
      const attempt = (await l.post(`/api/lessons/${quizId}/quiz-attempts`).send({}).expect(201)).body;
      expect(attempt.attemptNo).toBe(n);
      const res = await submit(l, attempt.id, {}).expect(200);
      expect(res.body.result).toMatchObject({ scorePercent: 0, passed: false });
    }
    const exhausted = await l.post(`/api/lessons/${quizId}/quiz-attempts`).send({}).expect(409);
    expectErrorShape(exhausted.body, 409, 'QUIZ_ATTEMPTS_EXHAUSTED');
    const [p] = await db.query(
      `SELECT status FROM lesson_progress WHERE user_id = $1 AND lesson_revision_id = $2`,
      [l.id, quizId],
    );
    expect(p.status).toBe('in_progress');
  });

  it('refuses a submission after the time limit with 409 and grades nothing', async () => {
    const l = await learnerAtQuiz();
    const attempt = (await l.post(`/api/lessons/${quizId}/quiz-attempts`).send({}).expect(201)).body;
    await db.query(`UPDATE quiz_attempts SET deadline_at = now() - interval '5 minutes' WHERE id = $1`, [
      attempt.id,
    ]);
    const res = await submit(l, attempt.id, await correctAnswers(db, attempt.id)).expect(409);
    expectErrorShape(res.body, 409, 'QUIZ_TIME_LIMIT_EXCEEDED');
    const [row] = await db.query(`SELECT submitted_at, passed FROM quiz_attempts WHERE id = $1`, [
      attempt.id,
    ]);
    expect(row).toEqual({ submitted_at: null, passed: null });
    const next = await l.post(`/api/lessons/${quizId}/quiz-attempts`).send({}).expect(201);
    expect(next.body.attemptNo).toBe(2);
  });

  it('refuses answers to questions not in the attempt, unknown options and bad shapes, changing nothing', async () => {
    const l = await learnerAtQuiz();
    const attempt = (await l.post(`/api/lessons/${quizId}/quiz-attempts`).send({}).expect(201)).body;
    const q = attempt.questions.find((x: { type: string }) => x.type === 'single');
    const cases = [{ 'not-in-attempt': 'a' }, { [q.id]: 'zzz' }, { [q.id]: ['a', 'b'] }, { [q.id]: 42 }];
    for (const answers of cases) {
      const res = await submit(l, attempt.id, answers);
      expect(res.status).toBe(400);
      expect(['INVALID_ANSWERS', 'VALIDATION_FAILED']).toContain(res.body.code);
    }
    const noKey = await l.post(`/api/quiz-attempts/${attempt.id}/submit`).send({ answers: {} }).expect(400);
    expectErrorShape(noKey.body, 400, 'IDEMPOTENCY_KEY_REQUIRED');
    const [row] = await db.query(`SELECT submitted_at FROM quiz_attempts WHERE id = $1`, [attempt.id]);
    expect(row.submitted_at).toBeNull();
  });

  it('shows opaque option ids, new in every attempt: answering `a`, `a,b,c` or sorted ids is refused or fails', async () => {
    const l = await learnerAtQuiz();
    const first = (await l.post(`/api/lessons/${quizId}/quiz-attempts`).send({}).expect(201)).body;
    const ids = first.questions.flatMap((q: { options: Array<{ id: string }> }) =>
      q.options.map((o) => o.id),
    );
    expect(ids.filter((id: string) => /^[a-e]$|^true$|^false$/.test(id))).toEqual([]);
    // the guesses that passed every attempt before: a / a,b,c / items in id order
    const guess = Object.fromEntries(
      first.questions.map((q: { id: string; type: string; options: Array<{ id: string }> }) => [
        q.id,
        q.type === 'multiple'
          ? ['a', 'b', 'c']
          : q.type === 'ordering'
            ? q.options.map((o) => o.id).sort()
            : 'a',
      ]),
    );
    const refused = await submit(l, first.id, guess);
    expectErrorShape(refused.body, 400, 'INVALID_ANSWERS');
    // sorted opaque ids for ordering and the first shown option elsewhere: graded, and not a pass
    const naive = Object.fromEntries(
      first.questions.map((q: { id: string; type: string; options: Array<{ id: string }> }) => [
        q.id,
        q.type === 'multiple' || q.type === 'ordering' ? q.options.map((o) => o.id).sort() : q.options[0]!.id,
      ]),
    );
    const graded = await submit(l, first.id, naive).expect(200);
    expect(graded.body.result.passed).toBe(false);
    const second = (await l.post(`/api/lessons/${quizId}/quiz-attempts`).send({}).expect(201)).body;
    const ids2 = second.questions.flatMap((q: { options: Array<{ id: string }> }) =>
      q.options.map((o) => o.id),
    );
    expect(ids2.filter((id: string) => ids.includes(id))).toEqual([]);
    // the right answers in this attempt's ids pass
    const passed = await submit(l, second.id, await correctAnswers(db, second.id)).expect(200);
    expect(passed.body.result).toMatchObject({ passed: true, revealed: true });
  });

  it('a blank attempt reveals no key and no explanation (afterPass): only which questions were wrong and what to revise', async () => {
    const l = await learnerAtQuiz();
    const attempt = (await l.post(`/api/lessons/${quizId}/quiz-attempts`).send({}).expect(201)).body;
    const blank = await submit(l, attempt.id, {}).expect(200);
    expect(blank.body.result).toMatchObject({ passed: false, revealed: false });
    expect(blank.body.reveal).toBe('afterPass');
    for (const q of blank.body.result.questions) {
      expect(q).toMatchObject({ correct: false, correctOptionIds: null, explanation: null, selected: [] });
      expect(q.competency).toMatch(/^[a-z0-9.-]+:[0-9.]+$/);
      expect(typeof q.topic).toBe('string');
    }
    const [bank] = await db.query(
      `SELECT b.questions FROM quiz_attempts a JOIN question_banks b ON b.id = a.question_bank_id WHERE a.id = $1`,
      [attempt.id],
    );
    for (const text of [
      blank.text,
      (await l.agent.get(`/api/quiz-attempts/${attempt.id}`).expect(200)).text,
    ]) {
      expect(text).not.toMatch(/"correctOptionIds":\[/);
      for (const q of bank.questions as Array<{ explanation: { vi: string } }>)
        expect(text).not.toContain(q.explanation.vi);
    }
    // after passing, the same learner sees keys and explanations, of the earlier attempt too
    const next = (await l.post(`/api/lessons/${quizId}/quiz-attempts`).send({}).expect(201)).body;
    await submit(l, next.id, await correctAnswers(db, next.id)).expect(200);
    const earlier = await l.agent.get(`/api/quiz-attempts/${attempt.id}`).expect(200);
    expect(earlier.body.result.revealed).toBe(true);
    expect(earlier.body.result.questions[0].correctOptionIds.length).toBeGreaterThan(0);
  });

  it('after the last failed attempt a new set opens when the cooldown has passed, with fresh questions', async () => {
    const l = await learnerAtQuiz();
    const seen = new Set<string>();
    const perAttempt: string[][] = [];
    for (let n = 1; n <= 3; n++) {
      const a = (await l.post(`/api/lessons/${quizId}/quiz-attempts`).send({}).expect(201)).body;
      perAttempt.push(a.questions.map((q: { id: string }) => q.id));
      for (const q of a.questions) seen.add(q.id);
      const res = await submit(l, a.id, {}).expect(200);
      expect(res.body.attemptsLeft).toBe(3 - n);
    }
    const locked = await l.post(`/api/lessons/${quizId}/quiz-attempts`).send({}).expect(409);
    expectErrorShape(locked.body, 409, 'QUIZ_ATTEMPTS_EXHAUSTED');
    const opens = new Date(locked.body.details.nextAttemptsAt).getTime();
    const [clock] = await db.query(`SELECT now() AS now`);
    expect(opens - new Date(clock.now).getTime()).toBeGreaterThan(23 * 3600_000);
    // the database clock moves on: the attempts happened 25 hours ago
    await db.query(
      `UPDATE quiz_attempts SET started_at = started_at - interval '25 hours', submitted_at = submitted_at - interval '25 hours',
              deadline_at = deadline_at - interval '25 hours' WHERE user_id = $1`,
      [l.id],
    );
    const fresh = (await l.post(`/api/lessons/${quizId}/quiz-attempts`).send({}).expect(201)).body;
    expect(fresh.attemptNo).toBe(4);
    expect(fresh.attemptsLeft).toBe(2);
    const [bank] = await db.query(
      `SELECT jsonb_array_length(b.questions) AS n FROM quiz_attempts a JOIN question_banks b ON b.id = a.question_bank_id WHERE a.id = $1`,
      [fresh.id],
    );
    // the second attempt of a set prefers questions the first one did not show
    const overlap = perAttempt[1]!.filter((id) => perAttempt[0]!.includes(id)).length;
    expect(overlap).toBe(Math.max(0, perAttempt[0]!.length * 2 - bank.n));
    expect(fresh.questions).toHaveLength(8);
  });

  it("keeps attempts private: another learner's attempt is 404", async () => {
    const a = await learnerAtQuiz();
    const b = await learnerAtQuiz();
    const attempt = (await a.post(`/api/lessons/${quizId}/quiz-attempts`).send({}).expect(201)).body;
    await b.agent.get(`/api/quiz-attempts/${attempt.id}`).expect(404);
    await submit(b, attempt.id, {}).expect(404);
  });
});
