import type { FastifyInstance } from 'fastify';
import type { HttpMetrics } from '@hocvuso/observability';

/**
 * Times every answer by its route pattern (`/api/courses/:courseId`, never the raw URL), method and status
 * class. Installed on the Fastify instance before the routes are ready (createApp).
 */
export function installHttpMetrics(fastify: FastifyInstance, http: HttpMetrics): void {
  fastify.addHook('onResponse', (req, reply, done) => {
    // A request no route matched has no pattern: it counts as `unmatched`, whatever its URL.
    const route = req.is404 ? undefined : req.routeOptions.url;
    http.observe(req.method, route, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
}
