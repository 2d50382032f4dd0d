import type { FastifyInstance, RouteOptions } from 'fastify';
import { z } from 'zod';

/**
 * The API contract's shared pieces (issue 26): the one error shape, compact response declarations,
 * and what every operation gets without its route repeating it — operationId, security, the
 * errors its kind of route can answer. Route files declare only what is theirs (2xx schemas, the
 * domain errors they raise); `describeOperations` fills in the rest before the document is built.
 */

/** `{ error: { code, message, details } }` (errors.ts): the body of every answer ≥ 400. */
export const ZError = z
  .object({
    error: z
      .object({
        code: z
          .string()
          .describe('机器可读的错误码 / machine-readable code, e.g. VALIDATION_FAILED (src/domain/errors.ts)'),
        message: z.string().describe('中文 / English, for people'),
        details: z
          .unknown()
          .describe('null or an object: validation issues, retryAfterSeconds, allowed actions … (depends on code)'),
      })
      .strict(),
  })
  .strict()
  .meta({ id: 'Error', description: 'Every answer ≥ 400 / 所有错误应答' });

/** What each error status means here (errors.ts STATUS); the response description in the document. */
const ERROR_MEANING: Record<number, string> = {
  400: 'VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields',
  401: 'UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token',
  403: 'FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token',
  404: 'NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt)',
  409: 'ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it',
  413: 'PAYLOAD_TOO_LARGE: the body is larger than the server accepts',
  415: 'UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads)',
  422: 'UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed',
  429: 'RATE_LIMITED: too many requests; the Retry-After header says when to retry',
  503: 'DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header',
};

type ErrorResponse = { description: string; content: { 'application/json': { schema: typeof ZError } } };

/** `...errors(404, 409)` in a route's `response`: those statuses answer in the Error shape. */
export function errors(...statuses: number[]): Record<number, ErrorResponse> {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: ERROR_MEANING[s] ?? 'Error', content: { 'application/json': { schema: ZError } } },
    ]),
  );
}

/** A 2xx with a description: `ok('the case', ZCaseView)`. */
export function ok<T extends z.ZodType>(description: string, schema: T) {
  return { description, content: { 'application/json': { schema } } };
}

/** A 204: nothing in the body. */
export const NO_CONTENT = z.null().describe('no content / 无内容');

/** The body of a route that declares no 2xx: test/openapi-contract.test.ts fails on it. */
const UNDESCRIBED = z.unknown().describe('not yet described / 尚未描述');

/** A file in the body (an attachment, an archive, a workbook). */
export const BINARY = z.string().meta({ format: 'binary' });

/** Routes that answer a file instead of (or besides) JSON. */
const FILES: Record<string, string[]> = {
  'GET /api/v1/cases/:id/attachments/:attachment': ['application/octet-stream'],
  'GET /api/v1/public/cases/:trackingNo/attachments/:attachment': ['application/octet-stream'],
  'GET /api/v1/cases/:id/archive': ['application/zip'],
  'GET /api/v1/archive': ['application/zip'],
};

/**
 * The 200 of a route that declares no 2xx itself: a file route's file; any other route's body is
 * "not yet described", which test/openapi-contract.test.ts refuses (a route declares its answers).
 */
function defaultSuccess(key: string): Record<number, unknown> {
  const types = FILES[key] ?? ['application/json'];
  const response = {
    description: types.includes('application/json') ? 'not yet described' : 'the file / 文件',
    content: Object.fromEntries(types.map((t) => [t, { schema: t === 'application/json' ? UNDESCRIBED : BINARY }])),
  };
  return { 200: response };
}

/** Routes anyone may call: no session, no token (a receipt or nothing). */
export function isPublic(method: string, url: string): boolean {
  return (
    url.startsWith('/api/v1/public/') || url === '/api/v1/health' || (method === 'POST' && url === '/api/v1/auth/login')
  );
}

const READ = ['GET', 'HEAD', 'OPTIONS'];

/**
 * OpenAPI security requirements: public routes none; staff reads a session cookie or a bearer
 * token; staff writes the session cookie *and* its X-CSRF-Token header, or a bearer token.
 */
function securityFor(method: string, url: string): Record<string, string[]>[] {
  if (isPublic(method, url)) return [];
  if (READ.includes(method)) return [{ session: [] }, { bearer: [] }];
  return [{ session: [], csrf: [] }, { bearer: [] }];
}

