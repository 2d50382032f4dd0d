import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { PG_URL, postgres } from './support/backends.ts';
import { openStore, type Store } from '../src/store/db.ts';
import { migrateUp } from '../src/store/migrate.ts';

/**
 * Several instances (and test files) share one PostgreSQL database, each in its own schema.
 * A migration in one schema must not fail because another schema's tables are dropped meanwhile:
 * Kysely's own introspector listed every table of every schema, by name, and failed with
 * "relation … does not exist" when one vanished under it (the CI run of 2026-12-05).
 */
describe('migrations on PostgreSQL while another schema churns', () => {
  const stores: Store[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const s of stores) await s.close();
    for (const c of cleanups) await c();
  });

  it('migrate up succeeds in a fresh schema while tables elsewhere are created and dropped', async () => {
    const churn = new pg.Client({ connectionString: PG_URL });
    await churn.connect();
    const other = `churn_${process.pid}`;
    await churn.query(`create schema if not exists ${other}`);
    let stop = false;
    const churning = (async () => {
      for (let i = 0; !stop; i++) {
        await churn.query(`create table ${other}.t${i % 20} (id serial primary key, a text, b text)`);
        await churn.query(`drop table ${other}.t${i % 20}`);
      }
    })();
    try {
      for (let round = 0; round < 4; round++) {
        const { config, cleanup } = await postgres.config();
        cleanups.push(cleanup);
        const store = openStore(config);
        stores.push(store);
        const ran = await migrateUp(store);
        expect(ran.length).toBeGreaterThan(20);
      }
    } finally {
      stop = true;
      await churning;
      await churn.query(`drop schema ${other} cascade`);
      await churn.end();
    }
  });
});
