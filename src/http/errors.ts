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

function body(code: ErrorCode, message: string, details: unknown = null): ErrorBody {
  return { error: { code, message, details } };
}

/** Fastify's own errors (parsing, limits, schema validation) in the API's error shape. */
function fromFastify(err: FastifyError): [number, ErrorBody] | undefined {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as { validationContext?: string }).validationContext ?? 'body';
    return [
      400,
      body('VALIDATION_FAILED', '请求内容不正确 / the request is invalid', {
        issues: err.validation.map((v) => ({
          path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
          message: v.message,
        })),
      }),
    ];
  }
  switch (err.code) {
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return [
        413,
        body('PAYLOAD_TOO_LARGE', '请求内容过大 / the request body is too large', {
          limitBytes: (err as { limit?: number }).limit ?? null,
        }),
      ];
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return [
        400,
        body('MALFORMED_JSON', '请求体不是有效的 JSON / the body is not valid JSON', { reason: err.message }),
      ];
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return [
        415,
        body('UNSUPPORTED_MEDIA_TYPE', '请以 application/json 提交 / send application/json', { contentType: null }),
      ];
  }
  if (err instanceof SyntaxError)
    return [400, body('MALFORMED_JSON', '请求体不是有效的 JSON / the body is not valid JSON', { reason: err.message })];
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return [err.statusCode, body(err.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_FAILED', err.message)];
  }
  return undefined;
}

/** Every error leaves the server in the shape `{ error: { code, message, details } }`; a 500 carries only a reference. */
export function errorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (err instanceof DomainError) {
    const retryAfter = (err.details as { retryAfterSeconds?: number } | null)?.retryAfterSeconds;
    if (err.code === 'RATE_LIMITED' && retryAfter) void reply.header('Retry-After', String(retryAfter));
    void reply.status(STATUS[err.code]).send(body(err.code, err.message, err.details));
    return;
  }
  if (err instanceof ZodError) {
    void reply.status(400).send(body('VALIDATION_FAILED', '请求内容不正确 / the request is invalid', zodDetails(err)));
    return;
  }
  const mapped = fromFastify(err);
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
          '数据库暂时无法访问，请稍后重试 / the database is temporarily unavailable; retry shortly',
          { retryAfterSeconds: 5 },
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
      .send(body('VALIDATION_FAILED', '内容含有无法保存的字符 / the text contains characters that cannot be stored'));
    return;
  }
  if (code === '22003') {
    void reply.status(400).send(body('VALIDATION_FAILED', '数值超出范围 / a number is out of range'));
    return;
  }
  const reference = randomUUID();
  request.log.error({ err, reference }, 'unhandled error');
  void reply
    .status(500)
    .send(body('INTERNAL', `服务器内部错误，参考编号 ${reference} / internal error`, { reference }));
}

/**
 * Errors Fastify raises before routing (FST_ERR_BAD_URL: a path that is not valid percent-encoded
 * UTF-8, such as `%c0%ae`) would otherwise leave in Fastify's own shape.
 */
export function frameworkErrorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (err.code === 'FST_ERR_BAD_URL') {
    void reply
      .status(400)
      .send(body('VALIDATION_FAILED', '地址格式错误 / the URL is not valid', { reason: 'bad percent-encoding' }));
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
          body('HEADERS_TOO_LARGE', '请求头过大（例如 Cookie 过多）/ the request headers are too large', {
            limitBytes: 16 * 1024,
          }),
        ]
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, body('REQUEST_TIMEOUT', '请求超时 / the request took too long to arrive')]
        : [400, body('VALIDATION_FAILED', '请求格式错误 / malformed HTTP request')];
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
        body('METHOD_NOT_ALLOWED', `此地址不支持 ${request.method} / ${request.method} is not allowed on ${path}`, {
          allow,
        }),
      );
    return;
  }
  void reply.status(404).send(body('NOT_FOUND', `没有这个地址 / no route ${request.method} ${path}`));
}
