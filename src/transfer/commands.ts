import { writePrivateFile } from '../store/file-modes.ts';
import { parseArgs } from 'node:util';
import type { AppContext } from '../app/context.ts';
import { exportCases } from './export.ts';
import { importCases, type ImportReport } from './import.ts';
import { readTable, toCsv, writeXlsx } from './table-file.ts';

type WithApp = <T>(fn: (ctx: AppContext) => Promise<T>) => Promise<T>;

export const IMPORT_USAGE = 'plaint import FILE.xlsx|FILE.csv --procedure ID [--dry-run] [--skip-invalid]';
export const EXPORT_USAGE = 'plaint export --out FILE.xlsx|FILE.csv [--procedure ID] [--with-identity]';

/** A progress bar on stderr (stdout stays the report): redrawn in place on a terminal. */
function progressBar(): (phase: string, done: number, total: number) => void {
  return (phase, done, total) => {
    const width = 30;
    const filled = total ? Math.round((done / total) * width) : width;
    const label = phase === 'check' ? '校验 / checking' : '写入 / writing';
    const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
    process.stderr.write(process.stderr.isTTY ? `\r${line}${done >= total ? '\n' : ''}` : `${line}\n`);
  };
}

/** `plaint import`: exit 0 when imported (or a clean dry run), 1 when rows failed, 2 on usage. */
export async function importCommand(args: string[], withApp: WithApp): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { procedure: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'skip-invalid': { type: 'boolean' } },
  });
  const [file] = positionals;
  if (!file || !values.procedure || positionals.length > 1) {
    console.error(`用法 / usage: ${IMPORT_USAGE}`);
    return 2;
  }
  const table = await readTable(file);
  return withApp(async (ctx) => {
    const started = performance.now();
    const report = await importCases(ctx, table, {
      procedure: values.procedure!,
      dryRun: values['dry-run'],
      skipInvalid: values['skip-invalid'],
      progress: progressBar(),
      source: file.split(/[\\/]/).pop(),
    });
    printReport(report, (performance.now() - started) / 1000);
    if (report.problems.length && !values['skip-invalid']) return 1;
    return 0;
  });
}

function printReport(r: ImportReport, seconds: number): void {
  if (r.problems.length) {
    console.log('行 / row\t列 / column\t问题 / problem');
    for (const p of r.problems) console.log(`${p.row}\t${p.column}\t${p.problem}`);
  }
  const rowsWithProblems = new Set(r.problems.map((p) => p.row)).size;
  const verdict = r.dryRun
    ? '试运行，未写入 / dry run, nothing written'
    : r.imported
      ? `已导入 / imported ${r.imported}`
      : '未导入任何案件 / nothing imported';
  console.log(
    `${verdict}; 数据行 / rows ${r.rows}, 有效 / valid ${r.valid}, 有问题的行 / rows with problems ${rowsWithProblems}; ${seconds.toFixed(2)} s`,
  );
}

export async function exportCommand(args: string[], withApp: WithApp): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { out: { type: 'string' }, procedure: { type: 'string' }, 'with-identity': { type: 'boolean' } },
  });
  if (!values.out || !/\.(xlsx|csv)$/i.test(values.out)) {
    console.error(`用法 / usage: ${EXPORT_USAGE}`);
    return 2;
  }
  return withApp(async (ctx) => {
    const rows = await exportCases(ctx, { procedure: values.procedure, withIdentity: values['with-identity'] });
    if (/\.xlsx$/i.test(values.out!)) await writeXlsx(values.out!, rows);
    else writePrivateFile(values.out!, toCsv(rows));
    console.log(`已导出 / exported ${rows.length - 1} 件 / cases → ${values.out}`);
    return 0;
  });
}
