/**
 * `npm run bench:submit-scale` (issue 9): public submit throughput and p99 on an empty SQLite
 * database and on a copy of the 1M-case dataset (bench/dataset.ts, generated once and cached),
 * one after the other with the same settings — bench/run.ts does each run.
 *
 *   BENCH_N=1000000 (the prepared size)   BENCH_DURATION=20 (seconds per target)
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDataset } from './dataset.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const N = Number(process.env.BENCH_N ?? 1_000_000);
const dir = join(ROOT, 'bench/.data', `sqlite-${N}`);

type Result = {
  results: { target: string; rps: number; p50: number; p99: number; non2xx: number }[];
  ratioPct: number;
  auditChain: { ok: boolean };
};

function runOnce(prepared?: string): Result {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (prepared) env.BENCH_SUBMIT_DATA = prepared;
  else delete env.BENCH_SUBMIT_DATA;
  const r = spawnSync(TSX, ['bench/run.ts'], { cwd: ROOT, env, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`bench/run.ts failed (${r.status})`);
  return JSON.parse(
    readFileSync(join(ROOT, 'bench/results', prepared ? 'latest-submit-prepared.json' : 'latest-submit.json'), 'utf8'),
  ) as Result;
}

await ensureDataset(dir, N, { log: (l) => console.log(l) });
const loadBefore = os.loadavg();
console.log(`\n== submit on an empty database ==`);
const empty = runOnce();
console.log(`\n== submit on ${N.toLocaleString('en')} cases ==`);
const full = runOnce(dir);
const submit = (r: Result) => r.results.find((m) => m.target === 'submit')!;
const a = submit(empty);
const b = submit(full);
console.log(`\nsubmit         req/s    p50 ms   p99 ms`);
console.log(`empty      ${a.rps.toFixed(1).padStart(8)}${String(a.p50).padStart(9)}${String(a.p99).padStart(9)}`);
console.log(
  `${`${N / 1000}k`.padEnd(11)}${b.rps.toFixed(1).padStart(8)}${String(b.p50).padStart(9)}${String(b.p99).padStart(9)}`,
);
console.log(
  `throughput at ${N.toLocaleString('en')} cases: ${((b.rps / a.rps) * 100).toFixed(1)} % of empty; load ${loadBefore.map((l) => l.toFixed(2)).join(' ')} → ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
writeFileSync(
  join(ROOT, 'bench/results/latest-submit-scale.json'),
  `${JSON.stringify({ at: new Date().toISOString(), n: N, empty: a, prepared: b, ratioPct: (b.rps / a.rps) * 100, loadBefore, loadAfter: os.loadavg() }, null, 2)}\n`,
);
