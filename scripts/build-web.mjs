// Builds the web app (web/ → web/dist) when the build is missing or older than its sources, so
// `npm start` and `npm test` always serve the current UI without rebuilding every time (issue 6).
// Every text file of the build then gets a brotli (.br) and a gzip (.gz) copy at full strength,
// which the server sends as they are to clients that accept them (issue 18).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'web/dist');
const built = join(dist, 'index.html');

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Writes name.br and name.gz beside each compressible file when that makes it smaller. */
function precompress() {
  for (const file of files(dist)) {
    if (!/\.(js|mjs|css|html|svg|json|webmanifest|txt|ico)$/.test(file) || file.includes('/.vite/')) continue;
    const raw = readFileSync(file);
    if (raw.length < 256) continue;
    const br = brotliCompressSync(raw, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
    });
    const gz = gzipSync(raw, { level: 9 });
    if (br.length < raw.length) writeFileSync(`${file}.br`, br);
    if (gz.length < raw.length) writeFileSync(`${file}.gz`, gz);
  }
}

const sources = ['web/src', 'web/public', 'web/index.html', 'web/vite.config.ts', 'package-lock.json']
  .map((p) => join(root, p))
  .filter(existsSync);
const stale = !existsSync(built) || Math.max(...sources.map(newest)) > statSync(built).mtimeMs;
if (!stale && !process.argv.includes('--force')) {
  if (!existsSync(`${built}.br`)) precompress();
  process.exit(0);
}
console.log('building the web app (vite build) …');
const result = spawnSync(
  process.execPath,
  [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(root, 'web/vite.config.ts')],
  { stdio: 'inherit', cwd: root },
);
if (result.status === 0) precompress();
process.exit(result.status ?? 1);
