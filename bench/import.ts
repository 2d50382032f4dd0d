/**
 * `npm run bench` (third part): the bulk import path of `plaint import` (issue 7) on SQLite.
 *
 * Writes a CSV of BENCH_IMPORT_ROWS (default 20 000) named customer complaints with Chinese
 * text, then times, on a fresh SQLite database: reading and parsing the file, and `importCases`
 * (checking every row, encrypting identities, blind indexes, multi-row inserts in one
 * transaction, one audit record). Target: ≥ 10 000 cases/s for the import itself.
 * BENCH_IMPORT_PG=1 also runs it on PostgreSQL (BENCH_IMPORT_PG_URL). Results: bench/results.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { configFromEnv, openApp, type Config } from '../src/app/context.ts';
import { dropPgSchema, ensurePgSchema } from '../src/store/db.ts';
import { importCases } from '../src/transfer/import.ts';
import { readTable, toCsv } from '../src/transfer/table-file.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS_DIR = join(ROOT, 'bench/results');
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 20_000);
const TARGET = 10_000;
const CATEGORIES = ['product-quality', 'service-attitude', 'after-sales', 'delivery', 'price-billing', 'other'];
const CHANNELS = ['电话', '来访', '信件', '投诉箱', '邮件', '网站'];

function sheet(n: number): string[][] {
  const rows: string[][] = [
    ['受理编号', '类型', '渠道', '收到时间', '主题', '内容', '匿名', '投诉人', '电话', '邮箱', '类别', '状态', '诉求'],
  ];
  for (let i = 0; i < n; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    rows.push([
      `HIS-${String(i).padStart(7, '0')}`,
      '投诉',
      CHANNELS[i % CHANNELS.length],
      `2025-0${1 + (i % 9)}-${day} ${String(8 + (i % 10)).padStart(2, '0')}:15`,
      `第 ${i} 号历史投诉：冰箱不制冷`,
      '在人民路门店购买的冰箱送货后第二天就不制冷，多次致电客服无人处理，要求更换新机并赔偿食物损失。',
      i % 10 === 0 ? '是' : '否',
      i % 10 === 0 ? '' : `客户${i}`,
      i % 10 === 0 ? '' : `138${String(i).padStart(8, '0')}`,
      i % 3 === 0 && i % 10 ? `c${i}@example.com` : '',
      CATEGORIES[i % CATEGORIES.length],
      '',
      '更换新机',
    ]);
  }
  return rows;
}

async function run(
  name: string,
  config: Config,
  csv: string,
): Promise<{ db: string; readSeconds: number; importSeconds: number; casesPerSecond: number; imported: number }> {
  const ctx = await openApp(config);
  try {
    let t = performance.now();
    const table = await readTable(csv);
    const readSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    const report = await importCases(ctx, table, { procedure: 'customer-complaint', source: 'bench' });
    const importSeconds = (performance.now() - t) / 1000;
    if (report.problems.length || report.imported !== ROWS)
      throw new Error(`bench import failed: ${JSON.stringify(report.problems.slice(0, 3))}`);
    return {
      db: name,
      readSeconds,
      importSeconds,
      casesPerSecond: Math.round(ROWS / importSeconds),
      imported: report.imported,
    };
  } finally {
    await ctx.close();
  }
}

const dir = await mkdtemp(join(os.tmpdir(), 'plaint-bench-import-'));
try {
  const csv = join(dir, 'cases.csv');
  await writeFile(csv, toCsv(sheet(ROWS)));
  const results = [
    await run('sqlite', { ...configFromEnv({}), dataDir: join(dir, 'sqlite'), databaseUrl: undefined }, csv),
  ];
  if (process.env.BENCH_IMPORT_PG === '1') {
    const url = process.env.BENCH_IMPORT_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const schema = `t_bench_${randomBytes(4).toString('hex')}`;
    await ensurePgSchema(url, schema);
    try {
      results.push(
        await run(
          'postgres',
          { ...configFromEnv({}), dataDir: join(dir, 'pg'), databaseUrl: url, pgSchema: schema },
          csv,
        ),
      );
    } finally {
      await dropPgSchema(url, schema);
    }
  }
  console.log(`\nimport of ${ROWS} cases (bench/import.ts)\n`);
  console.log('db        read+parse s   import s   cases/s');
  for (const r of results)
    console.log(
      `${r.db.padEnd(9)} ${r.readSeconds.toFixed(2).padStart(12)} ${r.importSeconds.toFixed(2).padStart(10)} ${String(r.casesPerSecond).padStart(9)}`,
    );
  const sqlite = results[0];
  console.log(
    `\nSQLite import ≥ ${TARGET} cases/s: ${sqlite.casesPerSecond >= TARGET ? 'yes' : 'NO'} (${sqlite.casesPerSecond})`,
  );
  await mkdir(RESULTS_DIR, { recursive: true });
  const record = { at: new Date().toISOString(), rows: ROWS, cpus: os.cpus().length, loadavg: os.loadavg(), results };
  await writeFile(join(RESULTS_DIR, 'latest-import.json'), `${JSON.stringify(record, null, 2)}\n`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
