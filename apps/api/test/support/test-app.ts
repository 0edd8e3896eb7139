import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApp, type RouteInfo } from '../../src/common/http/create-app';
import { loadApiConfig } from '../../src/config/api.config';

export interface TestApp {
  app: NestFastifyApplication;
  http: Parameters<typeof request>[0];
  routes: RouteInfo[];
  close(): Promise<void>;
}

/** The real api (same plugins, filters, guards) on the run's database, without a listening port. */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { logger?: Logger } = {},
): Promise<TestApp> {
  const routes: RouteInfo[] = [];
  const config = loadApiConfig({
    ...process.env,
    NODE_ENV: 'test',
    COOKIE_SECRET: 'e2e-cookie-secret-0123456789abcdefghijkl',
    RUN_MIGRATIONS: 'false',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    AUTH_RATE_LIMIT_PER_MINUTE: '1000',
    WEB_DIST: '/nonexistent',
    PUBLIC_URL: 'http://localhost:3000',
    ...env,
  });
  const app = await createApp(config, { onRoute: (r) => routes.push(r), logger: options.logger });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return { app, http: app.getHttpServer(), routes, close: () => app.close() };
}

export interface Browser {
  agent: TestAgent;
  csrf: string;
  post(url: string): request.Test;
}

/** A cookie-keeping client that fetched its CSRF token, like the web app does. */
export async function browser(http: TestApp['http']): Promise<Browser> {
  const agent = request.agent(http);
  const res = await agent.get('/api/auth/csrf').expect(200);
  const csrf = res.body.token as string;
  return { agent, csrf, post: (url: string) => agent.post(url).set('x-csrf-token', csrf) };
}

export const uniqueEmail = (prefix = 'learner') => `${prefix}-${randomBytes(5).toString('hex')}@example.com`;

export const PASSWORD = 'mat-khau-an-toan-2026';

/** A new learner, signed in. */
export async function signedUpLearner(
  http: TestApp['http'],
  displayName = 'Nguyễn Văn Học',
): Promise<Browser & { email: string; id: string; sessionCookie: string }> {
  const b = await browser(http);
  const email = uniqueEmail();
  const res = await b
    .post('/api/auth/sign-up')
    .send({ displayName, identifier: email, password: PASSWORD })
    .expect(201);
  const setCookie = res.headers['set-cookie'] as unknown as string[];
  const sessionCookie = setCookie.find((c) => c.startsWith('hvs_session='))!.split(';')[0]!;
  return { ...b, email, id: res.body.id, sessionCookie };
}

/** A browser signed in as one of the seeded demo accounts (`<role>@demo.hocvuso.example`). */
export async function signedInDemo(
  http: TestApp['http'],
  role: 'system-admin' | 'province-admin' | 'unit-admin' | 'teacher' | 'learner' = 'system-admin',
): Promise<Browser> {
  const b = await browser(http);
  await b
    .post('/api/auth/sign-in')
    .send({ identifier: `${role}@demo.hocvuso.example`, password: 'hocvuso-demo' })
    .expect(200);
  return b;
}

/** Gives a signed-in person a profile placed in a unit (and an organisation), in the given target groups. */
export async function placeLearner(
  b: Browser,
  unitId: string | null,
  {
    targetGroups = ['citizens'],
    subGroups = [],
    organisationId = null,
  }: { targetGroups?: string[]; subGroups?: string[]; organisationId?: string | null } = {},
): Promise<void> {
  await b.agent
    .put('/api/me/profile')
    .set('x-csrf-token', b.csrf)
    .send({ targetGroups, subGroups, unitId, organisationId, language: 'vi', accessibility: {} })
    .expect(200);
}

/** Every error body has exactly the documented shape. */
export function expectErrorShape(body: unknown, statusCode: number, code?: string): void {
  expect(body).toEqual(
    expect.objectContaining({
      statusCode,
      code: code ?? expect.any(String),
      message: expect.any(String),
      requestId: expect.any(String),
    }),
  );
  const keys = Object.keys(body as object).sort();
  expect(keys.filter((k) => !['statusCode', 'code', 'message', 'details', 'requestId'].includes(k))).toEqual(
    [],
  );
}
