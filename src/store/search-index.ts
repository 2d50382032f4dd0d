import { sql } from 'kysely';
import { indexTokens, upsertTokens, type Db } from './cases.repository.ts';
import type { Store } from './db.ts';
import { indexerPace, type Pace } from './fair-share.ts';
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
 * Cases per batch. Measured (bench/README.md, issue 22): a case costs ~0.3 ms of CPU to index,
 * all in — reading and opening it, segmenting, hashing its ~100 tokens, writing them — on the
 * shared 2-core machine under load. Tokens are computed in slices with a turn of the event loop
 * between, each slice a fair share of the loop (fair-share.ts), so a batch holds it 40 ms at most
 * and keeps pace with the requests however long their turns grow.
 *
 * On SQLite a batch is read, computed and then written by one unit of the group commit
 * (transaction.ts): its place in the commit queue is shared with every request, so a batch must
 * be large for the indexer to keep up with a saturated submit route (16 a commit fell behind at
 * ~70 submits/s on the loaded machine). On PostgreSQL a batch is its own transaction holding its
 * queue rows locked while it computes.
 */
export const INDEX_BATCH = 128;

type Queued = { id: string; subject: string; description: string; tracking_no: string };

export type CaseTokens = { case_id: string; tokens: string };

/**
 * Where a batch's tokens are computed from its queue ids: here, in slices (`pace`), or elsewhere —
 * `plaint serve` on SQLite hands them to a read worker (jobs/indexer.ts), off the request thread.
 */
export type ComputeTokens = (ids: string[], pace: Pace) => Promise<CaseTokens[]>;

/**
 * The tokens of the queued cases `ids` (a case deleted meanwhile has none), read through `db`;
 * without a `pace` (a read worker, which has no requests to make room for) in one go.
 */
export async function tokensOfQueued(db: Db, ids: string[], pace?: Pace): Promise<CaseTokens[]> {
  return tokensOf(db, await queuedCases(db, ids), pace);
}

/** The queued cases' tokens, computed a slice at a time with a turn of the event loop between. */
async function tokensOf(db: Db, rows: Queued[], pace?: Pace): Promise<CaseTokens[]> {
  const keyring = keyringOf(db);
  const keys = await caseKeys(
    db,
    rows.map((r) => r.id),
  );
  const out: CaseTokens[] = [];
  for (const r of rows) {
    if (pace?.spent()) await pace.yield();
    const key = keys.get(r.id);
    const text = {
      subject: openText(keyring, key, r.subject),
      description: openText(keyring, key, r.description),
      tracking_no: r.tracking_no,
    };
    out.push({ case_id: r.id, tokens: indexTokens(keyring, text) });
  }
  return out;
}

const queuedCases = (db: Db, ids: string[]) =>
  db
    .selectFrom('cases')
    .select(['id', 'subject', 'description', 'tracking_no'])
    .where('id', 'in', ids)
    .orderBy('id')
    .execute();

/**
 * Indexes at most `limit` queued cases; returns how many it did (on PostgreSQL a case locked by a
 * change in progress waits for a later batch). A drain passes one
 * `pace` to all its batches, so the share it was given carries over from one to the next. On
 * SQLite `compute` says where the tokens are computed; PostgreSQL computes them in the batch's
 * transaction, which holds its queue rows locked meanwhile.
 */
