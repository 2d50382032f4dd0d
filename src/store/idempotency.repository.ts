import type { Selectable } from 'kysely';
import type { IdempotencyKeyTable } from './schema.ts';
import type { Db } from './cases.repository.ts';

export type IdempotencyRow = Selectable<IdempotencyKeyTable>;

export async function findIdempotencyKey(db: Db, key: string): Promise<IdempotencyRow | undefined> {
  return db.selectFrom('idempotency_keys').selectAll().where('key', '=', key).executeTakeFirst();
}

export async function insertIdempotencyKey(db: Db, row: IdempotencyRow): Promise<void> {
  await db.insertInto('idempotency_keys').values(row).execute();
}
