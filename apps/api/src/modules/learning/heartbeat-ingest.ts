import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getStorageToken, ThrottlerException, type ThrottlerStorage } from '@nestjs/throttler';
import { UnauthenticatedError } from '@hocvuso/domain';
import { courseDetailQuerySchema, heartbeatRequestSchema, heartbeatResponseSchema } from '@hocvuso/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { zodSchema } from '../../common/http/openapi';
import { sendErrorReply, toErrorReply } from '../../common/filters/error-response';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { SessionService } from '../auth/session.service';
import { LearningService } from './learning.service';

/** The heartbeat's address: Fastify's pattern, and the OpenAPI document's. */
export const HEARTBEAT_ROUTE = '/api/lessons/:lessonId/heartbeats';
const HEARTBEAT_PATH = '/api/lessons/{lessonId}/heartbeats';

const body = new ZodValidationPipe(heartbeatRequestSchema);
const query = new ZodValidationPipe(courseDetailQuerySchema);

/** The per-learner limit's window, and its name in the rate-limit headers (`X-RateLimit-Limit-heartbeat`). */
const WINDOW_MS = 60_000;
const THROTTLER = 'heartbeat';

/**
 * The video heartbeat's own door (docs/performance.md, "The heartbeat ingest"). Heartbeats are the api's hottest
 * write (every learner watching sends one every 10 s), and most of a heartbeat's time went to Nest's router
 * (execution context, reflector lookups, guards, pipes) rather than to the heartbeat. So this one route is a
 * Fastify route of its own: it gets every app-wide hook as any route does (cookies, security headers, the edge
 * guards' Content-Encoding and NUL checks, the body parsers with their limits, the CSRF check, metrics, the
 * request id), and then does exactly what the Nest route did, each step through the same function as the rest
 * of the api:
 *
 * 1. the caller from the signed session cookie (`SessionService.callerOf`, the SessionGuard's check), which may
 *    come from the session cache: the batch that writes the heartbeat checks in SQL that it is still live;
 * 2. the per-learner limit (`HEARTBEAT_RATE_LIMIT_PER_MINUTE`) in the platform throttler's storage, answered as
 *    the throttler answers (429 RATE_LIMITED, `Retry-After-heartbeat`);
 * 3. the query and body against the contracts (`ZodValidationPipe`: 400 VALIDATION_FAILED with details);
 * 4. `LearningService.heartbeat`, the one crediting path (batched, committed before the answer);
 * 5. any error, here or in a hook before, in the documented shape (`toErrorReply`, the exception filter's function).
 */
export function registerHeartbeatIngest(app: NestFastifyApplication, logger: Logger): void {
  const fastify = app.getHttpAdapter().getInstance();
  const sessions = app.get(SessionService);
  const learning = app.get(LearningService);
  const storage = app.get<symbol, ThrottlerStorage>(getStorageToken());
  const limit = app.get<symbol, ApiConfig>(API_CONFIG).heartbeatRateLimitPerMinute;

  /** Counts the heartbeat against its learner's budget; throws the throttler's 429 once it is spent. */
  async function withinLimit(userId: string, reply: FastifyReply): Promise<void> {
    const hits = await storage.increment(`${THROTTLER}:${userId}`, WINDOW_MS, limit, WINDOW_MS, THROTTLER);
    if (hits.isBlocked) {
      // The throttler's own header, and the standard one the player reads to know how long to stay quiet.
      void reply.headers({
        [`Retry-After-${THROTTLER}`]: hits.timeToBlockExpire,
        'Retry-After': hits.timeToBlockExpire,
      });
      throw new ThrottlerException();
    }
    void reply.headers({
      [`X-RateLimit-Limit-${THROTTLER}`]: limit,
      [`X-RateLimit-Remaining-${THROTTLER}`]: Math.max(0, limit - hits.totalHits),
      [`X-RateLimit-Reset-${THROTTLER}`]: hits.timeToExpire,
    });
  }

  fastify.post(
    HEARTBEAT_ROUTE,
    {
      // No access-log line for heartbeats: one per learner watching every 10 s, they would be most of the log at
      // LOG_LEVEL=info (production's default), and logging them cost ~20 % of the api's CPU per heartbeat (456 →
      // 372 µs in a --quick bench at info). /metrics counts them by status and latency; errors are still logged
      // by `toErrorReply` (the app's logger).
      logLevel: 'warn',
      // Everything that goes wrong, in a hook (a body too large or not JSON, a missing CSRF token) or below, is
      // answered by the exception filter's function, in the documented shape.
      errorHandler: (thrown, req, reply) =>
        sendErrorReply(reply, toErrorReply(thrown, String(req.id), logger)),
    },
    async (req: FastifyRequest, reply: FastifyReply) => {
      const caller = await sessions.callerOf(req, reply, { isPublic: false, cached: true });
      if (!caller) throw new UnauthenticatedError('UNAUTHENTICATED', 'Sign in to continue.');
      await withinLimit(caller.id, reply);
      const { lang } = query.transform(req.query);
      const beat = body.transform(req.body);
      const { lessonId } = req.params as { lessonId: string };
      return learning.heartbeat(caller, lessonId, beat, lang);
    },
  );
}

/** The heartbeat in the OpenAPI document (Nest's document only knows Nest's routes). */
export function documentHeartbeat(paths: Record<string, unknown>): void {
  const queryJson = zodSchema(courseDetailQuerySchema) as {
    properties?: Record<string, Record<string, unknown>>;
  };
  paths[HEARTBEAT_PATH] = {
    post: {
      operationId: 'LearningController_heartbeat',
      tags: ['learning'],
      summary:
        'Video heartbeat (every 10 s while playing, and on pause, seek, end and page hide). Accepts text/plain JSON with the CSRF token in the body, for navigator.sendBeacon. Rate limited per learner.',
      security: [{ cookie: [] }],
      parameters: [
        { name: 'lessonId', in: 'path', required: true, schema: { type: 'string' } },
        ...Object.entries(queryJson.properties ?? {}).map(([name, schema]) => ({
          name,
          in: 'query',
          required: false,
          schema,
        })),
      ],
      requestBody: {
        required: true,
        content: {
          'application/json': { schema: zodSchema(heartbeatRequestSchema) },
          'text/plain': { schema: zodSchema(heartbeatRequestSchema) },
        },
      },
      responses: {
        '200': {
          description: 'Credited (and committed)',
          content: { 'application/json': { schema: zodSchema(heartbeatResponseSchema, 'output') } },
        },
      },
    },
  };
}