export async function indexBatch(
  store: Store,
  limit = INDEX_BATCH,
  pace = indexerPace(),
  compute: ComputeTokens = (ids, p) => tokensOfQueued(store.db, ids, p),
): Promise<number> {
  if (store.dialect === 'sqlite') return indexBatchSqlite(store, limit, pace, compute);
  return store.transact(async (trx) => {
    const pending = trx
      .selectFrom('case_search_pending')
      .select('case_id')
      .orderBy('case_id')
      .limit(limit)
      .forUpdate()
      .skipLocked();
    const ids = (await pending.execute()).map((r) => r.case_id);
    if (ids.length === 0) return 0;
    const computed = await tokensOf(trx, await queuedCases(trx, ids), pace);
    // Each index row keeps its case's unit path (migration 202612072300), copied as it is written.
    // The cases are held FOR SHARE from here to the commit, so a transfer committing meanwhile waits
    // and then moves the row written here; a case being changed right now is left queued for the
    // next batch rather than waited for (its change may be waiting for this batch's queue rows).
    const held = new Set(
      (
        await trx
          .selectFrom('cases')
          .select('id')
          .where('id', 'in', ids)
          .orderBy('id')
          .forShare()
          .skipLocked()
          .execute()
      ).map((r) => r.id),
    );
    // Asked only when some were not held: which of those are still there (locked) or gone (erased).
    const present =
      held.size === ids.length
        ? held
        : new Set((await trx.selectFrom('cases').select('id').where('id', 'in', ids).execute()).map((r) => r.id));
    await upsertTokens(
      trx,
      computed.filter((c) => held.has(c.case_id)),
    );
    // Done: the cases indexed, and queue rows whose case was deleted meanwhile (they just go).
    const done = ids.filter((id) => held.has(id) || !present.has(id));
    if (done.length > 0) await trx.deleteFrom('case_search_pending').where('case_id', 'in', done).execute();
    return done.length;
  });
}

/**
 * SQLite: the queue rows a batch of this process has read and not yet written. SQLite has one
 * writer process, so this is every batch in flight: the indexer runs two at once (jobs/indexer.ts),
 * one computing while the other waits for its commit, and they must not take the same cases.
 * Claims are made one after another (`last`): two batches reading the queue at the same moment
 * would otherwise both read the same rows before either had claimed them.
 */
type Claims = { inFlight: Set<string>; last: Promise<unknown> };
const claims = new WeakMap<Store, Claims>();

/** Takes up to `limit` queued cases no batch of this process holds; `release` gives them back. */
function claimQueued(store: Store, limit: number): Promise<{ ids: string[]; release(): void }> {
  const mine = claims.get(store) ?? { inFlight: new Set<string>(), last: Promise.resolve() };
  claims.set(store, mine);
  const claimed = mine.last.then(async () => {
    const ids = (
      await store.db
        .selectFrom('case_search_pending')
        .select('case_id')
        .orderBy('case_id')
        .limit(limit + mine.inFlight.size)
        .execute()
    )
      .map((r) => r.case_id)
      .filter((id) => !mine.inFlight.has(id))
      .slice(0, limit);
    for (const id of ids) mine.inFlight.add(id);
    return { ids, release: () => ids.forEach((id) => mine.inFlight.delete(id)) };
  });
  mine.last = claimed.catch(() => {});
  return claimed;
}

/**
 * SQLite: read and compute outside the write, then write only the cases still queued — in one
 * unit of the group commit, ahead of the requests waiting for it, after any change that committed
 * meanwhile. A de-identification or a deletion that ran in between deleted the queue row with its
 * own tokens, so its case is left alone here (its tokens are newer than the text read above);
 * another batch that wrote the same cases first deleted their queue rows too, so nothing is done twice.
 */
async function indexBatchSqlite(store: Store, limit: number, pace: Pace, compute: ComputeTokens): Promise<number> {
  const { ids, release } = await claimQueued(store, limit);
  if (ids.length === 0) return 0;
  try {
    const computed = await compute(ids, pace);
    return await store.transact(
      async (trx) => {
        const still = new Set(
          (await trx.selectFrom('case_search_pending').select('case_id').where('case_id', 'in', ids).execute()).map(
            (r) => r.case_id,
          ),
        );
        if (still.size === 0) return 0;
        await upsertTokens(
          trx,
          computed.filter((c) => still.has(c.case_id)),
        );
        await trx
          .deleteFrom('case_search_pending')
          .where('case_id', 'in', [...still])
          .execute();
        return still.size;
      },
      { first: true },
    );
  } finally {
    release();
  }
}

/**
 * Drains the queue now, batch after batch, until it is empty (or `max` cases were done): for code
 * that needs the index at once — an import's end, a test that searches what it just wrote. Cases
 * another instance is indexing at this moment (locked) are skipped, not waited for.
 */
export async function indexPending(store: Store, max = Number.POSITIVE_INFINITY): Promise<number> {
  let done = 0;
  const pace = indexerPace();
  while (done < max) {
    const asked = Math.min(INDEX_BATCH, max - done);
    const n = await indexBatch(store, asked, pace);
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
