import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOrgUnit } from '../src/app/org.ts';
import { type MessageKey, msg, negotiate, render } from '../src/domain/messages.ts';
import { en } from '../src/domain/messages/en.ts';
import { zhCN } from '../src/domain/messages/zh-CN.ts';
import { BACKENDS } from './support/backends.ts';
import { startHarness, type Harness } from './support/harness.ts';

/** Issue 15: one message catalogue per language; the API answers in the language asked for. */
describe('the message catalogue (issue 15)', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+?)(?:En)?\}/g)].map((m) => m[1]).sort();

  it('has the same keys and the same placeholders in zh-CN and English, and no "中文 / English" left in one entry', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const key of Object.keys(zhCN) as MessageKey[]) {
      // The guard message is the procedure's own text in each language: different names on purpose.
      if (key === 'engine.guardFailed') continue;
      expect(placeholders(en[key]), key).toEqual(placeholders(zhCN[key]));
      expect(zhCN[key], key).toMatch(/[\u4e00-\u9fff]/);
      expect(en[key], key).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('holds only keys the code uses', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts') && !p.includes('/domain/messages/')) files.push(p);
      }
    };
    walk(join(import.meta.dirname, '../src'));
    const code = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    const unused = Object.keys(zhCN).filter((key) => !code.includes(`'${key}'`));
    expect(unused).toEqual([]);
  });

  it('fills parameters, and renders both languages for a caller with no preference', () => {
    const m = msg('common.unknownProcedure', { procedure: 'x-flow' });
    expect(render(m, 'zh-CN')).toBe('没有名为“x-flow”的流程');
    expect(render(m, 'en')).toMatch(/^[^\u4e00-\u9fff]*$/);
    expect(render(m, 'both')).toBe(`${render(m, 'zh-CN')} / ${render(m, 'en')}`);
  });

  it('reads Accept-Language by weight, and keeps both languages for none, * or only other languages', () => {
    expect(negotiate(undefined)).toBe('both');
    expect(negotiate('')).toBe('both');
    expect(negotiate('*')).toBe('both');
    expect(negotiate('fr-FR, de;q=0.8')).toBe('both');
    expect(negotiate('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(negotiate('zh-TW')).toBe('zh-CN');
    expect(negotiate('en-US,en;q=0.9')).toBe('en');
    expect(negotiate('fr, en;q=0.5, zh;q=0.4')).toBe('en');
    expect(negotiate('zh;q=0, en')).toBe('en');
    expect(negotiate('EN-gb')).toBe('en');
  });
});

describe.each(BACKENDS)('error messages in the caller’s language on $name (issue 15)', (backend) => {
  let h: Harness;
  let staff: { id: string; token: string };
  beforeAll(async () => {
    h = await startHarness(backend);
    const company = await addOrgUnit(h.ctx, { name: '总公司' }, 'system:test');
    const service = await addOrgUnit(h.ctx, { name: '客服部', parent: company.id }, 'system:test');
    staff = await h.staff('kefu-msg', [{ role: 'customer-service', unitId: service.id }] as never);
  });
  afterAll(async () => h?.close());

  const missingCase = (headers: Record<string, string> = {}) =>
    h.call('GET', '/api/v1/cases/01KB0000000000000000000001', { token: staff.token, headers });

  it('answers a domain error in Chinese, in English, or in both, with the same code and details', async () => {
    const zh = await missingCase({ 'accept-language': 'zh-CN,zh;q=0.9' });
    const english = await missingCase({ 'accept-language': 'en-US,en;q=0.9' });
    const both = await missingCase();
    for (const r of [zh, english, both]) expect(r.statusCode).toBe(404);
    expect(zh.json().error.code).toBe(english.json().error.code);
    expect(zh.json().error.details).toEqual(english.json().error.details);
    expect(zh.json().error.message).toMatch(/^[^a-zA-Z]*[\u4e00-\u9fff][^a-zA-Z]*$/);
    expect(english.json().error.message).toMatch(/^[^\u4e00-\u9fff]+$/);
    expect(both.json().error.message).toBe(`${zh.json().error.message} / ${english.json().error.message}`);
    expect(zh.headers['content-language']).toBe('zh-CN');
    expect(english.headers['content-language']).toBe('en');
    expect(both.headers['content-language']).toBeUndefined();
    expect(String(zh.headers.vary)).toMatch(/accept-language/i);
  });

  it('words the framework’s own refusals (validation, unknown route) from the catalogue too', async () => {
    const invalid = await h.call('POST', '/api/v1/public/cases', {
      body: { procedure: 42 },
      headers: { 'accept-language': 'en' },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.message).toMatch(/^[^\u4e00-\u9fff]+$/);
    const route = await h.call('GET', '/api/v1/no-such-route', { headers: { 'accept-language': 'zh' } });
    expect(route.statusCode).toBe(404);
    expect(route.json().error.message).toMatch(/^没有这个地址/);
  });
});
