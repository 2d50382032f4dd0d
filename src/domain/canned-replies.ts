/**
 * #18 canned replies: the variables a template may use, and filling them in. An unknown
 * {{name}} stays as written, so a typo shows in the text the handler reads before sending.
 */
export const CANNED_VARIABLES = ['trackingNo', 'submitterName', 'dueDate', 'handlerName', 'procedureName'] as const;

export type CannedVariables = Record<(typeof CANNED_VARIABLES)[number], string>;

export function renderCanned(body: string, vars: CannedVariables): string {
  return body.replace(/\{\{\s*([A-Za-z]+)\s*\}\}/g, (whole, name: string) =>
    Object.hasOwn(vars, name) ? vars[name as keyof CannedVariables] : whole,
  );
}

/** "2026-12-15" → "2026年12月15日", as a Chinese letter writes a date. */
export function chineseDate(localDate: string): string {
  const [y, m, d] = localDate.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}
