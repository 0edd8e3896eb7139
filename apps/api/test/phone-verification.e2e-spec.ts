import { randomInt } from 'node:crypto';
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  browser,
  type Browser,
  expectErrorShape,
  PASSWORD,
  startTestApp,
  type TestApp,
  uniqueEmail,
} from './support/test-app';

/**
 * Phone-first accounts (docs/sms.md): sign-up with a phone number queues a six-digit code by SMS; the person
 * confirms it; a forgotten password is reset with a code by SMS; every SMS counts against daily caps per
 * person, per number and for the platform, enforced in SQL. The SMS are read from sms_outbox, where the api
 * writes them (phone-code-smpp.integration-spec.ts sends them through a real SMPP server).
 */

const NEW_PASSWORD = 'mot-mat-khau-moi-2027';
/** A national number (0 + 9 digits) no other test uses, and its E.164 form. */
const newPhone = () => {
  const national = `09${String(randomInt(10_000_000, 99_999_999))}`;
  return { national, e164: `+84${national.slice(1)}` };
};

describe('phone sign-up confirmed by a code sent by SMS, and password reset by SMS', () => {
  let t: TestApp;
  let db: DataSource;
  beforeAll(async () => {
    t = await startTestApp({ SMS_DAILY_PER_PERSON: '5', SMS_DAILY_PER_PHONE: '5' });
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  const smsTo = (
    e164: string,
  ): Promise<Array<{ text: string; dedupe_key: string; user_id: string | null }>> =>
    db.query(
      `SELECT text, dedupe_key, user_id FROM sms_outbox WHERE to_number = $1 ORDER BY created_at, id`,
      [e164],
    );
  /** The code of the newest SMS to the number, as the person reads it on their phone. */
  const latestCode = async (e164: string): Promise<string> => {
    const texts = await smsTo(e164);
    const code = /\b(\d{6})\b/.exec(texts[texts.length - 1]?.text ?? '')?.[1];
    if (!code) throw new Error(`no code was sent to ${e164}`);
    return code;
  };
  const wrongCodeFor = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
  /** Makes the newest codes of a person look older, as if the resend wait had passed. */
  const ageCodes = (userId: string) =>
    db.query(`UPDATE phone_codes SET created_at = created_at - interval '2 minutes' WHERE user_id = $1`, [
      userId,
    ]);
  const signUpPhone = async (national: string, b?: Browser) => {
    const client = b ?? (await browser(t.http));
    const res = await client
      .post('/api/auth/sign-up')
      .send({ displayName: 'Lò Văn Mười', identifier: national, password: PASSWORD });
    return { client, res };
  };
  const confirm = (b: Browser, code: string) => b.post('/api/auth/phone-verification/confirm').send({ code });
  /** Each from a fresh browser; resolves to the response (with `status`, checked when given). */
  const requestReset = async (identifier: string, status?: number) => {
    const res = await (await browser(t.http)).post('/api/auth/password-reset').send({ identifier });
    if (status !== undefined) expect(res.status).toBe(status);
    return res;
  };
  const exchange = async (phone: string, code: string, status?: number) => {
    const res = await (await browser(t.http)).post('/api/auth/password-reset/code').send({ phone, code });
    if (status !== undefined) expect(res.status).toBe(status);
    return res;
  };

  it('signs up unconfirmed, queues one Vietnamese SMS with a six-digit code (stored only as a keyed hash), and confirms with it once', async () => {
    const { national, e164 } = newPhone();
    const { client, res } = await signUpPhone(national);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ phone: e164, phoneVerified: false, email: null });

    const sms = await smsTo(e164);
    expect(sms).toHaveLength(1);
    expect(sms[0]!.user_id).toBe(res.body.id);
    expect(sms[0]!.text).toMatch(/^Mã Học vụ số của bạn: \d{6}\. Dùng trong 10 phút, không đưa ai\.$/);
    expect(sms[0]!.text.length).toBeLessThanOrEqual(70); // one UCS-2 SMS
    const code = await latestCode(e164);
    const stored: Array<{ code_hash: Buffer; purpose: string }> = await db.query(
      `SELECT code_hash, purpose FROM phone_codes WHERE user_id = $1`,
      [res.body.id],
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]!.purpose).toBe('verify');
    expect(stored[0]!.code_hash).toHaveLength(32);
    expect(stored[0]!.code_hash.toString('hex')).not.toContain(Buffer.from(code).toString('hex'));

    // A wrong code: 400 in the documented shape, nothing confirmed.
    const wrong = await confirm(client, wrongCodeFor(code)).expect(400);
    expectErrorShape(wrong.body, 400, 'PHONE_CODE_INVALID');
    expect((await client.agent.get('/api/auth/me').expect(200)).body.phoneVerified).toBe(false);

    const ok = await confirm(client, code).expect(200);
    expect(ok.body).toMatchObject({ id: res.body.id, phone: e164, phoneVerified: true });
    expect((await client.agent.get('/api/auth/me').expect(200)).body.phoneVerified).toBe(true);
    // Replayed: the number is confirmed already, the code spent.
    expectErrorShape((await confirm(client, code).expect(409)).body, 409, 'PHONE_ALREADY_VERIFIED');
    const audit: Array<{ n: number }> = await db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'phone.verified' AND subject_id = $1`,
      [res.body.id],
    );
    expect(audit[0]!.n).toBe(1);
  });

  it('an e-mail sign-up sends no SMS and has nothing to confirm; signed out, confirming is 401', async () => {
    const b = await browser(t.http);
    const res = await b
      .post('/api/auth/sign-up')
      .send({ displayName: 'Trần Thị Thu', identifier: uniqueEmail('mail'), password: PASSWORD })
      .expect(201);
    expect(res.body).toMatchObject({ phone: null, phoneVerified: false });
    expectErrorShape(
      (await b.post('/api/auth/phone-verification').send({}).expect(400)).body,
      400,
      'NO_PHONE',
    );
    const stranger = await browser(t.http);
    expectErrorShape((await confirm(stranger, '123456').expect(401)).body, 401);
  });

  it('refuses an expired code, and a code after five wrong tries, even when it is right', async () => {
    const expired = newPhone();
    const a = await signUpPhone(expired.national);
    const codeA = await latestCode(expired.e164);
    await db.query(`UPDATE phone_codes SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [
      a.res.body.id,
    ]);
    expectErrorShape((await confirm(a.client, codeA).expect(400)).body, 400, 'PHONE_CODE_INVALID');

    const guessed = newPhone();
    const b = await signUpPhone(guessed.national);
    const codeB = await latestCode(guessed.e164);
    for (let i = 0; i < 5; i++) await confirm(b.client, wrongCodeFor(codeB)).expect(400);
    expectErrorShape((await confirm(b.client, codeB).expect(400)).body, 400, 'PHONE_CODE_INVALID');
    expect((await b.client.agent.get('/api/auth/me').expect(200)).body.phoneVerified).toBe(false);
  });

  it('a new code waits a minute (429 with Retry-After), replaces the old one, and counts against the daily cap', async () => {
    const { national, e164 } = newPhone();
    const { client, res } = await signUpPhone(national);
    const first = await latestCode(e164);
    const soon = await client.post('/api/auth/phone-verification').send({}).expect(429);
    expectErrorShape(soon.body, 429, 'SMS_RESEND_TOO_SOON');
    expect(Number(soon.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(soon.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(await smsTo(e164)).toHaveLength(1);

    await ageCodes(res.body.id);
    const sent = await client.post('/api/auth/phone-verification').send({}).expect(202);
    expect(sent.body).toEqual({ sent: true, resendAfterSeconds: 60, expiresInSeconds: 600 });
    const second = await latestCode(e164);
    expect(await smsTo(e164)).toHaveLength(2);
    if (second !== first) await confirm(client, first).expect(400); // the old code stopped working
    await confirm(client, second).expect(200);

    // The day's budget of this person and number is five SMS: two used; three more, then 429 and nothing queued.
    const other = newPhone();
    const o = await signUpPhone(other.national);
    for (let i = 0; i < 4; i++) {
      await ageCodes(o.res.body.id);
      await o.client.post('/api/auth/phone-verification').send({}).expect(202);
    }
    expect(await smsTo(other.e164)).toHaveLength(5);
    await ageCodes(o.res.body.id);
    const capped = await o.client.post('/api/auth/phone-verification').send({}).expect(429);
    expectErrorShape(capped.body, 429, 'SMS_DAILY_LIMIT');
    const retry = Number(capped.headers['retry-after']);
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(86_400);
    expect(capped.body.details).toEqual({ retryAfterSeconds: retry });
    expect(await smsTo(other.e164)).toHaveLength(5);
    // The last code sent still works: a refused request changed nothing.
    await confirm(o.client, await latestCode(other.e164)).expect(200);
  });

  it('50 parallel confirmations with the right code: exactly one confirms', async () => {
    const { national, e164 } = newPhone();
    const { client, res } = await signUpPhone(national);
    const code = await latestCode(e164);
    const answers = await Promise.all(Array.from({ length: 50 }, () => confirm(client, code)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 200 && s !== 409)).toEqual([]);
    const audit: Array<{ n: number }> = await db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'phone.verified' AND subject_id = $1`,
      [res.body.id],
    );
    expect(audit[0]!.n).toBe(1);
  });

  it('50 parallel reset requests for one number against its cap of 5: exactly 5 accepted, the rest 429, whether or not it has an account', async () => {
    for (const known of [false, true]) {
      const { national, e164 } = newPhone();
      let userId: string | undefined;
      if (known) {
        const { res } = await signUpPhone(national);
        userId = res.body.id as string;
        // The sign-up's SMS took one of the five; the resend wait would silence the rest: take it away.
        await db.query(`UPDATE sms_daily_counts SET count = 0 WHERE scope IN ($1, $2)`, [
          `phone:${e164}`,
          `user:${userId}`,
        ]);
      }
      const answers = await Promise.all(Array.from({ length: 50 }, () => requestReset(national)));
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 202)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(45);
      for (const r of answers.filter((a) => a.status === 429))
        expectErrorShape(r.body, 429, 'SMS_DAILY_LIMIT');
      const counted: Array<{ count: number }> = await db.query(
        `SELECT count FROM sms_daily_counts WHERE scope = $1 AND day = (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`,
        [`phone:${e164}`],
      );
      expect(counted[0]!.count).toBe(5);
      // A known number got at most one reset code (the resend wait), an unknown one none.
      const resetSms = (await smsTo(e164)).filter((s) => s.text.includes('đặt lại mật khẩu'));
      expect(resetSms).toHaveLength(known ? 1 : 0);
    }
  });

  it('50 parallel phone sign-ups against the platform’s daily cap: exactly the remaining budget gets accounts, the rest 429 with nothing created', async () => {
    const [{ count }] = (await db.query(
      `SELECT coalesce((SELECT count FROM sms_daily_counts WHERE scope = 'global'
                         AND day = (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date), 0) AS count`,
    )) as [{ count: number }];
    const capped = await startTestApp({ SMS_DAILY_GLOBAL: String(count + 5) });
    try {
      const phones = Array.from({ length: 50 }, newPhone);
      const answers = await Promise.all(
        phones.map(async (p) =>
          (await browser(capped.http))
            .post('/api/auth/sign-up')
            .send({ displayName: 'Giàng A Sử', identifier: p.national, password: PASSWORD }),
        ),
      );
      const created = answers.filter((r) => r.status === 201);
      expect(created).toHaveLength(5);
      const refused = answers.filter((r) => r.status === 429);
      expect(refused).toHaveLength(45);
      for (const r of refused) expectErrorShape(r.body, 429, 'SMS_DAILY_LIMIT');
      const users: Array<{ n: number }> = await db.query(
        `SELECT count(*)::int AS n FROM users WHERE phone = ANY ($1::text[])`,
        [phones.map((p) => p.e164)],
      );
      expect(users[0]!.n).toBe(5);
      const texts: Array<{ n: number }> = await db.query(
        `SELECT count(*)::int AS n FROM sms_outbox WHERE to_number = ANY ($1::text[])`,
        [phones.map((p) => p.e164)],
      );
      expect(texts[0]!.n).toBe(5);
    } finally {
      await capped.close();
    }
    // Fifty argon2 hashes on a small machine: slow, not stuck.
  }, 300_000);

  it('answers alike for a known and an unknown number: the request, and the code exchange', async () => {
    const known = newPhone();
    await signUpPhone(known.national);
    const unknown = newPhone();
    const [a, b] = [await requestReset(known.national), await requestReset(unknown.national)];
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(a.body).toEqual(b.body);

    const code = await latestCode(known.e164);
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    const wrong = await exchange(known.national, wrongCodeFor(code), 400);
    const nobody = await exchange(unknown.national, code, 400);
    const notAPhone = await exchange('0000 000 000', code, 400);
    expectErrorShape(wrong.body, 400, 'RESET_CODE_INVALID');
    expect(strip(nobody.body)).toEqual(strip(wrong.body));
    expect(strip(notAPhone.body)).toEqual(strip(wrong.body));
  });

  it('resets a phone account’s password by SMS end to end: code → token → new password, every browser signed out, the code and token work once', async () => {
    const { national, e164 } = newPhone();
    const { client, res } = await signUpPhone(national);
    await requestReset(national, 202);
    const sms = await smsTo(e164);
    expect(sms[sms.length - 1]!.text).toMatch(/^Mã đặt lại mật khẩu Học vụ số: \d{6}\./);
    const code = await latestCode(e164);

    const got = await exchange(` ${e164} `, code, 200);
    expect(got.body).toEqual({ token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expectErrorShape((await exchange(national, code)).body, 400, 'RESET_CODE_INVALID'); // once
    const fresh = await browser(t.http);
    await fresh
      .post('/api/auth/password-reset/confirm')
      .send({ token: got.body.token, password: NEW_PASSWORD })
      .expect(204);
    const again = await (
      await browser(t.http)
    )
      .post('/api/auth/password-reset/confirm')
      .send({ token: got.body.token, password: NEW_PASSWORD })
      .expect(400);
    expectErrorShape(again.body, 400, 'RESET_TOKEN_INVALID');

    await client.agent.get('/api/auth/me').expect(401); // signed out everywhere
    await (
      await browser(t.http)
    )
      .post('/api/auth/sign-in')
      .send({ identifier: national, password: PASSWORD })
      .expect(401);
    const back = await (
      await browser(t.http)
    )
      .post('/api/auth/sign-in')
      .send({ identifier: national, password: NEW_PASSWORD })
      .expect(200);
    // Receiving the code proved the number.
    expect(back.body).toMatchObject({ id: res.body.id, phoneVerified: true });
  });

  it('50 parallel exchanges of the right reset code: exactly one token', async () => {
    const { national, e164 } = newPhone();
    await signUpPhone(national);
    await requestReset(national, 202);
    const code = await latestCode(e164);
    const answers = await Promise.all(Array.from({ length: 50 }, () => exchange(national, code)));
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    expect(answers.filter((r) => r.status !== 200).every((r) => r.body.code === 'RESET_CODE_INVALID')).toBe(
      true,
    );
  });

  it('refuses forged bodies at the edge: not six digits, NUL, zero-width, extra fields, a huge phone', async () => {
    const b = await browser(t.http);
    await signUpPhone(newPhone().national, b);
    // Refused by the contract (VALIDATION_FAILED) or, for a NUL, by the api's text guard (INVALID_TEXT).
    const refused = (body: { code?: string }) => {
      expectErrorShape(body, 400);
      expect(['VALIDATION_FAILED', 'INVALID_TEXT']).toContain(body.code);
    };
    for (const code of ['12345', '1234567', '12a456', '123\u0000456', '123\u200b456', ''])
      refused((await confirm(b, code).expect(400)).body);
    await b.post('/api/auth/phone-verification/confirm').send({ code: '123456', userId: 'x' }).expect(400);
    await b.post('/api/auth/phone-verification').send({ phone: '+84912345678' }).expect(400);
    for (const phone of ['0912\u200b345678', '0912\u0000345678', '0'.repeat(10_000)])
      refused((await exchange(phone, '123456', 400)).body);
  });
});
