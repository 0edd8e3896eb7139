import request from 'supertest';
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import { completeCourse as completeWithQuiz, outline, readFor } from './support/learning-world';
import { signedInDemo, signedUpLearner, startTestApp, type TestApp } from './support/test-app';

const COURSE = 'online-scams';

describe('course completion and learning records', () => {
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

  const completeCourse = () => completeWithQuiz(t, db, COURSE);

  it('completes the course only when every lesson is done and the quiz passed, writing exactly one outbox row', async () => {
    const { l, last } = await completeCourse();
    expect(last.body.enrolment).toMatchObject({ status: 'completed', percent: 100 });
    const [e] = await db.query(
      `SELECT id, status, completed_at FROM enrolments WHERE user_id = $1 AND course_id = $2`,
      [l.id, COURSE],
    );
    expect(e.status).toBe('completed');
    const requests = await db.query(
      `SELECT enrolment_id, issued_at FROM certificate_requests WHERE enrolment_id = $1`,
      [e.id],
    );
    expect(requests).toEqual([{ enrolment_id: e.id, issued_at: null }]);
    // Doing a lesson again changes nothing and writes no second row.
    const text = (await outline(t, COURSE)).find((x) => x.kind === 'text')!;
    await l.post(`/api/lessons/${text.id}/complete`).send({ reachedEnd: true }).expect(200);
    expect(await db.query(`SELECT 1 FROM certificate_requests WHERE enrolment_id = $1`, [e.id])).toHaveLength(
      1,
    );
    const mine = await l.agent.get('/api/me/learning').expect(200);
    expect(mine.body.items[0]).toMatchObject({
      courseId: COURSE,
      status: 'completed',
      percent: 100,
      completedAt: expect.any(String),
    });
  });

  it('does not complete the course while the quiz is not passed', async () => {
    const l = await signedUpLearner(t.http);
    await l.post(`/api/courses/${COURSE}/enrol`).send({}).expect(201);
    for (const lesson of (await outline(t, COURSE)).filter((x) => x.kind === 'text')) {
      await l.agent.get(`/api/lessons/${lesson.id}`).expect(200);
      await readFor(db, l.id, lesson.id, 600);
      await l.post(`/api/lessons/${lesson.id}/complete`).send({ reachedEnd: true }).expect(200);
    }
    const [e] = await db.query(`SELECT id, status FROM enrolments WHERE user_id = $1`, [l.id]);
    expect(e.status).toBe('active');
    expect(await db.query(`SELECT 1 FROM certificate_requests WHERE enrolment_id = $1`, [e.id])).toHaveLength(
      0,
    );
  });

  describe('xAPI statements', () => {
    it('records every learning event with a pseudonymous account actor', async () => {
      const { l } = await completeCourse();
      const [u] = await db.query(`SELECT pseudonym, email FROM users WHERE id = $1`, [l.id]);
      const rows: Array<{ verb: string; statement: Record<string, unknown> }> = await db.query(
        `SELECT verb, statement FROM xapi_statements WHERE actor_name = $1 ORDER BY stored_seq`,
        [u.pseudonym],
      );
      const verbs = new Set(rows.map((r) => r.verb));
      for (const v of ['registered', 'launched', 'initialized', 'completed', 'answered', 'passed'])
        expect(verbs).toContain(v);
      const text = JSON.stringify(rows);
      expect(text).not.toContain(u.email);
      expect(text).not.toContain('mbox');
      expect(rows[0]!.statement).toMatchObject({
        actor: { objectType: 'Agent', account: { name: u.pseudonym } },
        version: '1.0.3',
      });
      const courseCompleted = rows.filter(
        (r) =>
          r.verb === 'completed' && (r.statement.object as { id: string }).id.endsWith(`/courses/${COURSE}`),
      );
      expect(courseCompleted).toHaveLength(1);
    });

    it('is append-only in the database', async () => {
      await expect(db.query(`UPDATE xapi_statements SET verb = 'x' WHERE true`)).rejects.toThrow(
        /append-only/,
      );
      await expect(db.query(`DELETE FROM xapi_statements WHERE true`)).rejects.toThrow(/append-only/);
    });

    it('serves an LRS-style read endpoint to reporting admins only, with the version header and paging', async () => {
      const { l } = await completeCourse();
      await l.agent.get('/api/xapi/statements').expect(403);
      await request(t.http).get('/api/xapi/statements').expect(401);
      const admin = await signedInDemo(t.http);
      const [u] = await db.query(`SELECT pseudonym FROM users WHERE id = $1`, [l.id]);
      const agent = JSON.stringify({ account: { homePage: 'http://localhost:3000', name: u.pseudonym } });
      const page1 = await admin.agent
        .get(`/api/xapi/statements?agent=${encodeURIComponent(agent)}&limit=5`)
        .expect(200);
      expect(page1.headers['x-experience-api-version']).toBe('1.0.3');
      expect(page1.body.statements).toHaveLength(5);
      expect(page1.body.more).toMatch(/^\/api\/xapi\/statements\?/);
      const page2 = await admin.agent.get(page1.body.more).expect(200);
      const ids1 = page1.body.statements.map((s: { id: string }) => s.id);
      expect(page2.body.statements.some((s: { id: string }) => ids1.includes(s.id))).toBe(false);
      const passed = await admin.agent
        .get(
          `/api/xapi/statements?agent=${encodeURIComponent(agent)}&verb=${encodeURIComponent('http://adlnet.gov/expapi/verbs/passed')}`,
        )
        .expect(200);
      expect(passed.body.statements).toHaveLength(1);
      expect(passed.body.more).toBe('');
      const future = await admin.agent
        .get(
          `/api/xapi/statements?since=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`,
        )
        .expect(200);
      expect(future.body.statements).toEqual([]);
      await admin.agent.get('/api/xapi/statements?agent=not-json').expect(400);
      // A province admin sees only the records of learners in the province: this learner has no profile there.
      const province = await signedInDemo(t.http, 'province-admin');
      const scoped = await province.agent
        .get(`/api/xapi/statements?agent=${encodeURIComponent(agent)}`)
        .expect(200);
      expect(scoped.body.statements).toEqual([]);
    });
  });
});
