import { uniquePhone } from './support/area-world';
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  type Browser,
  browser,
  expectErrorShape,
  PASSWORD,
  placeLearner,
  signedInDemo,
  signedUpLearner,
  startTestApp,
  type TestApp,
} from './support/test-app';

/**
 * Issue 11 §3: a unit administrator uploaded a roster row with the phone of a learner who had never chosen a
 * commune; the row matched, the learner was placed in the administrator's commune (name, e-mail and phone
 * visible), and POST /api/helper/sign-in-codes then issued a code that signed in as them and wiped their
 * password. A roster now only invites an existing account; only the person's acceptance places them; and only
 * accounts created on a person's behalf in the helper's own area can get a new sign-in code.
 */
describe('rosters invite existing accounts; nobody takes them over', () => {
  let t: TestApp;
  let db: DataSource;
  let unitAdmin: Browser;
  const unit = async (code: string) =>
    (await db.query(`SELECT id FROM administrative_units WHERE code = $1`, [code]))[0].id as string;
  const org = async (code: string) =>
    (await db.query(`SELECT id FROM organisations WHERE code = $1`, [code]))[0].id as string;
  const upload = (b: Browser, body: string, courses = 'online-scams') =>
    b.post(`/api/admin/rosters?courses=${courses}`).set('content-type', 'text/csv').send(body);
  const profileOf = async (userId: string) =>
    (
      await db.query(
        `SELECT unit_id, organisation_id, target_groups FROM learner_profiles WHERE user_id = $1`,
        [userId],
      )
    )[0] as { unit_id: string | null; organisation_id: string | null; target_groups: string[] } | undefined;
  const enrolmentsOf = async (userId: string) =>
    (await db.query(`SELECT course_id FROM enrolments WHERE user_id = $1 ORDER BY course_id`, [userId])).map(
      (r: { course_id: string }) => r.course_id,
    );

  /** A person who signed up themselves with a phone number and a password. */
  async function phoneLearner(name: string) {
    const b = await browser(t.http);
    const phone = uniquePhone();
    const res = await b
      .post('/api/auth/sign-up')
      .send({ displayName: name, identifier: phone, password: PASSWORD })
      .expect(201);
    return { ...b, id: res.body.id as string, phone };
  }

  beforeAll(async () => {
    t = await startTestApp();
    db = await openRunDatabase();
    unitAdmin = await signedInDemo(t.http, 'unit-admin');
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  it('the attack as reported: a roster row with the phone of a learner with no commune neither places nor exposes them, and no code is issued', async () => {
    const victim = await phoneLearner('Nạn Nhân Chưa Chọn Xã');
    const res = await upload(
      unitAdmin,
      `name,email,phone,unit_code,target_group\nBất Kỳ Tên Gì,,${victim.phone},DEMO01,citizens\n`,
    ).expect(200);
    expect(res.body.rows).toEqual([{ line: 2, status: 'invited', invitedBy: 'notification' }]);
    // Not placed, not enrolled.
    expect(await profileOf(victim.id)).toBeUndefined();
    expect(await enrolmentsOf(victim.id)).toEqual([]);
    // Not visible to the administrator.
    const list = await unitAdmin.agent
      .get(`/api/admin/learners?q=${encodeURIComponent(victim.phone)}`)
      .expect(200);
    expect(list.body.items).toEqual([]);
    await unitAdmin.agent.get(`/api/admin/learners/${victim.id}`).expect(404);
    // No code: the administrator (a helper role too) cannot reach the person.
    const code = await unitAdmin
      .post('/api/helper/sign-in-codes')
      .send({ phone: victim.phone, identityChecked: true });
    expect(code.status).toBe(404);
    expectErrorShape(code.body, 404, 'PERSON_NOT_FOUND');
    expect(
      (await db.query(`SELECT count(*)::int AS n FROM sign_in_codes WHERE user_id = $1`, [victim.id]))[0].n,
    ).toBe(0);
    // The password still works.
    await (
      await browser(t.http)
    )
      .post('/api/auth/sign-in')
      .send({ identifier: victim.phone, password: PASSWORD })
      .expect(200);
  });

  it('the same for a learner placed only in an organisation elsewhere', async () => {
    const victim = await phoneLearner('Giáo Viên Phường Hai');
    const school = await org('DEMO-THPT02');
    await placeLearner(victim, null, { organisationId: school, targetGroups: ['public-servants'] });
    const res = await upload(
      unitAdmin,
      `name,email,phone,unit_code,target_group\nAi Đó,,${victim.phone},DEMO01,citizens\n`,
    ).expect(200);
    expect(res.body.rows[0]).toEqual({ line: 2, status: 'invited', invitedBy: 'notification' });
    expect(await profileOf(victim.id)).toEqual({
      unit_id: null,
      organisation_id: school,
      target_groups: ['public-servants'],
    });
    expect(await enrolmentsOf(victim.id)).toEqual([]);
    await unitAdmin.agent.get(`/api/admin/learners/${victim.id}`).expect(404);
    expectErrorShape(
      (
        await unitAdmin
          .post('/api/helper/sign-in-codes')
          .send({ phone: victim.phone, identityChecked: true })
          .expect(404)
      ).body,
      404,
      'PERSON_NOT_FOUND',
    );
  });

  it('only the person’s acceptance places and enrols them; even then no helper may issue them a code', async () => {
    const person = await phoneLearner('Người Được Mời');
    await upload(
      unitAdmin,
      `name,email,phone,unit_code,target_group\nNgười Được Mời,,${person.phone},DEMO01T1,citizens\n`,
    ).expect(200);
    const inbox = await person.agent.get('/api/me/notifications?lang=vi').expect(200);
    expect(inbox.body.items).toEqual([
      expect.objectContaining({ kind: 'roster_invitation', link: '/me/invitations' }),
    ]);
    const mine = await person.agent.get('/api/me/invitations').expect(200);
    expect(mine.body.items).toEqual([
      expect.objectContaining({
        status: 'pending',
        unit: { id: await unit('DEMO01T1'), name: 'Thôn Một (minh hoạ)' },
        organisation: null,
        targetGroup: 'citizens',
        courseIds: ['online-scams'],
      }),
    ]);
    const id = mine.body.items[0].id as string;

    // Nobody else answers it, and the administrator cannot (it is not theirs).
    const other = await signedUpLearner(t.http);
    expectErrorShape(
      (await other.post(`/api/me/invitations/${id}/accept`).send({}).expect(404)).body,
      404,
      'INVITATION_NOT_FOUND',
    );
    await unitAdmin.post(`/api/me/invitations/${id}/accept`).send({}).expect(404);
    await person.post('/api/me/invitations/not-a-uuid/accept').send({}).expect(404);
    expect(await profileOf(person.id)).toBeUndefined();

    // Twenty accepts at once (a double click, a replay): exactly one answers, the rest find nothing pending.
    const tries = await Promise.all(
      Array.from({ length: 20 }, () => person.post(`/api/me/invitations/${id}/accept`).send({})),
    );
    expect(tries.map((r) => r.status).sort()).toEqual([200, ...Array<number>(19).fill(404)]);
    const accepted = tries.find((r) => r.status === 200)!;
    expect(accepted.body).toMatchObject({ id, status: 'accepted', respondedAt: expect.any(String) });
    expect(await profileOf(person.id)).toEqual({
      unit_id: await unit('DEMO01T1'),
      organisation_id: null,
      target_groups: ['citizens'],
    });
    expect(await enrolmentsOf(person.id)).toEqual(['online-scams']);
    // Answered once only.
    await person.post(`/api/me/invitations/${id}/accept`).send({}).expect(404);

    // Placed in the commune by their own choice, their account is still theirs alone.
    const code = await unitAdmin
      .post('/api/helper/sign-in-codes')
      .send({ phone: person.phone, identityChecked: true })
      .expect(409);
    expectErrorShape(code.body, 409, 'SIGN_IN_CODE_NOT_ALLOWED');
    await (
      await browser(t.http)
    )
      .post('/api/auth/sign-in')
      .send({ identifier: person.phone, password: PASSWORD })
      .expect(200);

    // Every step is audited for the person, with the scope of the administrator who invited them.
    const audit = await db.query(
      `SELECT action, actor_user_id, scope, after FROM audit_log WHERE subject_id = $1 AND action LIKE 'roster.%' ORDER BY id`,
      [person.id],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'roster.invite',
      'roster.invitation_accept',
    ]);
    expect(audit[0].scope).toMatch(/DEMO01T1\/$/);
    expect(audit[0].after).toMatchObject({
      invitationId: id,
      courseIds: ['online-scams'],
      adminScope: [
        expect.objectContaining({ role: 'unit_admin', unitPath: expect.stringMatching(/DEMO01\/$/) }),
      ],
    });
    expect(audit[1]).toMatchObject({
      actor_user_id: person.id,
      after: { invitationId: id, placed: true, enrolled: ['online-scams'] },
    });
  });

  it('declining changes nothing', async () => {
    const person = await phoneLearner('Người Từ Chối');
    await upload(
      unitAdmin,
      `name,email,phone,unit_code,target_group\nX,,${person.phone},DEMO01,citizens\n`,
    ).expect(200);
    const [inv] = (await person.agent.get('/api/me/invitations').expect(200)).body.items;
    const res = await person.post(`/api/me/invitations/${inv.id}/decline`).send({}).expect(200);
    expect(res.body.status).toBe('declined');
    expect(await profileOf(person.id)).toBeUndefined();
    expect(await enrolmentsOf(person.id)).toEqual([]);
  });

  it('accounts registered in person by a helper of the area can still get a new code', async () => {
    const helper = await signedInDemo(t.http, 'unit-admin');
    const phone = uniquePhone();
    const created = await helper
      .post('/api/helper/registrations')
      .send({
        displayName: 'Bà Được Hỗ Trợ',
        phone,
        targetGroups: ['citizens'],
        unitId: await unit('DEMO01'),
        consents: [{ purpose: 'learning-records', textVersion: '2026-11', granted: true }],
      })
      .expect(201);
    const [origin] = await db.query(
      `SELECT origin, created_by, unit_path FROM account_origins WHERE user_id = $1`,
      [created.body.id],
    );
    expect(origin).toMatchObject({
      origin: 'assisted_registration',
      unit_path: expect.stringMatching(/DEMO01\/$/),
    });
    await helper.post('/api/helper/sign-in-codes').send({ phone, identityChecked: true }).expect(201);
  });

  it('the uploader reads their own imports, without codes; nobody else does', async () => {
    const phone = uniquePhone();
    const res = await upload(
      unitAdmin,
      `name,email,phone,unit_code,target_group\nMã Mới,,${phone},DEMO01,citizens\n`,
    ).expect(200);
    expect(res.body.rows[0].signInCode.code).toMatch(/^\d{8}$/);
    const importId = res.body.importId as string;
    const list = await unitAdmin.agent.get('/api/admin/rosters').expect(200);
    expect(list.body.items[0]).toMatchObject({
      id: importId,
      courseIds: ['online-scams'],
      summary: { created: 1 },
    });
    const one = await unitAdmin.agent.get(`/api/admin/rosters/${importId}`).expect(200);
    expect(one.body.rows).toEqual([
      { line: 2, status: 'created', userId: res.body.rows[0].userId, invitedBy: 'code' },
    ]);
    expect(JSON.stringify(one.body)).not.toContain(res.body.rows[0].signInCode.code);
    const province = await signedInDemo(t.http, 'province-admin');
    expectErrorShape(
      (await province.agent.get(`/api/admin/rosters/${importId}`).expect(404)).body,
      404,
      'ROSTER_IMPORT_NOT_FOUND',
    );
    expect(
      (await province.agent.get('/api/admin/rosters').expect(200)).body.items.map(
        (i: { id: string }) => i.id,
      ),
    ).not.toContain(importId);
    const [audit] = await db.query(
      `SELECT scope, after FROM audit_log WHERE action = 'roster.create_account' AND subject_id = $1`,
      [res.body.rows[0].userId],
    );
    expect(audit.after).toMatchObject({ importId, channel: 'code' });
  });
});
