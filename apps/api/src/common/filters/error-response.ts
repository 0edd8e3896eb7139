import { randomUUID } from 'node:crypto';
import { HttpException } from '@nestjs/common';
import { isDomainError, type DomainErrorKind } from '@hocvuso/domain';
import type { ErrorResponse } from '@hocvuso/contracts';
import type { FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { databaseUnavailable, RETRY_AFTER_SECONDS } from './database-unavailable';

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  rate_limited: 429,
  unavailable: 503,
};

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  431: 'HEADERS_TOO_LARGE',
  503: 'UNAVAILABLE',
};

/** Fastify's own error codes that clients meet, with stable names of ours and plain messages. */
const FASTIFY_ERRORS: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Send the body as application/json.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'MALFORMED_JSON',
    message: 'The body is empty but content-type is application/json.',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'MALFORMED_JSON', message: 'The body is not valid JSON.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'BAD_REQUEST',
    message: 'The content-length header does not match the body.',
  },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'URI_TOO_LONG', message: 'A part of the address is too long.' },
  FST_ERR_BAD_URL: { code: 'BAD_URL', message: 'The address is not valid.' },
  FST_CSRF_INVALID_TOKEN: {
    code: 'CSRF_INVALID',
    message: 'The CSRF token is missing or wrong; fetch /api/auth/csrf.',
  },
  FST_CSRF_MISSING_SECRET: {
    code: 'CSRF_INVALID',
    message: 'The CSRF cookie is missing; fetch /api/auth/csrf.',
  },
  FST_ERR_CTP_INVALID_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'The content-type header is not valid.',
  },
  FST_ERR_CTP_INVALID_CONTENT_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'The content-type header is not valid.',
  },
  FST_ERR_NOT_FOUND: { code: 'ROUTE_NOT_FOUND', message: 'There is nothing at this address.' },
  FST_ERR_ASYNC_CONSTRAINT: { code: 'BAD_REQUEST', message: 'The request cannot be routed.' },
  FST_ERR_CTP_BODY_TOO_LARGE_CONTENT_LENGTH: {
    code: 'PAYLOAD_TOO_LARGE',
    message: 'The request body is too large.',
  },
};

/** An error answer: the documented body, and headers that go with it (Retry-After on a 503). */
export interface ErrorReply {
  body: ErrorResponse;
  headers: Record<string, string>;
}

/** Sends an error answer in the documented shape; never cached. */
export function sendErrorReply(reply: FastifyReply, { body, headers }: ErrorReply): void {
  void reply
    .status(body.statusCode)
    .headers({ ...headers, 'cache-control': 'no-store' })
    .type('application/json; charset=utf-8')
    .send(body);
}

/**
 * `toErrorResponse` with the headers the answer needs: a database that cannot answer now (down, restarting,
 * pool exhausted, lock or statement timeout) is 503 SERVICE_UNAVAILABLE with Retry-After, logged as one
 * warning line, not a 500 with a stack.
 */
export function toErrorReply(thrown: unknown, requestId: string, logger: Logger): ErrorReply {
  const unavailable = databaseUnavailable(thrown);
  if (unavailable) {
    const retryAfter = RETRY_AFTER_SECONDS[unavailable.reason];
    logger.warn(
      { requestId, reason: unavailable.reason, cause: unavailable.cause },
      'database unavailable: answered 503',
    );
    return {
      body: {
        statusCode: 503,
        code: 'SERVICE_UNAVAILABLE',
        message:
          unavailable.reason === 'busy'
            ? 'The service is busy right now; try again in a few seconds.'
            : 'The service is briefly unavailable; try again in a few seconds.',
        details: { retryAfterSeconds: retryAfter },
        requestId,
      },
      headers: { 'retry-after': String(retryAfter) },
    };
  }
  const body = toErrorResponse(thrown, requestId, logger);
  if (body.statusCode === 503)
    return { body, headers: { 'retry-after': String(RETRY_AFTER_SECONDS.connection) } };
  // A 429 that knows when to come back says so in the header too (the SMS caps, a locked account).
  const retryAfter = (body.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (body.statusCode === 429 && typeof retryAfter === 'number')
    return { body, headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfter))) } };
  return { body, headers: {} };
}

interface ErrorWithStatus {
  statusCode?: number;
  status?: number;
  code?: string;
  message?: string;
}

/**
 * Turns anything thrown into the documented error shape. The one place that decides HTTP statuses.
 * Unexpected errors become a 500 whose `details.errorId` is logged with the stack; the client never sees it.
 */
export function toErrorResponse(thrown: unknown, requestId: string, logger: Logger): ErrorResponse {
  // Nest wraps Fastify's own 4xx errors (body too large, bad JSON, CSRF) in an HttpException; judge the cause.
  const error =
    thrown instanceof HttpException && thrown.cause && typeof thrown.cause === 'object'
      ? thrown.cause
      : thrown;
  if (isDomainError(error)) {
    return {
      statusCode: STATUS_BY_KIND[error.kind],
      code: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
      requestId,
    };
  }
  if (error instanceof HttpException) {
    const statusCode = error.getStatus();
    const body = error.getResponse();
    const message =
      statusCode === 404
        ? 'There is nothing at this address.'
        : statusCode === 429
          ? 'Too many requests; wait a minute and try again.'
          : typeof body === 'string'
            ? body
            : ((body as { message?: string }).message ?? error.message);
    return {
      statusCode,
      code: statusCode === 404 ? 'ROUTE_NOT_FOUND' : (CODE_BY_STATUS[statusCode] ?? 'HTTP_ERROR'),
      message: String(message),
      requestId,
    };
  }
  const e = (error ?? {}) as ErrorWithStatus;
  const status = e.statusCode ?? e.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const known = e.code ? FASTIFY_ERRORS[e.code] : undefined;
    const isJsonSyntax = error instanceof SyntaxError;
    return {
      statusCode: status,
      code: known?.code ?? (isJsonSyntax ? 'MALFORMED_JSON' : (CODE_BY_STATUS[status] ?? 'BAD_REQUEST')),
      message:
        known?.message ?? (isJsonSyntax ? 'The body is not valid JSON.' : (e.message ?? 'Bad request.')),
      requestId,
    };
  }
  const errorId = randomUUID();
  logger.error({ err: error, errorId, requestId }, 'unhandled error');
  return {
    statusCode: 500,
    code: 'INTERNAL_ERROR',
    message: 'Something went wrong on our side. Quote the error id if you contact support.',
    details: { errorId },
    requestId,
  };
}
