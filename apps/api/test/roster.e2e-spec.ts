import { e164, uniquePhone } from './support/area-world';
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  type Browser,
  browser,
  expectErrorShape,
  PASSWORD,
  signedInDemo,
  signedUpLearner,
  startTestApp,
  type TestApp,
  uniqueEmail,
} from './support/test-app';

describe('bulk enrolment from a roster CSV', () => {
  let t: TestApp;
  let db: DataSource;
  let unitAdmin: Browser;
  const upload = (b: Browser, body: string, query = '?courses=online-scams,vneid-digital-identity') =>
    b.post(`/api/admin/rosters${query}`).set('content-type', 'text/csv').send(body);
  const header = 'name,email,phone,organisation_code,unit_code,target_group,sub_groups\n';

  beforeAll(async () => {
    t = await startTestApp({ BODY_LIMIT_BYTES: '262144' });
    db = await openRunDatabase();
    unitAdmin = await signedInDemo(t.http, 'unit-admin');
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  it('creates, matches and rejects row by row, enrols everyone placed, and a re-upload changes nothing', async () => {
    const stamp = Date.now();
    const file =
      header +
      [
        `Nguyễn Thị Lan,lan-${stamp}@example.com,,,DEMO01T1,citizens,older-adults`,
        `Trần Văn Nam,,0399${String(stamp).slice(-6)},DEMO-HTX01,,enterprise-workers,small-traders-farmers`,
        `Ngoài Xã,ngoai-${stamp}@example.com,,,DEMO02,citizens,`,
        `Thiếu Liên Lạc,,,,DEMO01,citizens,`,
        `Sai Nhóm,sai-${stamp}@example.com,,,DEMO01,aliens,`,
        `Không Nơi,khong-${stamp}@example.com,,,,citizens,`,
      ].join('\n');
    const first = await upload(unitAdmin, file).expect(200);
    expect(first.body).toMatchObject({ created: 2, matched: 0, rejected: 4 });
    expect(first.body.rows.map((r: { line: number; status: string }) => [r.line, r.status])).toEqual([
      [2, 'created'],
      [3, 'created'],
      [4, 'rejected'],
      [5, 'rejected'],
      [6, 'rejected'],
      [7, 'rejected'],
    ]);
    expect(first.body.rows[2].errors[0]).toMatchObject({
      field: 'unit_code',
      message: 'outside the area you administer',
    });
    expect(first.body.rows[3].errors[0].field).toBe('email');
    expect(first.body.rows[4].errors[0].field).toBe('target_group');
    expect(first.body.rows[5].errors[0].message).toContain('unit_code or organisation_code');
    const lan = first.body.rows[0].userId;
    const enrolled = await db.query(
      `SELECT course_id FROM enrolments WHERE user_id = $1 ORDER BY course_id`,
      [lan],
    );
    expect(enrolled.map((e: { course_id: string }) => e.course_id)).toEqual([
      'online-scams',
      'vneid-digital-identity',
    ]);
    const again = await upload(unitAdmin, file).expect(200);
    expect(again.body).toMatchObject({ created: 0, matched: 2, rejected: 4 });
    expect((await db.query(`SELECT count(*)::int AS n FROM enrolments WHERE user_id = $1`, [lan]))[0].n).toBe(
      2,
    );
    // The admin's area counts them; it names them only once they agree to be named to their unit.
    const search = () =>
      unitAdmin.agent.get(`/api/admin/learners?q=${encodeURIComponent('Nguyễn Thị Lan')}`).expect(200);
    expect((await search()).body.items.map((l: { id: string }) => l.id)).not.toContain(lan);
    await db.query(
      `INSERT INTO consents (user_id, purpose, text_version, channel, granted) VALUES ($1, 'data-sharing-unit', '2026-11', 'web', true)`,
      [lan],
    );
    expect((await search()).body.items.map((l: { id: string }) => l.id)).toContain(lan);
  });

  describe('invitations', () => {
    const outbox = (email: string) =>
      db.query(
        `SELECT subject, text, transport, headers FROM mail_outbox WHERE to_address = $1 ORDER BY created_at`,
        [email],
      );
    const inbox = async (b: Browser) =>
      (await b.agent.get('/api/me/notifications?lang=en').expect(200)).body.items as Array<{
        kind: string;
        title: string;
        body: string;
        link: string;
      }>;
    const codesOf = async (phone: string) =>
      (
        await db.query(
          `SELECT count(*)::int AS n FROM sign_in_codes c JOIN users u ON u.id = c.user_id WHERE u.phone = $1`,
          [e164(phone)],
        )
      )[0].n as number;
    const tokenIn = (text: string) => /\/reset-password\?token=([A-Za-z0-9_-]{43})\b/.exec(text)?.[1];

    /** A new e-mail row (English), a new phone-only row and a row for an existing learner, not yet placed. */
    async function world() {
      const existing = await signedUpLearner(t.http, 'Lê Văn Có');
      const person = { email: uniqueEmail('invited'), phone: uniquePhone() };
      const file =
        'name,email,phone,unit_code,target_group,language\n' +
        [
          `Anna Mời,${person.email},,DEMO01,citizens,en`,
          `Bà Sáu Mời,,${person.phone},DEMO01T1,citizens,`,
          `Lê Văn Có,${existing.email},,DEMO01,citizens,`,
        ].join('\n');
      return { existing, person, file };
    }

    it('e-mails new accounts a link, hands codes for phone-only ones, notifies existing learners; a re-upload sends nothing new', async () => {
      const { existing, person, file } = await world();
      const first = await upload(unitAdmin, file, '?courses=online-scams').expect(200);
      expect(first.headers['cache-control']).toBe('no-store');
      expect(first.body).toMatchObject({
        created: 2,
        invited: 1,
        matched: 0,
        rejected: 0,
        channels: { email: 1, code: 1, notification: 1 },
      });
      const [byMail, byCode, byNotice] = first.body.rows;
      expect(byMail).toEqual({ line: 2, status: 'created', userId: expect.any(String), invitedBy: 'email' });
      expect(byCode).toEqual({
        line: 3,
        status: 'created',
        userId: expect.any(String),
        invitedBy: 'code',
        signInCode: { code: expect.stringMatching(/^\d{8}$/), expiresAt: expect.any(String) },
      });
      // The existing account is invited, not placed or enrolled, and its id is not the admin's to know.
      expect(byNotice).toEqual({ line: 4, status: 'invited', invitedBy: 'notification' });
      expect(
        (await db.query(`SELECT count(*)::int AS n FROM enrolments WHERE user_id = $1`, [existing.id]))[0].n,
      ).toBe(0);
      expect(
        await db.query(`SELECT 1 FROM learner_profiles WHERE user_id = $1 AND unit_id IS NOT NULL`, [
          existing.id,
        ]),
      ).toEqual([]);

      // The e-mail waits in the outbox (tier 0: no SMTP), in the person's language, with a 14-day single-use link.
      const mails = await outbox(person.email);
      expect(mails).toHaveLength(1);
      expect(mails[0]).toMatchObject({
        subject: 'You are invited to learn on Học vụ số',
        transport: 'local',
        headers: { 'Content-Language': 'en' },
      });
      expect(mails[0].text).toMatch(/^Hello Anna Mời,/);
      expect(tokenIn(mails[0].text)).toBeDefined();
      const [link] = await db.query(
        `SELECT round(extract(epoch FROM expires_at - created_at) / 86400)::int AS days FROM password_reset_tokens WHERE user_id = $1`,
        [byMail.userId],
      );
      expect(link.days).toBe(14);
      // The existing learner is invited in the app and by an e-mail that carries no token.
      const invitationMail = await outbox(existing.email);
      expect(invitationMail).toHaveLength(1);
      expect(invitationMail[0].text).toContain('/me/invitations');
      expect(invitationMail[0].text).not.toMatch(/token=|\b\d{8}\b/);
      expect(await inbox(existing)).toEqual([
        expect.objectContaining({ kind: 'roster_invitation', link: '/me/invitations' }),
      ]);
      // The code signs the phone-only person in once, and asks for a password.
      const phoneUser = await browser(t.http);
      const signedIn = await phoneUser
        .post('/api/auth/sign-in-code')
        .send({ phone: person.phone, code: byCode.signInCode.code })
        .expect(200);
      expect(signedIn.body).toMatchObject({
        id: byCode.userId,
        displayName: 'Bà Sáu Mời',
        mustSetPassword: true,
      });
      const hours = (new Date(byCode.signInCode.expiresAt).getTime() - Date.now()) / 3_600_000;
      expect(hours).toBeGreaterThan(7 * 24 - 1);
      expect(hours).toBeLessThanOrEqual(7 * 24);

      // The same file again: the created ones matched, the invitation still pending, so nothing is sent again.
      const again = await upload(unitAdmin, file, '?courses=online-scams').expect(200);
      expect(again.body).toMatchObject({
        created: 0,
        matched: 2,
        invited: 1,
        channels: { email: 0, code: 0, notification: 0 },
      });
      expect(again.body.rows.map((r: { invitedBy: string }) => r.invitedBy)).toEqual([
        'none',
        'none',
        'none',
      ]);
      expect(again.body.rows.some((r: object) => 'signInCode' in r)).toBe(false);
      expect(await outbox(person.email)).toHaveLength(1);
      expect(await inbox(existing)).toHaveLength(1);
      expect(await codesOf(person.phone)).toBe(1);

      // A later upload with one more course invites everyone to it (nobody is enrolled without saying yes).
      const more = await upload(unitAdmin, file, '?courses=online-scams,vneid-digital-identity').expect(200);
      expect(more.body).toMatchObject({
        created: 0,
        invited: 3,
        channels: { email: 0, code: 0, notification: 3 },
      });
      expect(await inbox(existing)).toHaveLength(2);
      expect(
        (await db.query(`SELECT count(*)::int AS n FROM enrolments WHERE user_id = $1`, [byMail.userId]))[0]
          .n,
      ).toBe(1);
    });

    it('the invitation link sets the first password once; a second use is refused', async () => {
      const { person, file } = await world();
      await upload(unitAdmin, file, '?courses=online-scams').expect(200);
      const token = tokenIn((await outbox(person.email))[0].text)!;
      const confirm = async (password: string, status: number) =>
        (await browser(t.http))
          .post('/api/auth/password-reset/confirm')
          .send({ token, password })
          .expect(status);
      await confirm(PASSWORD, 204);
      const b = await browser(t.http);
      const me = await b
        .post('/api/auth/sign-in')
        .send({ identifier: person.email, password: PASSWORD })
        .expect(200);
      expect(me.body).toMatchObject({ email: person.email, displayName: 'Anna Mời', language: 'en' });
      const second = await confirm('another-password-2027', 400);
      expectErrorShape(second.body, 400, 'RESET_TOKEN_INVALID');
      await (
        await browser(t.http)
      )
        .post('/api/auth/sign-in')
        .send({ identifier: person.email, password: 'another-password-2027' })
        .expect(401);
    });

    it('a dry run says who would be invited how, and sends, issues and creates nothing', async () => {
      const { existing, person, file } = await world();
      const dry = await upload(unitAdmin, file, '?courses=online-scams&dryRun=true').expect(200);
      expect(dry.body).toMatchObject({
        dryRun: true,
        importId: null,
        created: 2,
        invited: 1,
        channels: { email: 1, code: 1, notification: 1 },
      });
      expect(dry.body.rows.map((r: { invitedBy: string }) => r.invitedBy)).toEqual([
        'email',
        'code',
        'notification',
      ]);
      expect(dry.body.rows.some((r: object) => 'signInCode' in r)).toBe(false);
      expect(await outbox(person.email)).toEqual([]);
      expect(await inbox(existing)).toEqual([]);
      expect(
        await db.query(`SELECT 1 FROM users WHERE email = $1 OR phone = $2`, [
          person.email,
          e164(person.phone),
        ]),
      ).toEqual([]);
      expect(
        (await db.query(`SELECT count(*)::int AS n FROM enrolments WHERE user_id = $1`, [existing.id]))[0].n,
      ).toBe(0);
      // The real upload afterwards invites them all.
      const real = await upload(unitAdmin, file, '?courses=online-scams').expect(200);
      expect(real.body.channels).toEqual({ email: 1, code: 1, notification: 1 });
    });

    it('invites a learner who turned in-app notifications off by e-mail only', async () => {
      const quiet = await signedUpLearner(t.http, 'Người Yên Lặng');
      await quiet.agent
        .put('/api/me/notification-preferences')
        .set('x-csrf-token', quiet.csrf)
        .send({ emailEnabled: true, inAppEnabled: false, remindersEnabled: true })
        .expect(200);
      const res = await upload(
        unitAdmin,
        `${header}Người Yên Lặng,${quiet.email},,,DEMO01,citizens,`,
        '?courses=online-scams',
      ).expect(200);
      expect(res.body.rows[0]).toEqual({ line: 2, status: 'invited', invitedBy: 'email' });
      expect(await inbox(quiet)).toEqual([]);
      expect(await outbox(quiet.email)).toHaveLength(1);
    });

    it('takes one account once when two lines reach it (its e-mail on one, its phone on the other)', async () => {
      const l = await signedUpLearner(t.http, 'Hai Dòng');
      const phone = uniquePhone();
      await db.query(`UPDATE users SET phone = $2 WHERE id = $1`, [l.id, e164(phone)]);
      const res = await upload(
        unitAdmin,
        `${header}Hai Dòng,${l.email},,,DEMO01,citizens,\nHai Dòng,,${phone},,DEMO01,citizens,`,
        '?courses=online-scams',
      ).expect(200);
      expect(res.body.rows).toEqual([
        { line: 2, status: 'invited', invitedBy: 'notification' },
        {
          line: 3,
          status: 'rejected',
          invitedBy: 'none',
          errors: [{ field: 'phone', message: 'this person appears on an earlier line' }],
        },
      ]);
      expect(await inbox(l)).toHaveLength(1);
    });
  });

  it('refuses unknown courses, missing columns and non-admins', async () => {
    expectErrorShape(
      (await upload(unitAdmin, header + 'A,a@example.com,,,DEMO01,citizens,', '?courses=nope').expect(400))
        .body,
      400,
      'COURSE_NOT_FOUND',
    );
    expectErrorShape(
      (await upload(unitAdmin, 'name,email\nA,a@example.com\n').expect(400)).body,
      400,
      'CSV_COLUMNS_MISSING',
    );
    const l = await signedUpLearner(t.http);
    await upload(l, header + 'A,a@example.com,,,DEMO01,citizens,').expect(403);
  });

  it('imports a 10,000-row roster and reports precisely the bad rows', async () => {
    const stamp = Date.now();
    const lines: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      if (i % 1000 === 7) lines.push(`Người ${i},not-an-email,,,DEMO01,citizens,`);
      else if (i % 1000 === 8) lines.push(`Người ${i},bulk-${stamp}-${i}@example.com,,,DEMO02,citizens,`);
      else lines.push(`Người ${i},bulk-${stamp}-${i}@example.com,,,DEMO01,citizens,`);
    }
    const big = await t.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'POST',
        url: '/api/admin/rosters?courses=online-scams',
        headers: {
          'content-type': 'text/csv',
          'x-csrf-token': unitAdmin.csrf,
          cookie: await cookieOf(unitAdmin),
        },
        payload: header + lines.join('\n'),
      });
    expect(big.statusCode).toBe(200);
    const body = big.json();
    expect(body).toMatchObject({
      created: 9980,
      matched: 0,
      rejected: 20,
      channels: { email: 9980, code: 0, notification: 0 },
    });
    const invitations = await db.query(
      `SELECT count(*)::int AS n FROM mail_outbox WHERE to_address LIKE $1`,
      [`bulk-${stamp}-%`],
    );
    expect(invitations[0].n).toBe(9980);
    const bad = body.rows.filter((r: { status: string }) => r.status === 'rejected');
    expect(bad.slice(0, 2)).toEqual([
      {
        line: 9,
        status: 'rejected',
        invitedBy: 'none',
        errors: [{ field: 'email', message: 'not a valid e-mail address' }],
      },
      {
        line: 10,
        status: 'rejected',
        invitedBy: 'none',
        errors: [{ field: 'unit_code', message: 'outside the area you administer' }],
      },
    ]);
  }, 120_000);
});

/** The session and CSRF cookies of a supertest agent, for a direct inject() of a large body. */
async function cookieOf(b: Browser): Promise<string> {
  const res = await b.agent.get('/api/auth/me');
  const jar = (res.request as unknown as { cookies: string }).cookies;
  return jar;
}
