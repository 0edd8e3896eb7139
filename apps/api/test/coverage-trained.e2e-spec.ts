import { randomUUID } from 'node:crypto';
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import { completeCourse, correctAnswers, readFor } from './support/learning-world';
import { type Browser, signedUpLearner, startTestApp, type TestApp } from './support/test-app';

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

  describe('a target group added after the required set was completed', () => {
    const SET = ['online-scams', 'cashless-payments', 'ai-assistants'];
    const allFacts = (userId: string) =>
      db.query(
        `SELECT target_group, unit_id, evidence FROM coverage_facts WHERE user_id = $1 AND measure = 'trained' ORDER BY target_group`,
        [userId],
      ) as Promise<Array<{ target_group: string; unit_id: string | null; evidence: { courses: string[] } }>>;
    const putProfile = (l: Browser, targetGroups: string[]) =>
      l.agent.put('/api/me/profile').set('x-csrf-token', l.csrf).send({
        targetGroups,
        subGroups: [],
        unitId: null,
        organisationId: null,
        language: 'vi',
        accessibility: {},
      });
    /** A citizen who completed the enterprise workers' set (enrolments completed as the completing path leaves them). */
    const completedAsCitizen = async () => {
      const l = await signedUpLearner(t.http, 'Người lao động');
      await putProfile(l, ['citizens']).expect(200);
      await db.query(
        `INSERT INTO enrolments (user_id, course_id, status, completed_at) SELECT $1, c, 'completed', now() FROM unnest($2::text[]) c`,
        [l.id, SET],
      );
      return l;
    };

    it('writes the trained fact of the new group once, in the profile change; removing it keeps the history', async () => {
      const l = await completedAsCitizen();
      expect(await allFacts(l.id)).toEqual([]);
      await putProfile(l, ['citizens', 'enterprise-workers']).expect(200);
      const rows = await allFacts(l.id);
      expect(rows.map((r) => r.target_group)).toEqual(['*', 'enterprise-workers']);
      expect(rows[1]!.evidence).toEqual({ courses: SET, planId: 'lai-chau-2025-2026' });

      // Saving the same profile again, or removing the group, writes nothing and deletes nothing.
      await putProfile(l, ['citizens', 'enterprise-workers']).expect(200);
      await putProfile(l, ['citizens']).expect(200);
      expect(await allFacts(l.id)).toEqual(rows);
      // Adding it back does not make a second fact.
      await putProfile(l, ['enterprise-workers']).expect(200);
      expect(await allFacts(l.id)).toEqual(rows);
    });

    it('writes nothing for a group whose set is not complete, and nothing when the profile change is refused', async () => {
      const l = await signedUpLearner(t.http, 'Người chưa học xong');
      await db.query(
        `INSERT INTO enrolments (user_id, course_id, status, completed_at) VALUES ($1, 'online-scams', 'completed', now())`,
        [l.id],
      );
      await putProfile(l, ['enterprise-workers']).expect(200);
      expect(await allFacts(l.id)).toEqual([]);

      const done = await completedAsCitizen();
      // A refused change (unknown unit) rolls back with its fact.
      await done.agent
        .put('/api/me/profile')
        .set('x-csrf-token', done.csrf)
        .send({
          targetGroups: ['enterprise-workers'],
          subGroups: [],
          unitId: '00000000-0000-4000-8000-000000000000',
          organisationId: null,
          language: 'vi',
          accessibility: {},
        })
        .expect(400);
      expect(await allFacts(done.id)).toEqual([]);
    });

    it('makes one fact of 50 parallel identical profile updates', async () => {
      const l = await completedAsCitizen();
      const answers = await Promise.all(
        Array.from({ length: 50 }, () => putProfile(l, ['citizens', 'enterprise-workers'])),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
      const rows = await allFacts(l.id);
      expect(rows.map((r) => r.target_group)).toEqual(['*', 'enterprise-workers']);
    });

    it('is written when a roster invitation adding the group is accepted', async () => {
      const l = await completedAsCitizen();
      const unit = (
        await db.query(
          `SELECT id FROM administrative_units WHERE level = 'commune' AND valid_to IS NULL LIMIT 1`,
        )
      )[0].id as string;
      const inv = (
        await db.query(
          `INSERT INTO roster_invitations (user_id, invited_by, unit_id, unit_path, target_group, sub_groups, course_ids)
           SELECT $1, u.id, au.id, au.path, 'enterprise-workers', '{}', '{}' FROM users u, administrative_units au
            WHERE u.email = 'system-admin@demo.hocvuso.example' AND au.id = $2 RETURNING id`,
          [l.id, unit],
        )
      )[0].id as string;
      await l.post(`/api/me/invitations/${inv}/accept`).send({}).expect(200);
      expect((await allFacts(l.id)).map((r) => r.target_group)).toEqual(['*', 'enterprise-workers']);
      expect((await allFacts(l.id))[1]!.unit_id).toBe(unit);
    });
  });
});
