import { parentPort, threadId, workerData } from 'node:worker_threads';
import { openSqliteReader } from '../store/db.ts';
import { loadCalendar } from './calendar.ts';
import type { AppContext, Config } from './context.ts';
import { loadProcedures } from './procedures.ts';
import { pooledRandom } from '../store/random.ts';
import { errorOf, type ReadAnswer, type ReadEnvelope } from './read-pool.ts';
import { READ_TASKS } from './read-tasks.ts';
import { loadSecrets } from './secrets.ts';

/**
 * A read worker (read-pool.ts): an AppContext of its own over a read-only connection, with the
 * keys from the same place the server takes them (PLAINT_SECRET_KEY or the data directory's key
 * file: nothing secret travels in messages), running one task at a time with the caller's clock.
 */
const { config, latch } = workerData as { config: Config; latch?: Int32Array };
const port = parentPort!;
const store = openSqliteReader(config.dataDir);
const ctx: AppContext = {
  config,
  store,
  secrets: loadSecrets(config.dataDir),
  procedures: await loadProcedures(store, new Date()),
  calendar: await loadCalendar(store, config.timeZone),
  now: () => new Date(),
  random: pooledRandom(),
  close: () => store.close(),
};

let chain = Promise.resolve();
port.on('message', (m: 'stop' | ReadEnvelope) => {
  // One task at a time, in order; the pool sends the next only after an answer anyway.
  chain = chain.then(() => (m === 'stop' ? stop() : answer(m)));
});
port.postMessage('ready');

async function answer(m: ReadEnvelope): Promise<void> {
  waitAtLatch();
  try {
    // Days imported or a procedure edited since the last task: read them again, as the caller has.
    if (m.calendarVersion !== ctx.calendar.version) ctx.calendar = await loadCalendar(store, config.timeZone);
    if (m.procedureVersions !== ctx.procedures.all().length) ctx.procedures = await loadProcedures(store, new Date());
    const now = new Date(m.now);
    const run = READ_TASKS[m.task] as (ctx: AppContext, args: unknown) => Promise<unknown>;
    const value = await run({ ...ctx, now: () => now }, m.args);
    port.postMessage({ id: m.id, ok: true, value, threadId } satisfies ReadAnswer, transferable(value));
  } catch (err) {
    port.postMessage({ id: m.id, ok: false, error: errorOf(err), threadId } satisfies ReadAnswer);
  }
}

/** The bytes of a file or ZIP are handed over, not copied. */
function transferable(value: unknown): ArrayBuffer[] {
  const bytes = value instanceof Uint8Array ? value : (value as { zip?: unknown } | null)?.zip;
  return bytes instanceof Uint8Array &&
    bytes.buffer instanceof ArrayBuffer &&
    bytes.byteLength === bytes.buffer.byteLength
    ? [bytes.buffer]
    : [];
}

/** Tests only (ReadPoolOptions.latch): hold here until released; 2 means exit once, as a crash would. */
function waitAtLatch(): void {
  if (!latch) return;
  Atomics.add(latch, 1, 1);
  Atomics.notify(latch, 1);
  while (Atomics.load(latch, 0) === 0) Atomics.wait(latch, 0, 0, 1000);
  if (Atomics.compareExchange(latch, 0, 2, 1) === 2) process.exit(70);
}

async function stop(): Promise<void> {
  await store.close();
  port.close();
}
