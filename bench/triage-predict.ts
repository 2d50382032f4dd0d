/**
 * `npx tsx bench/triage-predict.ts` (issue 21): the pure prediction's cost with many partitions,
 * without a database — the large corpus' complaints counted 20 times over 30 partitions (20,000
 * cases, 14 classes, a made-up word per copy so the vocabulary grows as a real one does), asked as
 * everything in scope for an open case and for a closed one (the asked case subtracted).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { caseFeatures } from '../src/app/triage-model.ts';
import { learn, predict, type TrainingCase, untrained } from '../src/domain/triage.ts';

type Item = { category: string; subject: string; description: string };
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { items } = JSON.parse(readFileSync(join(ROOT, 'bench/triage-corpus-large.json'), 'utf8')) as { items: Item[] };
const features = items.map(caseFeatures);
const model = untrained();
const cases: TrainingCase[] = [];
for (let copy = 0; copy < 20; copy++)
  items.forEach((it, i) => {
    const c = {
      partition: `/u${(i * 7 + copy) % 30}/`,
      features: [...features[i]!, `r${copy}x${i % 50}`],
      label: it.category,
    };
    cases.push(c);
    learn(model, c);
  });
const everything = { partitions: () => true };
predict(model, features[0]!, everything);
for (const asked of ['open case', 'closed case (subtracted)']) {
  const times: number[] = [];
  for (let k = 0; k < 300; k++) {
    const i = (k * 37) % items.length;
    const view = asked === 'open case' ? everything : { partitions: () => true, minus: [cases[i]!] };
    const t = performance.now();
    predict(model, features[i]!, view);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${cases.length} cases, 30 partitions, ${asked}: p50 ${times[150]!.toFixed(2)} ms, p95 ${times[285]!.toFixed(2)} ms`,
  );
}
