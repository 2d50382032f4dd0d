import { Worker } from 'node:worker_threads';
import { DomainError } from '../domain/errors.ts';
import { msg } from '../domain/messages.ts';
import type { AppContext, Config } from './context.ts';
import type { ReadArgs, ReadTask } from './read-tasks.ts';

/**
 * What a task carries besides its arguments: the caller's clock (tests fix it) and the versions of
 * the calendar and procedures the caller works with, so a worker reloads them when they changed.
 */
export type ReadEnvelope = {
  id: number;
  task: ReadTask;
  args: unknown;
  now: string;
  calendarVersion: string;
  procedureVersions: number;
};

/** A worker's answer: the task's value, or its error as plain data (see errorOf). */
export type ReadAnswer =
  | { id: number; ok: true; value: unknown; threadId: number }
  | { id: number; ok: false; error: SentError; threadId: number };

/** An error crossing the thread boundary: a DomainError keeps its code, message and details. */
export type SentError = { name: string; message: string; code?: unknown; said?: unknown; details?: unknown };

type Job = ReadEnvelope & { resolve(value: unknown): void; reject(err: Error): void };
type Slot = { worker: Worker; job: Job | null; light: boolean; ready: boolean; stopping: boolean };

/**
 * Light reads that may wait for a worker finishing another light read, per worker loaded. Issue 25:
 * run on the request thread instead, the inbox and search pages that found the worker busy took
 * half of that thread's SQLite time in a soak (bench/README.md, session 23), so the submits it
 * could take fell as the pages' cost grew with the data; a page waits a few ms behind another.
 */
const LIGHT_WAITING_PER_WORKER = 2;

export type ReadPoolOptions = {
  size: number;
  /**
   * Tests only: a latch each task waits at before it runs (index 0: 0 hold, 1 go, 2 the worker
   * exits once, as a crash would; index 1 counts the tasks that reached it). With it a test holds
   * a worker busy and shows the server answering meanwhile, without measuring time.
   */
  latch?: Int32Array;
};

export type ReadPoolGauges = {
  workers: number;
  /** Workers loaded and answering (a new one takes a second or two). */
  ready: number;
  busy: number;
  queued: number;
  restarts: number;
  /** Tasks answered, by task and by the thread that ran it (never 0, the main thread). */
  done: Map<string, number>;
};

/**
 * Read workers for SQLite (issue 25): better-sqlite3 is synchronous, so a statistics query over
 * 100k cases run on the request thread stalls every other request for its whole duration. Each
 * worker is a thread with its own read-only connection to the same WAL database (store/db.ts,
 * openSqliteReader), runs one task at a time and answers by message; the rest wait in a queue.
 * Workers start on the first task (`warm()` starts them with the server); a worker that dies is
 * replaced and its task fails with a 503 (retry); `close()` lets the queue drain, then stops them.
 */
