import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Actor, CaseState } from './case.ts';
import { Calendar } from './calendar.ts';
import { decide } from './engine.ts';
import { DomainError } from './errors.ts';
import { decideSubmission } from './intake.ts';
import { holdsActionRole } from './policy.ts';
import { parseProcedure } from './procedure.parse.ts';
import { findAction } from './procedure.schema.ts';
import { maskContactNumbers } from './redaction.ts';

/**
 * The mechanisms issue 17 added, shown on the built-in procedures without I/O: who records a step
 * (S8 一(四) 谁办理、谁录入), due dates that may not lie in the past and clocks that run to them
 * (S4 四.2), the named-reporter stamp (MS-11), and the statement's numbers masked (S5 七.1).
 */
const load = (file: string) =>
  parseProcedure(readFileSync(new URL(`../procedures/${file}`, import.meta.url), 'utf8'), file);
const market = load('market-supervision.yaml');
const lead = load('market-enforcement-lead.yaml');
const customer = load('customer-complaint.yaml');
const calendar = new Calendar({ version: 'test', source: 'test', years: [], offDays: {}, workDays: {} });
const NOW = new Date('2026-11-30T02:00:00.000Z'); // Monday 10:00 in Shanghai

const COUNTY = '/city/county/';
const OFFICE = '/city/county/office/';
const userIn = (role: string, unitPath: string): Actor => ({
  kind: 'user',
  id: `u-${role}-${unitPath}`,
  username: role,
  displayName: role,
  grants: [{ role, unitId: unitPath, unitPath }],
  isAdmin: false,
});

function caseOf(procedureId: string, overrides: Partial<CaseState> = {}): CaseState {
  return {
    id: 'c1',
    trackingNo: 'TS-20261130-AAAAAA',
    procedureId,
    procedureVersion: 1,
    kind: 'complaint',
    status: 'assigned',
    version: 3,
    category: null,
    severity: null,
    outcome: null,
    assigneeId: null,
    channel: 'web',
    data: {},
    receivedAt: '2026-11-30T01:00:00.000Z',
    closedAt: null,
    orgUnitId: 'office',
    orgUnitPath: OFFICE,
    exclusions: [],
    ...overrides,
  };
}

describe('recordingBy: handling-unit (S8 一(四) 谁办理、谁录入)', () => {
  const accept = findAction(market, 'accept')!;
  const note = findAction(market, 'add-note')!;
  const officeCase = caseOf('market-supervision');

  it("a county bureau's handler does not record the steps of its office's case; the office's does", () => {
    expect(holdsActionRole(userIn('case-handler', COUNTY), accept, officeCase, market.recordingBy)).toBe(false);
    expect(holdsActionRole(userIn('case-handler', OFFICE), accept, officeCase, market.recordingBy)).toBe(true);
  });

  it('the excepted internal note may still be added from above', () => {
    expect(holdsActionRole(userIn('case-handler', COUNTY), note, officeCase, market.recordingBy)).toBe(true);
  });

  it("a case the county keeps (or takes over) is the county's to record", () => {
    const kept = { ...officeCase, orgUnitPath: COUNTY };
    expect(holdsActionRole(userIn('case-handler', COUNTY), accept, kept, market.recordingBy)).toBe(true);
  });

  it('the engine refuses with FORBIDDEN; a procedure without the option keeps the reach of grants', () => {
    const refused = () =>
      decide({
        procedure: market,
        current: officeCase,
        actionId: 'accept',
        input: { category: 'service' },
        actor: userIn('case-handler', COUNTY),
        now: NOW,
      });
    expect(refused).toThrow(DomainError);
    // The lead procedure does not set it: the county head approves an office's extension there.
    expect(lead.recordingBy).toBeUndefined();
    const decideExtension = findAction(lead, 'decide-extension')!;
    expect(holdsActionRole(userIn('bureau-head', COUNTY), decideExtension, officeCase, lead.recordingBy)).toBe(true);
  });
});

