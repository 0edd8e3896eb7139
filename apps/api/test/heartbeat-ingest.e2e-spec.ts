// The video heartbeat's own door (heartbeat-ingest.ts) attacked as any door: it is a Fastify route outside Nest's
// guards and pipes, so every check the rest of the api gets from Nest must hold here too, in the same shape.
import { gzipSync } from 'node:zlib';
import { openRunDatabase } from '@hocvuso/testing';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { elapse, heartbeat, outline } from './support/learning-world';
import { browser, expectErrorShape, signedUpLearner, startTestApp, type TestApp } from './support/test-app';

const COURSE = 'online-scams';
const BEAT = { intervals: [[0, 5]], position: 5, event: 'tick' };

describe('the heartbeat ingest', () => {
  let t: TestApp;
  let db: DataSource;
  let videoId: string;
  beforeAll(async () => {
    t = await startTestApp({ HEARTBEAT_RATE_LIMIT_PER_MINUTE: '1000' });
    db = await openRunDatabase();
    videoId = (await outline(t, COURSE)).find((l) => l.kind === 'video')!.id;
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  async function watcher() {
    const l = await signedUpLearner(t.http);
    await l.post(`/api/courses/${COURSE}/enrol`).send({}).expect(201);
    await l.agent.get(`/api/lessons/${videoId}`).expect(200);
    return l;
  }
  const stored = async (userId: string) =>
    (
      await db.query(
        `SELECT heartbeats, watched::text FROM video_progress WHERE user_id = $1 AND lesson_revision_id = $2`,
        [userId, videoId],
      )
    )[0] as { heartbeats: number; watched: string };
  const url = () => `/api/lessons/${videoId}/heartbeats`;
  /** A CSRF pair of a fresh browser: its signed cookie and its token, to send with any session cookie. */
  async function csrfPair() {
    const res = await request(t.http).get('/api/auth/csrf').expect(200);
    const cookie = (res.headers['set-cookie'] as unknown as string[])
      .find((c) => c.startsWith('hvs_csrf='))!
      .split(';')[0]!;
    return { cookie, token: res.body.token as string };
  }
  const raw = (cookies: string[], token: string) =>
    request(t.http).post(url()).set('cookie', cookies.join('; ')).set('x-csrf-token', token);

  it('answers like every api route: security headers, request id, rate-limit headers, JSON', async () => {
    const l = await watcher();
    await elapse(db, l.id, videoId, 10);
    const res = await l.post(url()).set('x-request-id', 'ingest-check-0001').send(BEAT).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['x-request-id']).toBe('ingest-check-0001');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-ratelimit-limit-heartbeat']).toBe('1000');
    expect(Number(res.headers['x-ratelimit-remaining-heartbeat'])).toBe(999);
    expect(res.body).toEqual({
      watchedSeconds: 5,
      coverage: expect.any(Number),
      completed: false,
      capped: false,
    });
  });

  it('refuses a forged, tampered or foreign session cookie with 401 in the shape, and stores nothing', async () => {
    const l = await watcher();
    const pair = await csrfPair();
    const [name, value] = l.sessionCookie.split('=') as [string, string];
    const token = decodeURIComponent(value).split('.')[0]!;
    const forged = [
      `${name}=${encodeURIComponent(token)}`, // unsigned
      `${name}=${encodeURIComponent(`${token}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`)}`, // wrong signature
      `${name}=${encodeURIComponent(`x${decodeURIComponent(value).slice(1)}`)}`, // tampered token
      `${name}=`, // empty
      `${name}=${'a'.repeat(3000)}`, // huge
    ];
    for (const cookie of forged) {
      // The CSRF pair is valid: only the session is wrong.
      const res = await raw([pair.cookie, cookie], pair.token).send(BEAT);
      expect(res.status).toBe(401);
      expectErrorShape(res.body, 401, 'UNAUTHENTICATED');
    }
    expect(await stored(l.id)).toMatchObject({ heartbeats: 0 });
  });

  it('refuses a missing, foreign or replayed CSRF token with 403, before any credit', async () => {
    const l = await watcher();
    const other = await signedUpLearner(t.http);
    await elapse(db, l.id, videoId, 20);
    const noToken = await l.agent.post(url()).send(BEAT);
    expectErrorShape(noToken.body, 403, 'CSRF_INVALID');
    // Another browser's token does not match this browser's secret.
    const foreign = await l.agent.post(url()).set('x-csrf-token', other.csrf).send(BEAT);
    expectErrorShape(foreign.body, 403, 'CSRF_INVALID');
    // A beacon's body token from another browser, too.
    const beacon = await l.agent
      .post(url())
      .set('content-type', 'text/plain;charset=UTF-8')
      .send(JSON.stringify({ ...BEAT, _csrf: other.csrf }));
    expectErrorShape(beacon.body, 403, 'CSRF_INVALID');
    // The session cookie alone, replayed without the browser's CSRF cookie (a cross-site form), is refused too.
    const replay = await raw([l.sessionCookie], l.csrf).send(BEAT);
    expectErrorShape(replay.body, 403, 'CSRF_INVALID');
    expect(await stored(l.id)).toMatchObject({ heartbeats: 0 });
  });

  it('refuses broken bodies in the documented shape: not JSON, too large, compressed, NUL, unknown fields', async () => {
    const l = await watcher();
    const send = (body: string | Buffer, type = 'application/json') =>
      l.agent.post(url()).set('x-csrf-token', l.csrf).set('content-type', type).send(body);
    expectErrorShape((await send('{"intervals":')).body, 400, 'MALFORMED_JSON');
    expectErrorShape((await send('not json', 'text/plain')).body, 400, 'MALFORMED_JSON');
    const huge = JSON.stringify({ ...BEAT, pad: 'x'.repeat(2 * 1024 * 1024) });
    expectErrorShape((await send(huge)).body, 413, 'PAYLOAD_TOO_LARGE');
    const gz = await l.agent
      .post(url())
      .set('x-csrf-token', l.csrf)
      .set('content-type', 'application/json')
      .set('content-encoding', 'gzip')
      .send(gzipSync(JSON.stringify(BEAT)));
    expectErrorShape(gz.body, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectErrorShape(
      (await send(JSON.stringify({ ...BEAT, event: 'ti\u0000ck' }))).body,
      400,
      'INVALID_TEXT',
    );
    const extra = await send(JSON.stringify({ ...BEAT, userId: '00000000-0000-4000-8000-000000000000' }));
    expectErrorShape(extra.body, 400, 'VALIDATION_FAILED');
    const rtl = await send(JSON.stringify({ ...BEAT, event: '\u202etick' }));
    expectErrorShape(rtl.body, 400, 'VALIDATION_FAILED');
    expectErrorShape((await send('[]')).body, 400, 'VALIDATION_FAILED');
    expectErrorShape((await send('null')).body, 400, 'VALIDATION_FAILED');
    const badLang = await l.agent.post(`${url()}?lang=xx-%00`).set('x-csrf-token', l.csrf).send(BEAT);
    expect(badLang.status).toBe(400);
    expectErrorShape(badLang.body, 400);
    const badLesson = await l.post('/api/lessons/not-a-uuid/heartbeats').send(BEAT);
    expectErrorShape(badLesson.body, 404, 'LESSON_NOT_FOUND');
    expect(await stored(l.id)).toMatchObject({ heartbeats: 0 });
  });

  it('a signed-out session, even one the ingest remembers, credits nothing', async () => {
    const l = await watcher();
    await elapse(db, l.id, videoId, 10);
    await l.post(url()).send(BEAT).expect(200); // the session is now in the ingest's cache
    await l
      .post('/api/auth/sign-out')
      .send({})
      .expect((r) => expect(r.status).toBeLessThan(300));
    const pair = await csrfPair();
    // The same old cookie with a valid CSRF pair: the session is gone, whatever the ingest remembered.
    const after = await raw([pair.cookie, l.sessionCookie], pair.token).send({
      ...BEAT,
      intervals: [[5, 10]],
      position: 10,
    });
    expectErrorShape(after.body, 401);
    expect(await stored(l.id)).toMatchObject({ heartbeats: 1 });
  });

  it('cookies altered after their genuine twins were verified and remembered are refused, 50 at once', async () => {
    const l = await watcher();
    const other = await watcher();
    await elapse(db, l.id, videoId, 10);
    const pair = await csrfPair();
    // The genuine pair, verified once: both signatures are now remembered (cookie-signer.ts).
    await raw([pair.cookie, l.sessionCookie], pair.token).send(BEAT).expect(200);
    /** `name=value.signature` → [value, signature], the value URL-decoded as @fastify/cookie reads it. */
    const parts = (cookie: string) => {
      const signed = decodeURIComponent(cookie.slice(cookie.indexOf('=') + 1));
      const dot = signed.lastIndexOf('.');
      return [signed.slice(0, dot), signed.slice(dot + 1)] as const;
    };
    const [token, sig] = parts(l.sessionCookie);
    const [, otherSig] = parts(other.sessionCookie);
    const flip = (s: string) => (s.endsWith('A') ? s.slice(0, -1) + 'B' : s.slice(0, -1) + 'A');
    const session = (value: string) => `hvs_session=${encodeURIComponent(value)}`;
    const forgedSessions = [
      session(`${flip(token)}.${sig}`),
      session(`${token}.${flip(sig)}`),
      session(`${token}.${otherSig}`),
      session(`${token}\u200b.${sig}`),
      session(`${token}.${sig}\u202e`),
    ];
    const [csrfValue, csrfSig] = parts(pair.cookie);
    const forgedCsrf = [`hvs_csrf=${encodeURIComponent(`${csrfValue}.${flip(csrfSig)}`)}`];
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        i % 2 === 0
          ? raw([pair.cookie, forgedSessions[i % forgedSessions.length]!], pair.token).send(BEAT)
          : raw([forgedCsrf[0]!, l.sessionCookie], pair.token).send(BEAT),
      ),
    );
    for (const [i, res] of answers.entries()) {
      if (i % 2 === 0) expectErrorShape(res.body, 401);
      else expectErrorShape(res.body, 403);
    }
    expect(await stored(l.id)).toMatchObject({ heartbeats: 1 });
    // The genuine pair still works after all of that.
    await elapse(db, l.id, videoId, 20);
    await raw([pair.cookie, l.sessionCookie], pair.token)
      .send({ ...BEAT, intervals: [[10, 20]], position: 20 })
      .expect(200);
  });

  it('50 parallel heartbeats of one learner are all answered and credit at most real time', async () => {
    const l = await watcher();
    await elapse(db, l.id, videoId, 10);
    const started = Date.now();
    const res = await Promise.all(
      // Fifty claims over the first 50 s, overlapping, from every starting second.
      Array.from({ length: 50 }, (_, i) => heartbeat(l, videoId, [[i, i + 1]], i + 1)),
    );
    expect(res.map((r) => r.status)).toEqual(Array(50).fill(200));
    const row = await stored(l.id);
    expect(row.heartbeats).toBe(50);
    const [{ seconds }] = await db.query(
      `SELECT coalesce(sum(upper(r) - lower(r)), 0)::float AS seconds
         FROM video_progress, unnest(watched) AS r WHERE user_id = $1 AND lesson_revision_id = $2`,
      [l.id, videoId],
    );
    // One grace (2 s) plus the real time (the 10 s moved back and the test's own) at the fastest speed (2×),
    // however the 50 claimed seconds were split.
    const wall = (Date.now() - started) / 1000 + 1;
    expect(seconds).toBeLessThanOrEqual(2 + 2 * (10 + wall));
    expect(seconds).toBeLessThan(50);
  });

  it('ten learners sending five heartbeats each at once have every heartbeat stored once', async () => {
    const learners = await Promise.all(Array.from({ length: 10 }, () => watcher()));
    for (const l of learners) await elapse(db, l.id, videoId, 10);
    const res = await Promise.all(
      learners.flatMap((l) =>
        Array.from({ length: 5 }, (_, i) => heartbeat(l, videoId, [[0, 2 + i]], 2 + i)),
      ),
    );
    expect(res.every((r) => r.status === 200)).toBe(true);
    for (const l of learners) expect((await stored(l.id)).heartbeats).toBe(5);
  });

  it('another learner’s lesson or a lesson of a course not enrolled in is refused', async () => {
    const stranger = await signedUpLearner(t.http);
    expectErrorShape((await heartbeat(stranger, videoId, [[0, 5]], 5)).body, 403, 'NOT_ENROLLED');
    const anon = await browser(t.http);
    expectErrorShape((await heartbeat(anon, videoId, [[0, 5]], 5)).body, 401, 'UNAUTHENTICATED');
  });
});
