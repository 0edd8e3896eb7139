import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  browser,
  type Browser,
  expectErrorShape,
  PASSWORD,
  placeLearner,
  signedInDemo,
  signedUpLearner,
  startTestApp,
  type TestApp,
} from './support/test-app';
import { e164, importArea, uniquePhone } from './support/area-world';

/**
 * A community helper of one commune registers a person who has no e-mail (phone only), records their
 * consent given in person, and hands over a one-time sign-in code; the person signs in once with it and
 * chooses a password.
 */
describe('assisted registration and one-time sign-in codes', () => {
  let t: TestApp;
  let db: DataSource;
  let helper: Browser & { id: string };
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const ids: Record<string, string> = {};

  const consents = [
    { purpose: 'learning-records', textVersion: '2026-11', granted: true },
    { purpose: 'reminders-email', textVersion: '2026-11', granted: false },
  ];
  const person = (overrides: Record<string, unknown> = {}) => ({
    displayName: '  Bà Lò Thị Mai ',
    phone: uniquePhone(),
    targetGroups: ['citizens'],
    subGroups: ['older-adults'],
    unitId: ids.C1,
    consents,
    ...overrides,
  });

  beforeAll(async () => {
    t = await startTestApp();
    db = await openRunDatabase();
    const system = await signedInDemo(t.http);
    Object.assign(ids, await importArea(system, db, tag, { province: 'Tỉnh Hỗ Trợ' }));
    helper = await signedUpLearner(t.http, 'Trần Văn Hỗ Trợ');
    await placeLearner(helper, ids.C1!);
    await system
      .post('/api/admin/role-grants')
      .send({ userId: helper.id, role: 'community_helper', unitId: ids.C1 })
      .expect(201);
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  it('registers a phone-only person in the helper’s commune, with consents given in person, and answers a one-time code', async () => {
    const input = person();
    const res = await helper.post('/api/helper/registrations').send(input).expect(201);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({
      displayName: 'Bà Lò Thị Mai',
      phone: e164(input.phone),
      signInCode: { code: expect.stringMatching(/^\d{8}$/) },
    });
    const hours = (new Date(res.body.signInCode.expiresAt).getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);

    const id = res.body.id;
    const [user] = await db.query(`SELECT email, phone, password_hash FROM users WHERE id = $1`, [id]);
    expect(user).toEqual({ email: null, phone: e164(input.phone), password_hash: null });
    const [profile] = await db.query(
      `SELECT unit_id, target_groups, sub_groups FROM learner_profiles WHERE user_id = $1`,
      [id],
    );
    expect(profile).toEqual({ unit_id: ids.C1, target_groups: ['citizens'], sub_groups: ['older-adults'] });
    const recorded = await db.query(
      `SELECT purpose, granted, channel, recorded_by, text_version FROM consents WHERE user_id = $1 ORDER BY purpose`,
      [id],
    );
    expect(recorded).toEqual([
      {
        purpose: 'learning-records',
        granted: true,
        channel: 'in_person',
        recorded_by: helper.id,
        text_version: '2026-11',
      },
      {
        purpose: 'reminders-email',
        granted: false,
        channel: 'in_person',
        recorded_by: helper.id,
        text_version: '2026-11',
      },
    ]);
    const [code] = await db.query(`SELECT code_hash FROM sign_in_codes WHERE user_id = $1`, [id]);
    expect(Buffer.from(code.code_hash).toString('utf8')).not.toContain(res.body.signInCode.code);
    const [audit] = await db.query(
      `SELECT actor_user_id, after FROM audit_log WHERE action = 'learner.assisted_register' AND subject_id = $1`,
      [id],
    );
    expect(audit.actor_user_id).toBe(helper.id);
    expect(JSON.stringify(audit.after)).not.toContain(input.phone.slice(1));
  });

  it('refuses a unit outside the helper’s area with 404, a caller without the role with 403, and a known phone with 409', async () => {
    expectErrorShape(
      (
        await helper
          .post('/api/helper/registrations')
          .send(person({ unitId: ids.C2 }))
          .expect(404)
      ).body,
      404,
      'UNIT_NOT_FOUND',
    );
    expectErrorShape(
      (
        await helper
          .post('/api/helper/registrations')
          .send(person({ unitId: ids.P }))
          .expect(404)
      ).body,
      404,
      'UNIT_NOT_FOUND',
    );
    const learner = await signedUpLearner(t.http);
    expectErrorShape(
      (await learner.post('/api/helper/registrations').send(person()).expect(403)).body,
      403,
      'FORBIDDEN',
    );
    const input = person();
    await helper.post('/api/helper/registrations').send(input).expect(201);
    expectErrorShape(
      (
        await helper
          .post('/api/helper/registrations')
          .send({ ...input, phone: e164(input.phone) })
          .expect(409)
      ).body,
      409,
      'ACCOUNT_EXISTS',
    );
    const invalid = await helper
      .post('/api/helper/registrations')
      .send(person({ consents: [] }))
      .expect(400);
    expectErrorShape(invalid.body, 400, 'VALIDATION_FAILED');
  });

  it('the code signs the person in once and asks for a password; then the password works', async () => {
    const input = person();
    const { signInCode } = (await helper.post('/api/helper/registrations').send(input).expect(201)).body;
    const p = await browser(t.http);
    // Another spelling of the same number.
    const spelled = `+84 ${input.phone.slice(1, 4)} ${input.phone.slice(4)}`;
    const signedIn = await p
      .post('/api/auth/sign-in-code')
      .send({ phone: spelled, code: signInCode.code })
      .expect(200);
    expect(signedIn.body).toMatchObject({
      displayName: 'Bà Lò Thị Mai',
      phone: e164(input.phone),
      email: null,
      mustSetPassword: true,
      roles: ['learner'],
    });
    await p.agent.get('/api/auth/me').expect(200);
    const sessions = await p.agent.get('/api/auth/sessions').expect(200);
    expect(sessions.body.items[0].authMethod).toBe('sign_in_code');

    const again = await (
      await browser(t.http)
    )
      .post('/api/auth/sign-in-code')
      .send({ phone: input.phone, code: signInCode.code })
      .expect(401);
    expectErrorShape(again.body, 401, 'SIGN_IN_CODE_INVALID');

    await p.post('/api/auth/password').send({ password: PASSWORD }).expect(204);
    const withPassword = await browser(t.http);
    await withPassword
      .post('/api/auth/sign-in')
      .send({ identifier: input.phone, password: PASSWORD })
      .expect(200);
    // Changing it later needs the current one.
    expectErrorShape(
      (await p.post('/api/auth/password').send({ password: 'another-good-password' }).expect(400)).body,
      400,
      'CURRENT_PASSWORD_REQUIRED',
    );
    expectErrorShape(
      (
        await p
          .post('/api/auth/password')
          .send({ password: 'another-good-password', currentPassword: 'wrong-password' })
          .expect(403)
      ).body,
      403,
      'PASSWORD_INCORRECT',
    );
    await p
      .post('/api/auth/password')
      .send({ password: 'another-good-password', currentPassword: PASSWORD })
      .expect(204);
    // The change signed the other browser out, not this one.
    await withPassword.agent.get('/api/auth/me').expect(401);
    await p.agent.get('/api/auth/me').expect(200);
  });

  it('answers a wrong code and an unknown phone the same way, and five wrong tries spend the code', async () => {
    const input = person();
    const { signInCode } = (await helper.post('/api/helper/registrations').send(input).expect(201)).body;
    const wrong = signInCode.code === '00000000' ? '11111111' : '00000000';
    const p = await browser(t.http);
    const unknown = await p
      .post('/api/auth/sign-in-code')
      .send({ phone: uniquePhone(), code: signInCode.code })
      .expect(401);
    for (let i = 0; i < 5; i++) {
      const res = await p
        .post('/api/auth/sign-in-code')
        .send({ phone: input.phone, code: wrong })
        .expect(401);
      expect(res.body.message).toBe(unknown.body.message);
    }
    expectErrorShape(
      (await p.post('/api/auth/sign-in-code').send({ phone: input.phone, code: signInCode.code }).expect(401))
        .body,
      401,
      'SIGN_IN_CODE_INVALID',
    );
  });

  it('refuses an expired code', async () => {
    const input = person();
    const created = (await helper.post('/api/helper/registrations').send(input).expect(201)).body;
    await db.query(`UPDATE sign_in_codes SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [
      created.id,
    ]);
    await (
      await browser(t.http)
    )
      .post('/api/auth/sign-in-code')
      .send({ phone: input.phone, code: created.signInCode.code })
      .expect(401);
  });

  it('a unit administrator of the commune may register too; one of the other commune may not', async () => {
    const system = await signedInDemo(t.http);
    const admin = await signedUpLearner(t.http, 'Quản Trị Xã Hai');
    await placeLearner(admin, ids.C2!, { targetGroups: ['public-servants'] });
    await system
      .post('/api/admin/role-grants')
      .send({ userId: admin.id, role: 'unit_admin', unitId: ids.C2 })
      .expect(201);
    await admin
      .post('/api/helper/registrations')
      .send(person({ unitId: ids.C2 }))
      .expect(201);
    await admin
      .post('/api/helper/registrations')
      .send(person({ unitId: ids.C1 }))
      .expect(404);
  });

  describe('a new code, handed over again', () => {
    const reissue = (who: Browser, phone: string, identityChecked: unknown = true) =>
      who.post('/api/helper/sign-in-codes').send({ phone, identityChecked });
    const codesOf = async (userId: string) =>
      (await db.query(`SELECT count(*)::int AS n FROM sign_in_codes WHERE user_id = $1`, [userId]))[0].n;

    it('replaces a lost code: the old one stops working, the new one signs in, and the person is told', async () => {
      const input = person();
      const created = (await helper.post('/api/helper/registrations').send(input).expect(201)).body;
      const res = await reissue(helper, input.phone).expect(201);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toMatchObject({
        id: created.id,
        displayName: 'Bà Lò Thị Mai',
        phone: e164(input.phone),
        recovery: false,
        signInCode: { code: expect.stringMatching(/^\d{8}$/) },
      });
      const p = await browser(t.http);
      expectErrorShape(
        (
          await p
            .post('/api/auth/sign-in-code')
            .send({ phone: input.phone, code: created.signInCode.code })
            .expect(401)
        ).body,
        401,
        'SIGN_IN_CODE_INVALID',
      );
      await p
        .post('/api/auth/sign-in-code')
        .send({ phone: input.phone, code: res.body.signInCode.code })
        .expect(200);
      const inbox = await p.agent.get('/api/me/notifications').expect(200);
      expect(inbox.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            kind: 'sign_in_code_issued',
            title: 'Tài khoản của bạn có mã đăng nhập mới',
          }),
        ]),
      );
      const [audit] = await db.query(
        `SELECT actor_user_id, after FROM audit_log WHERE action = 'learner.sign_in_code_reissue' AND subject_id = $1`,
        [created.id],
      );
      expect(audit).toEqual({ actor_user_id: helper.id, after: { recovery: false, identityChecked: true } });
    });

    it('recovers a forgotten password: the old password works until the code is used, then ends with every browser', async () => {
      const input = person();
      const created = (await helper.post('/api/helper/registrations').send(input).expect(201)).body;
      const first = await browser(t.http);
      await first
        .post('/api/auth/sign-in-code')
        .send({ phone: input.phone, code: created.signInCode.code })
        .expect(200);
      await first.post('/api/auth/password').send({ password: PASSWORD }).expect(204);

      const res = await reissue(helper, input.phone).expect(201);
      expect(res.body.recovery).toBe(true);
      // Issuing alone changes nothing for the person: someone who did not ask keeps their password.
      const stillSignedIn = await browser(t.http);
      await stillSignedIn
        .post('/api/auth/sign-in')
        .send({ identifier: input.phone, password: PASSWORD })
        .expect(200);

      const p = await browser(t.http);
      const signedIn = await p
        .post('/api/auth/sign-in-code')
        .send({ phone: input.phone, code: res.body.signInCode.code })
        .expect(200);
      expect(signedIn.body.mustSetPassword).toBe(true);
      await first.agent.get('/api/auth/me').expect(401);
      await stillSignedIn.agent.get('/api/auth/me').expect(401);
      const old = await (
        await browser(t.http)
      )
        .post('/api/auth/sign-in')
        .send({ identifier: input.phone, password: PASSWORD })
        .expect(401);
      expectErrorShape(old.body, 401, 'INVALID_CREDENTIALS');
      // The new password needs no current one: the code took the old one's place.
      await p.post('/api/auth/password').send({ password: 'a-new-good-password' }).expect(204);
      await (
        await browser(t.http)
      )
        .post('/api/auth/sign-in')
        .send({ identifier: input.phone, password: 'a-new-good-password' })
        .expect(200);
      const [audit] = await db.query(
        `SELECT after FROM audit_log WHERE action = 'auth.sign_in_code' AND subject_id = $1 AND after IS NOT NULL`,
        [created.id],
      );
      expect(audit.after).toEqual({ recovery: true, signedOut: 2 });
    });

    it('refuses, changing nothing: outside the area or unknown (404), e-mail or staff accounts (409), no role (403), no identity check (400)', async () => {
      const system = await signedInDemo(t.http);
      const elsewhere = person({ unitId: ids.C2 });
      const other = (await system.post('/api/helper/registrations').send(elsewhere).expect(201)).body;
      const before = await codesOf(other.id);
      expectErrorShape((await reissue(helper, elsewhere.phone).expect(404)).body, 404, 'PERSON_NOT_FOUND');
      expectErrorShape((await reissue(helper, uniquePhone()).expect(404)).body, 404, 'PERSON_NOT_FOUND');
      expectErrorShape((await reissue(helper, '0123 not a phone').expect(404)).body, 404, 'PERSON_NOT_FOUND');
      expect(await codesOf(other.id)).toBe(before);

      // A learner with an e-mail in the commune resets their password themselves.
      const withEmail = await signedUpLearner(t.http, 'Người Có Thư');
      const phone = uniquePhone();
      await placeLearner(withEmail, ids.C1!);
      await db.query(`UPDATE users SET phone = $2 WHERE id = $1`, [withEmail.id, e164(phone)]);
      const emailRefusal = await reissue(helper, phone).expect(409);
      expectErrorShape(emailRefusal.body, 409, 'SIGN_IN_CODE_NOT_ALLOWED');
      expect(await codesOf(withEmail.id)).toBe(0);

      // Nobody takes over a staff account this way, not even one the helper registered.
      const staffInput = person();
      const staff = (await helper.post('/api/helper/registrations').send(staffInput).expect(201)).body;
      await system
        .post('/api/admin/role-grants')
        .send({ userId: staff.id, role: 'community_helper', unitId: ids.C1 })
        .expect(201);
      const staffCodes = await codesOf(staff.id);
      expectErrorShape(
        (await reissue(helper, staffInput.phone).expect(409)).body,
        409,
        'SIGN_IN_CODE_NOT_ALLOWED',
      );
      expect(await codesOf(staff.id)).toBe(staffCodes);

      const mine = person();
      const someone = (await helper.post('/api/helper/registrations').send(mine).expect(201)).body;
      const learner = await signedUpLearner(t.http);
      expectErrorShape((await reissue(learner, mine.phone).expect(403)).body, 403, 'FORBIDDEN');
      expectErrorShape((await reissue(helper, mine.phone, false).expect(400)).body, 400, 'VALIDATION_FAILED');
      expectErrorShape(
        (await helper.post('/api/helper/sign-in-codes').send({ phone: mine.phone }).expect(400)).body,
        400,
        'VALIDATION_FAILED',
      );
      expect(await codesOf(someone.id)).toBe(1);
      const notices = await db.query(
        `SELECT count(*)::int AS n FROM notifications WHERE user_id = ANY ($1::uuid[])`,
        [[other.id, withEmail.id, staff.id, someone.id]],
      );
      expect(notices[0].n).toBe(0);
    });
  });

  it('a former helper, whose role was revoked, is a learner again and can get a new code', async () => {
    const system = await signedInDemo(t.http);
    const input = person();
    const former = (await helper.post('/api/helper/registrations').send(input).expect(201)).body;
    const grant = await system
      .post('/api/admin/role-grants')
      .send({ userId: former.id, role: 'community_helper', unitId: ids.C1 })
      .expect(201);
    await helper
      .post('/api/helper/sign-in-codes')
      .send({ phone: input.phone, identityChecked: true })
      .expect(409);
    await system.agent
      .delete(`/api/admin/role-grants/${grant.body.id}`)
      .set('x-csrf-token', system.csrf)
      .expect(204);
    await helper
      .post('/api/helper/sign-in-codes')
      .send({ phone: input.phone, identityChecked: true })
      .expect(201);
  });

  it('the sign-in code route is public but needs the CSRF token like every POST', async () => {
    await request(t.http)
      .post('/api/auth/sign-in-code')
      .send({ phone: uniquePhone(), code: '12345678' })
      .expect(403);
  });
});
