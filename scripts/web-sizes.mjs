// Reports the gzipped JavaScript each entry point of the web app loads before it can render
// (issue 6: the portal's first load must stay under 250 kB gzipped). Reads web/dist/.vite/manifest.json.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const dist = new URL('../web/dist/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('.vite/manifest.json', dist), 'utf8'));
const gz = (file) => gzipSync(readFileSync(new URL(file, dist)), { level: 9 }).length;

/** The chunk and everything it imports statically: what the browser must fetch to run it. */
function closure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of manifest[key].imports ?? []) closure(dep, seen);
  return seen;
}

function weight(keys) {
  return [...keys].reduce((n, k) => n + gz(manifest[k].file), 0);
}

const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
const portal = closure(entry);
const rows = [['portal first load (entry + static imports)', weight(portal)]];
for (const key of Object.keys(manifest).filter((k) => manifest[k].isDynamicEntry)) {
  const extra = new Set([...closure(key)].filter((k) => !portal.has(k)));
  rows.push([`${key} (lazy, beyond the first load)`, weight(extra)]);
}
for (const [name, bytes] of rows) console.log(`${(bytes / 1024).toFixed(1).padStart(7)} kB gzip  ${name}`);
if (process.argv.includes('--check') && rows[0][1] > 250 * 1024) {
  console.error('portal first load is over the 250 kB gzip budget');
  process.exit(1);
}
