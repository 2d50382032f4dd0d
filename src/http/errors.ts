import { allowedMethods } from './allowed-methods.ts';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { DomainError, type ErrorCode } from '../domain/errors.ts';
import { zodDetails } from '../domain/zod-details.ts';
import { isDatabaseUnavailable } from '../app/db-errors.ts';
import { drainRefusedBody } from './input-guard.ts';
import { type Message, msg, negotiate, render, type Wording } from '../domain/messages.ts';

/** The one table from error code to HTTP status. */
export const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  PAYLOAD_TOO_LARGE: 413,
  HEADERS_TOO_LARGE: 431,
  REQUEST_TIMEOUT: 408,
  UNSUPPORTED_MEDIA_TYPE: 415,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  UNKNOWN_PROCEDURE: 422,
  UNKNOWN_ACTION: 404,
  ACTION_NOT_ALLOWED: 409,
  PRECONDITION_FAILED: 409,
  VERSION_CONFLICT: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  UNKNOWN_ORG_UNIT: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  INVALID_CREDENTIALS: 401,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  DATABASE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

export type ErrorBody = { error: { code: string; message: string; details: unknown } };

/** Fastify's own wording (a plain English string) is passed through as it is. */
function body(
  code: ErrorCode,
  message: Message | string,
  details: unknown = null,
  wording: Wording = 'both',
): ErrorBody {
  return { error: { code, message: typeof message === 'string' ? message : render(message, wording), details } };
}

/**
 * The caller's language for messages (issue 15): `Accept-Language` picks zh-CN or English; without
 * one the message carries both, as it always has. Caches that keep error answers must keep them per language.
 */
function wordingFor(request: FastifyRequest, reply: FastifyReply): Wording {
  const wording = negotiate(request.headers['accept-language']);
  void reply.header('vary', 'Accept-Language');
  if (wording !== 'both') void reply.header('content-language', wording);
  return wording;
}

/** Fastify's own errors (parsing, limits, schema validation) in the API's error shape. */
function fromFastify(err: FastifyError, wording: Wording): [number, ErrorBody] | undefined {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as { validationContext?: string }).validationContext ?? 'body';
    return [
      400,
      body(
        'VALIDATION_FAILED',
        msg('errors.requestInvalid'),
        {
          issues: err.validation.map((v) => ({
            path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
            message: v.message,
          })),
        },
        wording,
      ),
    ];
  }
  switch (err.code) {
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return [
        413,
        body(
          'PAYLOAD_TOO_LARGE',
          msg('errors.requestBodyTooLarge'),
          { limitBytes: (err as { limit?: number }).limit ?? null },
          wording,
        ),
      ];
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return [400, body('MALFORMED_JSON', msg('errors.bodyNotValidJson'), { reason: err.message }, wording)];
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return [415, body('UNSUPPORTED_MEDIA_TYPE', msg('errors.sendApplicationJson'), { contentType: null }, wording)];
  }
  if (err instanceof SyntaxError)
    return [400, body('MALFORMED_JSON', msg('errors.bodyNotValidJson'), { reason: err.message }, wording)];
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return [err.statusCode, body(err.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_FAILED', err.message)];
  }
  return undefined;
}

/** Every error leaves the server in the shape `{ error: { code, message, details } }`; a 500 carries only a reference. */
export function errorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const wording = wordingFor(request, reply);
  if (err instanceof DomainError) {
    const retryAfter = (err.details as { retryAfterSeconds?: number } | null)?.retryAfterSeconds;
    if (err.code === 'RATE_LIMITED' && retryAfter) void reply.header('Retry-After', String(retryAfter));
    void reply.status(STATUS[err.code]).send(body(err.code, err.said, err.details, wording));
    return;
  }
  if (err instanceof ZodError) {
    void reply.status(400).send(body('VALIDATION_FAILED', msg('errors.requestInvalid'), zodDetails(err), wording));
    return;
  }
  const mapped = fromFastify(err, wording);
  if (mapped?.[0] === 413) {
    // Issue 19: the client reads the 413 only once it has finished sending.
    void drainRefusedBody(request.raw).then(() => reply.status(413).send(mapped[1]));
    return;
  }
  if (mapped) {
    void reply.status(mapped[0]).send(mapped[1]);
    return;
  }
  if (isDatabaseUnavailable(err)) {
    // One line per request: in an outage every request fails alike, and the stack adds nothing.
    request.log.error({ code: (err as { code?: string }).code, message: err.message }, 'database unavailable');
    void reply
      .status(503)
      .header('Retry-After', '5')
      .send(
        body(
          'DATABASE_UNAVAILABLE',
          msg('errors.databaseTemporarilyUnavailableRetryShortly'),
          { retryAfterSeconds: 5 },
          wording,
        ),
      );
    return;
  }
  // Backstops for values PostgreSQL cannot hold — text with NUL (refused earlier, http/input-guard.ts),
  // numbers past a column's range — which only a request can have brought in.
  const code = (err as { code?: string }).code ?? '';
  if (code === '22021' || code === '22P05') {
    void reply
      .status(400)
      .send(body('VALIDATION_FAILED', msg('errors.textContainsCharactersCannotStored'), null, wording));
    return;
  }
  if (code === '22003') {
    void reply.status(400).send(body('VALIDATION_FAILED', msg('errors.numberOutRange'), null, wording));
    return;
  }
  const reference = randomUUID();
  request.log.error({ err, reference }, 'unhandled error');
  void reply.status(500).send(body('INTERNAL', msg('errors.internalError', { reference }), { reference }, wording));
}

/**
 * Errors Fastify raises before routing (FST_ERR_BAD_URL: a path that is not valid percent-encoded
 * UTF-8, such as `%c0%ae`) would otherwise leave in Fastify's own shape.
 */
export function frameworkErrorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (err.code === 'FST_ERR_BAD_URL') {
    void reply
      .status(400)
      .send(
        body(
          'VALIDATION_FAILED',
          msg('errors.urlNotValid'),
          { reason: 'bad percent-encoding' },
          wordingFor(request, reply),
        ),
      );
    return;
  }
  errorHandler(err, request, reply);
}

/**
 * A request Node's HTTP parser refuses (headers over 16 KiB, bytes that are not HTTP, too slow)
 * never reaches Fastify's routes; it is answered here, on the socket, still in the API's shape.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, answer] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [
          431,
          body('HEADERS_TOO_LARGE', msg('errors.requestHeadersTooLarge'), {
            limitBytes: 16 * 1024,
          }),
        ]
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, body('REQUEST_TIMEOUT', msg('errors.requestTookTooLongArrive'))]
        : [400, body('VALIDATION_FAILED', msg('errors.malformedHttpRequest'))];
  const text = JSON.stringify(answer);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
  );
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): void {
  const path = request.url.split('?')[0];
  const allow = allowedMethods(request);
  if (allow.length > 0) {
    void reply
      .status(405)
      .header('allow', allow.join(', '))
      .send(
        body(
          'METHOD_NOT_ALLOWED',
          msg('errors.notAllowedOn', { method: request.method, path }),
          { allow },
          wordingFor(request, reply),
        ),
      );
    return;
  }
  void reply
    .status(404)
    .send(body('NOT_FOUND', msg('errors.noRoute', { method: request.method, path }), null, wordingFor(request, reply)));
}
