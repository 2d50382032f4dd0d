import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { writePrivateFile } from '../store/file-modes.ts';

/** A sheet as rows of strings: row 1 is the header. CSV (UTF-8 or GB18030) or the first sheet of an .xlsx. */
export async function readTable(file: string): Promise<string[][]> {
  if (/\.xlsx$/i.test(file)) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.worksheets[0];
    if (!sheet) return [];
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, n) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cells[col - 1] = cellText(cell.value);
      });
      rows[n - 1] = Array.from(cells, (c) => c ?? '');
    });
    return Array.from(rows, (r) => r ?? []);
  }
  if (!/\.csv$/i.test(file)) throw new Error('只支持 .xlsx 和 .csv / only .xlsx and .csv files');
  const bytes = await readFile(file);
  return parseCsv(decodeText(bytes)).map((row) => row.map(unescapeFormula));
}

/**
 * Issue 28: Excel and WPS evaluate a CSV cell that starts with `=`, `+`, `-`, `@`, tab or carriage
 * return (=HYPERLINK(…) sends the sheet away). Such a cell is written behind a `'`, which the
 * spreadsheets show as plain text. Cells that already start with `'`s before such a character get
 * one more, so that reading strips exactly one and every value comes back as it was.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

function escapeFormula(v: string): string {
  return FORMULA_START.test(v) ? `'${v}` : v;
}

function unescapeFormula(v: string): string {
  return v.startsWith("'") && FORMULA_START.test(v) ? v.slice(1) : v;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return v.result === undefined ? '' : String(v.result);
  }
  return String(v);
}

/** Excel in China saves CSV as GB18030 (GBK) unless told otherwise: take UTF-8 if it is valid. */
export function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return iconv.decode(bytes, 'gb18030');
  }
}

/** RFC 4180: quoted fields, doubled quotes, newlines inside quotes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function toCsv(rows: string[][]): string {
  const quote = (v: string) => (/[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const cell = (v: string) => quote(escapeFormula(v));
  // A BOM, so that Excel opens the UTF-8 file as UTF-8.
  return `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

export async function writeXlsx(file: string, rows: string[][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('cases');
  for (const r of rows) sheet.addRow(r);
  sheet.getRow(1).font = { bold: true };
  // Issue 19: exports hold personal data; written 0600 like every file Plaint writes.
  writePrivateFile(file, new Uint8Array(await wb.xlsx.writeBuffer()));
}
