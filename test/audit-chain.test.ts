import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { BACKENDS, TestClock } from './support/backends.ts';
import { complaint, startHarness, type Harness } from './support/harness.ts';
import { cliEnv, runCli } from './support/cli.ts';
import type { Config } from '../src/app/context.ts';

/**
 * AUD-1: `plaint verify-audit` exits 0 on an intact chain and non-zero, naming the first bad
 * record, after any row is edited or deleted directly in the database.
 */
describe.each(BACKENDS)('plaint verify-audit on $name', (backend) => {
  let h: Harness;
  let config: Config;
  let snapshot: Record<string, unknown>[];
  let heads: Record<string, unknown>[];
  /** The chain the harness wrote its records to, and its records. */
  let chain: string;
  let ours: { chain_seq: number; hash: string }[];

  beforeAll(async () => {
    h = await startHarness(backend, new TestClock());
    config = { ...h.ctx.config };
    const staff = await h.staff('auditor-test', ['customer-service']);
    for (let i = 0; i < 4; i++) {
      const res = await h.call('POST', '/api/v1/cases', { token: staff.token, body: complaint({ channel: 'phone' }) });
      const id = res.json().id;
      await h.call('POST', `/api/v1/cases/${id}/actions/accept`, {
        token: staff.token,
        body: { input: { category: 'other' }, expectedVersion: 1 },
      });
    }
    snapshot = await h.ctx.store.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    heads = await h.ctx.store.db.selectFrom('audit_chains').selectAll().execute();
    chain = String(snapshot[snapshot.length - 1]!.chain);
    ours = (snapshot as { chain: string; chain_seq: number; hash: string }[])
      .filter((r) => r.chain === chain)
      .sort((a, b) => a.chain_seq - b.chain_seq);
    expect(ours.length).toBeGreaterThanOrEqual(10);
  });
  afterAll(async () => h?.close());

  // Each test tampers with a fresh copy of the same chains (and drops those the CLI runs made).
  beforeEach(async () => {
    await h.ctx.store.db.deleteFrom('audit_log').execute();
    await h.ctx.store.db
      .insertInto('audit_log')
      .values(snapshot as never)
      .execute();
    await h.ctx.store.db.deleteFrom('audit_chains').execute();
    await h.ctx.store.db
      .insertInto('audit_chains')
      .values(heads as never)
      .execute();
  });

  const verify = () => runCli(['verify-audit'], cliEnv(config));
  const at = (n: number) =>
    h.ctx.store.db.selectFrom('audit_log').where('chain', '=', chain).where('chain_seq', '=', n);

  it('passes on the untouched chain', async () => {
    const out = await verify();
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain(`${snapshot.length} records`);
  });

  it('names the record whose content was edited', async () => {
    await sql`update audit_log set actor = 'user:someone-else' where chain = ${chain} and chain_seq = 4`.execute(
      h.ctx.store.db,
    );
    const out = await verify();
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`chain ${chain} broken at record #4`);
    expect(out.stderr).toMatch(/altered/);
  });

  it('catches an edit that recomputes the row hash but cannot fix the next link', async () => {
    const { auditHash, hashedChain } = await import('../src/domain/audit-hash.ts');
    const row = (await at(5).selectAll().executeTakeFirstOrThrow()) as {
      chain_seq: number;
      at: string;
      actor: string;
      action: string;
      entity_type: string;
      entity_id: string;
      payload: string;
      prev_hash: string;
    };
    const forged = auditHash(row.prev_hash, {
      ...hashedChain(chain),
      seq: row.chain_seq,
      at: row.at,
      actor: row.actor,
      action: 'case.reject',
      entityType: row.entity_type,
      entityId: row.entity_id,
      payload: JSON.parse(row.payload),
    });
    await h.ctx.store.db
      .updateTable('audit_log')
      .set({ action: 'case.reject', hash: forged })
      .where('chain', '=', chain)
      .where('chain_seq', '=', row.chain_seq)
      .execute();
    const out = await verify();
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`#${row.chain_seq + 1}`);
  });

  it('names a deleted record in the middle', async () => {
    await h.ctx.store.db.deleteFrom('audit_log').where('chain', '=', chain).where('chain_seq', '=', 3).execute();
    const out = await verify();
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('#3');
    expect(out.stderr).toMatch(/missing/);
  });

  it('plaint anchor-audit commits the heads: a tail then cut with its head row moved back is caught', async () => {
    const anchored = await runCli(['anchor-audit'], cliEnv(config));
    expect(anchored.code, anchored.stderr).toBe(0);
    expect(anchored.stdout).toContain('anchored');
    const before = ours[ours.length - 2]!;
    await h.ctx.store.db
      .deleteFrom('audit_log')
      .where('chain', '=', chain)
      .where('chain_seq', '=', ours.length)
      .execute();
    await h.ctx.store.db
      .updateTable('audit_chains')
      .set({ seq: before.chain_seq, hash: before.hash })
      .where('chain', '=', chain)
      .execute();
    const out = await verify();
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`chain ${chain} broken at record #${ours.length}`);
    expect(out.stderr).toMatch(/anchor #1 committed it/);
  });

  it('notices the newest records removed from the end', async () => {
    await h.ctx.store.db
      .deleteFrom('audit_log')
      .where('chain', '=', chain)
      .where('chain_seq', '>', ours.length - 2)
      .execute();
    const out = await verify();
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`#${ours.length - 1}`);
  });
});