/** The errors a route of this kind can answer whatever its handler does. */
function defaultErrors(method: string, url: string, hasParams: boolean): number[] {
  const write = !READ.includes(method);
  const codes = [400, 503];
  // Staff: no session or token, or not allowed; a submitter: an action the procedure keeps from them.
  if (!isPublic(method, url)) codes.push(401, 403);
  else if (write && url.includes(':trackingNo')) codes.push(403);
  if (hasParams || write) codes.push(404);
  if (write) codes.push(409, 413, 415, 422);
  // Public writes are rate-limited per address (public-limit.ts), receipts throttled after wrong tries.
  if ((write && url.startsWith('/api/v1/public/')) || url.includes(':trackingNo')) codes.push(429);
  if (url === '/api/v1/auth/login') codes.push(401, 429);
  return codes;
}

/** operationIds of the API, named for what they do (generated clients use them as method names). */
export const OPERATION_IDS: Record<string, string> = {
  'GET /api/v1/health': 'getHealth',
  'POST /api/v1/auth/login': 'signIn',
  'POST /api/v1/auth/logout': 'signOut',
  'GET /api/v1/me': 'getMe',
  'DELETE /api/v1/auth/tokens/:id': 'revokeOwnToken',
  'POST /api/v1/account/password': 'changePassword',
  'GET /api/v1/account/sessions': 'listSessions',
  'DELETE /api/v1/account/sessions/:id': 'endSession',
  'GET /api/v1/account/totp': 'getSecondFactor',
  'POST /api/v1/account/totp/setup': 'startSecondFactorSetup',
  'POST /api/v1/account/totp/confirm': 'confirmSecondFactor',
  'POST /api/v1/account/totp/remove': 'removeSecondFactor',
  'GET /api/v1/public/procedures': 'listPublicProcedures',
  'GET /api/v1/public/org-units': 'listPublicOrgUnits',
  'POST /api/v1/public/cases': 'submitCase',
  'GET /api/v1/public/cases/:trackingNo': 'trackCase',
  'POST /api/v1/public/cases/:trackingNo/messages': 'sendSubmitterMessage',
  'POST /api/v1/public/cases/:trackingNo/retaliation': 'reportRetaliation',
  'POST /api/v1/public/cases/:trackingNo/appeal': 'appealCase',
  'POST /api/v1/public/cases/:trackingNo/actions/:action': 'performSubmitterAction',
  'POST /api/v1/cases': 'registerCase',
  'GET /api/v1/cases': 'listCases',
  'GET /api/v1/cases/:id': 'getCase',
  'POST /api/v1/cases/:id/identity': 'revealSubmitter',
  'GET /api/v1/cases/:id/same-submitter': 'listSameSubmitterCases',
  'POST /api/v1/cases/:id/messages': 'messageSubmitter',
  'POST /api/v1/cases/:id/respondents/:index/link': 'linkRespondent',
  'GET /api/v1/cases/:id/eligible-users': 'listEligibleUsers',
  'GET /api/v1/cases/:id/recusal-matches': 'listRecusals',
  'POST /api/v1/cases/:id/recusal-matches': 'decideRecusalMatch',
  'POST /api/v1/cases/:id/links': 'linkCases',
  'POST /api/v1/cases/:id/actions/:action': 'performAction',
  'GET /api/v1/calendar': 'getCalendar',
  'POST /api/v1/admin/calendar': 'importCalendar',
  'GET /api/v1/supervision': 'getSupervision',
  'POST /api/v1/supervision/cases/:id/urge': 'urgeCase',
  'POST /api/v1/supervision/cases/:id/take-over': 'takeOverCase',
  'GET /api/v1/admin/org-units': 'listOrgUnits',
  'POST /api/v1/admin/org-units': 'createOrgUnit',
  'GET /api/v1/admin/users': 'listUsers',
  'POST /api/v1/admin/users': 'createUser',
  'GET /api/v1/admin/doctor': 'runDoctor',
  'PUT /api/v1/admin/procedures/:id/intake-unit': 'setIntakeUnit',
  'GET /api/v1/admin/users/:id/grants': 'listGrants',
  'POST /api/v1/admin/users/:id/grants': 'addGrant',
  'DELETE /api/v1/admin/grants/:id': 'removeGrant',
  'POST /api/v1/admin/users/:id/disable': 'disableUser',
  'POST /api/v1/admin/users/:id/enable': 'enableUser',
  'POST /api/v1/admin/users/:id/reset-password': 'resetPassword',
  'POST /api/v1/admin/users/:id/reset-second-factor': 'resetSecondFactor',
  'GET /api/v1/admin/throttles': 'listThrottles',
  'POST /api/v1/admin/throttles/clear': 'clearThrottle',
  'GET /api/v1/admin/procedures': 'listProcedures',
  'POST /api/v1/admin/procedures': 'importProcedure',
  'GET /api/v1/admin/procedures/:id/versions/:version': 'getProcedureVersion',
  'POST /api/v1/admin/procedures/:id/categories': 'addCategory',
  'PATCH /api/v1/admin/procedures/:id/categories/:category': 'updateCategory',
  'DELETE /api/v1/admin/procedures/:id/categories/:category': 'retireCategory',
  'GET /api/v1/admin/tokens': 'listTokens',
  'POST /api/v1/admin/tokens': 'createToken',
  'DELETE /api/v1/admin/tokens/:id': 'revokeToken',
  'GET /api/v1/audit': 'listAudit',
  'GET /api/v1/audit/verify': 'verifyAuditChain',
  'POST /api/v1/cases/:id/attachments': 'uploadAttachment',
  'GET /api/v1/cases/:id/attachments/:attachment': 'downloadAttachment',
  'POST /api/v1/public/cases/:trackingNo/attachments': 'uploadSubmitterAttachment',
  'GET /api/v1/public/cases/:trackingNo/attachments/:attachment': 'downloadSubmitterAttachment',
  'POST /api/v1/public/cases/:trackingNo/data-requests': 'requestOwnData',
  'GET /api/v1/public/cases/:trackingNo/data-requests': 'listOwnDataRequests',
  'POST /api/v1/cases/:id/hold': 'placeHold',
  'POST /api/v1/cases/:id/release': 'releaseHold',
  'POST /api/v1/holds': 'placeHolds',
  'POST /api/v1/cases/:id/data-requests': 'requestCaseData',
  'GET /api/v1/data-requests': 'listDataRequests',
  'POST /api/v1/data-requests/:id/answer': 'answerDataRequest',
  'GET /api/v1/cases/:id/archive': 'exportCaseArchive',
  'GET /api/v1/archive': 'exportArchive',
  'GET /api/v1/notifications': 'listNotifications',
  'POST /api/v1/notifications/:id/read': 'markNotificationRead',
  'GET /api/v1/admin/deliveries': 'listDeliveries',
  'POST /api/v1/admin/deliveries/:id/retry': 'retryDelivery',
  'GET /api/v1/public/disclosures': 'listPublishedDisclosures',
  'POST /api/v1/cases/:id/disclosure': 'proposeDisclosure',
  'GET /api/v1/disclosures': 'listDisclosures',
  'GET /api/v1/disclosures/:id': 'getDisclosure',
  'PATCH /api/v1/disclosures/:id': 'editDisclosure',
  'POST /api/v1/disclosures/:id/notify': 'notifyDisclosure',
  'POST /api/v1/disclosures/:id/publish': 'publishDisclosure',
  'POST /api/v1/disclosures/:id/unpublish': 'unpublishDisclosure',
  'GET /api/v1/improvements': 'listImprovements',
  'POST /api/v1/improvements': 'createImprovement',
  'GET /api/v1/improvements/:id': 'getImprovement',
  'PATCH /api/v1/improvements/:id': 'updateImprovement',
  'GET /api/v1/public/surveys/:id': 'getSurvey',
  'POST /api/v1/public/surveys/:id/responses': 'answerSurvey',
  'GET /api/v1/surveys': 'listSurveys',
  'POST /api/v1/surveys': 'createSurvey',
  'GET /api/v1/surveys/:id/results': 'getSurveyResults',
  'GET /api/v1/stats': 'getStatistics',
  'GET /api/v1/reports': 'listReports',
  'GET /api/v1/reports/:id': 'getReport',
};

