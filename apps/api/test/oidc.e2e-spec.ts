import request from 'supertest';
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import { newAccount, startTestOp, type TestOp } from './support/test-op';
import {
  browser,
  expectErrorShape,
  PASSWORD,
  signedUpLearner,
  startTestApp,
  type TestApp,
  uniqueEmail,
} from './support/test-app';

const PUBLIC_URL = 'http://localhost:3000';
const OP = 'testop';

const cookieNamed = (res: request.Response, name: string) =>
  ((res.headers['set-cookie'] as unknown as string[] | undefined) ?? []).find((c) =>
    c.startsWith(`${name}=`),
  );

/**
 * Sign-in with a real OpenID Provider (oidc-provider, in-process) through real HTTP: authorization code with
 * PKCE, state, nonce, ID token validation by openid-client, account linking by subject.
 */
describe('OpenID Connect sign-in', () => {
  let op: TestOp;
  let t: TestApp;
  let db: DataSource;
  beforeAll(async () => {
    op = await startTestOp(PUBLIC_URL, OP);
    t = await startTestApp({
      PUBLIC_URL,
      OIDC_PROVIDERS: JSON.stringify([
        { id: OP, name: 'Test OP', issuer: op.issuer, clientId: op.clientId, verifiedAcrValues: ['level2'] },
      ]),
    });
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await t?.close();
    await op?.close();
    await db?.destroy();
  });

  const links = (subject: string) =>
    db.query(`SELECT * FROM oidc_identities WHERE provider = $1 AND subject = $2`, [OP, subject]);

  it('lists the configured providers for the sign-in buttons', async () => {
    const res = await request(t.http).get('/api/auth/oidc/providers').expect(200);
    expect(res.body.items).toEqual([{ id: OP, name: 'Test OP', startUrl: `/api/auth/oidc/${OP}/start` }]);
  });

  it('starts with a PKCE (S256) authorization request carrying state and nonce', async () => {
    const b = await browser(t.http);
    const res = await b.agent.get(`/api/auth/oidc/${OP}/start`).expect(302);
    const url = new URL(res.headers.location as string);
    expect(url.origin).toBe(op.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(url.searchParams.get('redirect_uri')).toBe(`${PUBLIC_URL}/api/auth/oidc/${OP}/callback`);
    expect(cookieNamed(res, 'hvs_oidc')).toMatch(/HttpOnly/i);
  });

  it('creates a linked account on the first sign-in, stores acr, amr and auth_time, and marks a level 2 identity verified', async () => {
    const account = newAccount({
      email: uniqueEmail('op'),
      email_verified: true,
      acr: 'level2',
      amr: ['face'],
    });
    const b = await browser(t.http);
    const { callbackPath } = await op.authorize(b, OP, account);
    const cb = await b.agent.get(callbackPath).expect(303);
    expect(cb.headers.location).toBe('/');
    expect(cookieNamed(cb, 'hvs_session')).toBeDefined();

    const me = (await b.agent.get('/api/auth/me').expect(200)).body;
    expect(me).toMatchObject({
      displayName: 'Phạm Thị Định Danh',
      email: account.email,
      identityVerified: true,
      identityAssurance: `${OP}:level2`,
    });
    expect(me.linkedProviders).toEqual([
      expect.objectContaining({
        provider: OP,
        name: 'Test OP',
        acr: 'level2',
        amr: ['face'],
        authTime: expect.any(String),
      }),
    ]);
    const [link] = await links(account.sub);
    expect(link).toMatchObject({ user_id: me.id, acr: 'level2', amr: ['face'] });
    expect(Math.abs(new Date(link.auth_time).getTime() - Date.now())).toBeLessThan(60_000);
    const [user] = await db.query(`SELECT password_hash, identity_verified FROM users WHERE id = $1`, [
      me.id,
    ]);
    expect(user).toEqual({ password_hash: null, identity_verified: true });
  });

  it('signs in to the same account the second time (the link, by subject), updating the assurance', async () => {
    const account = newAccount({ acr: 'level2' });
    const first = await browser(t.http);
    await first.agent.get((await op.authorize(first, OP, account)).callbackPath).expect(303);
    const firstMe = (await first.agent.get('/api/auth/me').expect(200)).body;

    const second = await browser(t.http);
    const again = { ...account, acr: 'level1', amr: ['pwd'] };
    await second.agent.get((await op.authorize(second, OP, again)).callbackPath).expect(303);
    const secondMe = (await second.agent.get('/api/auth/me').expect(200)).body;
    expect(secondMe.id).toBe(firstMe.id);
    expect(await links(account.sub)).toHaveLength(1);
    expect((await links(account.sub))[0]).toMatchObject({ acr: 'level1', amr: ['pwd'] });
    // The flag follows the provider's assurance: the latest sign-in was level 1.
    expect(secondMe).toMatchObject({ identityVerified: false, identityAssurance: null });
  });

  it('does not mark a level 1 identity verified', async () => {
    const b = await browser(t.http);
    await b.agent
      .get((await op.authorize(b, OP, newAccount({ acr: 'level1', amr: ['pwd'] }))).callbackPath)
      .expect(303);
    const me = (await b.agent.get('/api/auth/me').expect(200)).body;
    expect(me.identityVerified).toBe(false);
    expect(me.linkedProviders[0].acr).toBe('level1');
  });

  it('refuses a replayed callback URL with 400 OIDC_STATE_INVALID', async () => {
    const account = newAccount();
    const b = await browser(t.http);
    const { callbackPath, stateCookie } = await op.authorize(b, OP, account);
    await b.agent.get(callbackPath).expect(303);
    // The same URL again, from the same browser (its state cookie is gone) …
    const replay = await b.agent.get(callbackPath).expect(400);
    expectErrorShape(replay.body, 400, 'OIDC_STATE_INVALID');
    // … and with the state cookie put back by hand: the state was spent server side.
    const forged = await request(t.http).get(callbackPath).set('cookie', stateCookie).expect(400);
    expectErrorShape(forged.body, 400, 'OIDC_STATE_INVALID');
    expect(await links(account.sub)).toHaveLength(1);
  });

  it('refuses an ID token whose nonce is not the one this sign-in sent', async () => {
    const account = newAccount();
    const b = await browser(t.http);
    const { callbackPath, stateCookie } = await op.authorize(b, OP, account);
    const state = new URL(callbackPath, PUBLIC_URL).searchParams.get('state')!;
    // As if the ID token had been minted for another sign-in: the nonce kept server side no longer matches it.
    const [, changed] = await db.query(
      `UPDATE oidc_login_states SET nonce = 'a-different-nonce' WHERE state_hash = sha256($1::bytea)`,
      [Buffer.from(state)],
    );
    expect(changed).toBe(1);
    const res = await request(t.http).get(callbackPath).set('cookie', stateCookie).expect(400);
    expectErrorShape(res.body, 400, 'OIDC_SIGN_IN_FAILED');
    expect(await links(account.sub)).toHaveLength(0);
  });

  it('refuses a replayed authorization code even when its state is made valid again', async () => {
    const account = newAccount();
    const b = await browser(t.http);
    const { callbackPath, stateCookie } = await op.authorize(b, OP, account);
    await request(t.http).get(callbackPath).set('cookie', stateCookie).expect(303);
    // An attacker who saw the callback URL and could revive its state: the provider still refuses the spent code.
    const state = new URL(callbackPath, PUBLIC_URL).searchParams.get('state')!;
    const [, revived] = await db.query(
      `UPDATE oidc_login_states SET used_at = NULL WHERE state_hash = sha256($1::bytea)`,
      [Buffer.from(state)],
    );
    expect(revived).toBe(1);
    const replay = await request(t.http).get(callbackPath).set('cookie', stateCookie).expect(400);
    expectErrorShape(replay.body, 400, 'OIDC_SIGN_IN_FAILED');
    expect(await links(account.sub)).toHaveLength(1);
  });

  it('refuses a wrong state, and a callback in a browser that did not start the sign-in', async () => {
    const account = newAccount();
    const b = await browser(t.http);
    const { callbackPath } = await op.authorize(b, OP, account);
    const wrong = callbackPath.replace(/([?&]state=)[^&]+/, '$1not-the-state');
    expectErrorShape((await b.agent.get(wrong).expect(400)).body, 400, 'OIDC_STATE_INVALID');

    const other = await browser(t.http);
    const { callbackPath: path2 } = await op.authorize(other, OP, account);
    // A stranger's browser (no state cookie) cannot complete it: login CSRF.
    expectErrorShape((await request(t.http).get(path2).expect(400)).body, 400, 'OIDC_STATE_INVALID');
    expect(await links(account.sub)).toHaveLength(0);
  });

  it('answers 400 OIDC_SIGN_IN_FAILED when the person declines at the provider, and signs nobody in', async () => {
    const b = await browser(t.http);
    const { callbackPath } = await op.authorize(b, OP, newAccount({ deny: true }));
    expect(callbackPath).toContain('error=access_denied');
    const res = await b.agent.get(callbackPath).expect(400);
    expectErrorShape(res.body, 400, 'OIDC_SIGN_IN_FAILED');
    expect(cookieNamed(res, 'hvs_session')).toBeUndefined();
  });

  it('sends a person’s browser back to the sign-in page with the error code, instead of a JSON page', async () => {
    const b = await browser(t.http);
    const { callbackPath } = await op.authorize(b, OP, newAccount({ deny: true }));
    const declined = await b.agent
      .get(callbackPath)
      .set('accept', 'text/html,application/xhtml+xml')
      .expect(303);
    expect(declined.headers.location).toBe(`/sign-in?oidcError=OIDC_SIGN_IN_FAILED&provider=${OP}`);
    expect(cookieNamed(declined, 'hvs_session')).toBeUndefined();
    const unknown = await request(t.http)
      .get('/api/auth/oidc/nope/start')
      .set('accept', 'text/html')
      .expect(303);
    expect(unknown.headers.location).toBe('/sign-in?oidcError=OIDC_PROVIDER_NOT_FOUND&provider=nope');
  });

  it('sends a browser back to the sign-in page also when the rate limiter refuses, before the controller runs', async () => {
    const limited = await startTestApp({
      PUBLIC_URL,
      AUTH_RATE_LIMIT_PER_MINUTE: '2',
      OIDC_PROVIDERS: JSON.stringify([{ id: OP, name: 'Test OP', issuer: op.issuer, clientId: op.clientId }]),
    });
    try {
      for (let i = 0; i < 2; i++)
        await request(limited.http).get(`/api/auth/oidc/${OP}/start`).set('accept', 'text/html').expect(302);
      const refused = await request(limited.http)
        .get(`/api/auth/oidc/${OP}/start`)
        .set('accept', 'text/html')
        .expect(303);
      expect(refused.headers.location).toBe(`/sign-in?oidcError=RATE_LIMITED&provider=${OP}`);
      expect(refused.headers['cache-control']).toBe('no-store');
      // An api client keeps the JSON error.
      expectErrorShape(
        (await request(limited.http).get(`/api/auth/oidc/${OP}/start`).expect(429)).body,
        429,
        'RATE_LIMITED',
      );
    } finally {
      await limited.close();
    }
  });

  it('answers 404 for an unknown provider', async () => {
    const res = await request(t.http).get('/api/auth/oidc/nope/start').expect(404);
    expectErrorShape(res.body, 404, 'OIDC_PROVIDER_NOT_FOUND');
  });

  it('does not link to an existing account by e-mail until its owner proves the password, then links', async () => {
    const owner = await signedUpLearner(t.http, 'Chủ Tài Khoản');
    const account = newAccount({ email: owner.email, email_verified: true, acr: 'level2' });

    const b = await browser(t.http);
    const cb = await b.agent
      .get((await op.authorize(b, OP, account, '/courses/online-scams')).callbackPath)
      .expect(303);
    const location = new URL(cb.headers.location as string, PUBLIC_URL);
    expect(location.pathname).toBe('/sign-in');
    // Where the person was going rides along, for after the confirmation.
    expect(location.searchParams.get('next')).toBe('/courses/online-scams');
    const pendingLinkId = location.searchParams.get('oidcLink')!;
    expect(pendingLinkId).toMatch(/^[0-9a-f-]{36}$/);
    expect(cookieNamed(cb, 'hvs_session')).toBeUndefined();
    expect(await links(account.sub)).toHaveLength(0);
    await b.agent.get('/api/auth/me').expect(401);

    // Not signed in: refused. Signed in as someone else: the pending link is not theirs.
    await b.post('/api/auth/oidc/link').send({ pendingLinkId }).expect(401);
    const stranger = await signedUpLearner(t.http);
    await b.post('/api/auth/sign-in').send({ identifier: stranger.email, password: PASSWORD }).expect(200);
    expectErrorShape(
      (await b.post('/api/auth/oidc/link').send({ pendingLinkId }).expect(404)).body,
      404,
      'OIDC_LINK_NOT_FOUND',
    );
    // Another browser of the owner (without the provider's round trip) cannot confirm it either.
    await owner.post('/api/auth/sign-in').send({ identifier: owner.email, password: PASSWORD }).expect(200);
    expectErrorShape(
      (await owner.post('/api/auth/oidc/link').send({ pendingLinkId }).expect(404)).body,
      404,
      'OIDC_LINK_NOT_FOUND',
    );
    expect(await links(account.sub)).toHaveLength(0);

    // The owner signs in with the password in the browser that came back from the provider, and confirms.
    await b.post('/api/auth/sign-in').send({ identifier: owner.email, password: PASSWORD }).expect(200);
    const linked = await b.post('/api/auth/oidc/link').send({ pendingLinkId }).expect(200);
    expect(linked.body).toMatchObject({
      id: owner.id,
      identityVerified: true,
      linkedProviders: [expect.objectContaining({ provider: OP, acr: 'level2' })],
    });
    expect((await links(account.sub))[0].user_id).toBe(owner.id);
    // Single use.
    await b.post('/api/auth/oidc/link').send({ pendingLinkId }).expect(404);

    // From now on the provider signs the owner in.
    const later = await browser(t.http);
    await later.agent.get((await op.authorize(later, OP, account)).callbackPath).expect(303);
    expect((await later.agent.get('/api/auth/me').expect(200)).body.id).toBe(owner.id);
    const audits = await db.query(
      `SELECT action FROM audit_log WHERE subject_id = $1 AND action = 'oidc.link'`,
      [owner.id],
    );
    expect(audits).toHaveLength(1);
  });

  it('never matches an existing account on an unverified e-mail: a separate account is created, without that e-mail', async () => {
    const owner = await signedUpLearner(t.http);
    const account = newAccount({ email: owner.email, email_verified: false });
    const b = await browser(t.http);
    const cb = await b.agent.get((await op.authorize(b, OP, account)).callbackPath).expect(303);
    expect(cb.headers.location).toBe('/');
    const me = (await b.agent.get('/api/auth/me').expect(200)).body;
    expect(me.id).not.toBe(owner.id);
    expect(me.email).toBeNull();
  });

  it('an account created by a provider has no password: password sign-in is impossible until one is set', async () => {
    const account = newAccount({ email: uniqueEmail('op'), email_verified: true });
    const b = await browser(t.http);
    await b.agent.get((await op.authorize(b, OP, account)).callbackPath).expect(303);
    const other = await browser(t.http);
    expectErrorShape(
      (
        await other
          .post('/api/auth/sign-in')
          .send({ identifier: account.email, password: PASSWORD })
          .expect(401)
      ).body,
      401,
      'INVALID_CREDENTIALS',
    );
    await b.post('/api/auth/password').send({ password: PASSWORD }).expect(204);
    await other.post('/api/auth/sign-in').send({ identifier: account.email, password: PASSWORD }).expect(200);
  });
});
