/**
 * Compares two time windows of one V8 CPU profile (`--cpu-prof`): where a thread spent its time
 * early in a run against late in it, to see what grows as a soak's data grows (issue 25).
 *
 *   npx tsx bench/cpuprofile-split.ts <file.cpuprofile> <a0>-<a1> <b0>-<b1> [top]
 *
 * Windows are seconds from the profile's start. Each sample is charged twice: to its own function
 * (self) and to the nearest of our frames above it (`src/…`: "owner", so a better-sqlite3 call counts
 * against the repository function that made it). Prints ms per second of each window, largest
 * growth first.
 */
import { readFileSync } from 'node:fs';

type Frame = { functionName: string; url: string; lineNumber: number };
type Node = { id: number; callFrame: Frame; children?: number[] };
type Profile = { nodes: Node[]; startTime: number; samples: number[]; timeDeltas: number[] };

const [file, winA, winB, topArg] = process.argv.slice(2);
if (!file || !winA || !winB) {
  console.error('usage: cpuprofile-split.ts <file.cpuprofile> <a0>-<a1> <b0>-<b1> [top]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const window = (w: string) => w.split('-').map((s) => Number(s) * 1e6) as [number, number];
const windows = [window(winA), window(winB)];

const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const label = (f: Frame) => {
  const at = f.url.indexOf('/src/');
  const where = at >= 0 ? f.url.slice(at + 1) : f.url.replace(/^.*node_modules\//, '');
  return `${f.functionName || '(anonymous)'} ${where}${where ? `:${f.lineNumber + 1}` : ''}`;
};
const ownerCache = new Map<number, string>();
function ownerOf(id: number): string {
  const cached = ownerCache.get(id);
  if (cached) return cached;
  let at: number | undefined = id;
  let found = '(not ours)';
  while (at !== undefined) {
    const f = byId.get(at)!.callFrame;
    if (f.url.includes('/src/')) {
      found = label(f);
      break;
    }
    at = parent.get(at);
  }
  ownerCache.set(id, found);
  return found;
}

const self = [new Map<string, number>(), new Map<string, number>()];
const owner = [new Map<string, number>(), new Map<string, number>()];
const add = (m: Map<string, number>, k: string, us: number) => m.set(k, (m.get(k) ?? 0) + us);
let t = 0;
for (let i = 0; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i];
  const us = profile.timeDeltas[i + 1] ?? 0;
  for (const [w, [from, to]] of windows.entries()) {
    if (t < from || t >= to) continue;
    const id = profile.samples[i];
    add(self[w], label(byId.get(id)!.callFrame), us);
    add(owner[w], ownerOf(id), us);
  }
}

const seconds = windows.map(([from, to]) => (to - from) / 1e6);
function print(title: string, maps: Map<string, number>[]): void {
  const keys = new Set([...maps[0].keys(), ...maps[1].keys()]);
  const rows = [...keys].map((k) => {
    const a = (maps[0].get(k) ?? 0) / 1000 / seconds[0];
    const b = (maps[1].get(k) ?? 0) / 1000 / seconds[1];
    return { k, a, b };
  });
  const total = (w: 0 | 1) => rows.reduce((s, r) => s + (w === 0 ? r.a : r.b), 0);
  console.log(
    `\n${title}: ms per second, ${winA} s → ${winB} s (total ${total(0).toFixed(0)} → ${total(1).toFixed(0)})`,
  );
  for (const r of rows.sort((x, y) => Math.abs(y.b - y.a) - Math.abs(x.b - x.a)).slice(0, top)) {
    console.log(
      `${r.a.toFixed(1).padStart(7)} → ${r.b.toFixed(1).padStart(7)}  ${(r.b - r.a).toFixed(1).padStart(6)}  ${r.k}`,
    );
  }
}
print('self', self);
print('owner (nearest src/ frame)', owner);