type RouteSchema = {
  operationId?: string;
  security?: Record<string, string[]>[];
  params?: unknown;
  response?: Record<string | number, unknown>;
  hide?: boolean;
};

/**
 * An onRoute hook (registered before the routes): every documented API route gets its operationId,
 * its security requirement and the errors of its kind, unless the route declares them itself.
 * The error statuses go into `response`, so Fastify serialises errors through the Error schema too.
 */
export function describeOperations(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const method = Array.isArray(route.method) ? route.method[0] : route.method;
    if (method === 'HEAD' || !route.url.startsWith('/api/')) return;
    const schema = (route.schema ?? {}) as RouteSchema;
    if (schema.hide) return;
    route.schema = schema as RouteOptions['schema'];
    schema.operationId ??= OPERATION_IDS[`${method} ${route.url}`];
    schema.security ??= securityFor(method, route.url);
    const declared = schema.response ?? {};
    // A declared 2xx, or a redirect (directory sign-in), is the route's success.
    const success = Object.keys(declared).some((s) => s.startsWith('2') || s.startsWith('3'))
      ? {}
      : defaultSuccess(`${method} ${route.url}`);
    schema.response = {
      ...success,
      ...errors(...defaultErrors(method, route.url, route.url.includes(':'))),
      ...declared,
    };
  });
}
