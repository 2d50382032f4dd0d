/**
 * `npx tsx bench/triage-scale.ts [n]` (issue 21): what a case page's triage costs on a large
 * database — `GET /api/v1/cases/{id}/suggestions` and `GET /api/v1/cases/{id}/similar` — on the
 * dataset of bench/dataset.ts (default 1,000,000 cases, SQLite, made once in bench/.data and reused
 * by bench/scale.ts). As the supervisor (every unit) and as a handler whose grants are held in one
 * unit; server time through `inject`; then staff intake (`POST /api/v1/cases`, which answers with
 * the new case's suggestions) as that handler. Wall time and the process's CPU time per request. The first suggestion of each procedure builds its models
 * (reads up to MAX_TRAINING_CASES closed cases and segments them) and is reported on its own.
 */
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createToken } from '../src/app/auth.ts';
import { configFromEnv, openApp } from '../src/app/context.ts';
import { buildServer } from '../src/http/server.ts';
import { warmLikeServe } from './warm.ts';
import { ensureDataset } from './dataset.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const N = Number(process.argv[2] ?? 1_000_000);
const CASES = 100;
const INTAKE = 60;

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

/**
 * The process's CPU time since `from`, in ms: on a machine shared with other work the wall time of
 * a request mostly measures the neighbours (load 15 on 2 cores made it 5–10 times longer); the CPU
 * it used is what the request costs. Everything runs in this process (inject, SQLite in-thread).
 */
function cpuMs(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
}

type Listed = { procedure: { id: string }; kind: string; subject: string; orgUnitId: string };

/**
 * Staff intake (`POST /api/v1/cases`, whose answer carries the new case's suggestions) as the
 * one-unit handler, INTAKE times: the subjects of the handler's own cases, re-registered as phone
 * calls. Run last: it adds cases to the dataset (a few dozen in a million do not move the other
 * figures of a later run). Reports the whole registration and, to part it out, a GET of the new
 * case's suggestions right after.
 */
async function intake(app: Awaited<ReturnType<typeof buildServer>>, token: string, now: string): Promise<void> {
  const headers = { authorization: `Bearer ${token}` };
  const page = await app.inject({ method: 'GET', url: '/api/v1/cases?limit=100', headers });
  const items = page.json().items as Listed[];
  const times = {
    registration: [] as number[],
    suggestions: [] as number[],
    'registration CPU': [] as number[],
    'suggestions CPU': [] as number[],
  };
  let failed = 0;
  let suggested = 0;
  // A procedure that asks for fields of its own (leads, amounts) refuses this plain body: skipped.
  const refused = new Set<string>();
  // The list's cases in turn, again from the first, until INTAKE are registered.
  for (
    let i = 0;
    times.registration.length < INTAKE && refused.size < new Set(items.map((c) => c.procedure.id)).size;
    i++
  ) {
    const c = items[i % items.length]!;
    if (refused.has(c.procedure.id)) continue;
    const body = {
      procedure: c.procedure.id,
      kind: c.kind,
      subject: c.subject,
      description: `${c.subject}，来电反映，情况属实，请尽快处理。`,
      anonymous: true,
      affirmTruthful: true,
      channel: 'phone',
      orgUnit: c.orgUnitId,
      occurredAt: new Date(Date.parse(now) - 86_400_000).toISOString(),
      location: '江宁区天元中路 18 号',
      respondents: [{ name: '某某物业服务有限公司', type: 'business' }],
    };
    const t = performance.now();
    const cpu = process.cpuUsage();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { ...headers, 'idempotency-key': `triage-scale-${Date.now()}-${i}` },
      payload: body,
    });
    const dt = performance.now() - t;
    const used = cpuMs(cpu);
    if (res.statusCode !== 201) {
      failed++;
      refused.add(c.procedure.id);
      continue;
    }
    times.registration.push(dt);
    times['registration CPU'].push(used);
    if (res.json().suggestions) suggested++;
    const t2 = performance.now();
    const cpu2 = process.cpuUsage();
    await app.inject({ method: 'GET', url: `/api/v1/cases/${res.json().id}/suggestions`, headers });
    times.suggestions.push(performance.now() - t2);
    times['suggestions CPU'].push(cpuMs(cpu2));
  }
  for (const [what, xs] of Object.entries(times)) {
    xs.sort((a, b) => a - b);
    console.log(
      `intake     ${what.padEnd(16)} ${String(xs.length).padStart(3)} cases  p50 ${pct(xs, 50).toFixed(1)} ms  p95 ${pct(xs, 95).toFixed(1)} ms`,
    );
  }
  console.log(
    `intake: ${suggested} answers carried suggestions; ${failed} refused (procedures asking for their own fields: ${[...refused].join(', ')})`,
  );
}

