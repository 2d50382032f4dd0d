import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp, type AppContext } from '../src/app/context.ts';
import { deidentifyCase, deleteCase } from '../src/app/retention.ts';
import { submitCase } from '../src/app/submit.ts';
import { findCaseById, indexTokens, listCases, upsertTokens } from '../src/store/cases.repository.ts';
import { openStore, type Store } from '../src/store/db.ts';
import { queryTokens } from '../src/store/search.ts';
import { heavyRead } from '../src/app/read-tasks.ts';
import { startIndexer } from '../src/jobs/indexer.ts';
import { indexerPace } from '../src/store/fair-share.ts';
import { type ComputeTokens, indexBatch, indexPending, pendingCount } from '../src/store/search-index.ts';
import { keyringOf, searchHash } from '../src/store/sealing.ts';
import { BACKENDS } from './support/backends.ts';
import { complaint } from './support/harness.ts';

const EVERYTHING = { everything: true, byProcedure: [], recused: null };

/** Ids of the cases a full-text query finds, as the inbox's search does. */
async function found(store: Store, text: string): Promise<string[]> {
  return (await listCases(store.db, { text, limit: 50, scope: EVERYTHING })).rows.map((r) => r.id);
}

async function file(ctx: AppContext, overrides: Record<string, unknown> = {}): Promise<{ id: string }> {
  return submitCase(
    ctx,
    complaint({ channel: 'web', ...overrides }) as never,
    { kind: 'system', name: 'test' } as never,
  );
}

/** A case naming its submitter in its text: de-identification redacts the name (CON-4). */
const named = (name: string) => ({
  subject: `${name}投诉电梯故障`,
  description: `我是${name}，小区电梯坏了三天没人修。`,
  submitter: { name, phone: '13900001111' },
});

/**
 * Issue 22: search indexing off the request path. A submit writes a queue row; the indexer
 * (store/search-index.ts) writes the tokens; redaction and deletion do not wait for it.
 */
