import type { FastifyInstance } from 'fastify';
import { CONTENT_SECURITY_POLICY } from './web.routes.ts';

/**
 * Headers every answer carries (issue 28), set in one place so that no route can forget them:
 * - `nosniff` everywhere: a browser never guesses a script out of an attachment or a JSON answer;
 * - `no-store` on every API answer, unless a route chose its own caching: they show cases and
 *   people, and a shared computer's cache or a proxy must not keep them;
 * - the page's Content-Security-Policy and frame protection on every HTML answer — the app's
 *   routes, `/index.html` asked for by name, and the API documentation alike;
 * - HSTS when the request came over https (directly, or as the trusted proxy says).
 */
export function installSecurityHeaders(app: FastifyInstance): void {
  // A callback hook, not an async one: every answer passes here. Measured on the fuzz suite's
  // 40k SQLite requests: 72 s with the async form, 56 s with this one, 51 s without any hook.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (!reply.hasHeader('x-content-type-options')) reply.header('x-content-type-options', 'nosniff');
    if (request.url.startsWith('/api/v1/') && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html')) {
      if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
      if (!reply.hasHeader('x-frame-options')) reply.header('x-frame-options', 'DENY');
      if (!reply.hasHeader('referrer-policy')) reply.header('referrer-policy', 'no-referrer');
    }
    if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    done(null, payload);
  });
}
