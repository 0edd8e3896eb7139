import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import Fastify, { type FastifyInstance } from 'fastify';
import { rememberingCookieSigner } from './cookie-signer';
import { CSRF_COOKIE, csrfToken, rememberingCsrfCheck } from './csrf-check';

const SECRET = 'a-cookie-secret-of-at-least-32-characters!';

/** A Fastify with the api's cookie and CSRF set-up: GET /csrf mints a pair, POST /write is checked. */
async function appWith(entries?: number): Promise<{ app: FastifyInstance; checks: () => number }> {
  const app = Fastify();
  await app.register(fastifyCookie, { secret: rememberingCookieSigner(SECRET) });
  await app.register(fastifyCsrf, {
    cookieKey: CSRF_COOKIE,
    getToken: csrfToken,
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'strict', path: '/' },
  });
  const check = jest.spyOn(app, 'csrfProtection');
  const guarded = rememberingCsrfCheck(app, entries);
  app.addHook('preValidation', (req, reply, done) =>
    req.method === 'POST' ? guarded(req, reply, done) : done(),
  );
  app.get('/csrf', async (_req, reply) => ({ token: await reply.generateCsrf() }));
  app.post('/write', async (req) => ({ ok: true, body: req.body as unknown }));
  await app.ready();
  return { app, checks: () => check.mock.calls.length };
}

/** A browser's pair: its signed secret cookie and a token for it. */
async function mint(app: FastifyInstance): Promise<{ cookie: string; token: string }> {
  const res = await app.inject({ method: 'GET', url: '/csrf' });
  const cookie = res.cookies.find((c) => c.name === CSRF_COOKIE)!.value;
  return { cookie, token: (res.json() as { token: string }).token };
}

const post = (app: FastifyInstance, cookie: string | undefined, token?: string, body?: unknown) =>
  app.inject({
    method: 'POST',
    url: '/write',
    cookies: cookie === undefined ? {} : { [CSRF_COOKIE]: cookie },
    headers: token === undefined ? {} : { 'x-csrf-token': token },
    ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
  });

describe('the CSRF check, remembering the pairs it accepted', () => {
  it('accepts a genuine pair, then again without running the check', async () => {
    const { app, checks } = await appWith();
    const { cookie, token } = await mint(app);
    expect((await post(app, cookie, token)).statusCode).toBe(200);
    expect(checks()).toBe(1);
    for (let i = 0; i < 5; i++) expect((await post(app, cookie, token)).statusCode).toBe(200);
    expect(checks()).toBe(1);
    // The token in the body (a beacon), as the plugin reads it.
    expect((await post(app, cookie, undefined, { _csrf: token, x: 1 })).json()).toEqual({
      ok: true,
      body: { _csrf: token, x: 1 },
    });
    await app.close();
  });

  it('never accepts a forged, altered or foreign cookie or token, even after the genuine pair was remembered', async () => {
    const { app } = await appWith();
    const { cookie, token } = await mint(app);
    const other = await mint(app);
    expect((await post(app, cookie, token)).statusCode).toBe(200);
    const flip = (s: string) => s.slice(0, -1) + (s.endsWith('A') ? 'B' : 'A');
    const forged: Array<[string | undefined, string | undefined]> = [
      [cookie, flip(token)],
      [flip(cookie), token],
      [cookie, other.token],
      [other.cookie, token],
      [cookie, undefined],
      [undefined, token],
      [cookie, token + '\u0000'],
      [cookie, token + '\u200b'],
      [cookie, '\u202e' + token],
      [cookie, token + 'x'.repeat(100_000)],
      [cookie + '\u200b', token],
      [cookie.slice(0, cookie.lastIndexOf('.')), token],
    ];
    for (const [c, t] of forged) expect((await post(app, c, t)).statusCode).toBe(403);
    // Asked again (so nothing refused was remembered), and 50 at once.
    const again = await Promise.all(
      Array.from({ length: 50 }, (_, i) => post(app, ...forged[i % forged.length]!)),
    );
    expect(again.map((r) => r.statusCode)).toEqual(Array(50).fill(403));
    // The body's token is the one checked (the plugin's order), with a remembered genuine pair in the other place
    // or not: a genuine body token passes beside a forged header, a forged body token fails beside a genuine one.
    expect((await post(app, cookie, flip(token), { _csrf: token })).statusCode).toBe(200);
    expect((await post(app, cookie, token, { _csrf: flip(token) })).statusCode).toBe(403);
    // The other browser's own pair is its own.
    expect((await post(app, other.cookie, other.token)).statusCode).toBe(200);
    await app.close();
  });

  it('is bounded: a pair pushed out by newer ones is checked again, and still accepted', async () => {
    const { app, checks } = await appWith(3);
    const pairs = await Promise.all(Array.from({ length: 4 }, () => mint(app)));
    for (const p of pairs) expect((await post(app, p.cookie, p.token)).statusCode).toBe(200);
    expect(checks()).toBe(4);
    expect((await post(app, pairs[3]!.cookie, pairs[3]!.token)).statusCode).toBe(200);
    expect(checks()).toBe(4);
    expect((await post(app, pairs[0]!.cookie, pairs[0]!.token)).statusCode).toBe(200);
    expect(checks()).toBe(5);
    await app.close();
  });
});
