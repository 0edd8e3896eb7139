import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';
import { Readable } from 'node:stream';
import { findNul, ValidationError } from '@hocvuso/domain';
import type { ErrorResponse } from '@hocvuso/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { sendErrorReply, toErrorReply } from '../filters/error-response';
import { logCompleted } from '../logging/access-log';

/**
 * Checks every request gets before any controller, guard or pipe sees it, so that the trouble they catch
 * answers in the documented error shape and never reaches Postgres:
 *
 * - an HTTP/1.1 request without a Host header is 400 BAD_REQUEST (Node would answer it with an empty body);
 * - `Content-Encoding` other than `identity` is 415 UNSUPPORTED_MEDIA_TYPE (the api does not inflate bodies;
 *   a gzip body would otherwise be read as broken JSON, an unknown coding silently as plain text);
 * - a NUL character anywhere in the query, the path parameters or the body (a key or a string value) is
 *   400 INVALID_TEXT naming the field: Postgres text cannot hold it, and no field needs it.
 *
 * Add before the CSRF hook so these answers do not depend on a token.
 */
export function installEdgeGuards(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onRequest', (req, reply, done) => {
    if (!req.headers.host && req.raw.httpVersion !== '1.0') {
      sendErrorReply(reply, {
        body: {
          statusCode: 400,
          code: 'BAD_REQUEST',
          message: 'The request has no Host header.',
          requestId: String(req.id),
        },
        headers: { connection: 'close' },
      });
      return;
    }
    const encoding = req.headers['content-encoding'];
    if (encoding !== undefined && !isIdentity(encoding)) {
      sendErrorReply(reply, {
        body: {
          statusCode: 415,
          code: 'UNSUPPORTED_MEDIA_TYPE',
          message: 'Compressed request bodies are not accepted; send the body without Content-Encoding.',
          details: { contentEncoding: String(encoding).slice(0, 100) },
          requestId: String(req.id),
        },
        headers: {},
      });
      return;
    }
    done();
  });
  fastify.addHook('preValidation', (req, reply, done) => {
    const where = nulIn(req);
    if (where !== undefined) {
      const error = new ValidationError(
        'INVALID_TEXT',
        'The request contains a NUL character, which no field accepts.',
        [
          {
            path: where.path,
            in: where.in,
            code: 'invalid_text',
            message: 'must not contain a NUL character',
          },
        ],
      );
      sendErrorReply(reply, toErrorReply(error, String(req.id), logger));
      return;
    }
    done();
  });
}

const isIdentity = (encoding: string | string[]): boolean =>
  (Array.isArray(encoding) ? encoding : [encoding])
    .flatMap((e) => e.split(','))
    .every((e) => ['identity', ''].includes(e.trim().toLowerCase()));

function nulIn(req: FastifyRequest): { in: 'query' | 'path' | 'body'; path: string } | undefined {
  for (const [where, value] of [
    ['query', req.query],
    ['path', req.params],
    ['body', req.body],
  ] as const) {
    // Raw uploads (a Buffer, or the stream a materials upload reads itself) are files, not fields.
    if (Buffer.isBuffer(value) || value instanceof Readable) continue;
    const path = findNul(value);
    if (path !== undefined) return { in: where, path };
  }
  return undefined;
}

/**
 * Errors Node's HTTP parser raises before Fastify has a request (headers too large: 431; a malformed request
 * line: 400; a client too slow: 408): the same error shape, written straight to the socket.
 */
export function clientErrorHandler(logger: Logger) {
  return (err: Error & { code?: string }, socket: Socket): void => {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    const statusCode =
      err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const body: ErrorResponse = {
      statusCode,
      code: statusCode === 431 ? 'HEADERS_TOO_LARGE' : statusCode === 408 ? 'REQUEST_TIMEOUT' : 'BAD_REQUEST',
      message:
        statusCode === 431
          ? 'The request headers are too large (too many or too big cookies?).'
          : statusCode === 408
            ? 'The request took too long to arrive.'
            : 'The request is not valid HTTP.',
      requestId: randomUUID(),
    };
    logger.debug({ code: err.code, requestId: body.requestId }, 'client error');
    const json = JSON.stringify(body);
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode]}\r\nContent-Length: ${Buffer.byteLength(json)}\r\n` +
          `Content-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\nX-Request-Id: ${body.requestId}\r\n` +
          `Connection: close\r\n\r\n${json}`,
      );
    }
    socket.destroy(err);
  };
}

/** Fastify's own errors outside a route (router, body parser) in the documented shape, with their access line. */
export function frameworkErrorHandler(logger: Logger) {
  return (error: Error, req: FastifyRequest, reply: FastifyReply): void => {
    sendErrorReply(reply, toErrorReply(error, String(req.id), logger));
    logCompleted(req, reply);
  };
}
