import { type ArgumentsHost, Catch, type ExceptionFilter, NotFoundException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { toErrorResponse } from './error-response';

/**
 * The single exception filter. Browsers asking for a page that is not under /api get the web app's
 * index.html (client-side routes), everything else gets the JSON error shape.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(
    private readonly logger: Logger,
    private readonly spaFallback: boolean,
  ) {}

  catch(exception: unknown, host: ArgumentsHost) {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    if (
      this.spaFallback &&
      exception instanceof NotFoundException &&
      request.method === 'GET' &&
      !request.url.startsWith('/api') &&
      (request.headers.accept ?? '').includes('text/html')
    ) {
      void reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html');
      return;
    }
    const body = toErrorResponse(exception, String(request.id), this.logger);
    void reply.status(body.statusCode).header('cache-control', 'no-store').send(body);
  }
}
