import type { Selectable } from 'kysely';
import type { OutboxTable } from './schema.ts';
import type { Db } from './cases.repository.ts';
import { insertRows } from './insert.ts';

export type OutboxRow = Selectable<OutboxTable>;

/** Queues notifications in the caller's transaction; a dispatcher sends them after commit. */
export async function insertOutbox(db: Db, rows: OutboxRow[]): Promise<void> {
  await insertRows(db, 'outbox', rows);
}
