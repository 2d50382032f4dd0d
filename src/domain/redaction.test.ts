import { describe, expect, it } from 'vitest';
import { redact, redactDeep } from './redaction.ts';

/** CON-4, DIS-1: personal data out of free text; ordinary words survive. */
describe('redact', () => {
  const cases: [string, string, string[]?][] = [
    ['我的手机是13812345678，请回电', '我的手机是[手机号]，请回电'],
    ['联系电话 +86 138 1234 5678', '联系电话 [手机号]'],
    ['座机021-64381234转客服', '座机[电话]转客服'],
    ['身份证号11010519491231002X已提供', '身份证号[身份证号]已提供'],
    ['旧证号110105491231002，已过期', '旧证号[身份证号]，已过期'],
    ['退款请打到6222 0212 3456 7890 123', '退款请打到[银行卡号]'],
    ['邮件发到 zhang.san@example.com 即可', '邮件发到 [邮箱] 即可'],
    ['车牌沪A12345的车堵住了消防通道', '车牌[车牌号]的车堵住了消防通道'],
    ['我住在上海市徐汇区漕溪北路88号3号楼502室', '我住在[地址]'],
    ['阳光花园12栋3单元漏水', '[地址]漏水'],
    ['投诉人张三说李四经理态度恶劣', '投诉人[姓名]说[姓名]经理态度恶劣', ['张三', '李四']],
    ['张三丰和张三都来了', '[姓名]和[姓名]都来了', ['张三', '张三丰']],
  ];
  it.each(cases)('%s', (input, expected, names) => {
    expect(redact(input, names ?? []).text).toBe(expected);
  });

  it('leaves ordinary complaint text alone, numbers that are not personal data included', () => {
    const text = '电梯停运3天，物业费每月2.5元/平方米，2026年11月20日购买的冰箱，订单号SO-20261120-0042，共计1299元。';
    expect(redact(text).text).toBe(text);
  });

  it('counts what it found and redacts every string of a nested value', () => {
    expect(redact('13812345678 或 13912345678').found).toEqual({ mobile: 2 });
    expect(redactDeep({ a: ['王五的电话13700001234'], n: 3, b: { c: '无' } }, ['王五'])).toEqual({ a: ['[姓名]的电话[手机号]'], n: 3, b: { c: '无' } });
  });
});
