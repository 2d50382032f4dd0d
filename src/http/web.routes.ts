import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { constants as zlib } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFoundHandler } from './errors.ts';

/** Where `vite build --config web/vite.config.ts` writes the web app (gitignored). */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));
const ZH_STRINGS = fileURLToPath(new URL('../../web/src/locales/zh-CN.json', import.meta.url));

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
  "manifest-src 'self'",
].join('; ');
const PAGE_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-frame-options': 'DENY',
  // Tracking numbers appear in page URLs; other sites need not learn them from the Referer.
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

/**
 * The web app's routes (web/src/main.tsx and the staff app under /staff), each with the locale key of
 * its meta description. Only these answer index.html; any other path is a 404 (issue 27: robots.txt,
 * /metrics or a mistyped asset must not answer the app with 200).
 */
const APP_ROUTES: [RegExp, string][] = [
  [/^\/$/, 'meta.home'],
  [/^\/submit\/[^/]+\/?$/, 'meta.submit'],
  [/^\/receipt\/?$/, 'meta.receipt'],
  [/^\/track\/?$/, 'meta.track'],
  [/^\/disclosures\/?$/, 'meta.disclosures'],
  [/^\/survey\/[^/]+\/?$/, 'meta.survey'],
  [/^\/staff(\/.*)?$/, 'meta.staff'],
];

/** The app route a path belongs to (its meta description key), or null. */
export function appRoute(path: string): string | null {
  return APP_ROUTES.find(([re]) => re.test(path))?.[1] ?? null;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * Compression (issue 18): API answers above 1 kB go out as brotli or gzip, whichever the client
 * takes. Brotli at quality 4: near gzip's speed with smaller output; the built assets are
 * compressed at full strength once, at build time (scripts/build-web.mjs), and served as files.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCompress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
    // Issue 25: answers up to 64 kB (every inbox and search page) are compressed in one call on
    // the event loop rather than through a zlib stream. On two cores the plugin's default (8 kB)
    // sent a page through a stream, whose setup and callbacks cost the request thread 0.3–0.5 ms
    // against 0.05–0.3 ms to compress the same page at once (bench/README.md "Compression").
    syncThreshold: 64 * 1024,
  });
}

/**
 * The web app at `/` (issue 6): hashed assets cached for a year and served pre-compressed
 * (`.br`/`.gz` written at build time), index.html never cached and given the page's own meta
 * description; the SPA fallback answers index.html only for the app's routes so that
 * /staff/cases/… and /track work on reload. /api stays JSON: its unknown paths are 404s in the
 * API's error shape, as are unknown asset paths.
 */
export async function registerWebApp(
  app: FastifyInstance,
  dist = WEB_DIST,
  options: { timeZone?: string } = {},
): Promise<void> {
  if (!existsSync(`${dist}index.html`)) {
    app.setNotFoundHandler(notFoundHandler);
    return;
  }
  await app.register(fastifyStatic, {
    root: dist,
    wildcard: false,
    index: false,
    preCompressed: true,
    setHeaders: (res, path: string) => {
      res.header(
        'cache-control',
        path.includes('/assets/')
          ? 'public, max-age=31536000, immutable'
          : path.endsWith('.html')
            ? 'no-cache'
            : 'public, max-age=86400',
      );
      res.header('x-content-type-options', 'nosniff');
    },
  });

  // index.html is read again only when a new build replaced it.
  let page = { mtime: -1, html: '' };
  const indexHtml = () => {
    const mtime = statSync(`${dist}index.html`).mtimeMs;
    if (mtime !== page.mtime) page = { mtime, html: readFileSync(`${dist}index.html`, 'utf8') };
    return page.html;
  };
  let strings: Record<string, string> = {};
  try {
    strings = JSON.parse(readFileSync(ZH_STRINGS, 'utf8'));
  } catch {
    // an installation without the sources keeps the build's default description
  }
  // The organisation's zone (PLAINT_TZ): the app shows every time in it, whatever the browser's (#18).
  const zoneMeta = `<meta name="plaint-tz" content="${escapeHtml(options.timeZone ?? 'Asia/Shanghai')}" />`;
  /**
   * The procedures open for submission, exactly as GET /api/v1/public/procedures answers, written
   * into the page as data (#27: the portal's home shows its cards without an API round trip; a
   * JSON script element is not run, so the content security policy stays as it is). "<" is escaped
   * so that no text in a procedure can close the element.
   */
  const procedures = async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/public/procedures' });
    if (res.statusCode !== 200) return '';
    const json = res.body.replace(/</g, '\\u003c');
    return `<script type="application/json" id="plaint-procedures">${json}</script>`;
  };
  const render = (key: string, data: string) => {
    const description = strings[key];
    const html = indexHtml().replace('</head>', `    ${[zoneMeta, data].filter(Boolean).join('\n    ')}\n  </head>`);
    return description
      ? html.replace(
          /<meta name="description" content="[^"]*"\s*\/?>/,
          `<meta name="description" content="${escapeHtml(description)}" />`,
        )
      : html;
  };

  app.setNotFoundHandler(async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0];
    const route = request.method === 'GET' || request.method === 'HEAD' ? appRoute(path) : null;
    if (route) {
      return reply
        .header('cache-control', 'no-cache')
        .headers(PAGE_HEADERS)
        .type('text/html; charset=utf-8')
        .send(render(route, await procedures()));
    }
    notFoundHandler(request, reply);
    return reply;
  });
}
