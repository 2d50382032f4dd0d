import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app/context.ts';
import { runDoctor } from '../src/app/doctor/index.ts';
import { addOrgUnit } from '../src/app/org.ts';
import { BACKENDS, openTestApp, postgres } from './support/backends.ts';

/**
 * Issue 25, PostgreSQL hygiene: `plaint doctor` warns when autovacuum is off and when a table's
 * statistics are stale (the soak run chose bad plans until ANALYZE). The test server runs with
 * autovacuum off, as the issue found it; the check reads the setting rather than assuming it.
 */
describe('plaint doctor on PostgreSQL: autovacuum and stale statistics (issue 25)', () => {
  let ctx: AppContext;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ ctx, cleanup } = await openTestApp(postgres));
  });
  afterAll(async () => cleanup?.());

  const findings = async (check: string) => (await runDoctor(ctx)).findings.filter((f) => f.check === check);

  it('warns when autovacuum is off, and only then', async () => {
    const setting = (
      await sql<{ setting: string }>`select setting from pg_settings where name = 'autovacuum'`.execute(ctx.store.db)
    ).rows[0].setting;
    const warned = await findings('pg-autovacuum');
    expect(warned.length).toBe(setting === 'off' ? 1 : 0);
    if (warned.length) expect(warned[0]).toMatchObject({ severity: 'warning', details: { value: 'off' } });
  });

  it('warns of a watched table changed by thousands of rows since its last ANALYZE, and not after ANALYZE', async () => {
    await sql`analyze outbox`.execute(ctx.store.db);
    await sql`insert into outbox (idempotency_key, case_id, recipient, template, event, payload, status, attempts, next_attempt_at, created_at, sent_at, last_error)
              select 'hygiene-' || g, null, 'user:x', 'case-received', 'submitted', '{}', 'sent', 1, '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z', null
                from generate_series(1, 3000) as g`.execute(ctx.store.db);
    // The server publishes a backend's table counters when it goes idle (at most once a second).
    let stale: Awaited<ReturnType<typeof findings>> = [];
    for (let i = 0; i < 30 && stale.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 500));
      stale = (await findings('pg-stale-statistics')).filter(
        (f) => (f.details as { table: string }).table === 'outbox',
      );
    }
    expect(stale).toHaveLength(1);
    expect(stale[0].message).toContain('ANALYZE');
    await sql`analyze outbox`.execute(ctx.store.db);
    let after = stale;
    for (let i = 0; i < 30 && after.length > 0; i++) {
      await new Promise((r) => setTimeout(r, 500));
      after = (await findings('pg-stale-statistics')).filter(
        (f) => (f.details as { table: string }).table === 'outbox',
      );
    }
    expect(after).toEqual([]);
  });
});

describe.each(BACKENDS)('plaint doctor names what a broken grant lacks on $name', (backend) => {
  let ctx: AppContext;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ ctx, cleanup } = await openTestApp(backend));
  });
  afterAll(async () => cleanup?.());

  it('words an audit grant held below the root (it printed [object Object] once the messages moved to the catalogue)', async () => {
    const company = await addOrgUnit(ctx, { name: '总公司' }, 'system:test');
    const finance = await addOrgUnit(ctx, { name: '财务部', parent: company.id }, 'system:test');
    await ctx.store.db
      .insertInto('users')
      .values({
        id: 'hygiene-user',
        username: 'old-role',
        display_name: '旧角色',
        password_hash: 'x',
        is_admin: 0,
        disabled: 0,
        created_at: '2026-12-01T00:00:00Z',
      } as never)
      .execute();
    await ctx.store.db
      .insertInto('role_grants')
      .values({
        id: 'hygiene-grant',
        user_id: 'hygiene-user',
        role: 'auditor',
        org_unit_id: finance.id,
        granted_by: 'system:test',
        granted_at: '2026-12-01T00:00:00Z',
      })
      .execute();
    const broken = (await runDoctor(ctx)).findings.filter((f) => f.check === 'broken-grants');
    expect(broken).toHaveLength(1);
    expect(broken[0].message).toContain('审计角色只能授予整个组织');
    expect(broken[0].message).not.toContain('[object Object]');
  });
});
