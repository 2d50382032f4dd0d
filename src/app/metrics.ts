import { constants, monitorEventLoopDelay, PerformanceObserver, type IntervalHistogram } from 'node:perf_hooks';
import v8 from 'node:v8';
import { databaseBytes, walBytes } from '../store/size.repository.ts';
import type { AppContext } from './context.ts';
import type { ReadPoolGauges } from './read-pool.ts';

/**
 * Process metrics in Prometheus text format (issue 25). The event-loop delay is the figure that
 * matters most on SQLite: better-sqlite3 is synchronous, so a slow statement stalls every request
 * of the process for its whole duration, and it shows here as delay. Quantiles are over the last
 * complete minute (a rolling window), the maximum since start is kept apart.
 */
export type Metrics = {
  /** Counts one answered request by status class. */
  observe(statusCode: number, seconds: number): void;
  render(ctx: AppContext, turns?: TurnGauges): Promise<string>;
  stop(): void;
};

/** Requests waiting for a turn of the event loop (http/turns.ts). */
export type TurnGauges = { waiting: number; deferred: number; refused: number };

const WINDOW_MS = 60_000;
const QUANTILES = [0.5, 0.9, 0.99];

type Snapshot = { quantiles: number[]; max: number; mean: number; count: number };

/** How often the monitor's timer samples the loop (ms). */
const RESOLUTION_MS = 10;

/**
 * The histogram holds the time between two of the monitor's timer ticks, which is the sampling
 * interval plus the delay: an idle loop reads 10 ms (measured: min 9.0, mean 10.1, p99 10.6 ms).
 * The delay is what is left once the interval is taken off, as Elastic's APM agent reports it (see
 * nodejs/node#34661, open-telemetry/opentelemetry-js-contrib#2794). Until session 18 every loop
 * p99 here and in bench:soak included the 10 ms.
 */
function delaySeconds(ns: number): number {
  return Math.max(0, ns / 1e9 - RESOLUTION_MS / 1e3);
}

function snapshot(h: IntervalHistogram): Snapshot {
  return {
    quantiles: QUANTILES.map((q) => delaySeconds(h.percentile(q * 100))),
    max: delaySeconds(h.max),
    mean: Number.isNaN(h.mean) ? 0 : delaySeconds(h.mean),
    count: h.count,
  };
}

export function startMetrics(): Metrics {
  const loop = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  loop.enable();
  let lastWindow: Snapshot | null = null;
  let maxEver = 0;
  const rotate = setInterval(() => {
    lastWindow = snapshot(loop);
    maxEver = Math.max(maxEver, lastWindow.max);
    loop.reset();
  }, WINDOW_MS);
  rotate.unref();
  const afterGc = heapAfterMajorGc();
  const requests = new Map<string, number>();
  let requestSeconds = 0;
  const started = Date.now();

  return {
    observe(statusCode, seconds) {
      const cls = `${Math.floor(statusCode / 100)}xx`;
      requests.set(cls, (requests.get(cls) ?? 0) + 1);
      requestSeconds += seconds;
    },
    async render(ctx, turns) {
      const mem = process.memoryUsage();
      const current = snapshot(loop);
      const window = lastWindow ?? current;
      const lines: string[] = [];
      const metric = (name: string, type: string, help: string, samples: [string, number][]) => {
        lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
        for (const [labels, value] of samples) lines.push(`${name}${labels} ${value}`);
      };
      metric(
        'nodejs_eventloop_delay_seconds',
        'summary',
        'Event-loop delay over the last complete minute (the current one until a minute has passed).',
        [
          ...QUANTILES.map((q, i): [string, number] => [`{quantile="${q}"}`, window.quantiles[i]]),
          ['_sum', window.mean * window.count],
          ['_count', window.count],
        ],
      );
      metric('nodejs_eventloop_delay_max_seconds', 'gauge', 'Largest event-loop delay since start.', [
        ['', Math.max(maxEver, current.max)],
      ]);
      metric('process_resident_memory_bytes', 'gauge', 'Resident set size.', [['', mem.rss]]);
      metric('nodejs_heap_used_bytes', 'gauge', 'V8 heap in use.', [['', mem.heapUsed]]);
      metric('nodejs_heap_total_bytes', 'gauge', 'V8 heap reserved.', [['', mem.heapTotal]]);
      metric(
        'nodejs_heap_after_major_gc_bytes',
        'gauge',
        'V8 heap in use just after the last full (mark-compact) collection: what the process keeps alive.',
        [['', afterGc.bytes()]],
      );
      metric('nodejs_external_memory_bytes', 'gauge', 'Memory of C++ objects bound to JavaScript.', [
        ['', mem.external],
      ]);
      metric('process_uptime_seconds', 'gauge', 'Seconds since this instance started.', [
        ['', (Date.now() - started) / 1000],
      ]);
      metric(
        'plaint_http_requests_total',
        'counter',
        'Answered HTTP requests by status class.',
        [...requests].map(([cls, n]): [string, number] => [`{class="${cls}"}`, n]),
      );
      metric('plaint_http_request_seconds_total', 'counter', 'Time spent answering requests.', [['', requestSeconds]]);
      metric('plaint_database_bytes', 'gauge', 'Bytes of the database (SQLite pages; PostgreSQL relations).', [
        [`{dialect="${ctx.store.dialect}"}`, await databaseBytes(ctx.store)],
      ]);
      if (ctx.store.dialect === 'sqlite')
        metric(
          'plaint_sqlite_wal_bytes',
          'gauge',
          'Bytes of the SQLite write-ahead log file: it starts over only when a checkpoint has copied all of it and no reader is in it.',
          [['', walBytes(ctx.store.location)]],
        );
      if (ctx.reads) readPoolMetrics(ctx.reads.gauges(), metric);
      if (turns) turnMetrics(turns, metric);
      return `${lines.join('\n')}\n`;
    },
    stop() {
      clearInterval(rotate);
      loop.disable();
      afterGc.stop();
    },
  };
}

