import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { BACKENDS } from './support/backends.ts';
import { openStore, type Store } from '../src/store/db.ts';
import { migrateDown, migrateUp } from '../src/store/migrate.ts';
import { appendAudit, type AuditRow } from '../src/store/audit.repository.ts';
import { anchorAudit } from '../src/store/audit-anchor.ts';
import { chainSlots } from '../src/store/audit-chains.ts';
import { verifyAudit } from '../src/app/audit.ts';
import { ANCHOR_CHAIN, auditHash, GENESIS_HASH, hashedChain } from '../src/domain/audit-hash.ts';
import type { Config } from '../src/app/context.ts';

/**
 * Issue 22: every instance appends to its own audit chains, an anchor commits every chain's head
 * and seals the chains of instances that are gone, and `verifyAudit` checks all of it. Two stores
 * on one database are two instances.
 */
describe.each(BACKENDS)('audit chains and anchors on $name', (backend) => {
  let config: Config;
  let cleanup: () => Promise<void>;
  let stores: Store[];

  beforeEach(async () => {
    ({ config, cleanup } = await backend.config());
    stores = [];
  });
  afterEach(async () => {
    for (const s of stores) await s.close().catch(() => {});
    await cleanup();
  });

  async function instance(migrate = true): Promise<Store> {
    const store = openStore(config);
    stores.push(store);
    if (migrate) await migrateUp(store);
    return store;
  }

  const entry = (n: number) => ({
    at: '2026-12-06T10:00:00.000Z',
    actor: 'system:test',
    action: 'case.note',
    entityType: 'case',
    entityId: `case-${n}`,
    payload: { n },
  });
  const write = (store: Store, n: number) => store.transact((trx) => appendAudit(trx, entry(n)));
  const verify = (store: Store) => verifyAudit({ store });
  const chainRows = (store: Store, chain: string): Promise<AuditRow[]> =>
    store.db.selectFrom('audit_log').selectAll().where('chain', '=', chain).orderBy('chain_seq').execute();
  const writtenChains = async (store: Store): Promise<string[]> =>
    (
      await store.db
        .selectFrom('audit_chains')
        .select('chain')
        .where('seq', '>', 0)
        .where('chain', '<>', ANCHOR_CHAIN)
        .orderBy('chain')
        .execute()
    ).map((c) => c.chain);

  /**
   * Two instances write 20 records each. On PostgreSQL all at once (several transactions of each
   * instance in flight, so several slots); SQLite has one writer: the two take turns.
   */
  async function twoInstancesWrite(): Promise<[Store, Store]> {
    const a = await instance();
    const b = await instance(false);
    const ns = Array.from({ length: 20 }, (_, i) => i);
    if (backend.name === 'postgres') await Promise.all(ns.flatMap((n) => [write(a, n), write(b, 100 + n)]));
    else
      for (const n of ns) {
        await write(a, n);
        await write(b, 100 + n);
      }
    return [a, b];
  }

  /** Forges the next record of `chain` with a correct hash and moves its head: what a late writer would do. */
  async function appendForged(store: Store, chain: string): Promise<number> {
    const [last] = (await chainRows(store, chain)).slice(-1);
    const seq = (last ? Number(last.chain_seq) : 0) + 1;
    const prev = last?.hash ?? GENESIS_HASH;
    const content = { ...entry(999), ...hashedChain(chain), seq };
    const hash = auditHash(prev, content);
    await store.db
      .insertInto('audit_log')
      .values({
        chain,
        chain_seq: seq,
        at: content.at,
        actor: content.actor,
        action: content.action,
        entity_type: content.entityType,
        entity_id: content.entityId,
        payload: JSON.stringify(content.payload),
        prev_hash: prev,
        hash,
      } as never)
      .execute();
    await store.db.updateTable('audit_chains').set({ seq, hash }).where('chain', '=', chain).execute();
    return seq;
  }

  it('records of two instances written at once go to their own gap-free chains and verify, with an anchor', async () => {
    const [a, b] = await twoInstancesWrite();
    const chains = await writtenChains(a);
    const owners = new Set(chains.map((c) => c.split('.')[0]));
    expect(owners).toEqual(new Set([chainSlots(a.db).instance, chainSlots(b.db).instance]));
    for (const chain of chains)
      expect((await chainRows(a, chain)).map((r) => Number(r.chain_seq))).toEqual(
        Array.from({ length: (await chainRows(a, chain)).length }, (_, i) => i + 1),
      );
    // The global order for listing holds every record once.
    const all = await a.db.selectFrom('audit_log').select('seq').execute();
    expect(new Set(all.map((r) => r.seq)).size).toBe(40);
    expect(await verify(a)).toMatchObject({ ok: true, records: 40 });

    const anchored = await anchorAudit(a);
    expect(anchored).toMatchObject({ written: true, anchored: chains.length });
    // Nothing new: no second anchor record.
    expect(await anchorAudit(b)).toMatchObject({ written: false });
    await write(b, 500);
    expect(await anchorAudit(b)).toMatchObject({ written: true });
    expect(await verify(b)).toMatchObject({ ok: true, records: 43, chains: chains.length + 2 });
  });

  it('a record deleted, altered or reordered in any chain, the anchor chain included, is detected', async () => {
    const [a, b] = await twoInstancesWrite();
    await anchorAudit(a);
    await write(a, 200);
    await write(b, 201);
    await anchorAudit(b);
    // Every chain with two records or more (under load a slot's chain may have just one).
    const chains: string[] = [];
    for (const chain of [...(await writtenChains(a)), ANCHOR_CHAIN])
      if ((await chainRows(a, chain)).length >= 2) chains.push(chain);
    expect(chains).toContain(ANCHOR_CHAIN);
    expect(chains.length).toBeGreaterThanOrEqual(3);
    const log = await a.db.selectFrom('audit_log').selectAll().execute();
    const heads = await a.db.selectFrom('audit_chains').selectAll().execute();
    const restore = async () => {
      await a.db.deleteFrom('audit_log').execute();
      await a.db
        .insertInto('audit_log')
        .values(log as never)
        .execute();
      await a.db.deleteFrom('audit_chains').execute();
      await a.db
        .insertInto('audit_chains')
        .values(heads as never)
        .execute();
    };
    for (const chain of chains) {
      const at = (n: number) => (q: ReturnType<typeof a.db.updateTable<'audit_log'>>) =>
        q.where('chain', '=', chain).where('chain_seq', '=', n);

      await a.db.deleteFrom('audit_log').where('chain', '=', chain).where('chain_seq', '=', 1).execute();
      expect(await verify(a), `delete in ${chain}`).toMatchObject({ ok: false, chain, seq: 1 });
      await restore();

      await at(2)(a.db.updateTable('audit_log').set({ at: '2026-12-06T09:00:00.000Z' })).execute();
      expect(await verify(a), `alter in ${chain}`).toMatchObject({
        ok: false,
        chain,
        seq: 2,
        problem: expect.stringMatching(/altered/),
      });
      await restore();

      // Two records trade places (their numbers swapped): the links no longer run in order.
      await at(1)(a.db.updateTable('audit_log').set({ chain_seq: -1 })).execute();
      await at(2)(a.db.updateTable('audit_log').set({ chain_seq: 1 })).execute();
      await at(-1)(a.db.updateTable('audit_log').set({ chain_seq: 2 })).execute();
      expect(await verify(a), `reorder in ${chain}`).toMatchObject({ ok: false, chain, seq: 1 });
      await restore();
    }
    expect(await verify(a)).toMatchObject({ ok: true });
  });

  it('the anchor detects a truncated tail even when the head row is moved back; before the anchor it cannot', async () => {
    const a = await instance();
    for (let n = 0; n < 5; n++) await write(a, n);
    const [chain] = await writtenChains(a);
    const truncate = async () => {
      const rows = await chainRows(a, chain!);
      const last = rows[rows.length - 1]!;
      const before = rows[rows.length - 2]!;
      await a.db.deleteFrom('audit_log').where('seq', '=', last.seq).execute();
      await a.db
        .updateTable('audit_chains')
        .set({ seq: before.chain_seq, hash: before.hash })
        .where('chain', '=', chain!)
        .execute();
    };
    // Records after the last anchor are as safe as their head row: moved back with them, nothing shows.
    await truncate();
    expect(await verify(a)).toMatchObject({ ok: true, records: 4 });
    for (let n = 5; n < 8; n++) await write(a, n);
    await anchorAudit(a);
    await truncate();
    expect(await verify(a)).toMatchObject({
      ok: false,
      chain,
      seq: 7,
      problem: expect.stringMatching(/anchor #1 committed it up to #7/),
    });
  });

  it("a crashed instance's chain is sealed by the next anchor, and a record appended to it later is detected", async () => {
    const a = await instance();
    const b = await instance(false);
    await write(a, 1);
    await write(b, 2);
    const [bChain] = (await writtenChains(a)).filter((c) => c.startsWith(chainSlots(b.db).instance));
    // b goes away without an anchor or a word: its lease simply runs out.
    stores.splice(stores.indexOf(b), 1);
    await b.close();
    const lease = 5 * 60_000;
    const anchored = await anchorAudit(a, { now: Date.now() + lease + 1000, leaseMs: lease });
    expect(anchored.sealed).toContain(bChain);
    expect(anchored.sealed.some((c) => c.startsWith(chainSlots(a.db).instance))).toBe(false);
    const sealedAt = await a.db.selectFrom('audit_chains').select('sealed_at').where('chain', '=', bChain!).execute();
    expect(sealedAt[0]?.sealed_at).not.toBeNull();
    expect(await verify(a)).toMatchObject({ ok: true });

    const seq = await appendForged(a, bChain!);
    expect(await verify(a)).toMatchObject({
      ok: false,
      chain: bChain,
      seq,
      problem: expect.stringMatching(/appended after anchor #1 sealed the chain/),
    });
  });

  it('an instance whose chain was sealed while it lived on writes a new chain and everything verifies', async () => {
    const a = await instance();
    const c = await instance(false);
    await write(a, 1);
    const [first] = await writtenChains(a);
    // c anchors long after a's last sign of life: a's chain is sealed under it.
    const sealed = await anchorAudit(c, { now: Date.now() + 3_600_000, leaseMs: 60_000 });
    expect(sealed.sealed).toContain(first);
    await write(a, 2);
    const chains = await writtenChains(a);
    expect(chains).toEqual([first, `${first}.1`].sort());
    expect(await anchorAudit(c)).toMatchObject({ written: true });
    expect(await verify(a)).toMatchObject({ ok: true, records: 4 });
  });

  it('records written before issue 22 become the genesis chain with their hashes and still verify; the first anchor seals it', async () => {
    const store = await instance();
    // Back to just before the chains, through any migration that came after them.
    for (let undone: string[] = []; !undone.some((line) => line.includes('202612061300_audit_chains')); )
      undone = await migrateDown(store);
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= 3; seq++) {
      const content = { ...entry(seq), seq };
      const hash = auditHash(prev, content);
      await sql`insert into audit_log (seq, at, actor, action, entity_type, entity_id, payload, prev_hash, hash)
        values (${seq}, ${content.at}, ${content.actor}, ${content.action}, ${content.entityType}, ${content.entityId},
          ${JSON.stringify(content.payload)}, ${prev}, ${hash})`.execute(store.db);
      prev = hash;
    }
    await sql`update audit_head set seq = 3, hash = ${prev} where id = 1`.execute(store.db);
    await migrateUp(store);
    expect((await chainRows(store, 'genesis')).map((r) => [r.seq, r.chain_seq, r.hash === prev])).toEqual([
      [1, 1, false],
      [2, 2, false],
      [3, 3, true],
    ]);
    await write(store, 4);
    expect(await verify(store)).toMatchObject({ ok: true, records: 4 });
    // The new record's global number follows the old ones.
    const newest = await store.db
      .selectFrom('audit_log')
      .select(['seq', 'chain'])
      .orderBy('seq', 'desc')
      .limit(1)
      .execute();
    expect(newest[0]!.seq).toBeGreaterThan(3);
    expect(newest[0]!.chain).not.toBe('genesis');

    expect((await anchorAudit(store)).sealed).toContain('genesis');
    const seq = await appendForged(store, 'genesis');
    expect(seq).toBe(4);
    expect(await verify(store)).toMatchObject({ ok: false, chain: 'genesis', seq: 4 });
  });
});