/**
 * Issue 9: on PostgreSQL every write locks the audit chain's head row, so how long a unit of work
 * holds it bounds the write throughput of all instances together. A unit appends its audit record
 * as its last statement before commit, so the head is not held while the rest of the unit runs.
 */
describe('the audit head on postgres is locked only from the audit insert to commit', () => {
  it('a second writer appends and commits while the first is still inside its transaction; the chain verifies in commit order', async () => {
    const { postgres } = await import('./support/backends.ts');
    const { openStore } = await import('../src/store/db.ts');
    const { migrateUp } = await import('../src/store/migrate.ts');
    const { appendAudit, auditBatch } = await import('../src/store/audit.repository.ts');
    const { auditHash } = await import('../src/domain/audit-hash.ts');
    const { config, cleanup } = await postgres.config();
    const store = openStore(config);
    try {
      await migrateUp(store);
      let releaseFirst!: () => void;
      const firstMayCommit = new Promise<void>((resolve) => {
        releaseFirst = resolve;
      });
      let firstAppended!: () => void;
      const firstHasAppended = new Promise<void>((resolve) => {
        firstAppended = resolve;
      });
      const entry = (action: string) => ({
        at: '2026-11-30T02:00:00.000Z',
        actor: 'system:test',
        action,
        entityType: 'case',
        entityId: action,
        payload: { n: 1 },
      });
      const first = store.transact(async (trx) => {
        await appendAudit(trx, entry('first'));
        firstAppended();
        // The rest of the unit (outbox rows, links, an idempotency key …) would run here.
        await firstMayCommit;
      });
      await firstHasAppended;
      // Before issue 9 this waited for the first transaction's row lock: it never finished.
      const second = store.transact((trx) => appendAudit(trx, entry('second')));
      const winner = await Promise.race([
        second.then(() => 'second'),
        new Promise((r) => setTimeout(() => r('timeout'), 3000)),
      ]);
      releaseFirst();
      await Promise.all([first, second]);
      expect(winner).toBe('second');
      const [chain] = (await store.db.selectFrom('audit_chains').select('chain').where('seq', '>', 0).execute()).map(
        (c) => c.chain,
      );
      const rows = await auditBatch(store.db, chain!, 0, 100);
      const ours = rows.filter((r) => r.actor === 'system:test');
      expect(ours.map((r) => r.action)).toEqual(['second', 'first']);
      // Every record links to the one before and its hash is the hash of its content.
      for (const [i, r] of rows.entries()) {
        if (i > 0) expect(r.prev_hash).toBe(rows[i - 1].hash);
        expect(r.hash).toBe(
          auditHash(r.prev_hash, {
            chain: r.chain,
            seq: r.chain_seq,
            at: r.at,
            actor: r.actor,
            action: r.action,
            entityType: r.entity_type,
            entityId: r.entity_id,
            payload: JSON.parse(r.payload),
          }),
        );
      }
      const head = await store.db
        .selectFrom('audit_chains')
        .selectAll()
        .where('chain', '=', chain!)
        .executeTakeFirstOrThrow();
      expect([Number(head.seq), head.hash]).toEqual([rows[rows.length - 1].chain_seq, rows[rows.length - 1].hash]);
    } finally {
      await store.close();
      await cleanup();
    }
  });

  it('records of a unit that fails are not written, and the next unit continues the chain', async () => {
    const { postgres } = await import('./support/backends.ts');
    const { openStore } = await import('../src/store/db.ts');
    const { migrateUp } = await import('../src/store/migrate.ts');
    const { appendAudit, auditBatch } = await import('../src/store/audit.repository.ts');
    const { config, cleanup } = await postgres.config();
    const store = openStore(config);
    try {
      await migrateUp(store);
      const entry = (action: string) => ({
        at: '2026-11-30T02:00:00.000Z',
        actor: 'system:test',
        action,
        entityType: 'case',
        entityId: action,
        payload: null,
      });
      await expect(
        store.transact(async (trx) => {
          await appendAudit(trx, entry('lost'));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      await store.transact(async (trx) => {
        await appendAudit(trx, entry('a'));
        await appendAudit(trx, entry('b'));
      });
      const chains = await store.db.selectFrom('audit_chains').select('chain').where('seq', '>', 0).execute();
      expect(chains).toHaveLength(1);
      const ours = (await auditBatch(store.db, chains[0]!.chain, 0, 100)).filter((r) => r.actor === 'system:test');
      expect(ours.map((r) => r.action)).toEqual(['a', 'b']);
      expect(ours[1].prev_hash).toBe(ours[0].hash);
    } finally {
      await store.close();
      await cleanup();
    }
  });
});
