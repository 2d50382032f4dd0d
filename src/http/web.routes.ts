import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFoundHandler } from './errors.ts';

/** Where `vite build --config web/vite.config.ts` writes the web app (gitignored). */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/**
 * A second line behind React's escaping: the page runs only the app's own scripts (no inline or
 * injected script, no eval), talks only to its own server, and cannot be framed (clickjacking of
 * the staff pages). Styles may be inline: antd writes its CSS-in-JS into style elements.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
const PAGE_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-frame-options': 'DENY',
  // Tracking numbers appear in page URLs; other sites need not learn them from the Referer.
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

/**
 * The web app at `/` (issue 6): hashed assets cached for a year, index.html never cached, and the
 * SPA fallback — a GET of any non-API path that is not a file answers index.html so that
 * /staff/cases/… and /track work on reload. /api stays JSON: its unknown paths are still 404s in
 * the API's error shape.
 */
export async function registerWebApp(app: FastifyInstance, dist = WEB_DIST): Promise<void> {
  if (!existsSync(`${dist}index.html`)) {
    app.setNotFoundHandler(notFoundHandler);
    return;
  }
  await app.register(fastifyStatic, {
    root: dist,
    wildcard: false,
    index: false,
    setHeaders: (res, path: string) => {
      res.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      res.header('x-content-type-options', 'nosniff');
    },
  });
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0];
    if (
      (request.method === 'GET' || request.method === 'HEAD') &&
      !path.startsWith('/api/') &&
      path !== '/api' &&
      !path.startsWith('/assets/')
    ) {
      return reply.header('cache-control', 'no-cache').headers(PAGE_HEADERS).sendFile('index.html');
    }
    return notFoundHandler(request, reply);
  });
}
