import { resolve } from 'node:path';
import { openStore, type Store } from '../store/db.ts';
import { migrateUp } from '../store/migrate.ts';
import { BUILT_IN_DIR, readProcedureFiles, syncProcedures, type ProcedureRegistry } from './procedures.ts';
import { loadSecrets, type Secrets } from './secrets.ts';
import { pooledRandom } from '../store/random.ts';
import { loadCalendar } from './calendar.ts';
import type { Calendar } from '../domain/calendar.ts';
import { channelConfigFromEnv, type ChannelConfig } from './channel-config.ts';
import { directoryConfigFromEnv, type DirectoryConfig } from './directory/config.ts';
import { ReadPool } from './read-pool.ts';

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  pgSchema?: string;
  timeZone: string;
  /** Extra procedure folders beside the built-in one. */
  procedureDirs: string[];
  /** E-mail in and out, webhooks, group robots, templates (issue 7). */
  channels: ChannelConfig;
  /** STA-1 monthly reports: the day of the month they are made, and who gets them. */
  reports: ReportConfig;
  /** Staff sign-in: idle timeout and who must have a second factor (issue 28). */
  accounts: AccountConfig;
  /** Directories staff come from and sign in through (issue 20). */
  directory: DirectoryConfig;
  /**
   * PLAINT_ERASURE_LEDGER: the file listing erased cases (issue 24, erasure-ledger.ts), replayed
   * after a restore; default `erasures.jsonl` in the data directory. Instances sharing a PostgreSQL
   * database point it at the same shared file.
   */
  erasureLedger?: string;
  /**
   * PLAINT_READ_WORKERS (default 1, 0 = none): threads that run the heavy reads on SQLite (issue 25,
   * read-pool.ts), each with its own connection. PostgreSQL does not use them: its driver is
   * asynchronous, the database works while the event loop serves other requests.
   */
  readWorkers: number;
};

export type AccountConfig = {
  /** PLAINT_SESSION_IDLE_MINUTES (default 60): a session unused this long ends, before its 12 h lifetime. */
  idleMs: number;
  /** PLAINT_2FA_REQUIRED: `admin`, role names, `all` or `none` (default `admin`), comma-separated. */
  secondFactor: { admins: boolean; all: boolean; roles: string[] };
};

/** Reads PLAINT_SESSION_IDLE_MINUTES and PLAINT_2FA_REQUIRED; a wrong value stops the start. */
export function accountConfigFromEnv(env: NodeJS.ProcessEnv): AccountConfig {
  const idle = Number(env.PLAINT_SESSION_IDLE_MINUTES ?? 60);
  if (!Number.isInteger(idle) || idle < 1 || idle > 12 * 60)
    throw new Error(`PLAINT_SESSION_IDLE_MINUTES must be 1–720, not "${env.PLAINT_SESSION_IDLE_MINUTES}"`);
  // Issue 28 (ISO 37002, ASVS L2): administrators need a second factor unless the operator says `none`.
  const names = (env.PLAINT_2FA_REQUIRED ?? 'admin')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s && s !== 'none');
  for (const n of names)
    if (!/^[a-z][a-z0-9-]*$/.test(n)) throw new Error(`PLAINT_2FA_REQUIRED: "${n}" is not a role name, admin or all`);
  return {
    idleMs: idle * 60_000,
    secondFactor: {
      admins: names.includes('admin') || names.includes('all'),
      all: names.includes('all'),
      roles: names.filter((n) => n !== 'admin' && n !== 'all'),
    },
  };
}

export type ReportConfig = {
  /** PLAINT_REPORT_DAY (1–28, default 25): from this local day on, the month's reports are made. */
  day: number;
  /**
   * PLAINT_REPORT_PERIOD (issue 17, S9 二.4 "每月30日前…上呈主管经理"): what the report of a month
   * covers. `to-report-day` (default): from the report day of the month before up to the day
   * before this month's report day (day 25: 11-25 … 12-24 is December's), made on the report day,
   * so the month's statistics reach the managers before the 30th (February: before its last day).
   * `calendar-month`: the whole previous month, made on the report day of the next one.
   */
  period: 'to-report-day' | 'calendar-month';
  /** PLAINT_REPORT_RECIPIENTS: `a@x.cn` gets the organisation's report, `UNITID:b@x.cn` that unit's. */
  recipients: { unitId: string | null; email: string }[];
  /**
   * PLAINT_REPORT_MAJOR_SEVERITIES (default `major,grave`): the severity ids whose cases a report
   * lists as notable — the built-in procedures' most severe levels (S9 重大投诉, S2 严重).
   */
  majorSeverities: string[];
};

