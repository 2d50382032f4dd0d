/**
 * Regenerates src/domain/calendar-data/cn.json from the chinese-days package (MIT), whose data
 * follow the State Council notices (国务院办公厅关于部分节假日安排的通知, 国办发明电) for each year.
 * Run: npx tsx scripts/import-chinese-days.ts — then review the diff; the test
 * `calendar-data.test.ts` checks the committed file against the package.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const pkgFile = require.resolve('chinese-days/package.json');
const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { version: string };
const raw = JSON.parse(readFileSync(pkgFile.replace('package.json', 'dist/chinese-days.json'), 'utf8')) as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};

/** "National Day,国庆节,3" → "国庆节 / National Day" */
const label = (value: string) => {
  const [en, zh] = value.split(',');
  return `${zh} / ${en}`;
};
const sorted = (days: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(days)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([d, v]) => [d, label(v)]),
  );

const years = [...new Set(Object.keys(raw.holidays).map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);
const data = {
  version: `cn-${years[0]}-${years[years.length - 1]}@chinese-days-${pkg.version}`,
  source: `chinese-days ${pkg.version} (MIT) — 国务院办公厅关于部分节假日安排的通知 (国办发明电), ${years[0]}–${years[years.length - 1]}`,
  years,
  offDays: sorted(raw.holidays),
  workDays: sorted(raw.workdays),
};
writeFileSync(new URL('../src/domain/calendar-data/cn.json', import.meta.url), JSON.stringify(data, null, 1) + '\n');
console.log(
  `${data.version}: ${Object.keys(data.offDays).length} days off, ${Object.keys(data.workDays).length} make-up working days`,
);
