import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  type Browser,
  browser,
  expectErrorShape,
  PASSWORD,
  signedUpLearner,
  startTestApp,
  type TestApp,
} from './support/test-app';

const randomPhone = () => `09${String(Math.floor(10_000_000 + Math.random() * 89_999_999))}`;
const e164 = (local: string) => `+84${local.slice(1)}`;

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
    phone: randomPhone(),
    targetGroups: ['citizens'],
    subGroups: ['older-adults'],
    unitId: ids.C1,
    consents,
    ...overrides,
  });

  beforeAll(async () => {
    t = await startTestApp();
    db = await openRunDatabase();
    const system = await browser(t.http);
    await system
      .post('/api/auth/sign-in')
      .send({ identifier: 'system-admin@demo.hocvuso.example', password: 'hocvuso-demo' })
      .expect(200);
    await system
      .post('/api/admin/units/import')
      .set('content-type', 'text/csv')
      .send(
        `code,level,name,parent_code,valid_from\nP${tag},province,Tỉnh Hỗ Trợ ${tag},,2025-07-01\nC1${tag},commune,Xã Một ${tag},P${tag},2025-07-01\nC2${tag},commune,Xã Hai ${tag},P${tag},2025-07-01\n`,
      )
      .expect(200);
    for (const code of ['P', 'C1', 'C2'])
      ids[code] = (
        await db.query(`SELECT id FROM administrative_units WHERE code = $1`, [`${code}${tag}`])
      )[0].id;
    helper = await signedUpLearner(t.http, 'Trần Văn Hỗ Trợ');
    await helper.agent
      .put('/api/me/profile')
      .set('x-csrf-token', helper.csrf)
      .send({
        targetGroups: ['citizens'],
        subGroups: [],
        unitId: ids.C1,
        organisationId: null,
        language: 'vi',
        accessibility: {},
      })
      .expect(200);
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
      .send({ phone: randomPhone(), code: signInCode.code })
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
    const system = await browser(t.http);
    await system
      .post('/api/auth/sign-in')
      .send({ identifier: 'system-admin@demo.hocvuso.example', password: 'hocvuso-demo' })
      .expect(200);
    const admin = await signedUpLearner(t.http, 'Quản Trị Xã Hai');
    await admin.agent
      .put('/api/me/profile')
      .set('x-csrf-token', admin.csrf)
      .send({
        targetGroups: ['public-servants'],
        subGroups: [],
        unitId: ids.C2,
        organisationId: null,
        language: 'vi',
        accessibility: {},
      })
      .expect(200);
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

  it('the sign-in code route is public but needs the CSRF token like every POST', async () => {
    await request(t.http)
      .post('/api/auth/sign-in-code')
      .send({ phone: randomPhone(), code: '12345678' })
      .expect(403);
  });
});