/** Reads PLAINT_REPORT_DAY and PLAINT_REPORT_RECIPIENTS; a wrong value stops the start. */
export function reportConfigFromEnv(env: NodeJS.ProcessEnv): ReportConfig {
  const day = Number(env.PLAINT_REPORT_DAY ?? 25);
  if (!Number.isInteger(day) || day < 1 || day > 28)
    throw new Error(`PLAINT_REPORT_DAY must be a day 1–28 (every month has it), not "${env.PLAINT_REPORT_DAY}"`);
  const recipients = (env.PLAINT_REPORT_RECIPIENTS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const m = /^(?:([0-9A-Z]{26}):)?([^\s@:,]+@[^\s@:,]+)$/.exec(entry);
      if (!m) throw new Error(`PLAINT_REPORT_RECIPIENTS: "${entry}" is neither an e-mail address nor UNITID:address`);
      return { unitId: m[1] ?? null, email: m[2] };
    });
  const majorSeverities = (env.PLAINT_REPORT_MAJOR_SEVERITIES ?? 'major,grave')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const period = env.PLAINT_REPORT_PERIOD ?? 'to-report-day';
  if (period !== 'to-report-day' && period !== 'calendar-month')
    throw new Error(`PLAINT_REPORT_PERIOD must be to-report-day or calendar-month, not "${period}"`);
  return { day, period, recipients, majorSeverities };
}

/** Reads configuration from the environment (DESIGN.md, "Configuration is by environment"). */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  const readWorkers = Number(env.PLAINT_READ_WORKERS ?? 1);
  if (!Number.isInteger(readWorkers) || readWorkers < 0 || readWorkers > 8)
    throw new Error(`PLAINT_READ_WORKERS must be 0–8, not "${env.PLAINT_READ_WORKERS}"`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.PLAINT_DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    pgSchema: env.PLAINT_PG_SCHEMA || undefined,
    erasureLedger: env.PLAINT_ERASURE_LEDGER || undefined,
    timeZone: env.PLAINT_TZ ?? 'Asia/Shanghai',
    procedureDirs: (env.PLAINT_PROCEDURES_DIR ?? '').split(':').filter(Boolean),
    channels: channelConfigFromEnv(env),
    reports: reportConfigFromEnv(env),
    accounts: accountConfigFromEnv(env),
    directory: directoryConfigFromEnv(env),
    readWorkers,
  };
}

/** Everything a use case needs; `now` and `random` are injected so tests can fix them. */
export type AppContext = {
  config: Config;
  store: Store;
  secrets: Secrets;
  procedures: ProcedureRegistry;
  /** The working-day calendar in force; replaced when days are imported (reloadCalendar). */
  calendar: Calendar;
  now: () => Date;
  random: (bytes: number) => Uint8Array;
  /** The read workers on SQLite (read-tasks.ts, heavyRead); absent on PostgreSQL or with PLAINT_READ_WORKERS=0. */
  reads?: ReadPool;
  close(): Promise<void>;
};

/** Opens the database, migrates it and records the procedures: what every command starts with. */
export async function openApp(
  config: Config,
  overrides: Partial<Pick<AppContext, 'now' | 'random'>> = {},
): Promise<AppContext> {
  const store = openStore(config);
  try {
    await migrateUp(store);
    const now = overrides.now ?? (() => new Date());
    const files = [BUILT_IN_DIR, ...config.procedureDirs].flatMap(readProcedureFiles);
    const procedures = await syncProcedures(store, files, now());
    const ctx: AppContext = {
      config,
      store,
      secrets: loadSecrets(config.dataDir),
      procedures,
      calendar: await loadCalendar(store, config.timeZone),
      now,
      random: overrides.random ?? pooledRandom(),
      // Workers start with the first heavy read (or `warm()`): commands that make none start none.
      reads:
        store.dialect === 'sqlite' && config.readWorkers > 0
          ? new ReadPool(config, { size: config.readWorkers })
          : undefined,
      close: async () => {
        // The running reads finish first: their workers read the file the store is about to close.
        await ctx.reads?.close();
        await store.close();
      },
    };
    return ctx;
  } catch (err) {
    await store.close();
    throw err;
  }
}
