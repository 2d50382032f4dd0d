import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * The methods each registered path answers, so a known path asked with another method gets 405 and
 * an `Allow` header (RFC 9110 §15.5.6) instead of a 404 that says the path does not exist (issue 26).
 * Paths are kept as patterns (`/api/v1/cases/:id`) and matched segment by segment.
 */
const routes = new WeakMap<FastifyInstance, { pattern: RegExp; methods: Set<string> }[]>();

function toPattern(url: string): RegExp {
  const parts = url.split('/').map((part) => {
    if (part.startsWith(':')) return '[^/]+';
    if (part === '*') return '.*';
    return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  });
  return new RegExp(`^${parts.join('/')}/?$`);
}

/** Records every route added after this call; call it before the routes are registered. */
export function trackRoutes(app: FastifyInstance): void {
  const table: { pattern: RegExp; methods: Set<string> }[] = [];
  routes.set(app, table);
  app.addHook('onRoute', (route) => {
    if (route.url.includes('*')) return; // catch-alls (static files) do not make a path "known"
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const pattern = toPattern(route.url);
    const known = table.find((r) => r.pattern.source === pattern.source);
    if (known) for (const m of methods) known.methods.add(m);
    else table.push({ pattern, methods: new Set(methods) });
  });
}

/** The methods the request's path answers (empty for an unknown path). */
export function allowedMethods(request: FastifyRequest): string[] {
  const table = routes.get(request.server) ?? [];
  const path = request.url.split('?')[0];
  const methods = new Set<string>();
  for (const r of table) if (r.pattern.test(path)) for (const m of r.methods) methods.add(m);
  return [...methods].sort();
}
