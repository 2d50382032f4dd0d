// Reports what each entry point of the web app loads before it can render (issue 6; issue 27: the
// portal's first load, its home page, at most 150 kB as served — test/web/budget.test.ts holds each
// public page to its budget, from these files and from a real load) — as gzip at level 9 and as the bytes that actually
// go on the wire: the build's pre-compressed .br copy the server sends to browsers (issue 18), or
// the raw file when there is none. Reads web/dist/.vite/manifest.json.
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const dist = new URL('../web/dist/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('.vite/manifest.json', dist), 'utf8'));
const gz = (file) => gzipSync(readFileSync(new URL(file, dist)), { level: 9 }).length;
const raw = (file) => readFileSync(new URL(file, dist)).length;
const wire = (file) =>
  existsSync(new URL(`${file}.br`, dist)) ? readFileSync(new URL(`${file}.br`, dist)).length : raw(file);

/** The chunk and everything it imports statically: what the browser must fetch to run it. */
function closure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of manifest[key].imports ?? []) closure(dep, seen);
  return seen;
}

/** The files of a set of chunks: their JavaScript and the CSS they bring. */
const filesOf = (keys) => [...keys].flatMap((k) => [manifest[k].file, ...(manifest[k].css ?? [])]);
const sum = (list, size) => [...new Set(list)].reduce((n, f) => n + size(f), 0);

const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
const portal = closure(entry);
const first = [...filesOf(portal), 'index.html'];
const rows = [['portal first load (index.html + entry + static imports)', first]];
for (const key of Object.keys(manifest).filter((k) => manifest[k].isDynamicEntry)) {
  const extra = new Set([...closure(key)].filter((k) => !portal.has(k)));
  rows.push([`${key} (lazy, beyond the first load)`, filesOf(extra)]);
}
console.log('    raw kB   gzip kB   wire kB (br, as served)');
for (const [name, list] of rows) {
  const cols = [sum(list, raw), sum(list, gz), sum(list, wire)].map((n) => (n / 1024).toFixed(1).padStart(9));
  console.log(`${cols.join(' ')}  ${name}`);
}
const firstWire = sum(first, wire);
if (process.argv.includes('--check') && firstWire > 150 * 1024) {
  console.error('portal first load is over the 150 kB budget as served');
  process.exit(1);
}
