import pg from 'pg';
import { PG_URL } from './backends.ts';

/**
 * Test schemas (`t_<random>`) are dropped once, after every test file has finished, not by each
 * file as it ends: Kysely's migrator lists tables across all schemas, and a schema dropped by
 * another file in the middle of that listing fails it ("schema … does not exist").
 * Leftovers of an interrupted earlier run are dropped at the start.
 */
async function dropTestSchemas(): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 15_000 });
  try {
    await client.connect();
  } catch {
    return; // the suites themselves report an unreachable PostgreSQL
  }
  try {
    const { rows } = await client.query<{ nspname: string }>(
      `select nspname from pg_namespace where nspname ~ '^t_[0-9a-f]{12}$'`,
    );
    for (const { nspname } of rows) await client.query(`drop schema if exists "${nspname}" cascade`);
    // A run creates and drops hundreds of schemas: 213,189 dead rows in pg_attribute and 110,719 in
    // pg_depend after one. With autovacuum off (as on the test server) the next run's DDL works
    // through them; vacuuming the catalogs takes a fraction of a second.
    await client.query(
      'vacuum pg_catalog.pg_attribute, pg_catalog.pg_depend, pg_catalog.pg_class, pg_catalog.pg_index, pg_catalog.pg_type, pg_catalog.pg_constraint, pg_catalog.pg_attrdef, pg_catalog.pg_statistic, pg_catalog.pg_namespace, pg_catalog.pg_trigger, pg_catalog.pg_sequence',
    );
  } finally {
    await client.end();
  }
}

export async function setup(): Promise<() => Promise<void>> {
  await dropTestSchemas();
  return dropTestSchemas;
}
