/**
 * Prints the SQL and the plan of inbox and search queries on a generated dataset (issue 9):
 *   npx tsx bench/explain.ts <data dir> ['<query string>'] [handler1|supervisor] [postgres url] [schema]
 * e.g. npx tsx bench/explain.ts bench/.data/sqlite-1000000 'q=物业' handler1
 * EXPLAIN_STATEMENT=2 explains the page's second statement (chunked filters run several); EXPLAIN_PG_OPTIONS
 * adds connection options, e.g. '-c max_parallel_workers_per_gather=0' as the server's pool sets.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, sql, type CompiledQuery } from 'kysely';
import Database from 'better-sqlite3';
import pg from 'pg';
import { configFromEnv, openApp } from '../src/app/context.ts';
import { userActor } from '../src/app/auth.ts';
import { scope } from '../src/domain/policy.ts';
import { listCases } from '../src/store/cases.repository.ts';
import type { Database as Schema } from '../src/store/schema.ts';
import { Keyring, KeyringPlugin } from '../src/store/sealing.ts';
import { masterKey } from '../src/store/master-key.ts';
import type { DatasetSummary } from './dataset.ts';

const [dir, qs = '', who = 'handler1', url, schema] = process.argv.slice(2);
const summary = JSON.parse(readFileSync(join(dir, 'dataset.json'), 'utf8')) as DatasetSummary;
const ctx = await openApp({ ...configFromEnv({}), dataDir: dir, databaseUrl: url, pgSchema: schema });
const user = await ctx.store.db.selectFrom('users').selectAll().where('username', '=', who).executeTakeFirstOrThrow();
const actor = await userActor(ctx, user);
const params = new URLSearchParams(qs);
let captured: CompiledQuery | undefined;
const timings: string[] = [];
// The instance key, as the server's store has it: a search hashes its words with it (issue 24).
const plugins = [new KeyringPlugin(new Keyring(masterKey(dir)))];
const db = url
  ? new Kysely<Schema>({
      plugins,
      dialect: new PostgresDialect({
        pool: new pg.Pool({
          connectionString: url,
          options:
            [schema ? `-c search_path=${schema}` : '', process.env.EXPLAIN_PG_OPTIONS ?? ''].join(' ').trim() ||
            undefined,
        }),
      }),
      log: (e) => {
        if (timings.length + 1 === Number(process.env.EXPLAIN_STATEMENT ?? 1)) captured = e.query;
        timings.push(e.queryDurationMillis.toFixed(1));
      },
    })
  : new Kysely<Schema>({
      plugins,
      dialect: new SqliteDialect({ database: new Database(join(dir, 'plaint.sqlite')) }),
      log: (e) => {
        captured ??= e.query;
      },
    });
const unitPaths = [...new Set(actor.grants.flatMap((g) => (g.unitPath ? [g.unitPath] : [])))];
const t = performance.now();
const { rows } = await listCases(db, {
  scope: scope(actor, ctx.procedures.latestAll()),
  limit: 50,
  text: params.get('q') ?? undefined,
  procedureId: params.get('procedure') ?? undefined,
  status: params.get('status')?.split(','),
  severity: params.get('severity') ?? undefined,
  category: params.get('category') ?? undefined,
  assigneeId: params.get('assignee') === 'me' ? actor.id : undefined,
  unitPaths: params.get('unit') ? unitPaths : undefined,
  due: params.get('due') ? { kind: params.get('due') as 'soon', now: summary.now } : undefined,
});
console.log(
  `${rows.length} rows in ${(performance.now() - t).toFixed(1)} ms (${timings.length} statements: ${timings.join(', ')} ms)\n${captured!.sql}\n${JSON.stringify(captured!.parameters)}`,
);
const plan = url
  ? await sql
      .raw(
        `explain (analyze, buffers) ${captured!.sql.replace(/\$(\d+)/g, (_m, i) => `'${String(captured!.parameters[Number(i) - 1]).replace(/'/g, "''")}'`)}`,
      )
      .execute(db)
  : await sql.raw(`explain query plan ${captured!.sql.replace(/\?/g, () => 'NULL')}`).execute(db);
for (const r of plan.rows as Record<string, unknown>[]) console.log(Object.values(r).join(' '));
await db.destroy();
await ctx.close();
