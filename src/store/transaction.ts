import { CompiledQuery, type ControlledTransaction, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.ts';
import { deferAudit, flushAudit } from './audit.repository.ts';
import { nextTurn } from './fair-share.ts';

export type Trx = Transaction<Database>;

/**
 * Runs `work` atomically: all of its writes commit, or none do. `first`: a background job that
 * must keep pace with the requests (issue 22, the search indexer) goes ahead of the units waiting
 * for SQLite's group commit; PostgreSQL has no such queue.
 */
export type Transact = <T>(work: (trx: Trx) => Promise<T>, options?: { first?: boolean }) => Promise<T>;

/**
 * PostgreSQL: one transaction per unit of work; the server commits many at once by itself. The
 * unit's audit records are written last, just before commit (audit.repository.ts `deferAudit`),
 * to one of this instance's audit chains (audit-chains.ts): the chain's slot is held from that
 * insert until the transaction has ended, so no other transaction ever waits for its head row.
 */
export function plainTransactions(db: Kysely<Database>): Transact {
  return async (work) => {
    let release: (() => void) | undefined;
    try {
      return await db.transaction().execute(async (trx) => {
        deferAudit(trx);
        const value = await work(trx);
        release = await flushAudit(trx);
        return value;
      });
    } finally {
      release?.();
    }
  };
}

type Unit = { work: (trx: Trx) => Promise<unknown>; resolve(value: unknown): void; reject(err: unknown): void };

const MAX_UNITS_PER_COMMIT = 50;
/**
 * Issue 25: a batch runs on the event loop from its first statement to its commit (better-sqlite3
 * is synchronous), so its length is how long every other request waits. Units join a batch until
 * it has run this long; the rest go first into the next one, after a turn of the event loop.
 * 12 ms until session 15: two 5-minute soaks back to back (bench/README.md, "Shorter turns")
 * measured event-loop delay p99 43–59 ms with 6 ms here and 5 ms turns, 53–69 ms with 12 and 10,
 * at the same throughput.
 */
const BATCH_BUDGET_MS = 6;

/**
 * SQLite: group commit. A commit costs several times more than the statements of a typical
 * unit (it writes every touched page to the WAL), and SQLite has one writer anyway. Units that
 * arrive while a commit is running are queued and then run one after another in one database
 * transaction, each inside its own SAVEPOINT: a unit that throws is rolled back alone and its
 * caller gets the error; the others commit together. Nobody is answered before the commit that
 * holds their writes has finished, so a success still means durable.
 */
export function groupCommit(db: Kysely<Database>): Transact {
  const queue: Unit[] = [];
  let running = false;

  async function drain(): Promise<void> {
    try {
      while (queue.length > 0) {
        // The units the batch had no time for go first into the next one.
        queue.unshift(...(await commitBatch(db, queue.splice(0, MAX_UNITS_PER_COMMIT))));
        // Let the event loop read the requests that arrived meanwhile, so they join the next commit.
        await nextTurn();
      }
    } finally {
      running = false;
    }
  }

  return <T>(work: (trx: Trx) => Promise<T>, options?: { first?: boolean }) =>
    new Promise<T>((resolve, reject) => {
      const unit = { work, resolve: resolve as (v: unknown) => void, reject };
      if (options?.first) queue.unshift(unit);
      else queue.push(unit);
      if (!running) {
        running = true;
        // better-sqlite3 is synchronous: without this turn of the event loop every request would
        // reach the queue alone and commit alone.
        setImmediate(() => void drain());
      }
    });
}

/** Runs units in one transaction until the budget is spent; returns those it did not start. */
async function commitBatch(db: Kysely<Database>, queued: Unit[]): Promise<Unit[]> {
  let trx: ControlledTransaction<Database>;
  try {
    trx = await db.startTransaction().execute();
  } catch (err) {
    queued.forEach((u) => u.reject(err));
    return [];
  }
  const started = performance.now();
  const done: [Unit, unknown][] = [];
  // Units from `stop` on wait for the next batch; `next` is the unit this batch runs now.
  let stop = queued.length;
  let next = 0;
  try {
    for (; next < stop; next++) {
      if (next > 0 && performance.now() - started >= BATCH_BUDGET_MS) {
        stop = next;
        break;
      }
      const unit = queued[next];
      // Plain statements rather than Kysely's savepoint builders: these run once per unit of work.
      const name = `unit_${next}`;
      await trx.executeQuery(CompiledQuery.raw(`savepoint ${name}`));
      try {
        const value = await unit.work(trx);
        await trx.executeQuery(CompiledQuery.raw(`release ${name}`));
        done.push([unit, value]);
      } catch (err) {
        await trx.executeQuery(CompiledQuery.raw(`rollback to ${name}`));
        await trx.executeQuery(CompiledQuery.raw(`release ${name}`));
        unit.reject(err);
      }
    }
    await trx.commit().execute();
  } catch (err) {
    await trx
      .rollback()
      .execute()
      .catch(() => {});
    done.forEach(([unit]) => unit.reject(err));
    // The unit that was running and those not yet run in this batch were neither resolved nor rejected.
    queued.slice(next, stop).forEach((u) => u.reject(err));
    return queued.slice(stop);
  }
  done.forEach(([unit, value]) => unit.resolve(value));
  return queued.slice(stop);
}