describe.each(BACKENDS)('search indexer on $name', (backend) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  async function app(): Promise<{ ctx: AppContext; config: Awaited<ReturnType<typeof backend.config>>['config'] }> {
    const { config, cleanup } = await backend.config();
    const ctx = await openApp(config);
    cleanups.push(cleanup, () => ctx.close());
    return { ctx, config };
  }

  it('a submitted case is queued, not indexed, and searchable once the indexer has run', async () => {
    const { ctx } = await app();
    const { id } = await file(ctx, { subject: '电梯停运', description: '物业公司不修电梯' });
    expect(await pendingCount(ctx.store)).toBe(1);
    expect(await found(ctx.store, '物业公司')).toEqual([]);
    expect(await indexPending(ctx.store)).toBe(1);
    expect(await pendingCount(ctx.store)).toBe(0);
    expect(await found(ctx.store, '物业公司')).toEqual([id]);
    expect(await indexPending(ctx.store)).toBe(0);
  });

  it('concurrent indexers index every queued case exactly once', async () => {
    const { ctx, config } = await app();
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) ids.push((await file(ctx, { description: `第${i}号 楼道灯坏了` })).id);
    // PostgreSQL: a second store, as another instance would have; SQLite: one writer, so the same store.
    const other = ctx.store.dialect === 'postgres' ? openStore(config) : ctx.store;
    if (other !== ctx.store) cleanups.push(() => other.close());
    // Small batches, so that the indexers meet over the same queue rows.
    const drain = async (store: Store) => {
      let done = 0;
      for (let n = -1; n !== 0; done += n) n = await indexBatch(store, 10);
      return done;
    };
    const counts = await Promise.all([drain(ctx.store), drain(other), drain(ctx.store)]);
    // Each counts the queue rows it took: a case done twice would make the sum exceed 100.
    expect(counts.reduce((a, b) => a + b, 0)).toBe(100);
    if (ctx.store.dialect === 'postgres') expect(counts.filter((n) => n > 0).length).toBeGreaterThan(1);
    expect(await pendingCount(ctx.store)).toBe(0);
    const rows = await ctx.store.db.selectFrom('case_search').select('case_id').execute();
    expect(rows.map((r) => r.case_id).sort()).toEqual([...ids].sort());
    expect((await found(ctx.store, '楼道')).length).toBe(50); // one page
  });

  it('two batches in flight at once take different cases', async () => {
    // The indexer keeps two batches in flight (jobs/indexer.ts): one computes while the other
    // waits for its commit. On SQLite both once read the same queue rows, and the second wrote
    // nothing; PostgreSQL's SKIP LOCKED split them already.
    const { ctx } = await app();
    for (let i = 0; i < 30; i++) await file(ctx, { description: `第${i}号 水管爆裂` });
    expect(await Promise.all([indexBatch(ctx.store, 10), indexBatch(ctx.store, 10)])).toEqual([10, 10]);
    expect(await pendingCount(ctx.store)).toBe(10);
    expect(await indexPending(ctx.store)).toBe(10);
    expect((await ctx.store.db.selectFrom('case_search').select('case_id').execute()).length).toBe(30);
  });

  it('de-identification and deletion leave nothing searchable while the case is still queued', async () => {
    const { ctx } = await app();
    const redacted = await file(ctx, named('欧阳明月'));
    const deleted = await file(ctx, named('司马长风'));
    expect(await pendingCount(ctx.store)).toBe(2);
    await deidentifyCase(ctx, redacted.id, 'test', false);
    await deleteCase(ctx, (await findCaseById(ctx.store.db, deleted.id))!);
    // Their queue rows went in the same transactions: nothing is left for the indexer.
    expect(await pendingCount(ctx.store)).toBe(0);
    expect(await indexPending(ctx.store)).toBe(0);
    expect(await found(ctx.store, '欧阳明月')).toEqual([]);
    expect(await found(ctx.store, '司马长风')).toEqual([]);
    // The redacted case is indexed with what is left of its text, the deleted one not at all.
    expect(await found(ctx.store, '电梯')).toEqual([redacted.id]);
    const tokens = await ctx.store.db.selectFrom('case_search').select(['case_id', 'tokens']).execute();
    expect(tokens.map((t) => t.case_id)).toEqual([redacted.id]);
    for (const word of queryTokens('欧阳明月'))
      expect(tokens[0]!.tokens.split(' ')).not.toContain(searchHash(keyringOf(ctx.store.db), word));
  });

  it('a crash between submit and indexing loses nothing: the queue survives a restart', async () => {
    const { ctx, config } = await app();
    const { id } = await file(ctx, { description: '暖气片漏水' });
    // The process ends before any indexer ran.
    cleanups.pop();
    await ctx.close();
    const again = await openApp(config);
    cleanups.push(() => again.close());
    expect(await pendingCount(again.store)).toBe(1);
    expect(await indexBatch(again.store)).toBe(1);
    expect(await found(again.store, '暖气片')).toEqual([id]);
  });

  it('a correction re-indexes the case at once, queued or not', async () => {
    const { ctx } = await app();
    const queued = await file(ctx, { subject: '燃气异味', description: '楼道有燃气味' });
    const { updateCaseIfVersion } = await import('../src/store/cases.repository.ts');
    await ctx.store.transact((trx) =>
      updateCaseIfVersion(trx, queued.id, 1, { description: '楼道有油漆味' }, new Date().toISOString()),
    );
    expect(await pendingCount(ctx.store)).toBe(0);
    expect(await found(ctx.store, '油漆')).toEqual([queued.id]);
    expect(await found(ctx.store, '燃气味')).toEqual([]);
  });
});

/**
 * SQLite: the indexer's batch goes ahead of the requests waiting for the group commit
 * (transaction.ts), so under a saturating load it waits for the commit in progress, not for every
 * unit queued behind it.
 */
describe('search indexer in the group commit on sqlite', () => {
  it('a unit asked first runs before the units already queued', async () => {
    const { config, cleanup } = await BACKENDS.find((b) => b.name === 'sqlite')!.config();
    const ctx = await openApp(config);
    try {
      const order: string[] = [];
      const unit = (name: string) => async () => {
        order.push(name);
      };
      await Promise.all([
        ctx.store.transact(unit('request 1')),
        ctx.store.transact(unit('request 2')),
        ctx.store.transact(unit('indexer'), { first: true }),
        ctx.store.transact(unit('request 3')),
      ]);
      expect(order).toEqual(['indexer', 'request 1', 'request 2', 'request 3']);
    } finally {
      await ctx.close();
      await cleanup();
    }
  });
});

/**
 * Issue 25: in `plaint serve` on SQLite the indexer's tokens are computed in a read worker (its own
 * connection, off the request thread) and written by the process, in the group commit.
 */
