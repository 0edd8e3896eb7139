import request from 'supertest';
import { startTestApp, type TestApp } from './support/test-app';

describe('cross-cutting behaviour', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('liveness and readiness report Postgres and the job transport', async () => {
    await request(t.http).get('/api/health').expect(200, { status: 'ok' });
    const ready = await request(t.http).get('/api/ready').expect(200);
    expect(ready.body).toMatchObject({
      status: 'ready',
      checks: { postgres: 'up', jobs: { transport: 'redis', status: 'up' } },
    });
    // Also reported, without failing readiness: the worker's schedules in Redis and the certificate backlog.
    expect(['registered', 'missing']).toContain(ready.body.checks.jobs.schedules);
    expect(ready.body.checks.certificates).toEqual({
      failed: expect.any(Number),
      retrying: expect.any(Number),
      pending: expect.any(Number),
      oldestPendingSeconds: expect.any(Number),
    });
    expect(Array.isArray(ready.body.warnings)).toBe(true);
  });

  it('serves the OpenAPI document with the skeleton routes', async () => {
    const doc = await request(t.http).get('/api/docs/openapi.json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/sign-in', '/api/courses', '/api/lessons/{lessonId}/complete']),
    );
    await request(t.http).get('/api/docs').expect(200).expect('content-type', /html/);
  });

  it('sets security headers and no CORS headers', async () => {
    const res = await request(t.http).get('/api/courses').set('origin', 'https://evil.example');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sends the whole CSP on every answer, errors and unknown routes included, the same each time', async () => {
    const csp = [
      "default-src 'self'",
      "base-uri 'self'",
      "font-src 'self' data:",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "img-src 'self' data: blob:",
      "object-src 'none'",
      "script-src 'self'",
      "script-src-attr 'none'",
      "style-src 'self' 'unsafe-inline'",
      "media-src 'self' blob:",
      "worker-src 'self' blob:",
      "connect-src 'self'",
    ].sort();
    const answers = await Promise.all([
      request(t.http).get('/api/courses'),
      request(t.http).get('/api/nope'),
      request(t.http).post('/api/auth/sign-in').send({}),
      ...Array.from({ length: 20 }, () => request(t.http).get('/api/health')),
    ]);
    for (const res of answers) {
      expect(String(res.headers['content-security-policy']).split(';').sort()).toEqual(csp);
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    }
  });

  it('echoes a safe incoming request id, and makes one otherwise', async () => {
    const echoed = await request(t.http).get('/api/nope').set('x-request-id', 'trace-12345678');
    expect(echoed.headers['x-request-id']).toBe('trace-12345678');
    expect(echoed.body.requestId).toBe('trace-12345678');
    const made = await request(t.http).get('/api/nope').set('x-request-id', 'bad id with spaces');
    expect(made.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
