import type { Kysely } from 'kysely';

/**
 * Issue 7: delivering the outbox. An outbox row (one notice to `submitter`, `assignee` or
 * `role:x`) fans out into deliveries, one per channel and target, each retried on its own, so a
 * webhook that is down never resends an e-mail that went out. Staff read in-app notifications.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Targets are references (`submitter`, `user:<id>`, `hook:<name>`), never addresses: the
  // submitter's e-mail stays encrypted on the case and is read at the moment of sending.
  await db.schema
    .createTable('deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('outbox_key', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    // A claim is a lease: a dispatcher that dies mid-send lets the row go when it runs out.
    .addColumn('lease_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('last_error', 'text')
    .execute();
  await db.schema
    .createIndex('deliveries_status_next')
    .on('deliveries')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema.createIndex('deliveries_case').on('deliveries').column('case_id').execute();

  await db.schema
    .createTable('staff_notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text')
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema
    .createIndex('staff_notifications_user')
    .on('staff_notifications')
    .columns(['user_id', 'created_at'])
    .execute();

  // Inbound mail threads by Message-ID: a reply's In-Reply-To names a receipt we sent.
  await db.schema
    .createTable('mail_threads')
    .addColumn('message_id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('mail_threads').execute();
  await db.schema.dropTable('staff_notifications').execute();
  await db.schema.dropTable('deliveries').execute();
}
