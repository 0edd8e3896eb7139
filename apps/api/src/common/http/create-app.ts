import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyStatic from '@fastify/static';
import { RequestMethod } from '@nestjs/common';
import helmet from 'helmet';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { registerMediaRoutes } from '../../modules/media/media-routes';
import { documentHeartbeat, registerHeartbeatIngest } from '../../modules/learning/heartbeat-ingest';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Logger } from 'pino';
import { WEBVTT_DEFAULT_MAX_BYTES, XAPI_VERSION } from '@hocvuso/domain';
import { AppModule } from '../../app.module';
import { ReadCacheService } from '../cache/read-cache.service';
import type { ApiConfig } from '../../config/api.config';
import { AllExceptionsFilter } from '../filters/all-exceptions.filter';
import { oidcBrowserReturn } from '../../modules/identity/oidc-browser-return';
import { XLSX_MEDIA_TYPE } from '../../modules/populations/population-sheet';
import { clientErrorHandler, frameworkErrorHandler, installEdgeGuards } from './edge-guards';
import { rememberingCookieSigner } from './cookie-signer';
import { CSRF_COOKIE, csrfToken, rememberingCsrfCheck } from './csrf-check';
import { createLogger, PinoNestLogger } from '../logging/logger';
import { ApiMetrics } from '../../modules/metrics/api-metrics';
import { installHttpMetrics } from '../../modules/metrics/http-metrics.hook';
import { AccessLog } from '../logging/access-log';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/**
 * RFC 8058 one-click unsubscribe: a mail provider POSTs with no cookie and no token. The signed token in the
 * URL is the credential, and the call can only turn reminders off. POST /api/credentials/verify is public and
 * changes nothing (it checks a pasted credential), so a machine verifier needs no browser cookie for it.
 */
const CSRF_EXEMPT = /^\/api\/(notifications\/unsubscribe|credentials\/verify)(\?|$)/;

export interface RouteInfo {
  method: string;
  url: string;
}

export interface CreateAppOptions {
  logger?: Logger;
  /** Called for every route Fastify registers (the guard-coverage test walks them). */
  onRoute?: (route: RouteInfo) => void;
}

/**
 * Builds the api exactly as production runs it (plugins, filters, guards, docs) without listening, so the
 * e2e tests exercise the same stack through supertest.
 */
