import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bilingualText, render, TemplateSet } from './templates.ts';

const file = (subject: string) =>
  `subject: { zh-CN: "${subject}", en: "EN ${subject}" }\nbody: { zh-CN: "正文 {{trackingNo}}{{unknown}}", en: "Body {{trackingNo}}" }\n`;

/** Issue 7: templates are files per procedure and event, zh-CN and en, overridable per deployment. */
describe('notification templates', () => {
  it('takes the procedure file before the deployment default before the built-in, and generic last', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plaint-tpl-'));
    mkdirSync(join(dir, 'customer-complaint'));
    writeFileSync(join(dir, 'customer-complaint', 'received.yaml'), file('顾客回执'));
    writeFileSync(join(dir, 'accepted.yaml'), file('本单位受理'));
    const set = new TemplateSet([dir]);
    expect(set.get('customer-complaint', 'received').subject['zh-CN']).toBe('顾客回执');
    expect(set.get('employee-complaint', 'received').subject['zh-CN']).toMatch(/^【已受理登记】/); // built-in
    expect(set.get('employee-complaint', 'accepted').subject['zh-CN']).toBe('本单位受理');
    expect(set.get('customer-complaint', 'no-such-template').subject['zh-CN']).toMatch(/^【案件动态】/);
    expect(set.get('customer-complaint', '../../etc/passwd').subject['zh-CN']).toMatch(/^【案件动态】/);
  });

  it('fills known values, leaves unknown ones empty, and puts Chinese first', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plaint-tpl-'));
    writeFileSync(join(dir, 'x.yaml'), file('主题'));
    const r = render(new TemplateSet([dir]).get('p', 'x'), { trackingNo: 'TS-20261130-ABCDEF' });
    expect(r.body).toEqual({ 'zh-CN': '正文 TS-20261130-ABCDEF', en: 'Body TS-20261130-ABCDEF' });
    expect(bilingualText(r).indexOf('正文')).toBeLessThan(bilingualText(r).indexOf('Body'));
  });

  it('refuses a template without English', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plaint-tpl-'));
    writeFileSync(join(dir, 'half.yaml'), 'subject: { zh-CN: "只有中文" }\nbody: { zh-CN: "x", en: "x" }\n');
    expect(() => new TemplateSet([dir]).get('p', 'half')).toThrow(/half.yaml: subject.en/);
  });
});
