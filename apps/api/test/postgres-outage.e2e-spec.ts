// Postgres goes away while the api runs: every route that needs it answers 503 SERVICE_UNAVAILABLE with
// Retry-After in the error shape (logged as warnings, not as 500s with stacks), and once Postgres is back the
// same routes work again without restarting the api (the pool heals). The Postgres is this suite's own
// embedded one (run in a child process, stopped and started by the test); the machine's shared one is never
// touched.
import { Writable } from 'node:stream';
import { dataSourceOptions } from '@hocvuso/db';
import { OwnPostgres } from '@hocvuso/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApp } from '../src/common/http/create-app';
import { createLogger } from '../src/common/logging/logger';
import { loadApiConfig } from '../src/config/api.config';
import { browser, expectErrorShape, PASSWORD, uniqueEmail } from './support/test-app';

jest.setTimeout(180_000);

describe('Postgres stops while the api runs', () => {
  let own: OwnPostgres;
  let app: NestFastifyApplication;
  let http: Parameters<typeof browser>[0];
  const logs: Array<{ level: number; msg: string; code?: string }> = [];

  beforeAll(async () => {
    const started = await OwnPostgres.start('hvs_outage');
    own = started.pg;
    const migrate = await new DataSource(dataSourceOptions(started.url, { logging: false })).initialize();
    await migrate.runMigrations({ transaction: 'each' });
    await migrate.destroy();
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logs.push(JSON.parse(line));
        done();
      },
    });
    const config = loadApiConfig({
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: started.url,
      COOKIE_SECRET: 'e2e-cookie-secret-0123456789abcdefghijkl',
      RUN_MIGRATIONS: 'false',
      LOG_LEVEL: 'warn',
      AUTH_RATE_LIMIT_PER_MINUTE: '1000',
      WEB_DIST: '/nonexistent',
      PUBLIC_URL: 'http://localhost:3000',
    });
    app = await createApp(config, { logger: createLogger('warn', sink) });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    http = app.getHttpServer();
  });

  afterAll(async () => {
    await app?.close();
    await own?.close();
  });

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After while it is down, and works again once it is back', async () => {
    const b = await browser(http);
    const email = uniqueEmail('outage');
    await b
      .post('/api/auth/sign-up')
      .send({ displayName: 'Trần Thị Bền', identifier: email, password: PASSWORD })
      .expect(201);
    await b.agent.get('/api/auth/me').expect(200);
    await b.agent.get('/api/courses').expect(200);

    await own.command('stop');
    const attempts: Array<
      [string, () => Promise<{ status: number; body: unknown; headers: Record<string, string> }>]
    > = [
      ['me', () => b.agent.get('/api/auth/me')],
      ['catalogue', () => b.agent.get('/api/courses')],
      ['organisations', () => b.agent.get('/api/organisations?q=ubnd')],
      ['sign-in', () => b.post('/api/auth/sign-in').send({ identifier: email, password: PASSWORD })],
      [
        'sign-up',
        () =>
          b
            .post('/api/auth/sign-up')
            .send({ displayName: 'Lê Văn Chờ', identifier: uniqueEmail('outage'), password: PASSWORD }),
      ],
    ];
    for (const [what, attempt] of attempts) {
      const res = await attempt();
      expect({ what, status: res.status }).toEqual({ what, status: 503 });
      expectErrorShape(res.body, 503, 'SERVICE_UNAVAILABLE');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(res.headers['cache-control']).toBe('no-store');
    }
    expect(logs.filter((l) => l.level >= 50)).toEqual([]);
    expect(
      logs.filter((l) => l.level === 40 && l.msg.includes('database unavailable')).length,
    ).toBeGreaterThanOrEqual(attempts.length);

    await own.command('start');
    // The pool drops the connections Postgres closed and opens new ones: no api restart is needed. The first
    // request after the restart may still meet one connection that died with the old server (and gets a 503).
    let me = await b.agent.get('/api/auth/me');
    for (let i = 0; i < 5 && me.status === 503; i++) me = await b.agent.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.displayName).toBe('Trần Thị Bền');
    await b.agent.get('/api/courses').expect(200);
    await b.post('/api/auth/sign-in').send({ identifier: email, password: PASSWORD }).expect(200);
    expect(logs.filter((l) => l.level >= 50)).toEqual([]);
  });
});
