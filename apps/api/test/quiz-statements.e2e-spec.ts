import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { correctAnswers } from './support/learning-world';
import {
  enrolledLearner,
  openQuizWorld,
  type QuizWorld,
  submitAttempt as submit,
} from './support/quiz-world';
import { statementLog } from './support/statement-log';
import { expectErrorShape, type TestApp } from './support/test-app';

/**
 * What one quiz submission costs the database, counted at the api's pool (every statement a pooled client sends,
 * BEGIN and COMMIT included, and the session check of the request). A burst of 2,000 submissions in 10 s is bound
 * by these round trips (docs/performance.md "Quiz submission"): a count, not a timing.
 */
const COURSE = 'cashless-payments';
jest.setTimeout(120_000);

const SESSION = /^WITH s AS \( SELECT id, user_id, family_id/;
const BEGIN = /^START TRANSACTION$/;
const LOCK = /^WITH enr AS MATERIALIZED \(/;
const SAVE = /^WITH append_lock AS MATERIALIZED \(.*UPDATE quiz_attempts SET submitted_at/;
const OUTLINE = /^SELECT e.id AS enrolment_id, e.course_id, v.title AS course_title/;
const COMMIT = /^COMMIT$/;
const ROLLBACK = /^ROLLBACK$/;

describe('statements per quiz submission', () => {
  let world: QuizWorld;
  let t: TestApp;
  let db: DataSource;
  let quizId: string;
  let log: ReturnType<typeof statementLog>;
  beforeAll(async () => {
    world = await openQuizWorld(COURSE);
    ({ t, db, quizId } = world);
    log = statementLog(t);
  });
  afterAll(() => world.close());

  async function learnerWithAttempt() {
    const l = await enrolledLearner(t, COURSE);
    const attempt = (await l.post(`/api/lessons/${quizId}/quiz-attempts`).send({}).expect(201)).body;
    return { l, attempt };
  }

  const expectStatements = (seen: string[], expected: RegExp[]) => {
    // On failure, the list shows which statement came or went.
    expect(seen.map((s, i) => (expected[i]?.test(s) ? 'ok' : s.slice(0, 160)))).toEqual(
      expected.map(() => 'ok'),
    );
  };

  it('a failed attempt: 5 statements with the session, BEGIN and COMMIT, graded once with its xAPI records', async () => {
    const { l, attempt } = await learnerWithAttempt();
    let res: Awaited<ReturnType<typeof submit>> | undefined;
    const seen = await log.during(async () => {
      res = await submit(l, attempt.id, {});
    });
    expect(res!.status).toBe(200);
    expect(res!.body.result).toMatchObject({ scorePercent: 0, passed: false, revealed: false });
    expect(res!.body).toMatchObject({ status: 'submitted', attemptsLeft: 2 });
    expect(res!.body.enrolment).toMatchObject({ courseId: COURSE, status: 'active' });
    expectStatements(seen, [SESSION, BEGIN, LOCK, SAVE, COMMIT]);
    expect(seen).toHaveLength(5);

    const [row] = await db.query(
      `SELECT count(*)::int AS n, count(submitted_at)::int AS graded FROM quiz_attempts WHERE user_id = $1`,
      [l.id],
    );
    expect(row).toEqual({ n: 1, graded: 1 });
    const verbs = await db.query(
      `SELECT s.verb, count(*)::int AS n FROM xapi_statements s JOIN users u ON u.pseudonym::text = s.actor_name
        WHERE u.id = $1 AND s.verb IN ('answered', 'failed', 'passed') GROUP BY 1 ORDER BY 1`,
      [l.id],
    );
    expect(verbs).toEqual([
      { verb: 'answered', n: attempt.questions.length },
      { verb: 'failed', n: 1 },
    ]);
  });

  it('a replay with the same key answers the stored result in 6; another key is a 409 in 4 that changes nothing', async () => {
    const { l, attempt } = await learnerWithAttempt();
    const key = randomUUID();
    const first = await submit(l, attempt.id, {}, key).expect(200);
    let replay: Awaited<ReturnType<typeof submit>> | undefined;
    const replayed = await log.during(async () => {
      replay = await submit(l, attempt.id, {}, key);
    });
    expect(replay!.status).toBe(200);
    expect(replay!.body.result).toEqual(first.body.result);
    expect(replay!.body.enrolment).toEqual(first.body.enrolment);
    expect(replay!.body.attemptsLeft).toBe(first.body.attemptsLeft);
    expect(replayed).toHaveLength(6);

    let other: Awaited<ReturnType<typeof submit>> | undefined;
    const refused = await log.during(async () => {
      other = await submit(l, attempt.id, await correctAnswers(db, attempt.id), randomUUID());
    });
    expectErrorShape(other!.body, 409, 'QUIZ_ATTEMPT_CLOSED');
    expectStatements(refused, [SESSION, BEGIN, LOCK, ROLLBACK]);
    const [row] = await db.query(`SELECT idempotency_key, passed FROM quiz_attempts WHERE id = $1`, [
      attempt.id,
    ]);
    expect(row).toEqual({ idempotency_key: key, passed: false });
  });

  it('a pass completes the lesson in the same statement: 6 when the course is not complete yet', async () => {
    const { l, attempt } = await learnerWithAttempt();
    const answers = await correctAnswers(db, attempt.id);
    let res: Awaited<ReturnType<typeof submit>> | undefined;
    const seen = await log.during(async () => {
      res = await submit(l, attempt.id, answers);
    });
    expect(res!.status).toBe(200);
    expect(res!.body.result).toMatchObject({ scorePercent: 100, passed: true, revealed: true });
    expect(res!.body.enrolment).toMatchObject({ courseId: COURSE, status: 'active', completedLessons: 1 });
    expectStatements(seen, [SESSION, BEGIN, LOCK, SAVE, OUTLINE, COMMIT]);
    const [progress] = await db.query(
      `SELECT status, passed FROM lesson_progress WHERE user_id = $1 AND lesson_revision_id = $2`,
      [l.id, attempt.lessonId],
    );
    expect(progress).toEqual({ status: 'completed', passed: true });
    // The lesson's `completed` record is written with the pass, once.
    const verbs = await db.query(
      `SELECT s.verb, count(*)::int AS n FROM xapi_statements s JOIN users u ON u.pseudonym::text = s.actor_name
        WHERE u.id = $1 AND s.verb IN ('completed', 'passed') GROUP BY 1 ORDER BY 1`,
      [l.id],
    );
    expect(verbs).toEqual([
      { verb: 'completed', n: 1 },
      { verb: 'passed', n: 1 },
    ]);
  });

  it('an unknown attempt, another learner’s attempt or a forged id changes nothing', async () => {
    const { attempt } = await learnerWithAttempt();
    const { l: other } = await learnerWithAttempt();
    const stolen = await submit(other, attempt.id, {});
    expectErrorShape(stolen.body, 404, 'QUIZ_ATTEMPT_NOT_FOUND');
    expectErrorShape((await submit(other, randomUUID(), {})).body, 404, 'QUIZ_ATTEMPT_NOT_FOUND');
    expectErrorShape((await submit(other, 'not-a-uuid', {})).body, 404, 'QUIZ_ATTEMPT_NOT_FOUND');
    const [row] = await db.query(`SELECT submitted_at FROM quiz_attempts WHERE id = $1`, [attempt.id]);
    expect(row.submitted_at).toBeNull();
  });
});
