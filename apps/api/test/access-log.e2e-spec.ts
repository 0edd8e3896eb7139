// The access log at production's default level (info): one line per request when its answer has gone, with the
// request, the status and the time; none for video heartbeats (their route logs only warnings), which /metrics
// still counts. Secrets never reach the line.
import { Writable } from 'node:stream';
import { parseExposition } from '@hocvuso/observability';
import { openRunDatabase } from '@hocvuso/testing';
import request from 'supertest';
import { createLogger } from '../src/common/logging/logger';
import { elapse, outline } from './support/learning-world';
import type { DataSource } from 'typeorm';
import { signedUpLearner, startTestApp, type TestApp } from './support/test-app';

interface Line {
  level: number;
  msg: string;
  reqId?: string;
  req?: { method: string; path: string };
  res?: { statusCode: number };
  responseTime?: number;
}

describe('the access log', () => {
  let t: TestApp;
  let db: DataSource;
  const lines: Line[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Line);
      done();
    },
  });
  const of = (id: string) => lines.filter((l) => l.reqId === id);

  beforeAll(async () => {
    t = await startTestApp(
      { LOG_LEVEL: 'info', HEARTBEAT_RATE_LIMIT_PER_MINUTE: '1000', METRICS_ALLOW: '127.0.0.1,::1' },
      { logger: createLogger('info', sink) },
    );
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  it('writes one line per request, after the answer, with method, URL, status and time', async () => {
    await request(t.http).get('/api/health').set('x-request-id', 'access-log-health-01').expect(200);
    await request(t.http)
      .get('/api/courses/no-such-course')
      .set('x-request-id', 'access-log-missing-01')
      .expect(404);
    const [health] = of('access-log-health-01');
    expect(of('access-log-health-01')).toHaveLength(1);
    expect(health).toMatchObject({
      msg: 'request completed',
      req: { method: 'GET', path: '/api/health' },
      res: { statusCode: 200 },
    });
    expect(typeof health!.responseTime).toBe('number');
    expect(of('access-log-missing-01').filter((l) => l.msg === 'request completed')).toEqual([
      expect.objectContaining({ res: { statusCode: 404 } }),
    ]);
    expect(lines.some((l) => l.msg === 'incoming request')).toBe(false); // logged at debug only
  });

  it('keeps one well-formed line per request under 50 parallel requests, hostile paths and query secrets', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => `access-log-par-${String(i).padStart(3, '0')}`);
    await Promise.all(
      ids.map((id) => request(t.http).get('/api/health').set('x-request-id', id).expect(200)),
    );
    for (const id of ids) expect(of(id)).toHaveLength(1);
    // A secret in the query string never reaches the line; NUL, zero-width, RTL and a newline in the path stay
    // inside their one JSON line (the sink parses every line: an injected line break would not parse).
    await request(t.http)
      .get('/api/health?token=s3cr3t-query-token')
      .set('x-request-id', 'access-log-query-01');
    await request(t.http)
      .get('/api/courses/%00%E2%80%8B%E2%80%AE%0Aforged%20line')
      .set('x-request-id', 'access-log-hostile-01');
    const long = await request(t.http)
      .get(`/api/courses/${'x'.repeat(4000)}`)
      .set('x-request-id', 'access-log-long-01');
    expect(long.status).toBe(414); // the router's own error: answered outside the request lifecycle
    expect(of('access-log-query-01')).toEqual([
      expect.objectContaining({ req: expect.objectContaining({ path: '/api/health' }) }),
    ]);
    expect(JSON.stringify(lines)).not.toContain('s3cr3t-query-token');
    expect(of('access-log-hostile-01').filter((l) => l.msg === 'request completed')).toHaveLength(1);
    expect(of('access-log-long-01')).toEqual([
      expect.objectContaining({ msg: 'request completed', res: { statusCode: 414 } }),
    ]);
    expect(lines.some((l) => l.msg === 'forged line')).toBe(false);
  });

  it('writes none for video heartbeats, accepted or refused, while /metrics counts them', async () => {
    const l = await signedUpLearner(t.http);
    const video = (await outline(t, 'online-scams')).find((x) => x.kind === 'video')!;
    await l.post('/api/courses/online-scams/enrol').send({}).expect(201);
    await l.agent.get(`/api/lessons/${video.id}`).set('x-request-id', 'access-log-lesson-01').expect(200);
    await elapse(db, l.id, video.id, 10);
    const url = `/api/lessons/${video.id}/heartbeats`;
    await l
      .post(url)
      .set('x-request-id', 'access-log-beat-01')
      .send({ intervals: [[0, 5]], position: 5, event: 'tick' })
      .expect(200);
    await l.post(url).set('x-request-id', 'access-log-beat-02').send({ intervals: 'no' }).expect(400);
    expect(of('access-log-lesson-01')).toHaveLength(1); // the lesson page is logged: the learner's cookie is not
    expect(JSON.stringify(lines)).not.toContain(l.sessionCookie.split('=')[1]!.split(';')[0]!);
    expect(of('access-log-beat-01')).toEqual([]);
    expect(of('access-log-beat-02')).toEqual([]);
    const samples = parseExposition((await request(t.http).get('/metrics').expect(200)).text);
    const counted = (status_class: string) =>
      samples.find(
        (s) =>
          s.name === 'hvs_http_request_duration_seconds_count' &&
          s.labels.route === '/api/lessons/:lessonId/heartbeats' &&
          s.labels.status_class === status_class,
      )?.value;
    expect(counted('2xx')).toBe(1);
    expect(counted('4xx')).toBe(1);
  });
});
