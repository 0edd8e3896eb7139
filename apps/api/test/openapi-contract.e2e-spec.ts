import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import {
  auditPageSchema,
  courseDetailSchema,
  courseListResponseSchema,
  courseProgressResponseSchema,
  frameworksResponseSchema,
  learnerPageSchema,
  mandatesResponseSchema,
  meResponseSchema,
  myLearningResponseSchema,
  profileResponseSchema,
  teachingCoursesResponseSchema,
  unitsResponseSchema,
} from '@hocvuso/contracts';
import request from 'supertest';
import type { z } from 'zod';
import { signedInDemo, signedUpLearner, startTestApp, type TestApp } from './support/test-app';

interface Operation {
  operationId?: string;
  parameters?: Array<{ in: string; name: string }>;
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
}
type Paths = Record<string, Record<string, Operation>>;

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];
/** Answers without a body, declared by status alone. */
const BODILESS = new Set(['204', '301', '302', '303']);

/** Every operation of the document, as `METHOD path` with its operation. */
function operations(paths: Paths): Array<[string, Operation]> {
  return Object.entries(paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, op]): [string, Operation] => [`${method.toUpperCase()} ${path}`, op]),
  );
}

/** An answer is declared when some response carries a schema under a media type, or is a declared 204/redirect. */
function declaresResponse(op: Operation): boolean {
  return Object.entries(op.responses ?? {}).some(
    ([status, r]) =>
      Object.values(r.content ?? {}).some((media) => media.schema !== undefined) ||
      (BODILESS.has(status) && (r.description ?? '') !== ''),
  );
}

/** `Controller_method` of every GET handler that reads the query string (`@Query()` or `@Query('x')`). */
function getHandlersReadingQuery(t: TestApp): string[] {
  const found: string[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        if (Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.GET) continue;
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<
          string,
          unknown
        >;
        if (Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.QUERY)))
          found.push(`${controller.name}_${name}`);
      }
    }
  }
  return found;
}

describe('the OpenAPI document is the wire contract', () => {
  let t: TestApp;
  let paths: Paths;
  beforeAll(async () => {
    t = await startTestApp();
    paths = (await request(t.http).get('/api/docs/openapi.json').expect(200)).body.paths as Paths;
  });
  afterAll(() => t.close());

  it('declares a response schema (or a non-JSON media type, or a bodiless status) for every operation', () => {
    const all = operations(paths);
    expect(all.length).toBeGreaterThan(80);
    expect(all.filter(([, op]) => !declaresResponse(op)).map(([name]) => name)).toEqual([]);
  });

  it('documents the query parameters of every GET handler that reads the query string', () => {
    const byId = new Map(operations(paths).map(([name, op]) => [op.operationId, { name, op }]));
    const readers = getHandlersReadingQuery(t);
    // The check itself must see the handlers it is about (catalogue, learning, audit, xAPI…).
    expect(readers).toEqual(expect.arrayContaining(['CatalogController_list', 'AuditController_list']));
    const undocumented = readers
      .filter((id) => !(byId.get(id)?.op.parameters ?? []).some((p) => p.in === 'query'))
      .map((id) => `${byId.get(id)?.name ?? 'not in the document'} (${id})`);
    expect(undocumented).toEqual([]);
  });

  it('writes every schema as an OpenAPI 3.0 Schema Object (no JSON Schema 2020-12 keywords a 3.0 client rejects)', () => {
    // The Schema Object's fields in OpenAPI 3.0.3 §4.7.24, and nothing else (x- extensions aside).
    const allowed = new Set([
      ...['title', 'multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength'],
      ...['minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'maxProperties', 'minProperties'],
      ...['required', 'enum', 'type', 'allOf', 'oneOf', 'anyOf', 'not', 'items', 'properties'],
      ...['additionalProperties', 'description', 'format', 'default', 'nullable', 'discriminator'],
      ...['readOnly', 'writeOnly', 'xml', 'externalDocs', 'example', 'deprecated', '$ref'],
    ]);
    const types = new Set(['array', 'boolean', 'integer', 'number', 'object', 'string']);
    const problems: string[] = [];
    const schema = (s: unknown, at: string): void => {
      if (typeof s !== 'object' || s === null) return;
      const o = s as Record<string, unknown>;
      for (const [key, value] of Object.entries(o)) {
        if (!allowed.has(key) && !key.startsWith('x-')) problems.push(`${at}: ${key}`);
        if (key === 'type' && !(typeof value === 'string' && types.has(value)))
          problems.push(`${at}: type ${JSON.stringify(value)}`);
        if ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof value !== 'boolean')
          problems.push(`${at}: numeric ${key}`);
      }
      if (o.properties && typeof o.properties === 'object')
        for (const [name, sub] of Object.entries(o.properties)) schema(sub, `${at}.${name}`);
      for (const key of ['items', 'not', 'additionalProperties']) schema(o[key], `${at}.${key}`);
      for (const key of ['allOf', 'oneOf', 'anyOf'])
        if (Array.isArray(o[key]))
          (o[key] as unknown[]).forEach((sub, i) => schema(sub, `${at}.${key}[${i}]`));
    };
    for (const [name, op] of operations(paths)) {
      const o = op as unknown as {
        parameters?: Array<{ name: string; schema?: unknown }>;
        requestBody?: { content?: Record<string, { schema?: unknown }> };
        responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
      };
      for (const p of o.parameters ?? []) schema(p.schema, `${name} ?${p.name}`);
      for (const [type, c] of Object.entries(o.requestBody?.content ?? {}))
        schema(c.schema, `${name} body ${type}`);
      for (const [status, r] of Object.entries(o.responses ?? {}))
        for (const [type, c] of Object.entries(r.content ?? {}))
          schema(c.schema, `${name} ${status} ${type}`);
    }
    expect(problems).toEqual([]);
  });

  it('documents each query parameter with its schema (GET /api/courses)', () => {
    const params = paths['/api/courses']!.get!.parameters!.filter((p) => p.in === 'query').map((p) => p.name);
    expect(params).toEqual(expect.arrayContaining(['q', 'targetGroup', 'page', 'limit', 'lang']));
  });
});

