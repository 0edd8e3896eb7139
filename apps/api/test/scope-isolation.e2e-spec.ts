import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  type Browser,
  expectErrorShape,
  placeLearner,
  signedInDemo,
  signedUpLearner,
  startTestApp,
  type TestApp,
} from './support/test-app';
import { importArea } from './support/area-world';

type Signed = Browser & { id: string };

/**
 * Two communes, two agencies (one in each commune), an admin of each, learners in each: every list, read,
 * update, export and report endpoint is tried out of scope and refuses with 404 (existence does not leak).
 */
describe('scope isolation', () => {
  let t: TestApp;
  let db: DataSource;
  let system: Browser;
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const P = `P${tag}`;
  const C1 = `C1${tag}`;
  const C2 = `C2${tag}`;
  const ids: Record<string, string> = {};
  const admins: Record<string, Signed> = {};
  const learners: Record<string, Signed> = {};
  const mandates: Record<string, string> = {};

  const csv = (b: Browser, url: string, body: string) =>
    b.post(url).set('content-type', 'text/csv').send(body);

  beforeAll(async () => {
    t = await startTestApp();
    db = await openRunDatabase();
    system = await signedInDemo(t.http);
    const area = await importArea(system, db, tag, { province: 'Tỉnh Thử', commune2: 'Phường Hai' });
    [ids[P], ids[C1], ids[C2]] = [area.P, area.C1, area.C2];
    const orgs = await csv(
      system,
      '/api/admin/organisations/import',
      `code,name,kind,unit_code\nA1-${tag},Cơ quan Một,state_agency,${C1}\nA2-${tag},Cơ quan Hai,state_agency,${C2}\n`,
    ).expect(200);
    expect(orgs.body).toMatchObject({ created: 2, rejected: [] });
    for (const code of [`A1-${tag}`, `A2-${tag}`])
      ids[code] = (await db.query(`SELECT id FROM organisations WHERE code = $1`, [code]))[0].id;

    // Learners: one per commune, one per agency (the agency people live in the other commune).
    const place = async (key: string, unit: string, org: string | null) => {
      const l = await signedUpLearner(t.http, `Học viên ${key}`);
      await placeLearner(l, ids[unit]!, {
        targetGroups: ['public-servants'],
        organisationId: org ? ids[org]! : null,
      });
      // They agreed to be named to their unit (the consent rule is tested on its own below).
      await l
        .post('/api/me/consents')
        .send({ purpose: 'data-sharing-unit', textVersion: '2026-11', granted: true })
        .expect(200);
      learners[key] = l;
    };
    await place('c1', C1, null);
    await place('c2', C2, null);
    await place('a1', C2, `A1-${tag}`);
    await place('a2', C1, `A2-${tag}`);

    // Admins (each first gets a profile, since the system admin can grant only to people it can see).
    for (const key of ['c1', 'c2', 'a1', 'a2']) {
      const a = await signedUpLearner(t.http, `Quản trị ${key}`);
      const unit = key === 'c1' || key === 'a1' ? C1 : C2;
      await placeLearner(a, ids[unit]!, { targetGroups: ['public-servants'] });
      const scope = key.startsWith('c')
        ? { unitId: ids[key === 'c1' ? C1 : C2], organisationId: null }
        : { unitId: null, organisationId: ids[key === 'a1' ? `A1-${tag}` : `A2-${tag}`] };
      await system
        .post('/api/admin/role-grants')
        .send({ userId: a.id, role: 'unit_admin', ...scope })
        .expect(201);
      admins[key] = a;
    }

    mandates.c1 = (
      await admins
        .c1!.post('/api/admin/mandates')
        .send({
          title: `Bắt buộc ${C1}`,
          courseIds: ['digital-office-work'],
          unitId: ids[C1],
          dueOn: '2027-06-30',
        })
        .expect(201)
    ).body.id;
    mandates.c2 = (
      await admins
        .c2!.post('/api/admin/mandates')
        .send({
          title: `Bắt buộc ${C2}`,
          courseIds: ['digital-office-work'],
          unitId: ids[C2],
          dueOn: '2027-06-30',
        })
        .expect(201)
    ).body.id;
    mandates.a1 = (
      await admins
        .a1!.post('/api/admin/mandates')
        .send({
          title: `Bắt buộc A1`,
          courseIds: ['online-scams'],
          organisationId: ids[`A1-${tag}`],
          dueOn: '2027-06-30',
        })
        .expect(201)
    ).body.id;
    mandates.a2 = (
      await admins
        .a2!.post('/api/admin/mandates')
        .send({
          title: `Bắt buộc A2`,
          courseIds: ['online-scams'],
          organisationId: ids[`A2-${tag}`],
          dueOn: '2027-06-30',
        })
        .expect(201)
    ).body.id;
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  /** Who each admin may see, and who they may not. */
  const reach: Record<string, { sees: string[]; not: string[] }> = {
    c1: { sees: ['c1', 'a2'], not: ['c2', 'a1'] },
    c2: { sees: ['c2', 'a1'], not: ['c1', 'a2'] },
    a1: { sees: ['a1'], not: ['c1', 'c2', 'a2'] },
    a2: { sees: ['a2'], not: ['c1', 'c2', 'a1'] },
  };

  it.each(Object.keys(reach))('admin %s lists only the learners in scope', async (key) => {
    const res = await admins[key]!.agent.get('/api/admin/learners?limit=200').expect(200);
    const seen = res.body.items.map((l: { id: string }) => l.id);
    for (const k of reach[key]!.sees) expect(seen).toContain(learners[k]!.id);
    for (const k of reach[key]!.not) expect(seen).not.toContain(learners[k]!.id);
  });

  it.each(Object.keys(reach))(
    'admin %s gets 404 for every out-of-scope learner read and write',
    async (key) => {
      const a = admins[key]!;
      for (const k of reach[key]!.not) {
        const id = learners[k]!.id;
        expectErrorShape(
          (await a.agent.get(`/api/admin/learners/${id}`).expect(404)).body,
          404,
          'LEARNER_NOT_FOUND',
        );
        expectErrorShape(
          (await a.agent.get(`/api/admin/learners/${id}/role-grants`).expect(404)).body,
          404,
          'LEARNER_NOT_FOUND',
        );
        await a
          .post('/api/admin/role-grants')
          .send({ userId: id, role: 'community_helper', unitId: ids[C1] })
          .expect(404);
        expectErrorShape(
          (await a.post(`/api/admin/learners/${id}/deidentify`).send({ reason: 'ngoài phạm vi' }).expect(404))
            .body,
          404,
        );
        expect(await db.query(`SELECT deidentified_at FROM users WHERE id = $1`, [id])).toEqual([
          { deidentified_at: null },
        ]);
      }
      for (const k of reach[key]!.sees)
        await a.agent.get(`/api/admin/learners/${learners[k]!.id}`).expect(200);
    },
  );

  it.each(Object.keys(reach))(
    'admin %s gets 404 for other scopes’ mandates, compliance and CSV export',
    async (key) => {
      const a = admins[key]!;
      const list = (await a.agent.get('/api/admin/mandates').expect(200)).body.items.map(
        (m: { id: string }) => m.id,
      );
      expect(list).toContain(mandates[key]);
      for (const other of Object.keys(mandates).filter((k) => k !== key)) {
        expect(list).not.toContain(mandates[other]);
        await a.agent.get(`/api/admin/mandates/${mandates[other]}`).expect(404);
        await a.agent.get(`/api/admin/mandates/${mandates[other]}/compliance`).expect(404);
        await a.agent.get(`/api/admin/mandates/${mandates[other]}/compliance.csv`).expect(404);
      }
    },
  );

  it.each(Object.keys(reach))(
    'admin %s reads learning records (xAPI) only of learners in scope',
    async (key) => {
      const a = admins[key]!;
      const agentOf = async (k: string) => {
        const [u] = await db.query(`SELECT pseudonym FROM users WHERE id = $1`, [learners[k]!.id]);
        return encodeURIComponent(
          JSON.stringify({ account: { homePage: 'http://localhost:3000', name: u.pseudonym } }),
        );
      };
      for (const k of [...reach[key]!.sees, ...reach[key]!.not]) {
        // Every learner has at least one statement: enrolling records "registered".
        await learners[k]!.post('/api/courses/online-scams/enrol');
      }
      for (const k of reach[key]!.sees) {
        const res = await a.agent.get(`/api/xapi/statements?agent=${await agentOf(k)}`).expect(200);
        expect(res.body.statements.length).toBeGreaterThan(0);
      }
      for (const k of reach[key]!.not) {
        const res = await a.agent.get(`/api/xapi/statements?agent=${await agentOf(k)}`).expect(200);
        expect(res.body.statements).toEqual([]);
      }
    },
  );

  it.each(Object.keys(reach))('admin %s reads the audit log only of their area', async (key) => {
    for (const k of Object.keys(learners)) {
      await learners[k]!.post('/api/me/consents')
        .send({ purpose: 'reminders-email', textVersion: '2026-11', granted: true })
        .expect(200);
    }
    const res = await admins[key]!.agent.get('/api/admin/audit-log?action=consent.&limit=200').expect(200);
    const subjects = res.body.items.map((e: { subjectId: string }) => e.subjectId);
    for (const k of reach[key]!.sees) expect(subjects).toContain(learners[k]!.id);
    for (const k of reach[key]!.not) expect(subjects).not.toContain(learners[k]!.id);
    for (const e of res.body.items) expect(e.action).toBe('consent.change');
    // Nor can a filter by an out-of-scope subject reveal anything.
    for (const k of reach[key]!.not) {
      expect(
        (await admins[key]!.agent.get(`/api/admin/audit-log?subjectId=${learners[k]!.id}`).expect(200)).body
          .items,
      ).toEqual([]);
    }
  });

  it('the audit log pages newest first with a cursor, refuses bad filters and non-admins', async () => {
    const first = (await system.agent.get('/api/admin/audit-log?limit=3').expect(200)).body;
    expect(first.items).toHaveLength(3);
    expect(first.next).toBe(first.items[2].id);
    const second = (await system.agent.get(`/api/admin/audit-log?limit=3&before=${first.next}`).expect(200))
      .body;
    const ids = [...first.items, ...second.items].map((e: { id: string }) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(ids.length);
    expectErrorShape((await system.agent.get('/api/admin/audit-log?before=abc').expect(400)).body, 400);
    await system.agent.get("/api/admin/audit-log?action=role.grant'%20OR%201=1").expect(400);
    await system.agent.get('/api/admin/audit-log?since=yesterday').expect(400);
    expectErrorShape(
      (await learners.c1!.agent.get('/api/admin/audit-log').expect(403)).body,
      403,
      'FORBIDDEN',
    );
  });

  it('scoped admins cannot read the mail outbox, which holds mail of every area', async () => {
    for (const key of Object.keys(admins)) {
      expectErrorShape(
        (await admins[key]!.agent.get('/api/admin/mail-outbox').expect(403)).body,
        403,
        'FORBIDDEN',
      );
    }
  });

  it('a commune admin cannot create a mandate for the other commune or import its organisations', async () => {
    await admins
      .c1!.post('/api/admin/mandates')
      .send({ title: 'Không được', courseIds: ['online-scams'], unitId: ids[C2], dueOn: '2027-01-01' })
      .expect(404);
    const report = await csv(
      admins.c1!,
      '/api/admin/organisations/import',
      `code,name,kind,unit_code\nX-${tag},Lạ,enterprise,${C2}\n`,
    ).expect(200);
    expect(report.body.created).toBe(0);
    expect(report.body.rejected[0]).toMatchObject({ line: 2, errors: [{ field: 'unit_code' }] });
    await csv(
      admins.c1!,
      '/api/admin/units/import',
      `code,level,name,parent_code,valid_from\nV${tag},village,Thôn,${C1},2025-07-01\n`,
    ).expect(403);
  });

  it('nobody grants a role above their own or outside their scope', async () => {
    const c1 = admins.c1!;
    const refused = await c1
      .post('/api/admin/role-grants')
      .send({ userId: learners.c1!.id, role: 'province_admin', unitId: ids[P] })
      .expect(403);
    expectErrorShape(refused.body, 403, 'ROLE_GRANT_REFUSED');
    expect(refused.body.details.reason).toBe('ROLE_ABOVE_OWN');
    const outside = await c1
      .post('/api/admin/role-grants')
      .send({ userId: learners.c1!.id, role: 'unit_admin', unitId: ids[C2] })
      .expect(403);
    expect(outside.body.details.reason).toBe('SCOPE_OUTSIDE_OWN');
    const system = await c1
      .post('/api/admin/role-grants')
      .send({ userId: learners.c1!.id, role: 'system_admin' })
      .expect(403);
    expect(system.body.details.reason).toBe('ROLE_ABOVE_OWN');
    const ok = await c1
      .post('/api/admin/role-grants')
      .send({ userId: learners.c1!.id, role: 'community_helper', unitId: ids[C1] })
      .expect(201);
    const audit = await db.query(
      `SELECT action, actor_user_id FROM audit_log WHERE subject_id = $1 AND action = 'role.grant'`,
      [learners.c1!.id],
    );
    expect(audit).toEqual([{ action: 'role.grant', actor_user_id: c1.id }]);
    await admins
      .c2!.agent.delete(`/api/admin/role-grants/${ok.body.id}`)
      .set('x-csrf-token', admins.c2!.csrf)
      .expect(404);
    await c1.agent.delete(`/api/admin/role-grants/${ok.body.id}`).set('x-csrf-token', c1.csrf).expect(204);
  });

  it('learners are not admins: admin endpoints answer 403', async () => {
    const l = learners.c1!;
    expectErrorShape((await l.agent.get('/api/admin/learners').expect(403)).body, 403, 'FORBIDDEN');
    await l.agent.get('/api/admin/mandates').expect(403);
    await l.agent.get('/api/xapi/statements').expect(403);
  });

  it('the compliance view counts the assigned learners and exports safe CSV', async () => {
    const report = (await admins.c1!.agent.get(`/api/admin/mandates/${mandates.c1}/compliance`).expect(200))
      .body;
    expect(report.counts.assigned).toBeGreaterThanOrEqual(3);
    expect(
      report.counts.notStarted + report.counts.inProgress + report.counts.completed + report.counts.overdue,
    ).toBe(report.counts.assigned);
    const hostile = await signedUpLearner(t.http, '=HYPERLINK("http://evil")');
    await placeLearner(hostile, ids[C1]!, { targetGroups: ['public-servants'] });
    await hostile
      .post('/api/me/consents')
      .send({ purpose: 'data-sharing-unit', textVersion: '2026-11', granted: true })
      .expect(200);
    const csvRes = await admins
      .c1!.agent.get(`/api/admin/mandates/${mandates.c1}/compliance.csv`)
      .expect(200);
    expect(csvRes.headers['content-type']).toContain('text/csv');
    expect(csvRes.text).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvRes.text).not.toMatch(/(^|,)=HYPERLINK/m);
    const exported = await db.query(
      `SELECT 1 FROM audit_log WHERE action = 'learner.export' AND subject_id = $1`,
      [mandates.c1],
    );
    expect(exported.length).toBeGreaterThan(0);
  });

  it('learners see the mandates that apply to them', async () => {
    const mine = (await learners.a1!.agent.get('/api/me/mandates').expect(200)).body.items.map(
      (m: { title: string }) => m.title,
    );
    expect(mine).toEqual(expect.arrayContaining([`Bắt buộc ${C2}`, 'Bắt buộc A1']));
    expect(mine).not.toContain(`Bắt buộc ${C1}`);
    await request(t.http).get('/api/me/mandates').expect(401);
  });

  describe('issue 11: the consent rule, and what a compliance row says', () => {
    const share = (b: Browser, granted: boolean) =>
      b
        .post('/api/me/consents')
        .send({ purpose: 'data-sharing-unit', textVersion: '2026-11', granted })
        .expect(200);

    it('a commune lists, searches and exports by name only people who agreed; the others are counted', async () => {
      const quiet = await signedUpLearner(t.http, `Người Kín Đáo ${tag}`);
      await placeLearner(quiet, ids[C1]!, { targetGroups: ['public-servants'] });
      const phone = `+8439${String(Date.now()).slice(-7)}`;
      await db.query(`UPDATE users SET phone = $2 WHERE id = $1`, [quiet.id, phone]);
      const c1 = admins.c1!;
      const listed = async (q = '') =>
        (
          await c1.agent
            .get(`/api/admin/learners?limit=200${q ? `&q=${encodeURIComponent(q)}` : ''}`)
            .expect(200)
        ).body;
      const before = await listed();
      expect(before.items.map((l: { id: string }) => l.id)).not.toContain(quiet.id);
      expect(before.notNamed).toBeGreaterThanOrEqual(1);
      expect((await listed(quiet.email)).items).toEqual([]);
      expect((await listed(`Người Kín Đáo ${tag}`)).items).toEqual([]);
      const report = (await c1.agent.get(`/api/admin/mandates/${mandates.c1}/compliance`).expect(200)).body;
      expect(report.learners.map((l: { id: string }) => l.id)).not.toContain(quiet.id);
      expect(report.counts.notNamed).toBeGreaterThanOrEqual(1);
      expect(report.counts.assigned).toBe(report.learners.length + report.counts.notNamed);
      const csvText = (await c1.agent.get(`/api/admin/mandates/${mandates.c1}/compliance.csv`).expect(200))
        .text;
      expect(csvText).not.toContain(quiet.email);
      expect(csvText).not.toContain('Người Kín Đáo');

      // With consent they are named everywhere, and the phone opens as typed (no leading apostrophe).
      await share(quiet, true);
      expect((await listed(quiet.email)).items.map((l: { id: string }) => l.id)).toEqual([quiet.id]);
      const named = (await c1.agent.get(`/api/admin/mandates/${mandates.c1}/compliance`).expect(200)).body;
      expect(named.learners.map((l: { id: string }) => l.id)).toContain(quiet.id);
      const exported = (await c1.agent.get(`/api/admin/mandates/${mandates.c1}/compliance.csv`).expect(200))
        .text;
      const line = exported.split('\n').find((r) => r.includes(quiet.email))!;
      expect(line.split(',')[2]).toBe(phone);
      // Withdrawing the consent hides them again.
      await share(quiet, false);
      expect((await listed(quiet.email)).items).toEqual([]);
    });

    it('staff under their own agency’s mandate are named without consent, to that agency only', async () => {
      const staff = await signedUpLearner(t.http, `Cán Bộ ${tag}`);
      await placeLearner(staff, ids[C2]!, {
        targetGroups: ['public-servants'],
        organisationId: ids[`A1-${tag}`]!,
      });
      const a1 = (await admins.a1!.agent.get(`/api/admin/mandates/${mandates.a1}/compliance`).expect(200))
        .body;
      expect(a1.learners.map((l: { id: string }) => l.id)).toContain(staff.id);
      const a1List = (await admins.a1!.agent.get('/api/admin/learners?limit=200').expect(200)).body;
      expect(a1List.items.map((l: { id: string }) => l.id)).toContain(staff.id);
      // The commune where they live counts them, but does not name them.
      const c2 = (await admins.c2!.agent.get(`/api/admin/mandates/${mandates.c2}/compliance`).expect(200))
        .body;
      expect(c2.learners.map((l: { id: string }) => l.id)).not.toContain(staff.id);
      const c2List = (await admins.c2!.agent.get('/api/admin/learners?limit=200').expect(200)).body;
      expect(c2List.items.map((l: { id: string }) => l.id)).not.toContain(staff.id);
    });

    it('a compliance row carries the person’s target groups and enrolments', async () => {
      const l = await signedUpLearner(t.http, `Học Viên Đếm ${tag}`);
      await placeLearner(l, ids[C1]!, { targetGroups: ['public-servants'] });
      await share(l, true);
      await db.query(`INSERT INTO enrolments (user_id, course_id) VALUES ($1, 'digital-office-work')`, [
        l.id,
      ]);
      await db.query(
        `INSERT INTO enrolments (user_id, course_id, status, completed_at) VALUES ($1, 'online-scams', 'completed', now())`,
        [l.id],
      );
      const report = (await admins.c1!.agent.get(`/api/admin/mandates/${mandates.c1}/compliance`).expect(200))
        .body;
      const row = report.learners.find((r: { id: string }) => r.id === l.id);
      expect(row).toMatchObject({
        targetGroups: ['public-servants'],
        enrolments: 2,
        completed: 1,
        status: 'in_progress',
        completedCourses: 0,
        totalCourses: 1,
      });
    });
  });
});
