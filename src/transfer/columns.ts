import { z } from 'zod';
import { CASE_KINDS, CHANNELS } from '../domain/procedure.schema.ts';

/**
 * The columns of `plaint import` and `plaint export` (issue 7): the same file goes both ways.
 * A header cell may be the key (`subject`), the Chinese name (`主题`) or both (`主题 / subject`).
 */
export const COLUMNS = [
  ['trackingNo', '受理编号'],
  ['kind', '类型'],
  ['channel', '渠道'],
  ['receivedAt', '收到时间'],
  ['subject', '主题'],
  ['description', '内容'],
  ['anonymous', '匿名'],
  ['submitterName', '投诉人'],
  ['submitterPhone', '电话'],
  ['submitterEmail', '邮箱'],
  ['respondent', '被投诉对象'],
  ['category', '类别'],
  ['severity', '严重程度'],
  ['status', '状态'],
  ['outcome', '结论'],
  ['closedAt', '办结时间'],
  ['requestedOutcome', '诉求'],
  ['thirdParty', '转办机构'],
  ['thirdPartyReference', '转办编号'],
  // The unit that handled the case (its name, or its id where names repeat). Empty: the
  // procedure's intake unit, as a new case from the portal, else the top unit.
  ['orgUnit', '承办单位'],
] as const;
export type ColumnKey = (typeof COLUMNS)[number][0];

export function headerCell(key: ColumnKey): string {
  return `${COLUMNS.find((c) => c[0] === key)![1]} / ${key}`;
}

/** Maps header cells to column keys; unknown headers are reported, not silently dropped. */
export function readHeader(cells: string[]): { keys: (ColumnKey | null)[]; unknown: string[] } {
  const unknown: string[] = [];
  const keys = cells.map((raw) => {
    const cell = raw.trim();
    if (!cell) return null;
    const hit = COLUMNS.find(
      ([key, zh]) =>
        cell === key || cell === zh || cell === `${zh} / ${key}` || cell.toLowerCase() === key.toLowerCase(),
    );
    if (!hit) unknown.push(cell);
    return hit ? hit[0] : null;
  });
  return { keys, unknown };
}

const KIND_ZH: Record<string, string> = { 投诉: 'complaint', 建议: 'suggestion', 举报: 'report', 申诉: 'appeal' };
const CHANNEL_ZH: Record<string, string> = {
  网站: 'web',
  网页: 'web',
  邮件: 'email',
  电子邮件: 'email',
  电话: 'phone',
  热线: 'phone',
  来访: 'walk-in',
  现场: 'walk-in',
  信件: 'letter',
  来信: 'letter',
  传真: 'fax',
  微信: 'wechat',
  投诉箱: 'box',
  意见箱: 'box',
  第三方: 'third-party',
  接口: 'api',
};
const YES = ['是', 'y', 'yes', 'true', '1'];
const NO = ['否', 'n', 'no', 'false', '0', ''];

/** `2026-03-05 14:30` (local time, Asia/Shanghai), `2026-03-05`, or ISO 8601 with an offset. */
function localTime(offsetMinutes: number) {
  return z
    .string()
    .trim()
    .transform((v, ctx) => {
      const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(v);
      let ms: number;
      if (m) {
        const [y, mo, d, h, mi, se] = [+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)];
        const utc = new Date(Date.UTC(y, mo - 1, d, h, mi, se));
        // Date.UTC rolls 2024-13-40 over into 2025: a date must read back as written.
        const exact =
          utc.getUTCFullYear() === y &&
          utc.getUTCMonth() === mo - 1 &&
          utc.getUTCDate() === d &&
          h < 24 &&
          mi < 60 &&
          se < 60;
        ms = exact ? utc.getTime() - offsetMinutes * 60_000 : NaN;
      } else if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(v)) ms = Date.parse(v);
      else ms = NaN;
      if (Number.isNaN(ms)) {
        ctx.addIssue({
          code: 'custom',
          message: '时间格式应为 2026-03-05 14:30 / expected a time like 2026-03-05 14:30',
        });
        return z.NEVER;
      }
      return new Date(ms).toISOString();
    });
}

const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `最多 ${max} 字 / at most ${max} characters`)
    .transform((v) => v || undefined);
const required = (max: number) =>
  z.string().trim().min(1, '必填 / required').max(max, `最多 ${max} 字 / at most ${max} characters`);

export function rowSchema(offsetMinutes: number) {
  return z.object({
    trackingNo: z
      .string()
      .trim()
      .max(40)
      .regex(/^$|^[A-Z0-9][A-Z0-9-]{3,39}$/, '受理编号为大写字母、数字和连字符 / upper-case letters, digits, dashes')
      .transform((v) => v || undefined),
    kind: z
      .string()
      .trim()
      .transform((v) => KIND_ZH[v] ?? v)
      .pipe(z.enum(CASE_KINDS, { message: `类型应为 投诉/建议/举报/申诉 / one of ${CASE_KINDS.join(', ')}` })),
    channel: z
      .string()
      .trim()
      .transform((v) => CHANNEL_ZH[v] ?? v)
      .pipe(z.enum(CHANNELS, { message: `未知渠道 / one of ${CHANNELS.join(', ')}` })),
    receivedAt: localTime(offsetMinutes),
    subject: required(200),
    description: required(20000),
    anonymous: z
      .string()
      .trim()
      .toLowerCase()
      .refine((v) => YES.includes(v) || NO.includes(v), '填“是”或“否” / yes or no')
      .transform((v) => YES.includes(v)),
    submitterName: optional(100),
    submitterPhone: z
      .string()
      .trim()
      .regex(/^$|^[0-9+\-() ]{5,20}$/, '电话号码格式不正确 / not a phone number')
      .transform((v) => v || undefined),
    submitterEmail: z
      .string()
      .trim()
      .refine((v) => v === '' || z.email().safeParse(v).success, '邮箱格式不正确 / not an e-mail address')
      .transform((v) => v || undefined),
    respondent: optional(200),
    category: optional(100),
    severity: optional(100),
    status: optional(100),
    outcome: optional(100),
    closedAt: z
      .string()
      .trim()
      .pipe(z.union([z.literal('').transform(() => undefined), localTime(offsetMinutes)])),
    requestedOutcome: optional(2000),
    thirdParty: optional(200),
    thirdPartyReference: optional(100),
    orgUnit: optional(200),
  });
}
export type ImportRow = z.output<ReturnType<typeof rowSchema>>;
