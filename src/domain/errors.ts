import { type Message, render } from './messages.ts';

/**
 * The one catalogue of error codes. Every failure the API can report is one of these;
 * the HTTP status for each is mapped in `http/errors.ts`, nowhere else.
 */
export const ErrorCodes = {
  /** The request body, query or path did not match the expected shape. */
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  /** The body was not valid JSON. */
  MALFORMED_JSON: 'MALFORMED_JSON',
  /** The body exceeds the size limit. */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** The request's headers (cookies, tokens) are larger than the server reads (16 KiB). */
  HEADERS_TOO_LARGE: 'HEADERS_TOO_LARGE',
  /** The client did not send its request in time. */
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  /** The content type is not accepted by this endpoint. */
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  /** No such resource, or the caller may not know that it exists. */
  NOT_FOUND: 'NOT_FOUND',
  /** The path exists, but not with this method (405, with an `Allow` header). */
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  /** The procedure named in a submission is not loaded. */
  UNKNOWN_PROCEDURE: 'UNKNOWN_PROCEDURE',
  /** The procedure has no action with that id. */
  UNKNOWN_ACTION: 'UNKNOWN_ACTION',
  /** The action exists but is not allowed in the case's current state. */
  ACTION_NOT_ALLOWED: 'ACTION_NOT_ALLOWED',
  /** A guard of the action failed (e.g. measures not all done). */
  PRECONDITION_FAILED: 'PRECONDITION_FAILED',
  /** The case changed since the caller read it (`expectedVersion` is stale). */
  VERSION_CONFLICT: 'VERSION_CONFLICT',
  /** An Idempotency-Key was reused with a different request body. */
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  /** No valid session or token. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** Authenticated, but the caller's roles do not allow this. */
  FORBIDDEN: 'FORBIDDEN',
  /** Wrong username or password. */
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  /** Well-formed, but names an org unit (or a directory's department) that does not exist (issue 20's rules). */
  UNKNOWN_ORG_UNIT: 'UNKNOWN_ORG_UNIT',
  /** A unique value (username, …) is taken. */
  CONFLICT: 'CONFLICT',
  /** Too many requests; retry later. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The database is unreachable or overloaded. */
  UNAVAILABLE: 'UNAVAILABLE',
  /** The database cannot be reached (connection refused or lost, timed out, shutting down); retry later. */
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  /** A bug: logged with a reference, never with details to the caller. */
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/**
 * A failure with a stable code, a message from the catalogue (`messages.ts`) and optional details.
 * `message` holds both languages ("中文 / English") for logs; the HTTP layer renders `said` in
 * the language the caller asks for.
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  readonly said: Message;
  constructor(code: ErrorCode, message: Message, details?: unknown) {
    super(render(message, 'both'));
    this.name = 'DomainError';
    this.code = code;
    this.said = message;
    this.details = details ?? null;
  }
}
