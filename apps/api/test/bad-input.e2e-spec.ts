import request from 'supertest';
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import { browser, expectErrorShape, PASSWORD, signedUpLearner, startTestApp, type TestApp, uniqueEmail } from './support/test-app';

/** Bad input never yields a 500: every skeleton route answers the documented 4xx shape and changes nothing. */
describe('bad input on every skeleton route', () => {
  let t: TestApp;
  let db: DataSource;
  let learner: Awaited<ReturnType<typeof signedUpLearner>>;
  let lessonId: string;
  beforeAll(async () => {
    t = await startTestApp({ BODY_LIMIT_BYTES: '4096' });
    db = await openRunDatabase();
    learner = await signedUpLearner(t.http);
    await learner.post('/api/courses/online-scams/enrol').send({}).expect(201);
    const course = await request(t.http).get('/api/courses/online-scams').expect(200);
    lessonId = course.body.modules[0].lessons[0].id;
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  const bodyRoutes = () => [
    { url: '/api/auth/sign-up', valid: { displayName: 'A', identifier: uniqueEmail(), password: PASSWORD } },
    { url: '/api/auth/sign-in', valid: { identifier: uniqueEmail(), password: PASSWORD } },
    { url: '/api/auth/sign-out', valid: {} },
    { url: '/api/courses/online-scams/enrol', valid: {} },
    { url: `/api/lessons/${lessonId}/complete`, valid: { reachedEnd: true } },
  ];

  it('malformed JSON gets 400 MALFORMED_JSON', async () => {
    for (const r of bodyRoutes()) {
      const res = await learner.post(r.url).set('content-type', 'application/json').send('{"displayName": "A",');
      expect({ url: r.url, status: res.status }).toEqual({ url: r.url, status: 400 });
      expectErrorShape(res.body, 400, 'MALFORMED_JSON');
    }
  });

  it('unknown fields get 400 VALIDATION_FAILED naming the field', async () => {
    for (const r of bodyRoutes()) {
      const res = await learner.post(r.url).send({ ...r.valid, isAdmin: true });
      expect({ url: r.url, status: res.status }).toEqual({ url: r.url, status: 400 });
      expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
      expect(JSON.stringify(res.body.details)).toContain('isAdmin');
    }
  });

  it('wrong types get 400 VALIDATION_FAILED with the field path', async () => {
    const attempted = uniqueEmail('wrong-type');
    const cases: Array<[string, unknown, string]> = [
      ['/api/auth/sign-up', { displayName: 42, identifier: attempted, password: PASSWORD }, 'displayName'],
      ['/api/auth/sign-up', { displayName: 'A', identifier: ['x@y.vn'], password: PASSWORD }, 'identifier'],
      ['/api/auth/sign-in', { identifier: uniqueEmail(), password: null }, 'password'],
      [`/api/lessons/${lessonId}/complete`, { reachedEnd: 'yes' }, 'reachedEnd'],
      ['/api/auth/sign-up', [1, 2, 3], ''],
    ];
    for (const [url, body, field] of cases) {
      const res = await learner.post(url).send(body as object);
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
      expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
      expect(res.body.details.map((d: { path: string }) => d.path)).toContain(field);
    }
    expect(await db.query('SELECT 1 FROM users WHERE email = $1', [attempted])).toEqual([]);
  });

  it('bodies over the size limit get 413 PAYLOAD_TOO_LARGE', async () => {
    for (const r of bodyRoutes()) {
      const res = await learner.post(r.url).send({ ...r.valid, padding: 'x'.repeat(10_000) });
      expect({ url: r.url, status: res.status }).toEqual({ url: r.url, status: 413 });
      expectErrorShape(res.body, 413, 'PAYLOAD_TOO_LARGE');
    }
  });

  it('a body that is not JSON gets 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const res = await learner.post('/api/auth/sign-in').set('content-type', 'application/xml').send('<a/>');
    expect(res.status).toBe(415);
    expectErrorShape(res.body, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('missing auth gets 401 on every signed-in route', async () => {
    const anon = await browser(t.http);
    for (const url of ['/api/auth/sign-out', '/api/courses/online-scams/enrol', `/api/lessons/${lessonId}/complete`]) {
      const res = await anon.post(url).send({});
      expect({ url, status: res.status }).toEqual({ url, status: 401 });
      expectErrorShape(res.body, 401, 'UNAUTHENTICATED');
    }
    for (const url of ['/api/auth/me', '/api/me/learning', '/api/me/courses/online-scams', `/api/lessons/${lessonId}`]) {
      const res = await request(t.http).get(url);
      expect({ url, status: res.status }).toEqual({ url, status: 401 });
      expectErrorShape(res.body, 401, 'UNAUTHENTICATED');
    }
  });

  it('hostile ids and queries get 4xx, never 500', async () => {
    const urls = [
      "/api/courses/'%20OR%201=1--",
      '/api/courses/..%2F..%2Fetc%2Fpasswd',
      `/api/courses/${'a'.repeat(500)}`,
      '/api/lessons/not-a-uuid',
      "/api/lessons/00000000-0000-0000-0000-000000000000'",
      '/api/me/courses/%00',
      '/api/courses?level=abc',
      '/api/courses?targetGroup=hackers',
      '/api/courses?unknown=1',
      '/api/courses?competency=1;DROP',
    ];
    for (const url of urls) {
      const res = await learner.agent.get(url);
      expect({ url, ok: res.status >= 400 && res.status < 500 }).toEqual({ url, ok: true });
      expectErrorShape(res.body, res.status);
    }
  });

  it('unknown routes get 404 ROUTE_NOT_FOUND in the same shape', async () => {
    const res = await request(t.http).get('/api/no-such-thing').expect(404);
    expectErrorShape(res.body, 404, 'ROUTE_NOT_FOUND');
    const post = await learner.post('/api/no-such-thing').send({}).expect(404);
    expectErrorShape(post.body, 404, 'ROUTE_NOT_FOUND');
  });
});