/**
 * Issue 25 "find what RSS is doing": the heap in use and RSS swing by hundreds of MB between two
 * collections under load (V8 lets garbage pile up in the old generation), so a slope of either
 * over an hour says little. What a full collection leaves is what the process keeps alive; read
 * as soon as the collection is reported (a little of what was allocated since is counted too).
 */
function heapAfterMajorGc(): { bytes(): number; stop(): void } {
  let bytes = 0;
  const observer = new PerformanceObserver((list) => {
    const major = list
      .getEntries()
      .some((e) => (e as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR);
    if (major) bytes = v8.getHeapStatistics().used_heap_size;
  });
  observer.observe({ entryTypes: ['gc'] });
  return { bytes: () => bytes, stop: () => observer.disconnect() };
}

type Emit = (name: string, type: string, help: string, samples: [string, number][]) => void;

/** The read workers of SQLite (issue 25, read-pool.ts): how many, how busy, what waits, what they ran. */
function readPoolMetrics(g: ReadPoolGauges, metric: Emit): void {
  metric('plaint_read_workers', 'gauge', 'Read worker threads running (SQLite).', [['', g.workers]]);
  metric('plaint_read_workers_busy', 'gauge', 'Read workers running a task.', [['', g.busy]]);
  metric(
    'plaint_read_queue_length',
    'gauge',
    'Reads waiting for a free read worker: heavy ones, and light ones behind a light read.',
    [['', g.queued]],
  );
  metric('plaint_read_worker_restarts_total', 'counter', 'Read workers replaced after they died.', [['', g.restarts]]);
  metric(
    'plaint_read_tasks_total',
    'counter',
    'Heavy reads answered by a read worker, by task and by the thread that ran it.',
    [...g.done].map(([key, n]): [string, number] => {
      const [task, thread] = key.split('\0');
      return [`{task="${task}",thread="${thread}"}`, n];
    }),
  );
}

/** Requests held for a later turn of the event loop (http/turns.ts), and those refused as too many. */
function turnMetrics(t: TurnGauges, metric: Emit): void {
  metric('plaint_requests_waiting', 'gauge', 'Requests waiting for a turn of the event loop.', [['', t.waiting]]);
  metric('plaint_requests_deferred_total', 'counter', 'Requests started in a later turn than they arrived in.', [
    ['', t.deferred],
  ]);
  metric('plaint_requests_refused_total', 'counter', 'Requests refused (503) with too many waiting.', [
    ['', t.refused],
  ]);
}
