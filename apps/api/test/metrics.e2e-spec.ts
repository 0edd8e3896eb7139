import { parseExposition, type Sample } from '@hocvuso/observability';
import request from 'supertest';
import { heartbeat, outline } from './support/learning-world';
import { expectErrorShape, signedUpLearner, startTestApp, type TestApp } from './support/test-app';

const TOKEN = 'metrics-e2e-token-0123456789abcdefghijkl';
const COURSE = 'online-scams';
const COURSE_ROUTE = '/api/courses/:courseId';

const scrape = (t: TestApp, path = '/api/metrics') =>
  request(t.http).get(path).set('authorization', `Bearer ${TOKEN}`).expect(200);

const find = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

const sum = (samples: Sample[]) => samples.reduce((n, s) => n + s.value, 0);

describe('Prometheus metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The allow-list names a network the test client is not in: only the token lets it in.
    t = await startTestApp({ METRICS_TOKEN: TOKEN, METRICS_ALLOW: '10.0.0.0/8' });
  });
  afterAll(() => t.close());

  it('refuses a scrape without the token, with a wrong one, or with a forged client address', async () => {
    const none = await request(t.http).get('/api/metrics').expect(401);
    expectErrorShape(none.body, 401, 'UNAUTHENTICATED');
    expect(none.headers['www-authenticate']).toBe('Bearer realm="metrics"');
    expect(none.text).not.toContain('hvs_');
    const wrong = await request(t.http).get('/metrics').set('authorization', `Bearer ${TOKEN}x`).expect(401);
    expectErrorShape(wrong.body, 401, 'UNAUTHENTICATED');
    await request(t.http).get('/api/metrics').set('authorization', TOKEN).expect(401);
    await request(t.http).get('/api/metrics').set('authorization', `Basic ${TOKEN}`).expect(401);
    // No proxy is trusted (TRUST_PROXY unset): X-Forwarded-For cannot put the caller inside METRICS_ALLOW.
    await request(t.http).get('/api/metrics').set('x-forwarded-for', '10.1.2.3').expect(401);
  });

  it('counts requests by route pattern and status class, never by raw URL, and shows the pool and the queues', async () => {
    await request(t.http).get(`/api/courses/${COURSE}`).expect(200);
    await request(t.http).get(`/api/courses/${COURSE}`).expect(200);
    await request(t.http).get('/api/courses/no-such-course-4f1e9a').expect(404);
    await request(t.http).get('/api/no-such-route-77c2d1/deeper').expect(404);

    const res = await scrape(t);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.headers['cache-control']).toBe('no-store');
    const samples = parseExposition(res.text); // throws on any line that is not valid exposition text

    const count = (status_class: string) =>
      sum(
        find(samples, 'hvs_http_request_duration_seconds_count', {
          method: 'GET',
          route: COURSE_ROUTE,
          status_class,
        }),
      );
    expect(count('2xx')).toBe(2);
    expect(count('4xx')).toBe(1);
    // The unknown path counts under one label; no raw URL or id becomes a label value.
    expect(
      sum(
        find(samples, 'hvs_http_request_duration_seconds_count', { route: 'unmatched', status_class: '4xx' }),
      ),
    ).toBeGreaterThanOrEqual(1);
    expect(res.text).not.toContain('no-such-course-4f1e9a');
    expect(res.text).not.toContain('no-such-route-77c2d1');
    expect(res.text).not.toContain(`/api/courses/${COURSE}"`);
    // The histogram's buckets are cumulative and end at +Inf with the count.
    const buckets = find(samples, 'hvs_http_request_duration_seconds_bucket', {
      route: COURSE_ROUTE,
      status_class: '2xx',
    });
    expect(buckets.at(-1)).toMatchObject({ labels: expect.objectContaining({ le: '+Inf' }), value: 2 });
    expect(buckets.map((b) => b.value)).toEqual([...buckets.map((b) => b.value)].sort((a, b) => a - b));

    // The Postgres pool as it is now: the configured size and the connections the requests above opened.
    const pool = (name: string) => find(samples, name, { pool: 'primary', service: 'api' })[0]?.value;
    expect(pool('hvs_db_pool_max_connections')).toBe(20);
    expect(pool('hvs_db_pool_total_connections')).toBeGreaterThanOrEqual(1);
    expect(pool('hvs_db_pool_idle_connections')).toBeGreaterThanOrEqual(0);
    expect(pool('hvs_db_pool_waiting_clients')).toBe(0);

    // BullMQ queue depths for every queue and state (the e2e tier runs with Redis).
    expect(find(samples, 'hvs_queue_depth_up')[0]?.value).toBe(1);
    const queues = find(samples, 'hvs_queue_jobs');
    expect(new Set(queues.map((s) => s.labels.queue))).toEqual(
      new Set(['maintenance', 'credentials', 'notifications', 'media']),
    );
    expect(new Set(queues.map((s) => s.labels.state))).toEqual(
      new Set(['waiting', 'active', 'delayed', 'failed']),
    );
    // The certificate backlog, and Node's own process metrics.
    expect(
      find(samples, 'hvs_certificate_requests')
        .map((s) => s.labels.state)
        .sort(),
    ).toEqual(['failed', 'pending', 'retrying']);
    expect(find(samples, 'process_resident_memory_bytes')).toHaveLength(1);
    expect(find(samples, 'nodejs_eventloop_lag_p99_seconds')).toHaveLength(1);
  });

  it('counts the video heartbeats the service received', async () => {
    const before = parseExposition((await scrape(t)).text);
    const l = await signedUpLearner(t.http);
    const videoId = (await outline(t, COURSE)).find((x) => x.kind === 'video')!.id;
    await l.post(`/api/courses/${COURSE}/enrol`).send({}).expect(201);
    await l.agent.get(`/api/lessons/${videoId}`).expect(200);
    await heartbeat(l, videoId, [[0, 1]], 1).expect(200);
    await heartbeat(l, videoId, [[1, 2]], 2).expect(200);
    const after = parseExposition((await scrape(t, '/metrics')).text);
    const received = (s: Sample[]) => sum(find(s, 'hvs_heartbeats_received_total'));
    expect(received(after) - received(before)).toBe(2);
    expect(find(after, 'hvs_heartbeats_coalesced_total')).toHaveLength(1);
    expect(
      sum(
        find(after, 'hvs_http_request_duration_seconds_count', {
          method: 'POST',
          route: '/api/lessons/:lessonId/heartbeats',
          status_class: '2xx',
        }),
      ),
    ).toBe(2);
  });

  it('answers parallel scrapes, each a valid exposition', async () => {
    const all = await Promise.all(Array.from({ length: 12 }, () => scrape(t)));
    for (const res of all) expect(find(parseExposition(res.text), 'hvs_queue_depth_up')[0]?.value).toBe(1);
  });
});

describe('Prometheus metrics by client address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ METRICS_ALLOW: '127.0.0.1,::1' });
  });
  afterAll(() => t.close());

  it('serves a client inside METRICS_ALLOW without a token, and no bearer token opens it when none is set', async () => {
    const res = await request(t.http).get('/api/metrics').expect(200);
    expect(find(parseExposition(res.text), 'hvs_db_pool_max_connections')).toHaveLength(1);
    // With no METRICS_TOKEN configured, a made-up token is just ignored, never accepted on its own.
    await request(t.http).get('/metrics').set('authorization', 'Bearer whatever').expect(200);
  });
});
