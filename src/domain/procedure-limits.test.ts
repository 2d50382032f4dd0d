import { describe, expect, it } from 'vitest';
import { parseProcedure } from './procedure.parse.ts';
import { Calendar, type CalendarData } from './calendar.ts';
import { startClock, extendedDeadline } from './clocks.ts';
import cn from './calendar-data/cn.json' with { type: 'json' };

/**
 * Issue 3 §7: the procedure format expresses the statutory limits of RULES.md, each traced to
 * its rule id: MS-2, MS-6, MS-9 (with an approved extension), WB-1 and WB-2.
 */
const yaml = `
id: limits-sample
version: 1
name: { zh-CN: 时限样例 }
roles:
  - { id: officer, label: { zh-CN: 承办人 } }
  - { id: department-head, label: { zh-CN: 部门负责人 } }
intake:
  kinds: [complaint, report]
  channels: [web]
  publicText: { zh-CN: 已登记 }
clocks:
  - { id: acceptance, rule: MS-2, label: { zh-CN: 决定是否受理 }, unit: working-days, length: 7, startsOn: submit }
  - { id: mediation, rule: MS-6, label: { zh-CN: 调解期限 }, unit: natural-days, length: 60 }
  - id: lead-check
    rule: MS-9
    label: { zh-CN: 线索核查 }
    unit: working-days
    length: 15
    extension: { approvers: [department-head], maxLength: 15 }
  - { id: acknowledge, rule: WB-1, label: { zh-CN: 确认收到举报 }, unit: natural-days, length: 7, startsOn: submit }
  - { id: feedback, rule: WB-2, label: { zh-CN: 向举报人反馈 }, unit: calendar-months, length: 3 }
states:
  - { id: received, initial: true, label: { zh-CN: 已登记 } }
  - { id: mediating, label: { zh-CN: 调解中 } }
  - { id: closed, terminal: true, label: { zh-CN: 已办结 } }
actions:
  - id: accept
    label: { zh-CN: 受理 }
    from: [received]
    to: mediating
    roles: [officer]
    clocks: { stop: [acceptance], start: [mediation, lead-check, feedback] }
  - id: suspend-for-testing
    label: { zh-CN: 检测鉴定（不计入期限） }
    from: [mediating]
    roles: [officer]
    input: [{ name: reason, type: text, required: true, label: { zh-CN: 理由 } }]
    clocks: { pause: [mediation, lead-check] }
  - id: testing-done
    label: { zh-CN: 检测完成 }
    from: [mediating]
    roles: [officer]
    clocks: { resume: [mediation, lead-check] }
  - id: close
    label: { zh-CN: 办结 }
    from: [mediating]
    to: closed
    roles: [officer]
    clocks: { stop: [mediation, lead-check, feedback] }
`;

describe('statutory limits as procedure data (RULES.md)', () => {
  const procedure = parseProcedure(yaml, 'limits-sample.yaml');
  const calendar = new Calendar(cn as CalendarData);
  const clock = (id: string) => procedure.clocks.find((c) => c.id === id)!;
  const received = new Date('2026-09-29T02:00:00.000Z'); // Tuesday before National Day

  it('keeps the rule id of every limit', () => {
    expect(procedure.clocks.map((c) => `${c.id}:${c.rule}`)).toEqual([
      'acceptance:MS-2',
      'mediation:MS-6',
      'lead-check:MS-9',
      'acknowledge:WB-1',
      'feedback:WB-2',
    ]);
  });

  it('MS-2: 7 working days to decide acceptance, day 1 the working day after receipt', () => {
    // 09-30, then 10-08, 10-09, 10-10 (make-up Saturday), 10-12, 10-13, 10-14.
    expect(startClock(calendar, clock('acceptance'), null, received).clock.dueAt).toBe('2026-10-14T16:00:00.000Z');
  });

  it('MS-6: 60 natural days of mediation, moved off a day off', () => {
    // 2026-09-29 + 60 days = 2026-11-28, a Saturday → Monday 2026-11-30.
    expect(startClock(calendar, clock('mediation'), null, received).clock.dueAt).toBe('2026-11-30T16:00:00.000Z');
  });

  it('MS-9: 15 working days, and 15 more when the department head approves', () => {
    const started = startClock(calendar, clock('lead-check'), null, received).clock;
    // 09-30, 10-08, 10-09, 10-10 (make-up), 10-12…10-16, 10-19…10-23, 10-26.
    expect(started.dueAt).toBe('2026-10-26T16:00:00.000Z');
    const extended = extendedDeadline(calendar, { ...started, id: 'c1' }, 15);
    expect(extended.dueAt.toISOString()).toBe('2026-11-16T16:00:00.000Z');
    expect(clock('lead-check').extension!.approvers).toEqual(['department-head']);
  });

  it('WB-1: acknowledge within 7 days; WB-2: feed back within 3 calendar months, not 90 days', () => {
    expect(startClock(calendar, clock('acknowledge'), null, received).clock.dueAt).toBe('2026-10-08T16:00:00.000Z'); // 10-06 falls in National Day
    const from = new Date('2026-03-31T02:00:00.000Z');
    expect(startClock(calendar, clock('feedback'), null, from).clock.dueAt).toBe('2026-06-30T16:00:00.000Z'); // not 06-29 (90 days)
  });

  it('refuses a pause without a reason field at load', () => {
    const bad = yaml.replace(
      'input: [{ name: reason, type: text, required: true, label: { zh-CN: 理由 } }]',
      'input: []',
    );
    expect(() => parseProcedure(bad, 'limits-sample.yaml')).toThrow(/pauses a clock needs a required input "reason"/);
  });
});
