/**
 * What the soak (bench/soak.ts) records besides the requests' own times, minute by minute, to say
 * why a minute was slow (issue 25: PostgreSQL runs whose throughput fell by a fifth in some runs and
 * not in others, with no cause found from the outside).
 *
 * - Where the CPU went: CPU-seconds from /proc, summed by who spent them — the server (the child
 *   process and its descendants), PostgreSQL's processes, the load generator (this process) and
 *   everything else — and what sat idle or the host took (steal). On two cores 120 are available a
 *   minute. Linux only; elsewhere nothing.
 * - On PostgreSQL, what its statements cost: `pg_stat_statements` when the server preloads it
 *   (`shared_preload_libraries`), the most expensive statements of the minute with their calls,
 *   milliseconds a call and buffers a call; and per table of the soak's schema, its sequential
 *   and index scans, so a plan that turned to scanning shows as a count that jumps.
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';

const TICKS = 100; // USER_HZ: /proc's CPU times are in hundredths of a second on Linux

type Proc = { pid: number; ppid: number; comm: string; ticks: number };

function processes(): Proc[] {
  if (os.platform() !== 'linux') return [];
  const out: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces; the fields after it are fixed.
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const f = stat.slice(close + 2).split(' ');
      out.push({ pid: Number(name), ppid: Number(f[1]), comm, ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // the process ended between the listing and the read
    }
  }
  return out;
}

export type CpuSplit = { server: number; postgres: number; load: number; other: number; idle: number; steal: number };

/** The machine's idle and stolen time so far (a virtual machine's host running others), in ticks. */
function machineTicks(): { idle: number; steal: number } {
  if (os.platform() !== 'linux') return { idle: 0, steal: 0 };
  // cpu  user nice system idle iowait irq softirq steal …
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return { idle: (f[3] ?? 0) + (f[4] ?? 0), steal: f[7] ?? 0 };
}

/**
 * CPU-seconds by who spent them since the last call, and the seconds the cores sat idle or were
 * taken by the host (steal: a minute that is slow with less CPU spent is the machine's, not ours);
 * the first call starts the count.
 */
export function cpuMeter(serverPid: number): () => CpuSplit {
  let before = new Map<number, number>();
  let machineBefore = machineTicks();
  const take = () => {
    const procs = processes();
    const children = new Map<number, number[]>();
    for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
    const server = new Set<number>();
    const stack = [serverPid];
    while (stack.length) {
      const pid = stack.pop()!;
      server.add(pid);
      stack.push(...(children.get(pid) ?? []));
    }
    const machine = machineTicks();
    const split: CpuSplit = {
      server: 0,
      postgres: 0,
      load: 0,
      other: 0,
      idle: (machine.idle - machineBefore.idle) / TICKS,
      steal: (machine.steal - machineBefore.steal) / TICKS,
    };
    machineBefore = machine;
    const now = new Map<number, number>();
    for (const p of procs) {
      now.set(p.pid, p.ticks);
      const spent = (p.ticks - (before.get(p.pid) ?? 0)) / TICKS;
      const who = server.has(p.pid)
        ? 'server'
        : p.pid === process.pid
          ? 'load'
          : p.comm.startsWith('postgres')
            ? 'postgres'
            : 'other';
      split[who] += spent;
    }
    before = now;
    return split;
  };
  take();
  return () => {
    const s = take();
    return {
      server: round1(s.server),
      postgres: round1(s.postgres),
      load: round1(s.load),
      other: round1(s.other),
      idle: round1(s.idle),
      steal: round1(s.steal),
    };
  };
}

type StatementRow = { queryid: string; query: string; calls: string; ms: number; blks: string };
type TableRow = { relname: string; seq_scan: string; idx_scan: string | null; seq_tup_read: string };

export type PgMinute = {
  /** All statements' execution time this minute, in seconds. */
  statementsSeconds?: number;
  top?: { query: string; calls: number; msPerCall: number; totalMs: number; blocksPerCall: number }[];
  /** Per table: sequential scans, rows they read, index scans. */
  tables: Record<string, { seqScans: number; seqRows: number; indexScans: number }>;
};

/** PostgreSQL's side of each minute, for the soak's schema; `close` when done. */
export async function pgMeter(url: string, schema: string) {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const has = await pool
    .query(`select 1 from pg_extension where extname = 'pg_stat_statements'`)
    .then((r) => r.rowCount === 1)
    .catch(() => false);
  // Readable only with the extension preloaded; without it the view exists and fails on use.
  const statements =
    has &&
    (await pool.query('select 1 from pg_stat_statements limit 1').then(
      () => true,
      () => false,
    ));
  const statementsNow = async () => {
    if (!statements) return new Map<string, StatementRow>();
    const r = await pool.query<StatementRow>(
      `select queryid::text, left(regexp_replace(query, '\\s+', ' ', 'g'), 160) as query, calls::text,
              total_exec_time + total_plan_time as ms, (shared_blks_hit + shared_blks_read)::text as blks
         from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())`,
    );
    return new Map(r.rows.map((s) => [s.queryid, s]));
  };
  const tablesNow = async () => {
    const r = await pool.query<TableRow>(
      `select relname, seq_scan::text, idx_scan::text, seq_tup_read::text
         from pg_stat_user_tables where schemaname = $1`,
      [schema],
    );
    return new Map(r.rows.map((t) => [t.relname, t]));
  };
  let stBefore = await statementsNow();
  let tBefore = await tablesNow();
  const minute = async (): Promise<PgMinute> => {
    const [st, t] = await Promise.all([statementsNow(), tablesNow()]);
    const tables: PgMinute['tables'] = {};
    for (const [name, now] of t) {
      const was = tBefore.get(name);
      const seqScans = Number(now.seq_scan) - Number(was?.seq_scan ?? 0);
      const seqRows = Number(now.seq_tup_read) - Number(was?.seq_tup_read ?? 0);
      const indexScans = Number(now.idx_scan ?? 0) - Number(was?.idx_scan ?? 0);
      if (seqScans || indexScans) tables[name] = { seqScans, seqRows, indexScans };
    }
    tBefore = t;
    if (!statements) return { tables };
    const deltas = [...st.values()].map((s) => {
      const was = stBefore.get(s.queryid);
      const calls = Number(s.calls) - Number(was?.calls ?? 0);
      const totalMs = s.ms - (was?.ms ?? 0);
      const blocks = Number(s.blks) - Number(was?.blks ?? 0);
      return { query: s.query, calls, totalMs, blocks };
    });
    stBefore = st;
    const total = deltas.reduce((a, d) => a + d.totalMs, 0);
    const top = deltas
      .filter((d) => d.calls > 0)
      .sort((a, b) => b.totalMs - a.totalMs)
      .slice(0, 8)
      .map((d) => ({
        query: d.query,
        calls: d.calls,
        msPerCall: round2(d.totalMs / d.calls),
        totalMs: Math.round(d.totalMs),
        blocksPerCall: round1(d.blocks / d.calls),
      }));
    return { statementsSeconds: round1(total / 1000), top, tables };
  };
  return { statements, minute, close: () => pool.end() };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;
