import request from 'supertest';
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  browser,
  type Browser,
  expectErrorShape,
  PASSWORD,
  signedUpLearner,
  startTestApp,
  type TestApp,
  uniqueEmail,
} from './support/test-app';

describe('sign-up, sign-in and sessions', () => {
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

  it('signs up with an e-mail, sets an httpOnly session cookie, and knows the caller', async () => {
    const b = await browser(t.http);
    const email = uniqueEmail();
    const res = await b
      .post('/api/auth/sign-up')
      .send({ displayName: '  Trần Thị Ánh  ', identifier: email.toUpperCase(), password: PASSWORD })
      .expect(201);
    expect(res.body).toMatchObject({
      displayName: 'Trần Thị Ánh',
      email,
      phone: null,
      roles: ['learner'],
      language: 'vi',
    });
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith('hvs_session='),
    );
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await b.agent.get('/api/auth/me').expect(200);
    expect(me.body.email).toBe(email);
  });

  it('stores the password as an argon2id hash, never in clear', async () => {
    const l = await signedUpLearner(t.http);
    const [row] = await db.query(`SELECT password_hash FROM users WHERE id = $1`, [l.id]);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(PASSWORD);
  });

  it('signs up with a Vietnamese phone number and signs in with another spelling of it', async () => {
    const digits = String(Math.floor(10_000_000 + Math.random() * 89_999_999));
    const b = await browser(t.http);
    const res = await b
      .post('/api/auth/sign-up')
      .send({ displayName: 'Bà Năm', identifier: `09${digits}`, password: PASSWORD })
      .expect(201);
    expect(res.body.phone).toBe(`+849${digits}`);
    const again = await browser(t.http);
    await again
      .post('/api/auth/sign-in')
      .send({ identifier: `+84 9${digits}`, password: PASSWORD })
      .expect(200);
  });

  it('refuses a second account for the same e-mail with 409 ACCOUNT_EXISTS', async () => {
    const l = await signedUpLearner(t.http);
    const b = await browser(t.http);
    const res = await b
      .post('/api/auth/sign-up')
      .send({ displayName: 'X', identifier: l.email, password: PASSWORD })
      .expect(409);
    expectErrorShape(res.body, 409, 'ACCOUNT_EXISTS');
  });

  it('refuses weak passwords and bad identifiers with stable codes', async () => {
    const b = await browser(t.http);
    const weak = await b
      .post('/api/auth/sign-up')
      .send({ displayName: 'X', identifier: uniqueEmail(), password: 'aaaaaaaaaa' })
      .expect(400);
    expectErrorShape(weak.body, 400, 'WEAK_PASSWORD');
    const phone = await b
      .post('/api/auth/sign-up')
      .send({ displayName: 'X', identifier: '12345', password: PASSWORD })
      .expect(400);
    expectErrorShape(phone.body, 400, 'INVALID_PHONE');
  });

  it('answers a wrong password and an unknown account the same way', async () => {
    const l = await signedUpLearner(t.http);
    const b = await browser(t.http);
    const wrong = await b
      .post('/api/auth/sign-in')
      .send({ identifier: l.email, password: 'wrong-password-1' })
      .expect(401);
    const unknown = await b
      .post('/api/auth/sign-in')
      .send({ identifier: uniqueEmail(), password: 'wrong-password-1' })
      .expect(401);
    expectErrorShape(wrong.body, 401, 'INVALID_CREDENTIALS');
    expect(unknown.body.message).toBe(wrong.body.message);
  });

  it('locks the account for a while after five wrong passwords, even for the right one', async () => {
    const l = await signedUpLearner(t.http);
    const b = await browser(t.http);
    for (let i = 0; i < 5; i++)
      await b
        .post('/api/auth/sign-in')
        .send({ identifier: l.email, password: `wrong-${i}-password` })
        .expect(401);
    const locked = await b
      .post('/api/auth/sign-in')
      .send({ identifier: l.email, password: PASSWORD })
      .expect(429);
    expectErrorShape(locked.body, 429, 'ACCOUNT_LOCKED');
    expect(locked.body.details.retryAfterSeconds).toBeGreaterThan(800);
  });

  it('signs out: the session is revoked server-side, so the old cookie no longer works', async () => {
    const l = await signedUpLearner(t.http);
    await request(t.http).get('/api/auth/me').set('cookie', l.sessionCookie).expect(200);
    await l.post('/api/auth/sign-out').expect(204);
    await l.agent.get('/api/auth/me').expect(401);
    // Replaying the old cookie by hand does not bring the session back.
    await request(t.http).get('/api/auth/me').set('cookie', l.sessionCookie).expect(401);
  });

  it('rejects a forged or unsigned session cookie', async () => {
    await request(t.http).get('/api/auth/me').set('cookie', 'hvs_session=forged-token').expect(401);
  });

  it('requires the CSRF token on state-changing calls, sign-in included', async () => {
    const noToken = await request(t.http)
      .post('/api/auth/sign-in')
      .send({ identifier: uniqueEmail(), password: PASSWORD })
      .expect(403);
    expectErrorShape(noToken.body, 403, 'CSRF_INVALID');
    const b = await browser(t.http);
    const wrong = await b.agent
      .post('/api/auth/sign-in')
      .set('x-csrf-token', 'not-the-token')
      .send({ identifier: uniqueEmail(), password: PASSWORD })
      .expect(403);
    expectErrorShape(wrong.body, 403, 'CSRF_INVALID');
  });
});

