import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { describeOperations } from './contract.ts';
import type { ContractCheckOptions, Violation } from './contract-check.ts';
import { SWAGGER_OPTIONS } from './openapi.ts';
import { schemaSerialiserCompiler } from './serialise.ts';
import type { AppContext } from '../app/context.ts';
import { authRoutes } from './auth.routes.ts';
import { ssoRoutes } from './sso.routes.ts';
import { accountRoutes } from './account.routes.ts';
import { benchRoutes } from './bench.routes.ts';
import { caseRoutes } from './cases.routes.ts';
import { calendarRoutes } from './calendar.routes.ts';
import { supervisionRoutes } from './supervision.routes.ts';
import { adminRoutes } from './admin.routes.ts';
import { cannedReplyRoutes } from './canned-replies.routes.ts';
import { adminAccountRoutes } from './admin-accounts.routes.ts';
import { directoryAdminRoutes } from './directory-admin.routes.ts';
import { procedureRoutes } from './procedures.routes.ts';
import { tokenRoutes } from './tokens.routes.ts';
import { auditRoutes } from './audit.routes.ts';
import { attachmentRoutes } from './attachments.routes.ts';
import { notifyRoutes } from './notify.routes.ts';
import { clientErrorHandler, errorHandler, frameworkErrorHandler } from './errors.ts';
import { rejectNul } from './input-guard.ts';
import { healthRoutes } from './health.routes.ts';
import { installMetrics } from './metrics.routes.ts';
import { trackRoutes } from './allowed-methods.ts';
import { publicRoutes } from './public.routes.ts';
import { recordsRoutes } from './records.routes.ts';
import { disclosureRoutes } from './disclosures.routes.ts';
import { improvementRoutes } from './improvements.routes.ts';
import { surveyRoutes } from './surveys.routes.ts';
import { statsRoutes } from './stats.routes.ts';
import { hotspotsRoutes } from './hotspots.routes.ts';
import { triageRoutes } from './triage.routes.ts';
import { reportRoutes } from './reports.routes.ts';
import { installSecurityHeaders } from './security-headers.ts';
import { registerCompression, registerWebApp } from './web.routes.ts';
import { keepInSync } from '../app/instance-sync.ts';
import { publicWriteLimit } from './public-limit.ts';
import { installTurns } from './turns.ts';

export type ServerOptions = {
  logger?: boolean;
  /** Largest accepted request body; bigger ones get 413. */
  bodyLimit?: number;
  /** Adds the benchmark baseline route (PLAINT_BENCH_ROUTES=1). */
  benchRoutes?: boolean;
  /** Public writes per client address per minute (public-limit.ts); 0 or absent: no limit. */
  publicWriteLimit?: number;
  /**
   * How long one turn of the event loop may run requests before the others wait for the next
   * (turns.ts; PLAINT_TURN_BUDGET_MS, default 5); 0 starts every request at once, as Node does.
   */
  turnBudgetMs?: number;
  /** The reverse proxies to believe (PLAINT_TRUST_PROXY): a hop count or addresses/CIDRs; absent: none. */
  trustProxy?: string;
  /**
   * Checks every API answer against the OpenAPI document (contract-check.ts; PLAINT_CONTRACT_CHECK,
   * set by the tests that start `plaint serve`) and tells each violation to `onViolation`. Loaded
   * only when given: a server without it pays nothing.
   */
  contractCheck?: ContractCheckOptions & { onViolation: (violation: Violation) => void };
};

/**
 * PLAINT_TRUST_PROXY as Fastify's `trustProxy` (issue 28): a number is how many proxies stand in
 * front (the client address is the one the nearest of them saw, never what the client wrote
 * further left in X-Forwarded-For); otherwise a comma-separated list of proxy addresses or CIDRs,
 * believed only when the connection comes from one of them. `true` (believe anyone) is refused.
 */
export function trustProxyOption(
  value: string | undefined,
): false | string[] | ((address: string, hop: number) => boolean) {
  const text = (value ?? '').trim();
  if (!text || text === '0' || text === 'false') return false;
  if (/^\d+$/.test(text)) {
    // Fastify ignores a bare number (it cannot check the peer); trusting the nearest `hops` addresses
    // is what a hop count means — so the server must be reachable only through those proxies.
    const hops = Number(text);
    return (_address, hop) => hop < hops;
  }
  const list = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const item of list)
    if (!/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(item) && !['loopback', 'linklocal', 'uniquelocal'].includes(item))
      throw new Error(`PLAINT_TRUST_PROXY: "${item}" is neither a hop count nor an address or CIDR`);
  return list;
}

