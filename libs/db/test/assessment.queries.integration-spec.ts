// Every function of assessment.queries.ts against the run's real Postgres, on a shipped quiz lesson.
import { randomUUID } from 'node:crypto';
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  attemptGrantByKey,
  attemptHistory,
  bankForLesson,
  competencyNames,
  enrol,
  enrolmentLessons,
  execute,
  findAttempt,
  insertAttempt,
  insertAttemptGrantOnce,
  lessonRevision,
  lockSubmission,
  openAttempt,
  quizAttemptSummary,
  quizGrantLearner,
  saveGradedSubmission,
} from '../src';
import { newLearner, type ShippedCourse, shippedCourse } from './support/learning-course';

describe('assessment.queries', () => {
  let db: DataSource;
  let course: ShippedCourse;
  let quiz: { id: string; key: string; bank: string; bankHash: string };
  beforeAll(async () => {
    db = await openRunDatabase();
    course = await shippedCourse(db);
    const revision = (await lessonRevision(db, course.byKind.quiz))!;
    const settings = (revision.data as { quiz: { bank: string; bankHash: string } }).quiz;
    quiz = { id: revision.id, key: revision.lesson_key, bank: settings.bank, bankHash: settings.bankHash };
  });
  afterAll(async () => {
    await db.destroy();
  });

  const layout = [{ id: 'q1', type: 'single', optionOrder: ['b', 'a'] }];

  it('finds the bank of a quiz lesson by key and content hash, and names its competencies', async () => {
    const bank = await bankForLesson(db, course.courseId, quiz.bank, quiz.bankHash);
    expect(bank).toEqual({ id: expect.any(String), questions: expect.any(Array) });
    expect(bank!.questions.length).toBeGreaterThan(0);
    expect(await bankForLesson(db, course.courseId, quiz.bank, 'another-hash')).toBeUndefined();

    const refs = [...new Set((bank!.questions as Array<{ competency: string }>).map((q) => q.competency))];
    const names = await competencyNames(db, [...refs, 'nobody:0.0']);
    expect([...names.keys()].sort()).toEqual([...refs].sort());
    expect(typeof names.get(refs[0]!)!.vi).toBe('string');
    expect((await competencyNames(db, [])).size).toBe(0);
  });

  it('starts attempts once per number, finds, locks and submits them once, and sums them up', async () => {
    const learner = await newLearner(db);
    const bank = (await bankForLesson(db, course.courseId, quiz.bank, quiz.bankHash))!;
    const begin = (attemptNo: number, timeLimitMinutes: number | null = null) =>
      insertAttempt(db, {
        userId: learner.id,
        lessonId: quiz.id,
        bankId: bank.id,
        attemptNo,
        seed: randomUUID(),
        layout,
        timeLimitMinutes,
      });
    expect(await quizAttemptSummary(db, learner.id, quiz.id)).toEqual({
      used: 0,
      open_id: null,
      last_id: null,
    });
    expect(await openAttempt(db, learner.id, quiz.id)).toBeUndefined();

    const first = await begin(1, 10);
    expect(first).toMatchObject({
      user_id: learner.id,
      lesson_revision_id: quiz.id,
      question_bank_id: bank.id,
      attempt_no: 1,
      layout,
      submitted_at: null,
      idempotency_key: null,
      answers: null,
      score_percent: null,
      passed: null,
      expired: false,
    });
    expect(first!.started_at).toBeInstanceOf(Date);
    expect(first!.deadline_at).toBeInstanceOf(Date);
    expect(first!.remaining_seconds).toBeGreaterThan(590);
    expect(await begin(1)).toBeUndefined(); // the same number twice: the second start lost the race
    expect((await openAttempt(db, learner.id, quiz.id))!.id).toBe(first!.id);
    expect(await findAttempt(db, first!.id, learner.id)).toEqual({
      ...first,
      remaining_seconds: expect.any(Number),
    });
    expect(await findAttempt(db, first!.id, randomUUID())).toBeUndefined();
    expect(await quizAttemptSummary(db, learner.id, quiz.id)).toEqual({
      used: 1,
      open_id: first!.id,
      last_id: first!.id,
    });

    // Not enrolled in the course: nothing to lock.
    expect(await lockSubmission(db, first!.id, learner.id, 30)).toBeUndefined();
    await enrol(db, learner.id, course.courseId);
    expect(await lockSubmission(db, first!.id, randomUUID(), 30)).toBeUndefined();
    const statement = {
      id: randomUUID(),
      actorName: learner.id,
      verb: 'failed',
      activityId: 'http://localhost:3000/activities/courses/x',
      timestamp: new Date(),
      statement: { verb: 'failed' },
    };
    const grade = {
      attemptId: first!.id,
      userId: learner.id,
      courseId: course.courseId,
      lessonId: quiz.id,
      idempotencyKey: 'key-12345',
      answers: { q1: 'a' },
      scorePercent: 100,
      passed: true,
      statements: [statement],
      withOutline: true,
    };
    const submitted = await db.transaction(async (tx) => {
      const locked = await lockSubmission(tx, first!.id, learner.id, 30);
      expect(locked!.attempt).toMatchObject({ id: first!.id, late: false, submitted_at: null });
      expect(locked!.enrolment).toEqual({
        enrolment_id: expect.any(String),
        course_id: course.courseId,
        status: 'active',
        current_lesson_id: null,
        open_for_seconds: '0',
        pseudonym: expect.any(String),
        course_title: expect.objectContaining({ vi: expect.any(String) }),
      });
      return saveGradedSubmission(tx, grade);
    });
    expect(submitted!.attempt).toMatchObject({
      id: first!.id,
      idempotency_key: 'key-12345',
      answers: { q1: 'a' },
      score_percent: '100',
      passed: true,
      expired: false,
    });
    expect(submitted!.attempt.submitted_at).toBeInstanceOf(Date);
    // The history read in the same statement sees the attempt as submitted; the outline is the course's.
    expect(submitted!.history.attempts).toEqual([
      {
        attempt_no: 1,
        started_at: first!.started_at,
        ended_at: submitted!.attempt.submitted_at,
        passed: true,
        question_ids: ['q1'],
      },
    ]);
    expect(submitted!.history.now).toEqual(submitted!.attempt.submitted_at);
    expect(submitted!.outline).toEqual(await enrolmentLessons(db, learner.id, course.courseId));
    const [stored] = await db.query(`SELECT verb, actor_name FROM xapi_statements WHERE id = $1`, [
      statement.id,
    ]);
    expect(stored).toEqual({ verb: 'failed', actor_name: learner.id });
    // Submitted already: the update does nothing (and the transaction is rolled back by its caller).
    expect(
      await db.transaction((tx) =>
        saveGradedSubmission(tx, {
          ...grade,
          idempotencyKey: 'other-key',
          statements: [],
          withOutline: false,
        }),
      ),
    ).toBeUndefined();
    const replay = await lockSubmission(db, first!.id, learner.id, 30);
    expect(replay!.attempt).toMatchObject({ idempotency_key: 'key-12345', passed: true });
    expect(await openAttempt(db, learner.id, quiz.id)).toBeUndefined();

    // An attempt whose deadline passed more than the grace ago is late (and expired).
    const second = (await begin(2, 1))!;
    await execute(db, `UPDATE quiz_attempts SET deadline_at = now() - interval '1 minute' WHERE id = $1`, [
      second.id,
    ]);
    expect((await lockSubmission(db, second.id, learner.id, 30))!.attempt).toMatchObject({
      late: true,
      expired: true,
      remaining_seconds: 0,
    });
    expect((await lockSubmission(db, second.id, learner.id, 3600))!.attempt).toMatchObject({
      late: false,
      expired: true,
    });
    expect(await quizAttemptSummary(db, learner.id, quiz.id)).toEqual({
      used: 2,
      open_id: null,
      last_id: second.id,
    });

    const history = await attemptHistory(db, learner.id, quiz.id);
    expect(history.now).toBeInstanceOf(Date);
    expect(history.grants).toEqual([]);
    expect(history.attempts).toEqual([
      {
        attempt_no: 1,
        started_at: first!.started_at,
        ended_at: submitted!.attempt.submitted_at,
        passed: true,
        question_ids: ['q1'],
      },
      {
        attempt_no: 2,
        started_at: second.started_at,
        ended_at: expect.any(Date),
        passed: false,
        question_ids: ['q1'],
      },
    ]);
  });

  it('grants extra attempts once per granter and key, to enrolled learners it can name', async () => {
    const learner = await newLearner(db);
    const granter = await newLearner(db);
    expect(await quizGrantLearner(db, learner.id, course.courseId)).toEqual({
      id: learner.id,
      unit_path: null,
      organisation_id: null,
      enrolled: false,
    });
    await enrol(db, learner.id, course.courseId);
    expect((await quizGrantLearner(db, learner.id, course.courseId))!.enrolled).toBe(true);
    expect(await quizGrantLearner(db, randomUUID(), course.courseId)).toBeUndefined();

    const grant = {
      userId: learner.id,
      courseId: course.courseId,
      lessonKey: quiz.key,
      extraAttempts: 2,
      grantedBy: granter.id,
      reason: 'mất mạng',
      idempotencyKey: `grant-${randomUUID()}`,
    };
    const row = await insertAttemptGrantOnce(db, grant);
    expect(row).toEqual({
      id: expect.any(String),
      user_id: learner.id,
      course_id: course.courseId,
      lesson_key: quiz.key,
      extra_attempts: 2,
      reason: 'mất mạng',
      created_at: expect.any(Date),
    });
    expect(await insertAttemptGrantOnce(db, grant)).toBeUndefined();
    expect(await attemptGrantByKey(db, granter.id, grant.idempotencyKey)).toEqual(row);
    expect(await attemptGrantByKey(db, learner.id, grant.idempotencyKey)).toBeUndefined();
    expect((await attemptHistory(db, learner.id, quiz.id)).grants).toEqual([
      { at: row!.created_at, extra_attempts: 2 },
    ]);
  });
});
