import type { Db } from './cases.repository.ts';

/**
 * Deletes of rows that only served a request or a delivery (issue 25). Each call removes at most
 * `limit` rows, found through an index, so a batch never holds the database for long; callers loop
 * until a batch comes back short. The `in (select … limit n)` shape works on both databases
 * (SQLite has no `delete … limit` by default).
 */

export async function deleteIdempotencyKeysBefore(db: Db, before: string, limit: number): Promise<number> {
  const res = await db
    .deleteFrom('idempotency_keys')
    .where('key', 'in', (q) =>
      q.selectFrom('idempotency_keys').select('key').where('created_at', '<', before).limit(limit),
    )
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Deliveries that went out; dead and pending ones stay (admins see and resend them). */
export async function deleteSentDeliveriesBefore(db: Db, before: string, limit: number): Promise<number> {
  const res = await db
    .deleteFrom('deliveries')
    .where('id', 'in', (q) =>
      q.selectFrom('deliveries').select('id').where('status', '=', 'sent').where('sent_at', '<', before).limit(limit),
    )
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Outbox rows already fanned out whose deliveries are all gone (sent and pruned). */
export async function deleteSettledOutboxBefore(db: Db, before: string, limit: number): Promise<number> {
  const res = await db
    .deleteFrom('outbox')
    .where('idempotency_key', 'in', (q) =>
      q
        .selectFrom('outbox as o')
        .select('o.idempotency_key')
        .where('o.status', 'in', ['dispatched', 'no-recipient'])
        .where('o.created_at', '<', before)
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('deliveries as d').select('d.id').whereRef('d.outbox_key', '=', 'o.idempotency_key'))),
        )
        .limit(limit),
    )
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

export async function deleteSessionsExpiredBefore(db: Db, before: string, limit: number): Promise<number> {
  const res = await db
    .deleteFrom('sessions')
    .where('id_hash', 'in', (q) =>
      q.selectFrom('sessions').select('id_hash').where('expires_at', '<', before).limit(limit),
    )
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

export async function deleteReadNotificationsBefore(db: Db, before: string, limit: number): Promise<number> {
  const res = await db
    .deleteFrom('staff_notifications')
    .where('id', 'in', (q) =>
      q.selectFrom('staff_notifications').select('id').where('read_at', '<', before).limit(limit),
    )
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Throttle counters whose window ended long ago: an address that stopped guessing leaves no row. */
export async function deleteThrottlesResetBefore(db: Db, before: string, limit: number): Promise<number> {
  const res = await db
    .deleteFrom('throttle')
    .where('key', 'in', (q) => q.selectFrom('throttle').select('key').where('reset_at', '<', before).limit(limit))
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
