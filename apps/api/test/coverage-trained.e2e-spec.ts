import { randomUUID } from 'node:crypto';
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import { completeCourse, correctAnswers, readFor } from './support/learning-world';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The `trained` coverage fact is written by the completing transaction when the learner's group's required set
 * (content/indicators/lai-chau-2025-2026.yaml: enterprise-workers = online-scams, cashless-payments,
 * ai-assistants) becomes complete, and only then.
 */
describe('trained coverage facts', () => {
  let t: TestApp;
  let db: DataSource;
  beforeAll(async () => {
    t = await startTestApp({ HEARTBEAT_RATE_LIMIT_PER_MINUTE: '1000' });
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  async function finishLast(
    l: Awaited<ReturnType<typeof completeCourse>>['l'],
    lesson: { id: string; kind: string },
  ) {
    await l.agent.get(`/api/lessons/${lesson.id}`).expect(200);
    if (lesson.kind === 'quiz') {
      const attempt = (await l.post(`/api/lessons/${lesson.id}/quiz-attempts`).send({}).expect(201)).body;
      await l
        .post(`/api/quiz-attempts/${attempt.id}/submit`)
        .set('idempotency-key', randomUUID())
        .send({ answers: await correctAnswers(db, attempt.id) })
        .expect(200);
    } else {
      await readFor(db, l.id, lesson.id, 600);
      await l.post(`/api/lessons/${lesson.id}/complete`).send({ reachedEnd: true }).expect(200);
    }
  }

  const facts = (userId: string) =>
    db.query(
      `SELECT target_group, evidence FROM coverage_facts WHERE user_id = $1 AND measure = 'trained' ORDER BY target_group`,
      [userId],
    ) as Promise<Array<{ target_group: string; evidence: { courses: string[]; planId: string } }>>;

  it('records trained for the group (and all groups) when the last course of the set completes', async () => {
    const { l, lessons } = await completeCourse(t, db, 'online-scams', { skipLast: true });
    await db.query(
      `INSERT INTO learner_profiles (user_id, target_groups) VALUES ($1, '{enterprise-workers,citizens}')`,
      [l.id],
    );
    await db.query(
      `INSERT INTO enrolments (user_id, course_id, status, completed_at) SELECT $1, c, 'completed', now() FROM unnest('{cashless-payments,ai-assistants}'::text[]) c`,
      [l.id],
    );
    expect(await facts(l.id)).toEqual([]);
    await finishLast(l, lessons[lessons.length - 1]!);
    const rows = await facts(l.id);
    expect(rows.map((r) => r.target_group)).toEqual(['*', 'enterprise-workers']);
    expect(rows[1]!.evidence).toEqual({
      courses: ['online-scams', 'cashless-payments', 'ai-assistants'],
      planId: 'lai-chau-2025-2026',
    });
  });

  it('records nothing when the set is not complete', async () => {
    const { l, lessons } = await completeCourse(t, db, 'online-scams', { skipLast: true });
    await db.query(
      `INSERT INTO learner_profiles (user_id, target_groups) VALUES ($1, '{enterprise-workers}')`,
      [l.id],
    );
    await finishLast(l, lessons[lessons.length - 1]!);
    const [e] = await db.query(`SELECT status FROM enrolments WHERE user_id = $1`, [l.id]);
    expect(e.status).toBe('completed');
    expect(await facts(l.id)).toEqual([]);
  });
});