async function main(): Promise<void> {
  const dir = join(ROOT, 'bench/.data', `sqlite-${N}`);
  const summary = await ensureDataset(dir, N, { log: (l) => console.log(l) });
  const now = new Date(summary.now);
  const ctx = await openApp({ ...configFromEnv({}), dataDir: dir, databaseUrl: undefined }, { now: () => now });
  const app = await buildServer(ctx);
  // As `plaint serve`: read workers loaded, jieba's dictionary too (one build held the loop 251 ms without).
  await warmLikeServe(ctx);
  try {
    const handler = summary.users.find((u) => u.username === 'handler1')!;
    const who = {
      supervisor: (await createToken(ctx, 'supervisor', `triage-${Date.now()}`, 'system:bench')).token,
      handler: (await createToken(ctx, handler.username, `triage-${Date.now()}`, 'system:bench')).token,
    };
    console.log(`${summary.cases.toLocaleString('en')} cases, ${summary.open.toLocaleString('en')} open`);
    // The longest the event loop was held while the models were built and the pages answered, and
    // by which kind of request (a run at 300,000 saw 159 s in all, not attributable before).
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    // One histogram that stays enabled, reset before each request and read a tick after it: a
    // request that holds the loop delays the monitor's next tick until after it returns.
    // (Windows with histograms of their own saw neither: one enabled again counts the time since
    // its last tick before it was disabled — seconds between two procedures' first suggestions —
    // and a new one has no tick inside a request that holds the loop throughout.)
    const phase = monitorEventLoopDelay({ resolution: 5 });
    phase.enable();
    const held = new Map<string, number>();
    const during = async <T>(kind: string, work: () => Promise<T>): Promise<T> => {
      await sleep(12);
      // reset() forgets the last tick too: one more tick before the request, or a request that
      // holds the loop from its first line would be measured from its end.
      phase.reset();
      await sleep(8);
      try {
        return await work();
      } finally {
        await sleep(12);
        held.set(kind, Math.max(held.get(kind) ?? 0, phase.max));
      }
    };
    for (const [name, token] of Object.entries(who)) {
      const headers = { authorization: `Bearer ${token}` };
      const page = await during('inbox page', () =>
        app.inject({ method: 'GET', url: `/api/v1/cases?limit=${CASES}`, headers }),
      );
      const items = page.json().items as { id: string; procedure: { id: string } }[];
      const built = new Set<string>();
      const first: string[] = [];
      const times = {
        suggestions: [] as number[],
        similar: [] as number[],
        'suggestions CPU': [] as number[],
        'similar CPU': [] as number[],
      };
      for (const {
        id,
        procedure: { id: procedure },
      } of items) {
        for (const what of ['suggestions', 'similar'] as const) {
          const kind = what === 'suggestions' && !built.has(procedure) ? 'first suggestions (builds)' : what;
          // Timed inside the window, without its waits for the monitor's tick.
          const { res, dt, used } = await during(kind, async () => {
            const t = performance.now();
            const cpu = process.cpuUsage();
            const answer = await app.inject({ method: 'GET', url: `/api/v1/cases/${id}/${what}`, headers });
            return { res: answer, dt: performance.now() - t, used: cpuMs(cpu) };
          });
          if (res.statusCode !== 200) throw new Error(`${what} ${id}: ${res.statusCode} ${res.body}`);
          if (what === 'suggestions' && !built.has(procedure)) {
            built.add(procedure);
            first.push(`${procedure} ${(dt / 1000).toFixed(1)} s`);
            continue;
          }
          times[what].push(dt);
          times[`${what} CPU`].push(used);
        }
      }
      for (const [what, xs] of Object.entries(times)) {
        xs.sort((a, b) => a - b);
        console.log(
          `${name.padEnd(10)} ${what.padEnd(15)} ${String(xs.length).padStart(3)} cases  p50 ${pct(xs, 50).toFixed(1)} ms  p95 ${pct(xs, 95).toFixed(1)} ms`,
        );
      }
      console.log(`${name.padEnd(10)} first suggestion per procedure (models built): ${first.join(', ')}`);
    }
    await during('intake', () => intake(app, who.handler, summary.now));
    delay.disable();
    console.log(
      `event-loop delay: p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms, max ${(delay.max / 1e6).toFixed(1)} ms`,
    );
    for (const [kind, max] of held) console.log(`event-loop delay during ${kind}: max ${(max / 1e6).toFixed(1)} ms`);
  } finally {
    await app.close();
    await ctx.close();
  }
}

await main();
