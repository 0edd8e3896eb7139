import { type ArgumentsHost, Catch, type ExceptionFilter, NotFoundException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorResponse } from '@hocvuso/contracts';
import type { Logger } from 'pino';
import { sendErrorReply, toErrorReply } from './error-response';

/** A page a browser's navigation goes to instead of a JSON error, or undefined to keep the JSON. */
export type BrowserReturn = (request: FastifyRequest, error: ErrorResponse) => string | undefined;

/**
 * The single exception filter. Browsers asking for a page that is not under /api get the web app's
 * index.html (client-side routes); a browser navigation that a `BrowserReturn` claims (a provider sign-in)
 * goes to the page it names; everything else gets the JSON error shape.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(
    private readonly logger: Logger,
    private readonly spaFallback: boolean,
    private readonly browserReturns: readonly BrowserReturn[] = [],
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
    const answer = toErrorReply(exception, String(request.id), this.logger);
    const body = answer.body;
    for (const browserReturn of this.browserReturns) {
      const page = browserReturn(request, body);
      if (page) {
        void reply.header('cache-control', 'no-store').redirect(page, 303);
        return;
      }
    }
    sendErrorReply(reply, answer);
  }
}