describe('search indexer computing in a read worker on sqlite', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  async function app(): Promise<AppContext> {
    const { config, cleanup } = await BACKENDS.find((b) => b.name === 'sqlite')!.config();
    const ctx = await openApp({ ...config, readWorkers: 1 });
    cleanups.push(cleanup, () => ctx.close());
    return ctx;
  }

  it('the running indexer has a worker compute the tokens, and the cases become searchable', async () => {
    const ctx = await app();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await file(ctx, { description: `第${i}号 车库积水` })).id);
    const stop = startIndexer(ctx, 10, (m, err) => {
      throw new Error(`${m}: ${err}`);
    });
    cleanups.push(stop);
    for (let i = 0; i < 300 && (await pendingCount(ctx.store)) > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await pendingCount(ctx.store)).toBe(0);
    expect((await found(ctx.store, '车库')).sort()).toEqual([...ids].sort());
    const byWorker = [...ctx.reads!.gauges().done].filter(([key]) => key.startsWith('indexTokens\0'));
    expect(byWorker.reduce((n, [, count]) => n + count, 0)).toBeGreaterThan(0);
    expect(byWorker.every(([key]) => key !== 'indexTokens\0' + 0)).toBe(true);
  });

  it('tokens computed before a de-identification are not written over its redacted ones', async () => {
    const ctx = await app();
    const { id } = await file(ctx, named('慕容秋水'));
    // The worker reads the text with the name; the case is de-identified before the write.
    const compute: ComputeTokens = async (ids) => {
      const computed = await heavyRead(ctx, 'indexTokens', { ids });
      expect(computed.map((c) => c.case_id)).toEqual([id]);
      await deidentifyCase(ctx, id, 'test', false);
      return computed;
    };
    expect(await indexBatch(ctx.store, 10, indexerPace(), compute)).toBe(0);
    expect(await pendingCount(ctx.store)).toBe(0);
    expect(await found(ctx.store, '慕容秋水')).toEqual([]);
    expect(await found(ctx.store, '电梯')).toEqual([id]);
  });
});

/**
 * PostgreSQL, the race: an indexer (another instance) has taken a case's queue row and written the
 * tokens of its unredacted text, not yet committed, when de-identification runs. Redaction waits
 * for it and overwrites those tokens; the name is not found afterwards.
 */
describe('search indexer racing de-identification on postgres', () => {
  const backend = BACKENDS.find((b) => b.name === 'postgres')!;
  it('the redacted text wins over an indexer that read the case before the redaction', async () => {
    const { config, cleanup } = await backend.config();
    const ctx = await openApp(config);
    const other = openStore(config);
    let release = () => {};
    try {
      const victim = await file(ctx, named('上官飞燕'));
      const control = await file(ctx, named('上官飞燕'));
      const gate = new Promise<void>((r) => (release = r));
      let held!: () => void;
      const holding = new Promise<void>((r) => (held = r));
      // The other instance's batch, stopped between writing the tokens and committing.
      const indexer = other.db.transaction().execute(async (trx) => {
        const rows = await trx
          .selectFrom('case_search_pending')
          .select('case_id')
          .where('case_id', '=', victim.id)
          .forUpdate()
          .skipLocked()
          .execute();
        expect(rows).toHaveLength(1);
        const before = (await findCaseById(trx, victim.id))!;
        await upsertTokens(trx, [{ case_id: victim.id, tokens: indexTokens(keyringOf(trx), before) }]);
        held();
        await gate;
        await trx.deleteFrom('case_search_pending').where('case_id', '=', victim.id).execute();
      });
      await holding;
      const redaction = deidentifyCase(ctx, victim.id, 'test', false);
      // Wait (on the condition, not a guess) until the redaction is blocked on the indexer's row lock.
      for (let i = 0; ; i++) {
        const { rows } = await sql<{ n: string }>`
          select count(*)::text as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`.execute(other.db);
        if (rows[0]!.n !== '0') break;
        if (i > 500) throw new Error('the redaction never waited for the indexer');
        await new Promise((r) => setTimeout(r, 20));
      }
      release();
      await indexer;
      await redaction;
      await indexPending(ctx.store);
      expect(await found(ctx.store, '上官飞燕')).toEqual([control.id]);
      expect(await found(ctx.store, '电梯').then((ids) => ids.sort())).toEqual([victim.id, control.id].sort());
    } finally {
      release(); // a failed wait must not leave the other instance's transaction open
      await other.close();
      await ctx.close();
      await cleanup();
    }
  });
});
