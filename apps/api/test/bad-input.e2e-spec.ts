import request from 'supertest';
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import type { Server } from 'node:http';
import net from 'node:net';
import { gzipSync } from 'node:zlib';
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
      const res = await learner
        .post(r.url)
        .set('content-type', 'application/json')
        .send('{"displayName": "A",');
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
    for (const url of [
      '/api/auth/sign-out',
      '/api/courses/online-scams/enrol',
      `/api/lessons/${lessonId}/complete`,
    ]) {
      const res = await anon.post(url).send({});
      expect({ url, status: res.status }).toEqual({ url, status: 401 });
      expectErrorShape(res.body, 401, 'UNAUTHENTICATED');
    }
    for (const url of [
      '/api/auth/me',
      '/api/me/learning',
      '/api/me/courses/online-scams',
      `/api/lessons/${lessonId}`,
    ]) {
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

  describe('NUL characters never reach Postgres: 400 INVALID_TEXT before any handler', () => {
    it('refuses a NUL in the body of sign-up, sign-in, password reset and course staff, naming the field', async () => {
      const anon = await browser(t.http);
      const teacher = await signedInDemo(t.http, 'teacher');
      const email = uniqueEmail('nul');
      const cases: Array<[typeof anon, string, object, string]> = [
        [
          anon,
          '/api/auth/sign-up',
          { displayName: 'An\u0000', identifier: email, password: PASSWORD },
          'displayName',
        ],
        [
          anon,
          '/api/auth/sign-up',
          { displayName: 'An', identifier: `${email}\u0000`, password: PASSWORD },
          'identifier',
        ],
        [anon, '/api/auth/sign-in', { identifier: `x\u0000@example.com`, password: PASSWORD }, 'identifier'],
        [anon, '/api/auth/sign-in', { identifier: email, password: `${PASSWORD}\u0000` }, 'password'],
        [anon, '/api/auth/password-reset', { identifier: `a\u0000@example.com` }, 'identifier'],
        [
          teacher,
          '/api/teaching/courses/online-scams/staff',
          { identifier: `a\u0000@example.com` },
          'identifier',
        ],
        [anon, '/api/auth/sign-in', { ['identifier\u0000']: email, password: PASSWORD }, 'identifier\u0000'],
      ];
      for (const [who, url, body, field] of cases) {
        const res = await who.post(url).send(body);
        expect({ url, field, status: res.status }).toEqual({ url, field, status: 400 });
        expectErrorShape(res.body, 400, 'INVALID_TEXT');
        expect(res.body.details).toEqual([expect.objectContaining({ in: 'body', path: field })]);
      }
      expect(await db.query('SELECT 1 FROM users WHERE email LIKE $1', [`${email.split('@')[0]}%`])).toEqual(
        [],
      );
    });

    it('refuses a NUL in the organisation, learner, xAPI activity and audit subject searches', async () => {
      const admin = await signedInDemo(t.http, 'system-admin');
      for (const url of [
        '/api/organisations?q=ab%00c',
        '/api/admin/learners?q=%00',
        '/api/xapi/statements?activity=https%3A%2F%2Fx%00',
        '/api/admin/audit-log?subjectId=a%00',
        '/api/courses?q=%00',
      ]) {
        const res = await admin.agent.get(url);
        expect({ url, status: res.status }).toEqual({ url, status: 400 });
        expectErrorShape(res.body, 400, 'INVALID_TEXT');
        expect(res.body.details[0]).toEqual(expect.objectContaining({ in: 'query' }));
      }
    });
  });

  describe('one rule per kind of query value', () => {
    it('an empty units?parent= means the provinces; a parent that is not a uuid is 400', async () => {
      const provinces = await learner.agent.get('/api/units').expect(200);
      const empty = await learner.agent.get('/api/units?parent=').expect(200);
      expect(empty.body).toEqual(provinces.body);
      for (const url of ['/api/units?parent=x', "/api/units?parent=1'", '/api/units?parent=a&parent=b']) {
        const res = await learner.agent.get(url);
        expect({ url, status: res.status }).toEqual({ url, status: 400 });
        expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
      }
    });

    it('dates outside the years 1900..9999 in xAPI and audit since/until are 400, not a Postgres 500', async () => {
      const admin = await signedInDemo(t.http, 'system-admin');
      for (const url of [
        '/api/xapi/statements?since=0001-01-01T00:00:00Z',
        '/api/xapi/statements?since=%2B275760-09-13T00:00:00Z',
        '/api/xapi/statements?until=-000001-01-01T00:00:00Z',
        '/api/xapi/statements?since=99999',
        '/api/xapi/statements?since=1e300',
        '/api/admin/audit-log?since=0001-01-01T00:00:00Z',
        '/api/admin/audit-log?until=1899-12-31T00:00:00Z',
        '/api/admin/audit-log?since=2026-01-01T00:00:00Z&since=2026-01-02T00:00:00Z',
      ]) {
        const res = await admin.agent.get(url);
        expect({ url, status: res.status }).toEqual({ url, status: 400 });
        expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
      }
      await admin.agent.get('/api/xapi/statements?since=2026-01-01T00:00:00%2B07:00').expect(200);
      await admin.agent.get('/api/admin/audit-log?since=1900-01-01T00:00:00Z').expect(200);
    });

    it('repeated query keys on rosters: a learner gets 403, an administrator an answer, never a 500', async () => {
      const csv = 'name,email,phone,organisation_code,unit_code,target_group,sub_groups\n';
      const upload = (b: Awaited<ReturnType<typeof browser>>, query: string) =>
        b.agent
          .post(`/api/admin/rosters${query}`)
          .set('x-csrf-token', b.csrf)
          .set('content-type', 'text/csv')
          .send(csv);
      for (const query of [
        '?courses=a&courses=b',
        '?courses=online-scams&dryRun=true&dryRun=true',
        '?courses=BAD!',
      ]) {
        const res = await upload(learner, query);
        expect({ query, status: res.status }).toEqual({ query, status: 403 });
        expectErrorShape(res.body, 403, 'FORBIDDEN');
      }
      const admin = await signedInDemo(t.http, 'unit-admin');
      const both = await upload(admin, '?courses=online-scams&courses=vneid-digital-identity&dryRun=true');
      expect(both.status).toBe(200);
      expect(both.body.dryRun).toBe(true);
      for (const query of ['?courses=online-scams&dryRun=true&dryRun=false', '?courses=BAD!&dryRun=true']) {
        const res = await upload(admin, query);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
      }
    });
  });

  it('a repeated dryRun on the directory imports is 400, never silently a real import; a learner still gets 403', async () => {
    const admin = await signedInDemo(t.http, 'system-admin');
    const imports: Array<[string, string]> = [
      ['/api/admin/units/import', 'code,level,name,parent_code,valid_from\n'],
      ['/api/admin/organisations/import', 'code,name,kind,unit_code\n'],
    ];
    for (const [url, csv] of imports) {
      const post = (b: Awaited<ReturnType<typeof browser>>, query: string) =>
        b.agent.post(`${url}${query}`).set('x-csrf-token', b.csrf).set('content-type', 'text/csv').send(csv);
      const repeated = await post(admin, '?dryRun=true&dryRun=true');
      expect({ url, status: repeated.status }).toEqual({ url, status: 400 });
      expectErrorShape(repeated.body, 400, 'VALIDATION_FAILED');
      expect((await post(admin, '?dryRun=true').expect(200)).body.dryRun).toBe(true);
      const denied = await post(learner, '?dryRun=true&dryRun=true');
      expect({ url, status: denied.status }).toEqual({ url, status: 403 });
    }
  });

  describe('framework-level answers have the error shape too', () => {
    it('headers too large: 431 HEADERS_TOO_LARGE in the shape', async () => {
      const res = await request(t.http).get('/api/health').set('x-padding', 'a'.repeat(20_000));
      expect(res.status).toBe(431);
      expectErrorShape(res.body, 431, 'HEADERS_TOO_LARGE');
    });

    it('requests Node itself refuses (not HTTP, no Host) get 400 in the shape', async () => {
      const server = t.http as Server;
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      const { port } = server.address() as net.AddressInfo;
      const send = (text: string) =>
        new Promise<string>((done) => {
          let answer = '';
          const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
          socket.on('data', (d) => (answer += d.toString('utf8')));
          socket.on('close', () => done(answer));
          socket.on('error', () => done(answer));
        });
      try {
        for (const text of [
          'BREW /api/health HTTP/1.1\r\nHost: x\r\n\r\n',
          'POST /api/auth/sign-in HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 9\r\n\r\n{}',
          'GET /api/health HTTP/1.1\r\nConnection: close\r\n\r\n',
        ]) {
          const answer = await send(text);
          expect(answer).toMatch(/^HTTP\/1\.1 400 /);
          expectErrorShape(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)), 400, 'BAD_REQUEST');
        }
      } finally {
        await new Promise<void>((done) => server.close(() => done()));
      }
    });

    it('a gzip body and unknown encodings are 415 UNSUPPORTED_MEDIA_TYPE; identity is fine', async () => {
      const json = JSON.stringify({ identifier: uniqueEmail(), password: PASSWORD });
      const gz = await learner
        .post('/api/auth/sign-in')
        .set('content-type', 'application/json')
        .set('content-encoding', 'gzip')
        .send(gzipSync(json));
      expect(gz.status).toBe(415);
      expectErrorShape(gz.body, 415, 'UNSUPPORTED_MEDIA_TYPE');
      for (const encoding of ['br', 'x-made-up', 'gzip, identity', 'deflate']) {
        const res = await learner
          .post('/api/auth/sign-in')
          .set('content-type', 'application/json')
          .set('content-encoding', encoding)
          .send(json);
        expect({ encoding, status: res.status }).toEqual({ encoding, status: 415 });
        expectErrorShape(res.body, 415, 'UNSUPPORTED_MEDIA_TYPE');
      }
      const plain = await learner
        .post('/api/auth/sign-in')
        .set('content-type', 'application/json')
        .set('content-encoding', 'identity')
        .send(json);
      expect(plain.status).toBe(401);
    });

    it('content-type and content-length trouble answer in the shape', async () => {
      const bad = await learner.post('/api/auth/sign-in').set('content-type', ';;; garbage').send('{}');
      expect(bad.status).toBeGreaterThanOrEqual(400);
      expect(bad.status).toBeLessThan(500);
      expectErrorShape(bad.body, bad.status);
      const head = await request(t.http)
        .get('/api/no-such-thing')
        .set('accept', 'application/json')
        .expect(404);
      expectErrorShape(head.body, 404, 'ROUTE_NOT_FOUND');
    });
  });

  describe('names and e-mails are visible text only', () => {
    it('refuses an e-mail with a zero-width character, so no look-alike second account exists', async () => {
      const b = await browser(t.http);
      const local = `anna-${Date.now().toString(36)}`;
      await b
        .post('/api/auth/sign-up')
        .send({ displayName: 'Anna', identifier: `${local}@example.com`, password: PASSWORD })
        .expect(201);
      for (const lookalike of [
        `${local}\u200B@example.com`,
        `\u2060${local}@example.com`,
        `${local}@exa\u200Dmple.com`,
        `${local}@example.com\u202E`,
      ]) {
        const other = await browser(t.http);
        const res = await other
          .post('/api/auth/sign-up')
          .send({ displayName: 'Anna', identifier: lookalike, password: PASSWORD });
        expect({ lookalike, status: res.status }).toEqual({ lookalike, status: 400 });
        expectErrorShape(res.body, 400);
      }
      const upper = await (await browser(t.http)).post('/api/auth/sign-up').send({
        displayName: 'Anna',
        identifier: ` ${local.toUpperCase()}@Example.COM `,
        password: PASSWORD,
      });
      expect(upper.status).toBe(409);
      expect(
        await db.query('SELECT count(*)::int AS n FROM users WHERE email LIKE $1', [`%${local}%`]),
      ).toEqual([{ n: 1 }]);
    });

    it('refuses ANSI escapes, RTL overrides, isolates, zero-width and line breaks in display names with a message about the field', async () => {
      for (const name of [
        '\u001b[31mNguyễn Văn A\u001b[0m',
        'Nguyễn \u202EA nạV',
        'An \u2067Bình\u2069',
        'Nguyễn Văn A\nSố CCCD 0123',
        'Nguyễn\u200BVăn',
        'A\u007f',
        'A\u0085',
      ]) {
        const b = await browser(t.http);
        const email = uniqueEmail('bad-name');
        const res = await b
          .post('/api/auth/sign-up')
          .send({ displayName: name, identifier: email, password: PASSWORD });
        expect({ name, status: res.status }).toEqual({ name, status: 400 });
        expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
        expect(res.body.details).toEqual([
          expect.objectContaining({ path: 'displayName', message: expect.stringMatching(/name/i) }),
        ]);
        expect(await db.query('SELECT 1 FROM users WHERE email = $1', [email])).toEqual([]);
      }
    });

    it('accepts "Nguyễn Thị Hồng" typed with combining marks and stores it composed (NFC)', async () => {
      const b = await browser(t.http);
      const email = uniqueEmail('nfd');
      const nfd = '  Nguyễn Thị Hồng '.normalize('NFD');
      const res = await b
        .post('/api/auth/sign-up')
        .send({ displayName: nfd, identifier: email, password: PASSWORD })
        .expect(201);
      expect(res.body.displayName).toBe('Nguyễn Thị Hồng'.normalize('NFC'));
      expect(await db.query('SELECT display_name FROM users WHERE email = $1', [email])).toEqual([
        { display_name: 'Nguyễn Thị Hồng'.normalize('NFC') },
      ]);
    });
  });
});