/** The HTTP API of DESIGN.md: thin routes over the use cases in `app/`. */
export async function buildServer(ctx: AppContext, options: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    // Requests are logged by method, path and status only: no headers (receipts, tokens) and no
    // client address (INT-2: nothing that identifies an anonymous submitter is kept).
    logger: options.logger
      ? {
          level: process.env.LOG_LEVEL ?? 'info',
          serializers: { req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }) },
        }
      : false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    // Ids in paths may be long: a notice's id names its case, template and recipient (109 characters
    // for a data-request notice), and the default 100 answered 414 for it (issue 26).
    routerOptions: { maxParamLength: 500 },
    // Behind a reverse proxy (PLAINT_TRUST_PROXY: hop count or its addresses) the client address and
    // https come from its X-Forwarded-* headers: throttles count the real client, cookies get Secure.
    trustProxy: trustProxyOption(options.trustProxy ?? process.env.PLAINT_TRUST_PROXY),
    // Errors before routing and requests the HTTP parser refuses answer in the API's error shape too.
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  // Answers go out through their response schemas, compiled with fast-json-stringify (issue 26):
  // nothing a schema does not name leaks out. A value that does not fit its schema is logged and
  // sent pruned with JSON.stringify, never a 500 (serialise.ts).
  app.setSerializerCompiler(schemaSerialiserCompiler(() => app.log));
  app.setErrorHandler(errorHandler);
  // The API speaks JSON only; anything else is a 415, not a string that fails validation later.
  app.removeContentTypeParser('text/plain');
  const budgetMs = options.turnBudgetMs ?? Number(process.env.PLAINT_TURN_BUDGET_MS ?? 5);
  const turns = budgetMs > 0 ? installTurns(app, { budgetMs, maxWaiting: 5000 }) : undefined;
  app.addHook('preValidation', rejectNul);
  installSecurityHeaders(app);
  if (options.contractCheck) {
    const { checkContract } = await import('./contract-check.ts');
    checkContract(app, options.contractCheck);
  }
  if (options.publicWriteLimit) app.addHook('onRequest', publicWriteLimit(options.publicWriteLimit));

  // Several instances on one PostgreSQL: a procedure version or calendar days imported on another
  // instance are found here within SHARED_REFRESH_MS, a version at once when a case names it.
  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/api/')) await keepInSync(ctx);
  });
  await app.register(cookie);
  // brotli/gzip for API answers above 1 kB and for files without a pre-compressed copy (issue 18)
  await registerCompression(app);
  // Before the routes: each gets its operationId, security and error responses (issue 26).
  describeOperations(app);
  await app.register(swagger, SWAGGER_OPTIONS);
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  trackRoutes(app);
  installMetrics(app, ctx, process.env.PLAINT_METRICS_TOKEN || undefined, turns);
  await app.register(healthRoutes(ctx));
  await app.register(authRoutes(ctx));
  await app.register(ssoRoutes(ctx));
  await app.register(accountRoutes(ctx));
  await app.register(publicRoutes(ctx));
  await app.register(caseRoutes(ctx));
  await app.register(calendarRoutes(ctx));
  await app.register(supervisionRoutes(ctx));
  await app.register(adminRoutes(ctx));
  await app.register(adminAccountRoutes(ctx));
  await app.register(directoryAdminRoutes(ctx));
  await app.register(cannedReplyRoutes(ctx));
  await app.register(procedureRoutes(ctx));
  await app.register(tokenRoutes(ctx));
  await app.register(auditRoutes(ctx));
  await app.register(attachmentRoutes(ctx));
  await app.register(recordsRoutes(ctx));
  await app.register(notifyRoutes(ctx));
  await app.register(disclosureRoutes(ctx));
  await app.register(improvementRoutes(ctx));
  await app.register(surveyRoutes(ctx));
  await app.register(statsRoutes(ctx));
  await app.register(hotspotsRoutes(ctx));
  await app.register(triageRoutes(ctx));
  await app.register(reportRoutes(ctx));
  // A one-row insert route that `npm run bench` measures submit against; never on in production.
  if (options.benchRoutes) await app.register(benchRoutes(ctx));
  // The built web app at `/` with the SPA fallback; without a build, unknown paths are API 404s.
  await registerWebApp(app, undefined, { timeZone: ctx.config.timeZone });
  return app;
}
