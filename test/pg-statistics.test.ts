import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app/context.ts';
import { importCases } from '../src/transfer/import.ts';
import { openTestApp, postgres } from './support/backends.ts';

/**
 * Issue 25, PostgreSQL hygiene: the planner has statistics right after migrations and right after a
 * bulk import, whatever autovacuum does (the test server runs with it off). `pg_class.reltuples` is
 * -1 for a table never analysed, and is set by ANALYZE in the same transaction.
 */
describe('planner statistics on postgres (issue 25)', () => {
  let ctx: AppContext;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ ctx, cleanup } = await openTestApp(postgres));
  });
  afterAll(async () => cleanup?.());

  const reltuples = async (table: string) =>
    Number(
      (
        await sql<{ n: number }>`
          select c.reltuples as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = ${ctx.store.pgSchema} and c.relname = ${table}`.execute(ctx.store.db)
      ).rows[0].n,
    );

  it('analyses every table after the migrations ran', async () => {
    expect(await reltuples('cases')).toBe(0);
    expect(await reltuples('audit_log')).toBeGreaterThanOrEqual(0);
  });

  it('analyses the case tables after an import, so the next plans see the rows', async () => {
    const header = ['类型', '渠道', '收到时间', '主题', '内容', '匿名', '投诉人'];
    const rows = Array.from({ length: 300 }, (_, i) => [
      '投诉',
      '电话',
      '2024-03-05 14:30',
      `历史投诉 ${i}`,
      '送货延误三天。',
      '否',
      `客户${i}`,
    ]);
    const r = await importCases(ctx, [header, ...rows], { procedure: 'customer-complaint' });
    expect(r.imported).toBe(300);
    expect(await reltuples('cases')).toBe(300);
    expect(await reltuples('case_events')).toBe(300);
  });
});
