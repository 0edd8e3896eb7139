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

/**
 * Crowds at one quiz: a submit transaction must never wait for a second pooled connection while it holds
 * locks (a 10-connection pool froze with 12 parallel submits of one attempt), and start and submit take
 * their locks in the same order (enrolment, then attempt).
 */
const COURSE = 'cashless-payments';
jest.setTimeout(180_000);

describe('quiz submissions under a crowd', () => {
  let world: QuizWorld;
  let t: TestApp;
  let db: DataSource;
  let quizId: string;
  beforeAll(async () => {
    world = await openQuizWorld(COURSE);
    ({ t, db, quizId } = world);
  });
  afterAll(() => world.close());

  async function learnerWithAttempt() {
    const l = await enrolledLearner(t, COURSE);
    const attempt = (await l.post(`/api/lessons/${quizId}/quiz-attempts`).send({}).expect(201)).body;
    return { l, attempt };
  }

  it('50 parallel submits of one attempt with different keys: one graded, every other one a 409, all answered', async () => {
    const { l, attempt } = await learnerWithAttempt();
    const answers = await correctAnswers(db, attempt.id);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => submit(l, attempt.id, answers, randomUUID())),
    );
    const ok = results.filter((r) => r.status === 200);
    const conflicts = results.filter((r) => r.status === 409);
    expect(ok).toHaveLength(1);
    expect(conflicts).toHaveLength(49);
    for (const c of conflicts) expectErrorShape(c.body, 409, 'QUIZ_ATTEMPT_CLOSED');
    expect(ok[0]!.body.result).toMatchObject({ scorePercent: 100, passed: true });
    const [row] = await db.query(
      `SELECT count(*)::int AS n, count(submitted_at)::int AS graded FROM quiz_attempts WHERE user_id = $1`,
      [l.id],
    );
    expect(row).toEqual({ n: 1, graded: 1 });
    const [passed] = await db.query(
      `SELECT count(*)::int AS n FROM xapi_statements s JOIN users u ON u.pseudonym::text = s.actor_name
        WHERE u.id = $1 AND s.verb = 'passed'`,
      [l.id],
    );
    expect(passed.n).toBe(1);
    // The platform still answers afterwards.
    await l.agent.get(`/api/quiz-attempts/${attempt.id}`).expect(200);
  });

  it('50 parallel submits with the same key all get the one stored result', async () => {
    const { l, attempt } = await learnerWithAttempt();
    const answers = await correctAnswers(db, attempt.id);
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 50 }, () => submit(l, attempt.id, answers, key)));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    for (const r of results) expect(r.body.result).toEqual(results[0]!.body.result);
    const [row] = await db.query(
      `SELECT count(submitted_at)::int AS graded FROM quiz_attempts WHERE user_id = $1`,
      [l.id],
    );
    expect(row.graded).toBe(1);
  });

  it('a start racing its own submit and 30 learners submitting at once are all answered', async () => {
    const crowd = await Promise.all(Array.from({ length: 30 }, () => learnerWithAttempt()));
    const results = await Promise.all(
      crowd.flatMap(({ l, attempt }) => [
        submit(l, attempt.id, {}, randomUUID()),
        // the same learner asks for an attempt at the same moment: resumes the open one or starts the next
        l.post(`/api/lessons/${quizId}/quiz-attempts`).send({}),
      ]),
    );
    const submits = results.filter((_, i) => i % 2 === 0);
    const starts = results.filter((_, i) => i % 2 === 1);
    expect(submits.map((r) => r.status)).toEqual(Array(30).fill(200));
    for (const s of submits) expect(s.body.result).toMatchObject({ scorePercent: 0, passed: false });
    for (const s of starts) expect([200, 201]).toContain(s.status);
    const [row] = await db.query(
      `SELECT count(submitted_at)::int AS graded FROM quiz_attempts WHERE user_id = ANY($1::uuid[])`,
      [crowd.map((c) => c.l.id)],
    );
    expect(row.graded).toBe(30);
  });
});
