import type { Kysely } from 'kysely';

/**
 * Issue 25: the tables that grow with every request are pruned on a schedule (src/app/housekeeping.ts).
 * These indexes let each pruning batch find its old rows without reading the table: idempotency keys
 * by age, delivered notices by the time they were sent, outbox rows by age, sessions by expiry.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('idempotency_keys_created').on('idempotency_keys').column('created_at').execute();
  await db.schema.createIndex('deliveries_outbox').on('deliveries').column('outbox_key').execute();
  await db.schema.createIndex('deliveries_status_sent').on('deliveries').columns(['status', 'sent_at']).execute();
  await db.schema.createIndex('outbox_status_created').on('outbox').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();
  await db.schema.createIndex('staff_notifications_read').on('staff_notifications').column('read_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of [
    'staff_notifications_read',
    'sessions_expires',
    'outbox_status_created',
    'deliveries_status_sent',
    'deliveries_outbox',
    'idempotency_keys_created',
  ])
    await db.schema.dropIndex(name).execute();
}