export async function createApp(
  config: ApiConfig,
  options: CreateAppOptions = {},
): Promise<NestFastifyApplication> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    // Only the proxies TRUST_PROXY names may say who the client is (rate limits key on it); none by default.
    // A hop count n trusts the n nearest proxies, as Fastify does for a number.
    trustProxy: typeof config.trustProxy === 'number' ? hops(config.trustProxy) : config.trustProxy,
    loggerInstance: logger,
    // One access-log line per request instead of Fastify's two.
    logController: new AccessLog(),
    requestIdHeader: false,
    // Errors raised by Fastify's router before Nest sees the request (URI too long, bad URL encoding).
    frameworkErrors: frameworkErrorHandler(logger),
    // Errors of Node's HTTP parser (431 headers too large, 400 not HTTP), in the same error shape.
    clientErrorHandler: clientErrorHandler(logger),
    // Node answers a request without Host with a bare 400; let it through so edge-guards answers in the shape.
    http: { requireHostHeader: false },
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
  });
  if (options.onRoute) {
    const onRoute = options.onRoute;
    adapter.getInstance().addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) onRoute({ method, url: route.url });
    });
  }
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, logger), adapter, {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
  });
  app.setGlobalPrefix('api', {
    exclude: [
      { path: '.well-known/did.json', method: RequestMethod.GET },
      // Public pages named in credentials: the QR code's verify link and every alignment's targetUrl.
      { path: 'verify/:id', method: RequestMethod.GET },
      { path: 'frameworks/:id', method: RequestMethod.GET },
      // Prometheus metrics: /metrics and /api/metrics (the controller names both).
      { path: 'metrics', method: RequestMethod.GET },
      { path: 'api/metrics', method: RequestMethod.GET },
    ],
  });
  app.enableShutdownHooks();

  // Anonymous GETs of current public answers, replayed before helmet and the Nest stack (answer-memo.ts). First of
  // the onRequest hooks: the answer it replays carries the headers the whole stack gave it the first time.
  app.getHttpAdapter().getInstance().addHook('onRequest', app.get(ReadCacheService).memo.hook);
  // The secret as a signer that remembers the cookies it verified (cookie-signer.ts).
  await app.register(fastifyCookie, { secret: rememberingCookieSigner(config.cookieSecret) });
  // Security headers: helmet's middleware, built once here. (@fastify/helmet built it again at every request,
  // parsing the CSP directives each time: 8 % of the api's CPU per heartbeat, docs/performance.md.)
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        workerSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.cookieSecure ? [] : null,
      },
    },
    hsts: config.cookieSecure,
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (req, reply, done) =>
      securityHeaders(req.raw, reply.raw, (err) => done(err as Error | undefined)),
    );
  await app.register(fastifyCsrf, {
    cookieKey: CSRF_COOKIE,
    getToken: csrfToken,
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'strict', path: '/', secure: config.cookieSecure },
  });

  const fastify = app.getHttpAdapter().getInstance();
  installHttpMetrics(fastify, app.get(ApiMetrics).http);
  // navigator.sendBeacon (video heartbeats on page unload) can only send text/plain: parse it as JSON.
  fastify.removeContentTypeParser('text/plain');
  fastify.addContentTypeParser('text/plain', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch (e) {
      done(Object.assign(e as Error, { statusCode: 400 }), undefined);
    }
  });
  // Directory and roster imports are CSV uploads, up to 20 MB (a 10,000-row roster is about 1 MB).
  fastify.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: 20 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );
  // Population sheets may come as XLSX workbooks: the raw bytes, up to POPULATION_SHEET_MAX_BYTES (populations module).
  fastify.addContentTypeParser(
    XLSX_MEDIA_TYPE,
    { parseAs: 'buffer', bodyLimit: config.populationSheetMaxBytes },
    (_req, body, done) => done(null, body),
  );
  // WebVTT caption files: the raw bytes (the validator checks UTF-8 and answers VTT_TOO_LARGE past 1 MiB).
  fastify.addContentTypeParser(
    'text/vtt',
    { parseAs: 'buffer', bodyLimit: 2 * WEBVTT_DEFAULT_MAX_BYTES },
    (_req, body, done) => done(null, body),
  );
  // Studio materials: the raw stream; the materials service reads it with MATERIAL_MAX_BYTES as its limit.
  fastify.addContentTypeParser('application/octet-stream', (_req, payload, done) => done(null, payload));
  // Course archives (docs/course-export.md): the raw stream; the import reads it with COURSE_ZIP_MAX_BYTES as its limit.
  fastify.addContentTypeParser('application/zip', (_req, payload, done) => done(null, payload));
  // tus PATCH bodies (video uploads): left unread; tus-node streams them to disk (VIDEO_MAX_BYTES is its limit).
  fastify.addContentTypeParser('application/offset+octet-stream', (_req, _payload, done) =>
    done(null, undefined),
  );
  // Content-Encoding and NUL checks, before CSRF and before any controller (see edge-guards.ts).
  installEdgeGuards(fastify, logger);
  // Double-submit CSRF protection on every state-changing api call (sign-in included: login CSRF). It runs
  // after body parsing so a beacon can carry the token as `_csrf` in its body. Accepted pairs are remembered
  // (csrf-check.ts).
  const csrfCheck = rememberingCsrfCheck(fastify);
  fastify.addHook('preValidation', (req, reply, done) => {
    if (UNSAFE.has(req.method) && req.url.startsWith('/api/') && !CSRF_EXEMPT.test(req.url))
      return csrfCheck(req, reply, done);
    done();
  });
  fastify.addHook('onSend', (req, reply, _payload, done) => {
    void reply.header('x-request-id', req.id);
    // xAPI: every answer of the statement resource names the version, errors (401, 403, 400) included.
    if (req.url.startsWith('/api/xapi/')) void reply.header('x-experience-api-version', XAPI_VERSION);
    done();
  });

  // Video heartbeats, the hottest write: a Fastify route of their own after every app-wide hook (heartbeat-ingest.ts).
  registerHeartbeatIngest(app, logger);

  const webDist = resolveWebDist(config.webDist);
  if (webDist) {
    await app.register(fastifyStatic, {
      root: webDist,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      // tools/build.mjs writes .br and .gz beside every text asset: sent as the browser accepts, with Vary.
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, path) => {
        // Hashed assets are immutable; index.html must be revalidated so a deploy shows up at once.
        void reply.header(
          'cache-control',
          path.includes(`${join('assets', '')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  // Course media (videos, captions, posters, documents), with range requests for video seeking: the media module.
  await registerMediaRoutes(app, { contentDir: config.contentDir, decorateReply: !webDist });
  app.useGlobalFilters(new AllExceptionsFilter(logger, Boolean(webDist), [oidcBrowserReturn]));

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Học vụ số API')
      .setDescription(
        'Every error has the shape { statusCode, code, message, details?, requestId }. State-changing calls need the x-csrf-token header from GET /api/auth/csrf.',
      )
      .setVersion('0.1.0')
      .addCookieAuth('hvs_session')
      .build(),
  );
  documentHeartbeat(document.paths);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
  return app;
}

function resolveWebDist(configured?: string): string | undefined {
  const candidate = resolve(configured ?? 'dist/apps/web');
  return existsSync(join(candidate, 'index.html')) ? candidate : undefined;
}

/** proxy-addr's trust function for the `n` nearest hops. */
const hops = (n: number) => (_address: string, hop: number) => hop < n;
