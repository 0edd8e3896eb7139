import { brotliDecompressSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { sendMemoizedJson } from '../http/etag';
import { AnswerMemo, MAX_MEMOS } from './answer-memo';

interface TestEntry {
  json: string;
  etag: string;
  current: boolean;
}

/** A real Fastify server: the memo's hook first, then a header hook standing for helmet, then the route. */
async function server(entryFor: (url: string) => TestEntry) {
  const memo = new AnswerMemo<TestEntry>({ isCurrent: (e) => e.current });
  const app: FastifyInstance = Fastify();
  let handled = 0;
  app.addHook('onRequest', memo.hook);
  app.addHook('onRequest', (_req, reply, done) => {
    void reply.header('x-frame-options', 'DENY').header('content-security-policy', "default-src 'self'");
    done();
  });
  app.addHook('onSend', (req, reply, _payload, done) => {
    void reply.header('x-request-id', String(req.id));
    done();
  });
  app.get('/courses', (req, reply) => {
    handled += 1;
    if ((req.query as { cookie?: string }).cookie) void reply.header('set-cookie', 'hvs_csrf=x; Path=/');
    sendMemoizedJson(req, reply, entryFor(req.url), 'public, no-cache', memo);
  });
  await app.ready();
  return { app, memo, handled: () => handled };
}

const entry = (json: string): TestEntry => ({
  json,
  etag: `"${json.length}-${json.slice(0, 4)}"`,
  current: true,
});
const strip = (h: Record<string, unknown>) => {
  const { 'x-request-id': _id, date: _date, connection: _c, 'keep-alive': _k, ...rest } = h;
  return rest;
};

describe('the answer memo', () => {
  it('replays the full stack answer for the same URL: same status, headers and bytes, without the handler', async () => {
    const e = entry(JSON.stringify({ items: [{ id: 'a', title: 'Khoá học số' }] }));
    const { app, memo, handled } = await server(() => e);
    const first = await app.inject({ method: 'GET', url: '/courses?page=1' });
    const second = await app.inject({ method: 'GET', url: '/courses?page=1' });
    expect(handled()).toBe(1);
    expect(memo.hits).toBe(1);
    expect(second.statusCode).toBe(200);
    expect(second.body).toBe(first.body);
    expect(strip(second.headers)).toEqual(strip(first.headers));
    expect(second.headers['x-frame-options']).toBe('DENY');
    expect(second.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
  });

  it('answers 304 to a matching If-None-Match, and negotiates the body coding per request', async () => {
    const e = entry(
      JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => ({ id: i, t: 'Bài học' })) }),
    );
    const { app, memo } = await server(() => e);
    await app.inject({ method: 'GET', url: '/courses' });
    const notModified = await app.inject({
      method: 'GET',
      url: '/courses',
      headers: { 'if-none-match': e.etag },
    });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');
    await app.inject({ method: 'GET', url: '/courses', headers: { 'accept-encoding': 'br' } }); // first use: identity
    const br = await app.inject({ method: 'GET', url: '/courses', headers: { 'accept-encoding': 'br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(e.json);
    const plain = await app.inject({ method: 'GET', url: '/courses' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(e.json);
    expect(memo.hits).toBe(4);
  });

  it('never answers from the memo once the entry is no longer current', async () => {
    let e = entry('{"v":1}');
    const { app, handled } = await server(() => e);
    await app.inject({ method: 'GET', url: '/courses' });
    e.current = false;
    e = entry('{"v":2}');
    const after = await app.inject({ method: 'GET', url: '/courses' });
    expect(after.body).toBe('{"v":2}');
    expect(handled()).toBe(2);
  });

  it('a signed-in request, a request with a body and a HEAD take the full path, and are not remembered', async () => {
    const { app, memo, handled } = await server(() => entry('{"v":1}'));
    const signedIn = { cookie: 'hvs_csrf=a; hvs_session=s%3Atoken.sig' };
    await app.inject({ method: 'GET', url: '/courses', headers: signedIn });
    await app.inject({ method: 'GET', url: '/courses', headers: signedIn });
    expect(memo.size).toBe(0);
    await app.inject({ method: 'GET', url: '/courses' });
    await app.inject({ method: 'GET', url: '/courses', headers: signedIn });
    await app.inject({ method: 'GET', url: '/courses', headers: { 'content-length': '2' }, payload: '{}' });
    await app.inject({ method: 'GET', url: '/courses', headers: { 'content-encoding': 'gzip' } });
    await app.inject({ method: 'HEAD', url: '/courses' });
    expect(memo.hits).toBe(0);
    expect(handled()).toBe(7);
  });

  it('never remembers an answer that sets a cookie', async () => {
    const { app, memo, handled } = await server(() => entry('{"v":1}'));
    const a = await app.inject({ method: 'GET', url: '/courses?cookie=1' });
    expect(a.headers['set-cookie']).toBeDefined();
    const b = await app.inject({ method: 'GET', url: '/courses?cookie=1' });
    expect(memo.hits).toBe(0);
    expect(handled()).toBe(2);
    expect(b.headers['set-cookie']).toBeDefined();
  });

  it('stays bounded under a spray of distinct query strings', async () => {
    const e = entry('{"v":1}');
    const { app, memo } = await server(() => e);
    for (let i = 0; i < MAX_MEMOS + 300; i++) await app.inject({ method: 'GET', url: `/courses?x=${i}` });
    expect(memo.size).toBe(MAX_MEMOS);
  });
});