describe('rate limiting on auth routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ AUTH_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => t.close());

  it('answers 429 RATE_LIMITED with retry-after once the per-minute limit is used up', async () => {
    const b = await browser(t.http);
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 5; i++) {
      last = await b.post('/api/auth/sign-in').send({ identifier: uniqueEmail(), password: PASSWORD });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    expectErrorShape(last!.body, 429, 'RATE_LIMITED');
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
  });
});

/**
 * Issue 16 §9: ten sign-ups a minute per address blocked a commune training room behind one Wi-Fi. The limit is per
 * device (address and browser); a looser cap per address still stops a client that sheds its cookies.
 */
describe('a training room behind one address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ AUTH_RATE_LIMIT_PER_MINUTE: '3', AUTH_ADDRESS_RATE_LIMIT_PER_MINUTE: '12' });
  });
  afterAll(() => t.close());

  const attempt = (b: Browser) =>
    b.post('/api/auth/sign-in').send({ identifier: uniqueEmail(), password: PASSWORD });

  it('gives each phone its own budget, and caps the address for all of them together', async () => {
    const phones = await Promise.all([1, 2, 3, 4].map(() => browser(t.http)));
    const statuses: number[][] = [];
    for (const phone of phones) {
      const mine: number[] = [];
      for (let i = 0; i < 3; i++) mine.push((await attempt(phone)).status);
      statuses.push(mine);
    }
    // Twelve tries from four phones on one address: nobody is refused.
    expect(statuses).toEqual([1, 2, 3, 4].map(() => [401, 401, 401]));
    // A phone past its own three is refused…
    const fourth = await attempt(phones[0]!);
    expect(fourth.status).toBe(429);
    expectErrorShape(fourth.body, 429, 'RATE_LIMITED');
    // …and so is a fresh phone (or a client that dropped its cookies): the address has used its twelve.
    const fresh = await attempt(await browser(t.http));
    expect(fresh.status).toBe(429);
    expectErrorShape(fresh.body, 429, 'RATE_LIMITED');
    expect(Number(fresh.headers['retry-after-address'] ?? fresh.headers['retry-after'])).toBeGreaterThan(0);
  });
});

/**
 * Issue 11 §4: the sign-in throttle was keyed on X-Forwarded-For (trustProxy: true): 14 sign-ins with different
 * header values were never throttled. Proxies are trusted only as TRUST_PROXY says (none by default), and
 * failures are also counted per account identifier, whatever the address.
 */
describe('throttling that a client cannot dodge', () => {
  const burst = async (
    t: TestApp,
    n: number,
    body: (i: number) => object,
    forwardedFor: (i: number) => string,
  ) => {
    const b = await browser(t.http);
    const out: request.Response[] = [];
    for (let i = 0; i < n; i++)
      out.push(await b.post('/api/auth/sign-in').set('x-forwarded-for', forwardedFor(i)).send(body(i)));
    return out;
  };
  const spoofed = (i: number) => `203.0.113.${i + 1}`;

  it('ignores X-Forwarded-For by default: 14 sign-ins with 14 different values are throttled after 10', async () => {
    const t = await startTestApp({ AUTH_RATE_LIMIT_PER_MINUTE: '10' });
    try {
      const res = await burst(t, 14, () => ({ identifier: uniqueEmail(), password: PASSWORD }), spoofed);
      expect(res.map((r) => r.status)).toEqual([...Array(10).fill(401), 429, 429, 429, 429]);
      expectErrorShape(res[13]!.body, 429, 'RATE_LIMITED');
    } finally {
      await t.close();
    }
  });

  it('counts failures per identifier whatever the address: the 11th within 15 minutes is 429 with Retry-After', async () => {
    // Behind one trusted proxy each request really comes from another address, so only the identifier counts.
    const t = await startTestApp({ AUTH_RATE_LIMIT_PER_MINUTE: '10', TRUST_PROXY: '1' });
    try {
      const target = uniqueEmail('target');
      const res = await burst(
        t,
        12,
        () => ({ identifier: `  ${target.toUpperCase()} `, password: 'wrong-password-1' }),
        spoofed,
      );
      expect(res.map((r) => r.status)).toEqual([...Array(10).fill(401), 429, 429]);
      expectErrorShape(res[10]!.body, 429, 'RATE_LIMITED');
      const retryAfter = Number(res[10]!.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      // Another identifier from the same addresses is not affected.
      const other = await burst(
        t,
        1,
        () => ({ identifier: uniqueEmail(), password: 'x-wrong-password' }),
        (i) => `198.51.100.${i + 1}`,
      );
      expect(other[0]!.status).toBe(401);
    } finally {
      await t.close();
    }
  });

  it('a locked account answers 429 with Retry-After too, even to the right password', async () => {
    const t = await startTestApp({ AUTH_RATE_LIMIT_PER_MINUTE: '1000', TRUST_PROXY: '1' });
    try {
      const l = await signedUpLearner(t.http);
      // Five wrong passwords lock the account for 15 minutes, from whatever address they come.
      const res = await burst(t, 6, () => ({ identifier: l.email, password: 'not-the-password' }), spoofed);
      expect(res.slice(0, 5).map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
      expect(res[5]!.status).toBe(429);
      expect(Number(res[5]!.headers['retry-after'])).toBeGreaterThan(0);
      const right = await burst(
        t,
        1,
        () => ({ identifier: l.email, password: PASSWORD }),
        () => '192.0.2.9',
      );
      expect(right[0]!.status).toBe(429);
    } finally {
      await t.close();
    }
  });
});