export class ReadPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  /** Light reads waiting for a worker now running a light read (tryRun); they go before `queue`. */
  private readonly lightQueue: Job[] = [];
  private nextId = 1;
  private restarts = 0;
  private closed = false;
  private drained: (() => void) | null = null;
  private readonly done = new Map<string, number>();

  constructor(
    private readonly config: Config,
    private readonly options: ReadPoolOptions,
  ) {}

  /** Starts the workers now rather than on the first task (they take a second or two to load). */
  warm(): void {
    while (!this.closed && this.slots.length < this.options.size) this.spawn();
  }

  /** Queues a task; it runs on the first free worker with the caller's clock and versions. */
  run<T extends ReadTask>(ctx: AppContext, task: T, args: ReadArgs<T>): Promise<unknown> {
    if (this.closed) return Promise.reject(new DomainError('UNAVAILABLE', msg('readPool.closing')));
    this.warm();
    return new Promise((resolve, reject) => {
      this.queue.push(this.job(ctx, task, args, resolve, reject));
      this.dispatch();
    });
  }

  /**
   * A light read (an inbox or search page, a few ms): on a worker that is loaded and idle now, or
   * queued for one that is running another light read while few wait; else undefined and the caller
   * reads in its own thread. It never waits behind a heavy read nor for a worker to load, and starts
   * none: a server warms its pool, a command or a test reads in process.
   */
  tryRun<T extends ReadTask>(ctx: AppContext, task: T, args: ReadArgs<T>): Promise<unknown> | undefined {
    if (this.closed || this.queue.length > 0) return undefined;
    const loaded = this.slots.filter((s) => s.ready && !s.stopping);
    const idle = loaded.find((s) => !s.job);
    if (idle)
      return new Promise((resolve, reject) => this.send(idle, this.job(ctx, task, args, resolve, reject), true));
    const lightRunning = loaded.some((s) => s.light);
    if (!lightRunning || this.lightQueue.length >= LIGHT_WAITING_PER_WORKER * loaded.length) return undefined;
    return new Promise((resolve, reject) => this.lightQueue.push(this.job(ctx, task, args, resolve, reject)));
  }

  private job(
    ctx: AppContext,
    task: ReadTask,
    args: unknown,
    resolve: (value: unknown) => void,
    reject: (err: Error) => void,
  ): Job {
    return {
      id: this.nextId++,
      task,
      args,
      now: ctx.now().toISOString(),
      calendarVersion: ctx.calendar.version,
      procedureVersions: ctx.procedures.all().length,
      resolve,
      reject,
    };
  }

  gauges(): ReadPoolGauges {
    return {
      workers: this.slots.length,
      ready: this.slots.filter((s) => s.ready).length,
      busy: this.slots.filter((s) => s.job).length,
      queued: this.queue.length + this.lightQueue.length,
      restarts: this.restarts,
      done: new Map(this.done),
    };
  }

  /** Waits for the queued and running tasks, then stops every worker and waits for it to end. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.queue.length > 0 || this.lightQueue.length > 0 || this.slots.some((s) => s.job))
      await new Promise<void>((resolve) => (this.drained = resolve));
    await Promise.all(
      this.slots.map(
        (slot) =>
          new Promise<void>((resolve) => {
            slot.stopping = true;
            slot.worker.ref();
            slot.worker.once('exit', () => resolve());
            slot.worker.postMessage('stop');
          }),
      ),
    );
    this.slots.length = 0;
  }

  private spawn(): void {
    const worker = new Worker(new URL('./read-worker.mjs', import.meta.url), {
      workerData: { config: this.config, latch: this.options.latch },
    });
    // An idle worker does not keep the process alive; one with a task does (see dispatch).
    worker.unref();
    const slot: Slot = { worker, job: null, light: false, ready: false, stopping: false };
    this.slots.push(slot);
    worker.on('message', (m: 'ready' | ReadAnswer) => {
      if (m === 'ready') {
        slot.ready = true;
        // Light reads queued before a worker died wait for a loaded one (dispatch).
        this.dispatch();
        return;
      }
      this.settle(slot, m);
    });
    // The exit that follows says what to do; an 'error' without a listener would end the process.
    let failure: Error | null = null;
    worker.on('error', (err) => (failure = err));
    worker.on('exit', (code) => this.exited(slot, code, failure));
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.job || slot.stopping) continue;
      // A waiting light read goes first only to a loaded worker: it must not wait for one to load.
      const light = slot.ready ? this.lightQueue.shift() : undefined;
      const job = light ?? this.queue.shift();
      if (!job) continue; // another slot may be loaded
      this.send(slot, job, light !== undefined);
    }
    const idle = this.queue.length === 0 && this.lightQueue.length === 0 && !this.slots.some((s) => s.job);
    if (this.drained && idle) this.drained();
  }

  private send(slot: Slot, job: Job, light = false): void {
    slot.job = job;
    slot.light = light;
    slot.worker.ref();
    const { resolve: _resolve, reject: _reject, ...envelope } = job;
    slot.worker.postMessage(envelope satisfies ReadEnvelope);
  }

  private settle(slot: Slot, answer: ReadAnswer): void {
    const job = slot.job;
    slot.job = null;
    slot.light = false;
    slot.worker.unref();
    if (job && job.id === answer.id) {
      if (answer.ok) {
        const key = `${job.task}\0${answer.threadId}`;
        this.done.set(key, (this.done.get(key) ?? 0) + 1);
        job.resolve(answer.value);
      } else job.reject(errorFrom(answer.error));
    }
    this.dispatch();
  }

  private exited(slot: Slot, code: number, failure: Error | null): void {
    this.slots.splice(this.slots.indexOf(slot), 1);
    if (slot.stopping) return;
    const reason = failure ?? new Error(`read worker exited with code ${code}`);
    // The task's arguments stay out of the log: they hold the actor and, for exports, case ids.
    console.error(`read worker stopped (${slot.job?.task ?? 'idle'}): ${reason.stack ?? reason.message}`);
    // Not a fault of the request: a retry runs on the replacement (503, as for a database outage).
    slot.job?.reject(new DomainError('UNAVAILABLE', msg('readPool.stopped')));
    slot.job = null;
    if (!slot.ready) {
      // It never started (a broken install): fail what waits rather than start it again and again.
      for (const job of [...this.lightQueue.splice(0), ...this.queue.splice(0)]) job.reject(reason);
    } else if (!this.closed) {
      this.restarts++;
      this.spawn();
    }
    this.dispatch();
  }
}

/** An error as data for postMessage: structured clone would drop a DomainError's code and message key. */
export function errorOf(err: unknown): SentError {
  if (err instanceof DomainError)
    return { name: err.name, message: err.message, code: err.code, said: err.said, details: err.details };
  const e = err as { name?: unknown; message?: unknown; code?: unknown };
  return {
    name: typeof e?.name === 'string' ? e.name : 'Error',
    message: typeof e?.message === 'string' ? e.message : String(err),
    ...(typeof e?.code === 'string' ? { code: e.code } : {}),
  };
}

/** The worker's error as the request thread would have thrown it, so it maps to the same API error. */
function errorFrom(sent: SentError): Error {
  if (sent.name === 'DomainError')
    return new DomainError(
      sent.code as DomainError['code'],
      sent.said as DomainError['said'],
      sent.details ?? undefined,
    );
  const err = new Error(sent.message) as Error & { code?: unknown };
  err.name = sent.name;
  if (sent.code !== undefined) err.code = sent.code;
  return err;
}
