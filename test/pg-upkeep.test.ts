import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { configFromEnv, openApp, type AppContext } from '../src/app/context.ts';
import { ensurePgSchema } from '../src/store/db.ts';
import { UPKEEP_LOCK_CLASS, upkeepOf, upkeepPostgres } from '../src/store/pg-upkeep.ts';
import { PG_URL, TEST_ENV } from './support/backends.ts';

/**
 * A database of this file's own. VACUUM removes a dead row only once no transaction of the same
 * database could still see it: in the full run other files' transactions in the shared test
 * database held the horizon back, the rows stayed dead and the test failed (CI, 2026-12-07).
 * Advisory locks are per database too.
 */
async function ownDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `plaint_upkeep_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const again = new pg.Client({ connectionString: PG_URL });
      await again.connect();
      try {
        await again.query(`drop database if exists ${name} with (force)`);
      } finally {
        await again.end();
      }
    },
  };
}

/**
 * Issue 25: with autovacuum off the soak's queue of cases waiting for the indexer held 30,058 dead
 * rows beside 117 live ones, and plans went stale as the tables grew. `plaint serve` now vacuums and
 * analyses the tables autovacuum leaves alone. The table here opts out of autovacuum itself, so the
 * test means the same on a server with autovacuum on or off.
 */
describe('PostgreSQL upkeep of the tables autovacuum does not look after (issue 25)', () => {
  let ctx: AppContext;
  let url: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const db = await ownDatabase();
    url = db.url;
    const dir = mkdtempSync(join(tmpdir(), 'plaint-test-'));
    const schema = `t_${randomBytes(6).toString('hex')}`;
    await ensurePgSchema(url, schema);
    ctx = await openApp({ ...configFromEnv(TEST_ENV), dataDir: dir, databaseUrl: url, pgSchema: schema });
    cleanup = async () => {
      await ctx.close();
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    };
    await sql`alter table outbox set (autovacuum_enabled = false)`.execute(ctx.store.db);
    await sql`vacuum (analyze) outbox`.execute(ctx.store.db);
  });
  afterAll(async () => cleanup?.());

  const stats = async () =>
    (
      await sql<{ dead: string; vacuumed: string | null }>`
        select n_dead_tup as dead, last_vacuum::text as vacuumed from pg_stat_user_tables
         where schemaname = current_schema() and relname = 'outbox'`.execute(ctx.store.db)
    ).rows[0];

  /** Writes and deletes 3,000 notices on one connection and publishes its counters at once. */
  async function churn() {
    await ctx.store.db.connection().execute(async (db) => {
      await sql`insert into outbox (idempotency_key, case_id, recipient, template, event, payload, status, attempts, next_attempt_at, created_at, sent_at, last_error)
                select 'upkeep-' || g, null, 'user:x', 'case-received', 'submitted', '{}', 'sent', 1, '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z', null
                  from generate_series(1, 3000) as g`.execute(db);
      await sql`delete from outbox where idempotency_key like 'upkeep-%'`.execute(db);
      await sql`select pg_stat_force_next_flush()`.execute(db);
    });
    // The counters reach other sessions when the writer's backend flushes them (forced above, at its next idle).
    for (let i = 0; i < 40 && Number((await stats()).dead) < 3000; i++) await new Promise((r) => setTimeout(r, 250));
    expect(Number((await stats()).dead)).toBeGreaterThanOrEqual(3000);
  }

  it('vacuums a table full of dead rows, and leaves it alone once clean', async () => {
    await churn();
    const first = await upkeepPostgres(ctx.store);
    expect(first.vacuumed).toContain('outbox');
    let after = await stats();
    for (let i = 0; i < 40 && Number(after.dead) > 0; i++) {
      await new Promise((r) => setTimeout(r, 250));
      after = await stats();
    }
    expect(Number(after.dead)).toBe(0);
    expect(after.vacuumed).not.toBeNull();
    const second = await upkeepPostgres(ctx.store);
    expect(second.vacuumed).not.toContain('outbox');
    expect(second.analyzed).not.toContain('outbox');
  });

  it('gives way to another instance of the deployment already at it (an advisory lock per schema)', async () => {
    await churn();
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      const key = [UPKEEP_LOCK_CLASS, ctx.store.pgSchema];
      await other.query('select pg_advisory_lock($1, hashtext($2))', key);
      const busy = await upkeepPostgres(ctx.store);
      expect(busy).toMatchObject({ vacuumed: [], analyzed: [], skipped: 'busy' });
      await other.query('select pg_advisory_unlock($1, hashtext($2))', key);
      expect((await upkeepPostgres(ctx.store)).vacuumed).toContain('outbox');
    } finally {
      await other.end();
    }
  });

  it("follows autovacuum's own rule: a share of the table plus a base, dead or inserted rows first", () => {
    expect(upkeepOf({ live: 100_000, dead: 10_000, inserted: 0, changed: 10_600 })).toBe('analyze');
    expect(upkeepOf({ live: 100_000, dead: 20_500, inserted: 0, changed: 0 })).toBe('vacuum');
    expect(upkeepOf({ live: 100_000, dead: 0, inserted: 20_500, changed: 20_500 })).toBe('vacuum');
    expect(upkeepOf({ live: 117, dead: 30_058, inserted: 0, changed: 0 })).toBe('vacuum');
    expect(upkeepOf({ live: 100_000, dead: 400, inserted: 400, changed: 400 })).toBeNull();
  });
});
