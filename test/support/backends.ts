import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { configFromEnv, openApp, type AppContext, type Config } from '../../src/app/context.ts';
import { ensurePgSchema } from '../../src/store/db.ts';

/** The PostgreSQL every integration test also runs on (CI starts it; it is never skipped). */
export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type Backend = {
  name: 'sqlite' | 'postgres';
  /** A fresh, migrated database and its configuration. */
  config(): Promise<{ config: Config; cleanup(): Promise<void> }>;
};

async function requirePostgres(): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 15_000 });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(
      `PostgreSQL at ${PG_URL} is required for these tests and is unreachable: ${(err as Error).message}`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * The suites sign in as `admin` with a password; the second factor administrators need by default
 * (issue 28) is tested in accounts.test.ts and the browser's account test, not by every suite.
 */
export const TEST_ENV: NodeJS.ProcessEnv = { PLAINT_2FA_REQUIRED: 'none' };

export const sqlite: Backend = {
  name: 'sqlite',
  async config() {
    const dir = mkdtempSync(join(tmpdir(), 'plaint-test-'));
    const config: Config = { ...configFromEnv(TEST_ENV), dataDir: dir, databaseUrl: undefined, pgSchema: undefined };
    return { config, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  },
};

export const postgres: Backend = {
  name: 'postgres',
  async config() {
    await requirePostgres();
    const dir = mkdtempSync(join(tmpdir(), 'plaint-test-'));
    const schema = `t_${randomBytes(6).toString('hex')}`;
    await ensurePgSchema(PG_URL, schema);
    const config: Config = { ...configFromEnv(TEST_ENV), dataDir: dir, databaseUrl: PG_URL, pgSchema: schema };
    return {
      config,
      // The schema itself is dropped after all files have run (pg-global.ts).
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
};

/** Every integration suite runs once per backend. */
export const BACKENDS: Backend[] = [sqlite, postgres];

/** A clock the test moves by hand. */
export class TestClock {
  private current: Date;
  constructor(start = '2026-11-30T02:00:00.000Z') {
    this.current = new Date(start);
  }
  now = (): Date => new Date(this.current);
  set(iso: string): void {
    this.current = new Date(iso);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export async function openTestApp(
  backend: Backend,
  clock?: TestClock,
  procedureDirs?: string[],
): Promise<{ ctx: AppContext; config: Config; cleanup(): Promise<void> }> {
  const made = await backend.config();
  const config = procedureDirs ? { ...made.config, procedureDirs } : made.config;
  const { cleanup } = made;
  const ctx = await openApp(config, clock ? { now: clock.now } : {});
  return {
    ctx,
    config,
    cleanup: async () => {
      await ctx.close();
      await cleanup();
    },
  };
}
