import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';

/**
 * Fastify's request log lines, one per request. By default Fastify writes two at info (on arrival, and when the
 * answer has gone); at LOG_LEVEL=info, production's default, that doubled the log and cost about 40 µs of the
 * api's CPU per line. Here the arrival is logged only at debug, and the completion line carries the request
 * (method, path, id: the logger's serializers), the status and the time taken. Both go through the request's
 * logger, so a route's `logLevel` still applies (the video heartbeat logs only warnings), and every other line
 * Fastify writes (errors, a route not found, a stream closed early) is unchanged.
 */
export class AccessLog extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    if (!this.isLogDisabled(request)) request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (!this.isLogDisabled(request)) logCompleted(request, reply, error);
  }
}

/**
 * The access line of a request whose answer has gone. Also called for the router's own errors (a URL too long or
 * badly encoded, `frameworkErrorHandler`): Fastify answers those outside the request lifecycle, so no completion
 * line would be written, and with the arrival line at debug such a request would leave no trace at info.
 */
export function logCompleted(request: FastifyRequest, reply: FastifyReply, error?: Error | null): void {
  const line = { req: request, res: reply, responseTime: reply.elapsedTime };
  if (error) reply.log.error({ ...line, err: error }, 'request errored');
  else reply.log.info(line, 'request completed');
}