describe('real answers match their contract schemas', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** Parses `body` with `schema`, failing with the issues (paths and messages) when it does not match. */
  const conforms = (schema: z.ZodType, body: unknown) => {
    const parsed = schema.safeParse(body);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  };

  it('the catalogue, a course page and the frameworks', async () => {
    const list = (await request(t.http).get('/api/courses?limit=50').expect(200)).body;
    conforms(courseListResponseSchema, list);
    expect(list.items.length).toBeGreaterThan(0);
    const id = list.items[0].id as string;
    conforms(courseDetailSchema, (await request(t.http).get(`/api/courses/${id}?lang=en`).expect(200)).body);
    conforms(frameworksResponseSchema, (await request(t.http).get('/api/frameworks').expect(200)).body);
  });

  it("a learner's /api/auth/me, profile, units, learning and course progress", async () => {
    const learner = await signedUpLearner(t.http);
    conforms(meResponseSchema, (await learner.agent.get('/api/auth/me').expect(200)).body);
    conforms(profileResponseSchema, (await learner.agent.get('/api/me/profile').expect(200)).body);
    const units = (await learner.agent.get('/api/units').expect(200)).body;
    conforms(unitsResponseSchema, units);
    expect(units.items.length).toBeGreaterThan(0);
    const course = (await request(t.http).get('/api/courses').expect(200)).body.items[0].id as string;
    await learner.post(`/api/courses/${course}/enrol`).send({}).expect(201);
    conforms(myLearningResponseSchema, (await learner.agent.get('/api/me/learning').expect(200)).body);
    conforms(
      courseProgressResponseSchema,
      (await learner.agent.get(`/api/me/courses/${course}`).expect(200)).body,
    );
  });

  it("an administrator's lists: learners, mandates, the audit log, the teaching studio", async () => {
    // Something in the audit log: a learner's consent is recorded there.
    const learner = await signedUpLearner(t.http);
    await learner
      .post('/api/me/consents')
      .send({ purpose: 'reminders-email', textVersion: '2026-11', granted: true })
      .expect(200);
    const admin = await signedInDemo(t.http, 'system-admin');
    const learners = (await admin.agent.get('/api/admin/learners?limit=20').expect(200)).body;
    conforms(learnerPageSchema, learners);
    conforms(mandatesResponseSchema, (await admin.agent.get('/api/admin/mandates').expect(200)).body);
    const audit = (await admin.agent.get('/api/admin/audit-log?limit=20').expect(200)).body;
    conforms(auditPageSchema, audit);
    expect(audit.items.length).toBeGreaterThan(0);
    const teacher = await signedInDemo(t.http, 'teacher');
    conforms(
      teachingCoursesResponseSchema,
      (await teacher.agent.get('/api/teaching/courses').expect(200)).body,
    );
  });
});