describe('due dates (S4 四.2): not in the past, and clocks that run to them', () => {
  const assigned = caseOf('customer-complaint', { status: 'accepted', orgUnitPath: null, orgUnitId: null });
  const admin: Actor = {
    kind: 'user',
    id: 'u-admin',
    username: 'admin',
    displayName: 'admin',
    grants: [],
    isAdmin: true,
  };
  const users = new Map([['wang', { id: 'u-wang', displayName: '王五' }]]);
  const run = (current: CaseState, actionId: string, input: unknown) =>
    decide({
      procedure: customer,
      current,
      actionId,
      input,
      actor: admin,
      now: NOW,
      users,
      clocks: { calendar, clocks: [] },
    });

  it('a target date before today (Shanghai) is refused naming the field; today is accepted', () => {
    try {
      run(assigned, 'assign', { responsible: 'wang', dueDate: '2026-11-29' });
      expect.unreachable();
    } catch (err) {
      expect((err as DomainError).code).toBe('VALIDATION_FAILED');
      expect((err as DomainError).details).toEqual({
        issues: [{ path: 'input.dueDate', message: '不能早于 2026-11-30 / must not be before 2026-11-30' }],
      });
    }
    const today = run(assigned, 'assign', { responsible: 'wang', dueDate: '2026-11-30' });
    expect(today.clockChanges).toMatchObject([
      { op: 'start', clock: { clock: 'target-date', dueAt: '2026-11-30T16:00:00.000Z' } },
    ]);
  });

  it('without a target date no clock starts (dueFrom.only)', () => {
    expect(run(assigned, 'assign', { responsible: 'wang' }).clockChanges).toEqual([]);
  });

  it("the measures' clock runs to the earliest of their open dates (dueFrom.item, pick: earliest-open; RES-2)", () => {
    const investigating = { ...assigned, status: 'investigating' };
    const measure = (dueDate: string) => ({ type: 'refund', description: '退款', owner: 'wang', dueDate });
    const d = run(investigating, 'decide', {
      cause: '质量问题',
      outcome: 'substantiated',
      solution: '退款',
      measures: [measure('2026-12-03'), measure('2026-12-09'), measure('2026-12-01')],
    });
    expect(d.clockChanges).toMatchObject([
      { op: 'start', clock: { clock: 'measures-due', dueAt: '2026-12-01T16:00:00.000Z' } },
    ]);
  });
});

describe('MS-11: the reporter stamp', () => {
  const intake = {
    procedure: 'market-enforcement-lead',
    kind: 'report' as const,
    subject: '线索',
    description: '线索',
    channel: 'web' as const,
    fields: {},
  };
  const ids = { caseId: 'c1', trackingNo: 'XS-20261130-AAAAAA' };
  const portal: Actor = { kind: 'system', name: 'portal' };

  it('marks a named reporter and an anonymous one, so only the named get the notice clock', () => {
    const named = decideSubmission(
      lead,
      { ...intake, anonymous: false, submitter: { name: '孙八', phone: '13600004444' } },
      portal,
      NOW,
      ids,
      calendar,
    );
    const anonymous = decideSubmission(lead, { ...intake, anonymous: true }, portal, NOW, ids, calendar);
    expect(named.state.data.reporter).toBe('named');
    expect(anonymous.state.data.reporter).toBe('anonymous');
  });
});

describe('S5 七.1: numbers typed into a statement', () => {
  it('phone, landline and ID numbers and e-mail are masked; names and places stay', () => {
    const { text, masked } = maskContactNumbers(
      '我是张三，电话 13912349876 或 021-62345678，身份证 110101199003071234，邮箱 a@b.cn，在人民路门店买的。',
    );
    expect(text).toBe('我是张三，电话 [手机号] 或 [电话]，身份证 [身份证号]，邮箱 [邮箱]，在人民路门店买的。');
    expect(masked).toBe(4);
    expect(maskContactNumbers('冰箱不制冷').masked).toBe(0);
  });
});
