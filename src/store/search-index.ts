import { sql } from 'kysely';
import { indexTokens, upsertTokens } from './cases.repository.ts';
import type { Store } from './db.ts';
import { caseKeys, keyringOf, openText } from './sealing.ts';

/**
 * Issue 22: the search indexer. A request writes a new case with a row in `case_search_pending`
 * instead of its tokens; this drains the queue in small batches — open the text, segment it
 * (store/search.ts), write `case_search` (SQLite's FTS5 index follows by its triggers), delete the
 * queue rows — each batch one transaction, so a crash loses nothing: the rows stay until their
 * tokens commit.
 *
 * Every instance drains at once without doing a case twice: on PostgreSQL a batch takes its rows
 * `FOR UPDATE SKIP LOCKED`, so another instance's batch takes the next ones. SQLite has one writer
 * (and in one process, one group commit: transaction.ts), so a batch there sees the last one's
 * deletions.
 *
 * Redaction and deletion do not wait for this: they write or delete the tokens in their own
 * transaction and delete the queue row first (cases.repository.ts `indexCaseNow`,
 * `deleteCaseIndexes`). On PostgreSQL that delete waits for a batch holding the row, so a batch
 * that read the text before the change commits first and its tokens are then overwritten or
 * deleted — never the reverse.
 */

/**
 * Cases per batch. Measured (bench/README.md, issue 22): segmenting and hashing a case's tokens
 * takes ~0.1 ms of the event loop, so a batch of 32 holds it a few ms at most.
 */
export const INDEX_BATCH = 32;

/** Indexes at most `limit` queued cases in one transaction; returns how many queue rows it took. */
export async function indexBatch(store: Store, limit = INDEX_BATCH): Promise<number> {
  return store.transact(async (trx) => {
    let pending = trx.selectFrom('case_search_pending').select('case_id').orderBy('case_id').limit(limit);
    if (store.dialect === 'postgres') pending = pending.forUpdate().skipLocked();
    const ids = (await pending.execute()).map((r) => r.case_id);
    if (ids.length === 0) return 0;
    const rows = await trx
      .selectFrom('cases')
      .select(['id', 'subject', 'description', 'tracking_no'])
      .where('id', 'in', ids)
      .orderBy('id')
      .execute();
    const keyring = keyringOf(trx);
    const keys = await caseKeys(
      trx,
      rows.map((r) => r.id),
    );
    // A queued case deleted meanwhile has no row: its queue row just goes.
    await upsertTokens(
      trx,
      rows.map((r) => {
        const key = keys.get(r.id);
        const text = {
          subject: openText(keyring, key, r.subject),
          description: openText(keyring, key, r.description),
          tracking_no: r.tracking_no,
        };
        return { case_id: r.id, tokens: indexTokens(keyring, text) };
      }),
    );
    await trx.deleteFrom('case_search_pending').where('case_id', 'in', ids).execute();
    return ids.length;
  });
}

/**
 * Drains the queue now, batch after batch, until it is empty (or `max` cases were done): for code
 * that needs the index at once — an import's end, a test that searches what it just wrote. Cases
 * another instance is indexing at this moment (locked) are skipped, not waited for.
 */
export async function indexPending(store: Store, max = Number.POSITIVE_INFINITY): Promise<number> {
  let done = 0;
  while (done < max) {
    const asked = Math.min(INDEX_BATCH, max - done);
    const n = await indexBatch(store, asked);
    done += n;
    if (n < asked) break;
  }
  return done;
}

/** How many cases wait for the indexer (doctor, tests). */
export async function pendingCount(store: Store): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from case_search_pending`.execute(store.db);
  return Number(rows[0]?.n ?? 0);
}
