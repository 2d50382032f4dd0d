import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

/**
 * What a parameter means, by name, for the parameters whose zod schema carries no `.describe()`:
 * the document gives every parameter a description (issue 26) without every route repeating it.
 */
const PARAMETER_MEANING: Record<string, string> = {
  id: 'the id (26-character ULID unless stated otherwise) of the thing the path names',
  trackingNo: '查询码 / the tracking number given at submission',
  action: 'an action of the case procedure (lower-case kebab-case), as listed in the case view',
  attachment: 'the attachment id',
  index: 'position of the respondent in the case (0-based)',
  version: 'a procedure version number',
  category: 'a category id of the procedure',
  'idempotency-key':
    'retry safely: the same key with the same body answers the first result again; a different body 422 (1–200 visible ASCII)',
  'x-receipt': '回执码 / the receipt given at submission, proving the caller is the submitter',
  procedure: 'a procedure id',
  kind: 'a case kind',
  category_: 'a category id',
  severity: 'a severity of the procedure',
  channel: 'how the case came in',
  q: 'full-text search (Chinese segmented)',
  limit: 'page size',
  cursor: 'nextCursor of the previous page',
  from: 'on or after this local day (YYYY-MM-DD)',
  to: 'on or before this local day (YYYY-MM-DD)',
  month: 'a month (YYYY-MM)',
  unit: 'an org unit id',
  orgUnit: 'an org unit id: this unit and the units below it',
  status: 'a state or a comma-separated list of states',
  caseId: 'a case id',
  actor: 'who acted (user id or system name)',
  action_: 'an audited action',
  field: 'the input field of the action',
  year: 'a year',
  format: 'the output format',
  all: 'include everything, not only what is open',
  unread: 'only unread notices',
  state: 'a state',
  entity: 'the audited entity (case id, user id …)',
  before: 'entries before this one (paging backwards)',
  case: 'a case id',
  business: 'a business (disclosures of this business only)',
  page: 'page number (1-based)',
  pageSize: 'entries per page',
  cause: 'a root cause',
};

type JsonObject = { properties?: Record<string, { description?: string }>; required?: string[] };
type Transformed = {
  params?: JsonObject;
  querystring?: JsonObject;
  headers?: JsonObject;
  body?: unknown;
  consumes?: string[];
  response?: Record<string, unknown>;
};

function describe(schema: JsonObject | undefined): void {
  for (const [name, property] of Object.entries(schema?.properties ?? {}))
    property.description ??= PARAMETER_MEANING[name] ?? PARAMETER_MEANING[`${name}_`];
}

/** The multipart body of the two upload operations (their handlers read the stream, not a schema). */
const UPLOAD = {
  type: 'object',
  required: ['file'],
  properties: {
    file: { type: 'string', format: 'binary', description: 'the file, at most 10 MB / 文件，不超过 10 MB' },
    visibility: {
      type: 'string',
      enum: ['internal', 'public'],
      description: 'staff uploads: whether the submitter sees it (default internal)',
    },
  },
};

/**
 * Request examples an integrator can send as they are (issue 26): the bodies the tests send
 * (test/support/harness.ts `complaint()` is this one), checked against their own schemas by
 * test/openapi-contract.test.ts.
 */
export const REQUEST_EXAMPLES: Record<string, Record<string, unknown>> = {
  'POST /api/v1/public/cases': {
    procedure: 'customer-complaint',
    kind: 'complaint',
    subject: '新买的冰箱不制冷',
    description: '11月20日在人民路门店购买的冰箱，送货到家后第二天就不制冷了，多次打电话无人处理。',
    anonymous: false,
    submitter: { name: '张三', phone: '13812345678', email: 'zhangsan@example.com' },
    respondents: [{ name: '人民路门店', type: 'business' }],
    occurredAt: '2026-11-21T09:00:00+08:00',
    location: '上海市人民路 100 号',
    requestedOutcome: '更换一台新冰箱',
    fields: { orderNo: 'SO-20261120-0042', productName: '双门冰箱 BCD-300', store: '人民路门店' },
    affirmTruthful: true,
  },
  'POST /api/v1/cases/:id/messages': { text: '已收到，请保留发票原件' },
};

/** jsonSchemaTransform, then what zod cannot say: descriptions by name, required receipts, multipart. */
const transform: FastifyDynamicSwaggerOptions['transform'] = (document) => {
  const out = jsonSchemaTransform(document);
  const schema = out.schema as Transformed;
  const example = REQUEST_EXAMPLES[`${document.route.method} ${document.url}`];
  // One example: @fastify/swagger moves it to the request body's media type as `example`.
  if (example && schema.body && typeof schema.body === 'object')
    schema.body = { ...schema.body, examples: [structuredClone(example)] };
  describe(schema.params);
  describe(schema.querystring);
  describe(schema.headers);
  // A missing receipt answers like a wrong one (404, nothing learnt), but the operation needs it.
  if (schema.headers?.properties?.['x-receipt'])
    schema.headers.required = [...new Set([...(schema.headers.required ?? []), 'x-receipt'])];
  if (document.url.endsWith('/attachments') && document.route.method === 'POST') {
    schema.consumes = ['multipart/form-data'];
    schema.body = UPLOAD;
  }
  // zod's null is `{ type: 'string', nullable, enum: [null] }` in OpenAPI 3.0; a 204 has no body at all.
  if (schema.response?.['204']) schema.response['204'] = { type: 'null', description: 'no content / 无内容' };
  // A redirect has no body either: the Location header is the answer.
  for (const status of ['302', '303'])
    if (schema.response?.[status])
      schema.response[status] = { type: 'null', description: 'redirect (Location) / 跳转' };
  return out;
};

/** The components, without the input-side copy of the Error schema (nobody sends an Error). */
const transformObject: FastifyDynamicSwaggerOptions['transformObject'] = (document) => {
  const out = jsonSchemaTransformObject(document) as { components?: { schemas?: Record<string, unknown> } };
  delete out.components?.schemas?.ErrorInput;
  return out as ReturnType<typeof jsonSchemaTransformObject>;
};

export const SWAGGER_OPTIONS: FastifyDynamicSwaggerOptions = {
  openapi: {
    info: {
      title: 'Plaint API',
      description:
        '投诉 · 建议 · 申诉 · 举报 处理平台 / complaint handling platform. A walk-through for integrators: docs/api.md.',
      version: '1',
    },
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'an API token (admin → tokens); write scope for writes',
        },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'plaint_session',
          description: 'the session cookie set by signIn',
        },
        csrf: {
          type: 'apiKey',
          in: 'header',
          name: 'X-CSRF-Token',
          description: 'with the session cookie, every write also sends csrfToken from signIn or getMe',
        },
      },
    },
  },
  transform,
  transformObject,
};

/** The document as published in docs/openapi.json (`npm run openapi`; a test fails when it is stale). */
export function openapiText(app: { swagger(): unknown }): string {
  return `${JSON.stringify(app.swagger(), null, 2)}\n`;
}
