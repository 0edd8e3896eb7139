import request from 'supertest';
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  browser,
  expectErrorShape,
  PASSWORD,
  signedUpLearner,
  startTestApp,
  type TestApp,
} from './support/test-app';

/** The `hvs_session=…` pair of a response's Set-Cookie, if it set one. */
const sessionCookieOf = (res: request.Response) =>
  ((res.headers['set-cookie'] as unknown as string[] | undefined) ?? [])
    .find((c) => c.startsWith('hvs_session='))
    ?.split(';')[0];

describe('session rotation with reuse detection', () => {
  let t: TestApp;
  let db: DataSource;
  beforeAll(async () => {
    // Rotate on every request, so the tests need no waiting.
    t = await startTestApp({ SESSION_ROTATE_MINUTES: '0' });
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  const sessionsOf = (userId: string) =>
    db.query(
      `SELECT id, family_id, rotated_at, replaced_by, revoked_at FROM sessions WHERE user_id = $1 ORDER BY created_at, id`,
      [userId],
    );
  const me = (cookie: string) => request(t.http).get('/api/auth/me').set('cookie', cookie);

  it('replaces the token on use with a new one of the same family, and the new one works', async () => {
    const l = await signedUpLearner(t.http);
    const first = await me(l.sessionCookie).expect(200);
    const t2 = sessionCookieOf(first)!;
    expect(t2).toBeDefined();
    expect(t2).not.toBe(l.sessionCookie);
    expect(
      (first.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('hvs_session=')),
    ).toMatch(/HttpOnly/i);
    const second = await me(t2).expect(200);
    const t3 = sessionCookieOf(second)!;
    expect(t3).not.toBe(t2);

    const rows = await sessionsOf(l.id);
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r: { family_id: string }) => r.family_id)).size).toBe(1);
    expect(rows[0].replaced_by).toBe(rows[1].id);
    expect(rows[1].replaced_by).toBe(rows[2].id);
    expect(rows[2]).toMatchObject({ rotated_at: null, replaced_by: null, revoked_at: null });
  });

  it('keeps a replaced token valid for a few seconds (requests already on their way)', async () => {
    const l = await signedUpLearner(t.http);
    const rotated = await me(l.sessionCookie).expect(200);
    expect(sessionCookieOf(rotated)).toBeDefined();
    // The same old token again, at once: accepted, and not rotated a second time.
    const concurrent = await me(l.sessionCookie).expect(200);
    expect(sessionCookieOf(concurrent)).toBeUndefined();
    expect(await sessionsOf(l.id)).toHaveLength(2);
  });

  it('a replaced token presented after its grace window revokes the whole family and answers 401 SESSION_REUSED', async () => {
    const l = await signedUpLearner(t.http);
    const other = await browser(t.http);
    await other.post('/api/auth/sign-in').send({ identifier: l.email, password: PASSWORD }).expect(200); // a second browser, its own family
    const t2 = sessionCookieOf(await me(l.sessionCookie).expect(200))!;
    const t3 = sessionCookieOf(await me(t2).expect(200))!;
    await db.query(
      `UPDATE sessions SET rotated_at = rotated_at - interval '1 minute' WHERE user_id = $1 AND rotated_at IS NOT NULL`,
      [l.id],
    );

    // The stolen first token comes back.
    const reused = await me(l.sessionCookie).expect(401);
    expectErrorShape(reused.body, 401, 'SESSION_REUSED');
    expect(
      (reused.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('hvs_session=')),
    ).toMatch(/hvs_session=;/);
    // The newest token of that family is dead too …
    expectErrorShape((await me(t3).expect(401)).body, 401, 'UNAUTHENTICATED');
    // … and the other browser's sign-in is untouched.
    await other.agent.get('/api/auth/me').expect(200);
    const [family] = await db.query(
      `SELECT family_id FROM sessions WHERE id = (SELECT id FROM sessions WHERE user_id = $1 ORDER BY created_at LIMIT 1)`,
      [l.id],
    );
    const rows = await db.query(`SELECT revoked_at FROM sessions WHERE family_id = $1`, [family.family_id]);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.every((r: { revoked_at: Date | null }) => r.revoked_at !== null)).toBe(true);
    const audits = await db.query(
      `SELECT after FROM audit_log WHERE action = 'session.reuse' AND subject_id = $1`,
      [l.id],
    );
    expect(audits).toHaveLength(1);
  });

  it('a public route with a reused token runs anonymously (and still revokes the family)', async () => {
    const l = await signedUpLearner(t.http);
    const t2 = sessionCookieOf(await me(l.sessionCookie).expect(200))!;
    await db.query(
      `UPDATE sessions SET rotated_at = rotated_at - interval '1 minute' WHERE user_id = $1 AND rotated_at IS NOT NULL`,
      [l.id],
    );
    await request(t.http).get('/api/courses').set('cookie', l.sessionCookie).expect(200);
    await me(t2).expect(401);
  });

  it('lists the live sessions, marks the current one, signs one out, and refuses someone else’s with 404', async () => {
    const l = await signedUpLearner(t.http);
    const second = await browser(t.http);
    await second.agent
      .post('/api/auth/sign-in')
      .set('x-csrf-token', second.csrf)
      .set('user-agent', 'Zalo-Android/1.0')
      .send({ identifier: l.email, password: PASSWORD })
      .expect(200);
    await second.agent.get('/api/auth/me').expect(200); // rotates: still one entry for that browser

    const list = await l.agent.get('/api/auth/sessions').expect(200);
    expect(list.headers['cache-control']).toBe('no-store');
    expect(list.body.items).toHaveLength(2);
    const current = list.body.items.find((s: { current: boolean }) => s.current);
    const theOther = list.body.items.find((s: { current: boolean }) => !s.current);
    expect(current).toBeDefined();
    expect(theOther).toMatchObject({
      userAgent: 'Zalo-Android/1.0',
      authMethod: 'password',
      createdAt: expect.any(String),
      lastSeenAt: expect.any(String),
    });
    expect(JSON.stringify(list.body)).not.toMatch(/token/i);

    const stranger = await signedUpLearner(t.http);
    expectErrorShape(
      (
        await stranger.agent
          .delete(`/api/auth/sessions/${theOther.id}`)
          .set('x-csrf-token', stranger.csrf)
          .expect(404)
      ).body,
      404,
      'SESSION_NOT_FOUND',
    );
    await stranger.agent
      .delete('/api/auth/sessions/not-a-uuid')
      .set('x-csrf-token', stranger.csrf)
      .expect(404);
    await second.agent.get('/api/auth/me').expect(200);

    await l.agent.delete(`/api/auth/sessions/${theOther.id}`).set('x-csrf-token', l.csrf).expect(204);
    await second.agent.get('/api/auth/me').expect(401);
    await l.agent.get('/api/auth/me').expect(200);
    expect((await l.agent.get('/api/auth/sessions').expect(200)).body.items).toHaveLength(1);
  });

  it('signs out everywhere: every browser of the account, this one included', async () => {
    const l = await signedUpLearner(t.http);
    const browsers = [await browser(t.http), await browser(t.http)];
    for (const b of browsers)
      await b.post('/api/auth/sign-in').send({ identifier: l.email, password: PASSWORD }).expect(200);
    const res = await l.post('/api/auth/sign-out-everywhere').send({}).expect(204);
    expect(sessionCookieOf(res)).toBe('hvs_session=');
    await l.agent.get('/api/auth/me').expect(401);
    for (const b of browsers) await b.agent.get('/api/auth/me').expect(401);
    await request(t.http).get('/api/auth/me').set('cookie', l.sessionCookie).expect(401);
  });

  it('signs out every other browser in one step, keeping this one, and says how many', async () => {
    const l = await signedUpLearner(t.http);
    const browsers = [await browser(t.http), await browser(t.http)];
    for (const b of browsers)
      await b.post('/api/auth/sign-in').send({ identifier: l.email, password: PASSWORD }).expect(200);
    const stranger = await signedUpLearner(t.http);
    const res = await l.post('/api/auth/sign-out-others').send({}).expect(200);
    expect(res.body).toEqual({ signedOut: 2 });
    expect(sessionCookieOf(res)).not.toBe('hvs_session='); // not cleared (it may be rotated)
    await l.agent.get('/api/auth/me').expect(200);
    for (const b of browsers) await b.agent.get('/api/auth/me').expect(401);
    await stranger.agent.get('/api/auth/me').expect(200);
    expect((await l.agent.get('/api/auth/sessions').expect(200)).body.items).toHaveLength(1);
    expect((await l.post('/api/auth/sign-out-others').send({}).expect(200)).body).toEqual({ signedOut: 0 });
    expectErrorShape(
      (await l.post('/api/auth/sign-out-others').send({ all: true }).expect(400)).body,
      400,
      'VALIDATION_FAILED',
    );
    await request(t.http).post('/api/auth/sign-out-others').send({}).expect(403);
  });

  it('signing out ends the whole family, so an old token of it cannot come back either', async () => {
    const l = await signedUpLearner(t.http);
    await l.agent.get('/api/auth/me').expect(200); // rotated; the sign-up token is in its grace window
    await l.post('/api/auth/sign-out').send({}).expect(204);
    await request(t.http).get('/api/auth/me').set('cookie', l.sessionCookie).expect(401);
  });
});

describe('session rotation interval', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(); // the default: 15 minutes
  });
  afterAll(() => t.close());

  it('does not rotate a token younger than the interval', async () => {
    const l = await signedUpLearner(t.http);
    const res = await request(t.http).get('/api/auth/me').set('cookie', l.sessionCookie).expect(200);
    expect(sessionCookieOf(res)).not.toBe('hvs_session='); // not cleared (it may be rotated)
  });
});
