import { createHash } from 'node:crypto';
import { openRunDatabase } from '@hocvuso/testing';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import {
  browser,
  expectErrorShape,
  PASSWORD,
  signedInDemo,
  signedUpLearner,
  startTestApp,
  type TestApp,
  uniqueEmail,
} from './support/test-app';

const NEW_PASSWORD = 'mot-mat-khau-moi-2027';

describe('password reset by a single-use e-mailed link', () => {
  let t: TestApp;
  let db: DataSource;
  beforeAll(async () => {
    t = await startTestApp();
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  const outbox = (email: string) =>
    db.query(
      `SELECT subject, text, html, transport, dedupe_key FROM mail_outbox WHERE to_address = $1 ORDER BY created_at`,
      [email],
    );
  /** Each call from a fresh browser; resolves to the response (supertest's Test is awaited away). */
  const requestReset = async (identifier: string, status = 202) => {
    const b = await browser(t.http);
    return b.post('/api/auth/password-reset').send({ identifier }).expect(status);
  };
  /** Asks for a link and reads it from the outbox, as the person would from their e-mail. */
  const resetToken = async (email: string): Promise<string> => {
    await requestReset(email);
    const mails = await outbox(email);
    const match = /\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(mails[mails.length - 1].text);
    return match![1]!;
  };
  const confirm = async (token: string, status: number, password = NEW_PASSWORD) =>
    (await browser(t.http)).post('/api/auth/password-reset/confirm').send({ token, password }).expect(status);

  it('answers 202 with the same body whether or not the account exists, and e-mails only a real account', async () => {
    const l = await signedUpLearner(t.http);
    const digits = String(Math.floor(10_000_000 + Math.random() * 89_999_999));
    const phoneOnly = await browser(t.http);
    await phoneOnly
      .post('/api/auth/sign-up')
      .send({ displayName: 'Ông Sáu', identifier: `09${digits}`, password: PASSWORD })
      .expect(201);
    const unknown = uniqueEmail('nobody');

    const answers = [
      await requestReset(l.email),
      await requestReset(unknown),
      await requestReset(`09${digits}`),
      await requestReset('not an identifier'),
    ];
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(answers[0]!.body).toMatchObject({ accepted: true });

    const mails = await outbox(l.email);
    expect(mails).toHaveLength(1);
    // Tier 0 without SMTP: the mail waits in the local outbox; it is not a reminder (no dedupe key).
    expect(mails[0]).toMatchObject({
      subject: 'Đặt lại mật khẩu Học vụ số',
      transport: 'local',
      dedupe_key: null,
    });
    expect(mails[0].text).toMatch(/^Xin chào Nguyễn Văn Học,/);
    expect(mails[0].text).toMatch(/http:\/\/localhost:3000\/reset-password\?token=[A-Za-z0-9_-]{43}\b/);
    expect(await outbox(unknown)).toHaveLength(0);
  });

  it('stores only the SHA-256 of the token, valid for 30 minutes', async () => {
    const l = await signedUpLearner(t.http);
    const token = await resetToken(l.email);
    const rows = await db.query(
      `SELECT token_hash, round(extract(epoch FROM expires_at - created_at) / 60)::int AS minutes FROM password_reset_tokens WHERE user_id = $1`,
      [l.id],
    );
    expect(rows).toHaveLength(1);
    expect(Buffer.from(rows[0].token_hash).equals(createHash('sha256').update(token).digest())).toBe(true);
    expect(rows[0].minutes).toBe(30);
  });

  it('sets the new password once: signs out everywhere, clears the lockout, audits it; the link then refuses', async () => {
    const l = await signedUpLearner(t.http);
    // Lock the account first.
    const attacker = await browser(t.http);
    for (let i = 0; i < 5; i++)
      await attacker
        .post('/api/auth/sign-in')
        .send({ identifier: l.email, password: `wrong-${i}-password` })
        .expect(401);
    await attacker.post('/api/auth/sign-in').send({ identifier: l.email, password: PASSWORD }).expect(429);

    const token = await resetToken(l.email);
    await confirm(token, 204);
    await l.agent.get('/api/auth/me').expect(401); // the old browser was signed out

    const b = await browser(t.http);
    await b.post('/api/auth/sign-in').send({ identifier: l.email, password: PASSWORD }).expect(401);
    await b.post('/api/auth/sign-in').send({ identifier: l.email, password: NEW_PASSWORD }).expect(200);
    const audits = await db.query(
      `SELECT actor_user_id, after FROM audit_log WHERE action = 'password.reset' AND subject_id = $1`,
      [l.id],
    );
    expect(audits).toEqual([{ actor_user_id: l.id, after: { signedOut: 1 } }]);

    const again = await confirm(token, 400, 'yet-another-password-1');
    expectErrorShape(again.body, 400, 'RESET_TOKEN_INVALID');
  });

  it('refuses an expired link with 400 RESET_TOKEN_INVALID', async () => {
    const l = await signedUpLearner(t.http);
    const token = await resetToken(l.email);
    await db.query(
      `UPDATE password_reset_tokens SET expires_at = now() - interval '1 minute' WHERE user_id = $1`,
      [l.id],
    );
    expectErrorShape((await confirm(token, 400)).body, 400, 'RESET_TOKEN_INVALID');
    await (
      await browser(t.http)
    )
      .post('/api/auth/sign-in')
      .send({ identifier: l.email, password: PASSWORD })
      .expect(200);
  });

  it('refuses a made-up token, and a weak password without spending the link', async () => {
    expectErrorShape((await confirm('x'.repeat(43), 400)).body, 400, 'RESET_TOKEN_INVALID');
    const l = await signedUpLearner(t.http);
    const token = await resetToken(l.email);
    expectErrorShape((await confirm(token, 400, 'aaaaaaaaaa')).body, 400, 'WEAK_PASSWORD');
    await confirm(token, 204);
  });

  it('checks and hashes the new password before locking the link: a weak one is refused even while the link is locked', async () => {
    const l = await signedUpLearner(t.http);
    const token = await resetToken(l.email);
    const holder = new Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    try {
      // Another confirmation of the same link is in its transaction right now.
      await holder.query('BEGIN');
      await holder.query(`SELECT 1 FROM password_reset_tokens WHERE user_id = $1 FOR UPDATE`, [l.id]);
      expectErrorShape((await confirm(token, 400, 'aaaaaaaaaa')).body, 400, 'WEAK_PASSWORD');
      await holder.query('ROLLBACK');
      await confirm(token, 204);
      expectErrorShape((await confirm(token, 400)).body, 400, 'RESET_TOKEN_INVALID');
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
    }
  });

  it('only the newest link works', async () => {
    const l = await signedUpLearner(t.http);
    const older = await resetToken(l.email);
    const newer = await resetToken(l.email);
    expectErrorShape((await confirm(older, 400)).body, 400, 'RESET_TOKEN_INVALID');
    await confirm(newer, 204);
  });

  it('sends at most five links an hour to one account, still answering 202', async () => {
    const l = await signedUpLearner(t.http);
    for (let i = 0; i < 7; i++) await requestReset(l.email);
    expect(await outbox(l.email)).toHaveLength(5);
  });

  it('the system administrator reads the e-mail in the local outbox', async () => {
    const l = await signedUpLearner(t.http);
    await requestReset(l.email);
    const admin = await signedInDemo(t.http);
    const res = await admin.agent.get('/api/admin/mail-outbox').expect(200);
    expect(
      res.body.items.some(
        (m: { toAddress: string; subject: string }) =>
          m.toAddress === l.email && m.subject === 'Đặt lại mật khẩu Học vụ số',
      ),
    ).toBe(true);
  });
});

describe('password reset rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ AUTH_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => t.close());

  it('is throttled like sign-in: 429 RATE_LIMITED after the per-minute limit', async () => {
    const b = await browser(t.http);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await b.post('/api/auth/password-reset').send({ identifier: uniqueEmail() })).status);
    expect(statuses).toEqual([202, 202, 202, 429, 429]);
  });
});
