import { PostgresAdapter, sql, type Kysely } from 'kysely';

const GENESIS_HASH = '0'.repeat(64);

/**
 * Issue 22: the audit trail becomes several hash chains, so no row is locked by every writer.
 *
 * - `audit_log` gains `chain` and `chain_seq` (gap-free within its chain); `seq` stays as the
 *   global order for listing, now drawn from a sequence on PostgreSQL (gaps allowed) and from
 *   SQLite's rowid. Existing records become chain `genesis` with their `seq` as `chain_seq` and
 *   their hashes unchanged (the genesis chain hashes as before, without a `chain` key).
 * - `audit_chains` holds each chain's head (its last `chain_seq` and hash), the instance that
 *   writes it and, once an anchor has sealed it, when. `genesis` starts with `audit_head`'s head;
 *   `anchor` is the chain of anchor records (app/audit-anchor.ts).
 * - `audit_instances` is the liveness lease of every instance that owns chains.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .alterTable('audit_log')
    .addColumn('chain', 'text', (c) => c.notNull().defaultTo('genesis'))
    .execute();
  await db.schema
    .alterTable('audit_log')
    .addColumn('chain_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update audit_log set chain_seq = seq`.execute(db);
  await db.schema.createIndex('audit_log_chain_seq').on('audit_log').columns(['chain', 'chain_seq']).unique().execute();
  if (postgres) {
    const { rows } = await sql<{ next: number }>`select coalesce(max(seq), 0) + 1 as next from audit_log`.execute(db);
    await sql`create sequence audit_log_seq as integer start with ${sql.lit(Number(rows[0]!.next))}`.execute(db);
    await sql`alter table audit_log alter column seq set default nextval('audit_log_seq')`.execute(db);
    await sql`alter sequence audit_log_seq owned by audit_log.seq`.execute(db);
  }

  await db.schema
    .createTable('audit_chains')
    .addColumn('chain', 'text', (c) => c.primaryKey())
    .addColumn('instance', 'text')
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('sealed_at', 'text')
    .execute();
  const { rows: heads } = await sql<{
    seq: number;
    hash: string;
  }>`select seq, hash from audit_head where id = 1`.execute(db);
  const head = heads[0] ?? { seq: 0, hash: GENESIS_HASH };
  await sql`insert into audit_chains (chain, instance, seq, hash) values
    ('genesis', null, ${Number(head.seq)}, ${head.hash}), ('anchor', null, 0, ${GENESIS_HASH})`.execute(db);
  await db.schema.dropTable('audit_head').execute();

  await db.schema
    .createTable('audit_instances')
    .addColumn('instance', 'text', (c) => c.primaryKey())
    .addColumn('alive_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
}

/**
 * Back to one chain: only the genesis chain fits `audit_head`, so the records of every other
 * chain are dropped (a downgrade loses them; their hashes could not be re-chained anyway).
 */
export async function down(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.dropTable('audit_instances').execute();
  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into audit_head (id, seq, hash) select 1, seq, hash from audit_chains where chain = 'genesis'`.execute(
    db,
  );
  await db.schema.dropTable('audit_chains').execute();
  await sql`delete from audit_log where chain <> 'genesis'`.execute(db);
  if (postgres) await sql`alter table audit_log alter column seq drop default`.execute(db);
  if (postgres) await sql`drop sequence audit_log_seq`.execute(db);
  await db.schema.dropIndex('audit_log_chain_seq').execute();
  await db.schema.alterTable('audit_log').dropColumn('chain_seq').execute();
  await db.schema.alterTable('audit_log').dropColumn('chain').execute();
}
