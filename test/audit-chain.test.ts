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

  beforeAll(async () => {
    h = await startHarness(backend, new TestClock());
    config = { ...h.ctx.config };
    const staff = await h.staff('auditor-test', ['customer-service']);
    for (let i = 0; i < 4; i++) {
      const res = await h.call('POST', '/api/v1/cases', { token: staff.token, body: complaint({ channel: 'phone' }) });
      const id = res.json().id;
      await h.call('POST', `/api/v1/cases/${id}/actions/accept`, { token: staff.token, body: { input: { category: 'other' }, expectedVersion: 1 } });
    }
    snapshot = await h.ctx.store.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    expect(snapshot.length).toBeGreaterThanOrEqual(10);
  });
  afterAll(async () => h?.close());

  // Each test tampers with a fresh copy of the same chain.
  beforeEach(async () => {
    await h.ctx.store.db.deleteFrom('audit_log').execute();
    await h.ctx.store.db.insertInto('audit_log').values(snapshot as never).execute();
    const last = snapshot[snapshot.length - 1] as { seq: number; hash: string };
    await h.ctx.store.db.updateTable('audit_head').set({ seq: last.seq, hash: last.hash }).where('id', '=', 1).execute();
  });

  const verify = () => runCli(['verify-audit'], cliEnv(config));

  it('passes on the untouched chain', async () => {
    const out = await verify();
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain(`${snapshot.length} records`);
  });

  it('names the record whose content was edited', async () => {
    await sql`update audit_log set actor = 'user:someone-else' where seq = 4`.execute(h.ctx.store.db);
    const out = await verify();
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('#4');
    expect(out.stderr).toMatch(/altered/);
  });

  it('catches an edit that recomputes the row hash but cannot fix the next link', async () => {
    const { auditHash } = await import('../src/domain/audit-hash.ts');
    const row = snapshot[4] as { seq: number; at: string; actor: string; action: string; entity_type: string; entity_id: string; payload: string; prev_hash: string };
    const forged = auditHash(row.prev_hash, { seq: row.seq, at: row.at, actor: row.actor, action: 'case.reject', entityType: row.entity_type, entityId: row.entity_id, payload: JSON.parse(row.payload) });
    await h.ctx.store.db.updateTable('audit_log').set({ action: 'case.reject', hash: forged }).where('seq', '=', row.seq).execute();
    const out = await verify();
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`#${row.seq + 1}`);
  });

  it('names a deleted record in the middle', async () => {
    await h.ctx.store.db.deleteFrom('audit_log').where('seq', '=', 3).execute();
    const out = await verify();
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('#3');
    expect(out.stderr).toMatch(/missing/);
  });

  it('notices the newest records removed from the end', async () => {
    await h.ctx.store.db.deleteFrom('audit_log').where('seq', '>', snapshot.length - 2).execute();
    const out = await verify();
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`#${snapshot.length - 1}`);
  });
});
