/**
 * Removes personal data from free text (CON-4, DIS-1, MS-15): what patterns can recognise —
 * mobile and landline numbers, ID numbers, bank cards, e-mail addresses, licence plates, street
 * addresses — and the names the caller knows (the submitter, the respondents). Pure.
 *
 * Order matters: longer digit runs (ID numbers, cards) go before phone numbers, so an ID number
 * is not half-replaced as a phone.
 */

const PLATE_PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';

type Rule = { kind: string; pattern: RegExp; mask: string };

const RULES: Rule[] = [
  { kind: 'email', pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, mask: '[邮箱]' },
  // 18-digit resident ID (last may be X), and the old 15-digit form.
  { kind: 'id-number', pattern: /(?<![0-9])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx](?![0-9A-Za-z])/g, mask: '[身份证号]' },
  { kind: 'id-number', pattern: /(?<![0-9])[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?![0-9])/g, mask: '[身份证号]' },
  // Bank cards: 16–19 digits, possibly grouped by spaces or dashes.
  { kind: 'bank-card', pattern: /(?<![0-9])(?:\d[ -]?){15,18}\d(?![0-9])/g, mask: '[银行卡号]' },
  { kind: 'mobile', pattern: /(?<![0-9])(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?![0-9])/g, mask: '[手机号]' },
  { kind: 'landline', pattern: /(?<![0-9])0\d{2,3}[ -]?\d{7,8}(?![0-9])/g, mask: '[电话]' },
  { kind: 'plate', pattern: new RegExp(`[${PLATE_PROVINCES}][A-Z][ ·]?[A-HJ-NP-Z0-9]{5,6}(?![A-Za-z0-9])`, 'g'), mask: '[车牌号]' },
  // A street address: an optional region prefix, then a road or lane with a house number.
  {
    kind: 'address',
    pattern: /(?:(?:(?![在住于到我是的])[\u4e00-\u9fa5]){2,6}(?:省|自治区|市|区|县|镇|乡|街道))*(?:(?![在住于到我是的])[\u4e00-\u9fa5A-Za-z0-9]){1,12}(?:路|街|道|巷|弄|胡同|大道)[0-9一二三四五六七八九十百]+号(?:[0-9A-Za-z一二三四五六七八九十]+(?:号楼|栋|幢|单元|室|楼))*/g,
    mask: '[地址]',
  },
  { kind: 'address', pattern: /(?:(?![在住于到我是的])[\u4e00-\u9fa5]){2,12}(?:小区|花园|公寓|大厦|新村|家园)[0-9一二三四五六七八九十]+(?:号楼|栋|幢)(?:[0-9]+(?:单元|室))*/g, mask: '[地址]' },
];

export type Redaction = { text: string; found: Record<string, number> };

/** The text with personal data replaced by bracketed labels, and what was found. */
export function redact(text: string, knownNames: string[] = []): Redaction {
  const found: Record<string, number> = {};
  let out = text;
  for (const rule of RULES) {
    out = out.replace(rule.pattern, () => {
      found[rule.kind] = (found[rule.kind] ?? 0) + 1;
      return rule.mask;
    });
  }
  // Longest names first, so 张三丰 is not left as [姓名]丰.
  for (const name of [...new Set(knownNames.map((n) => n.trim()).filter((n) => n.length >= 2))].sort((a, b) => b.length - a.length)) {
    const parts = out.split(name);
    if (parts.length > 1) {
      found.name = (found.name ?? 0) + parts.length - 1;
      out = parts.join('[姓名]');
    }
  }
  return { text: out, found };
}

/** Redacts every string inside a JSON value (event inputs, case data), keeping its shape. */
export function redactDeep<T>(value: T, knownNames: string[]): T {
  if (typeof value === 'string') return redact(value, knownNames).text as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, knownNames)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, knownNames)])) as T;
  }
  return value;
}
