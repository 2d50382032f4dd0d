import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { decide, startState, type ClockContext, type UserDirectory } from './engine.ts';
import { Calendar } from './calendar.ts';
import type { ClockState } from './clocks.ts';
import { DomainError, type ErrorCode } from './errors.ts';
import { parseProcedure } from './procedure.parse.ts';
import { findAction, findState, type TField, type TProcedure, type TScalarField } from './procedure.schema.ts';
import { allowedActions } from './policy.ts';
import type { Actor, CaseState, Decision } from './case.ts';

// ---------------------------------------------------------------- factories

const TEXT = readFileSync(new URL('../procedures/customer-complaint.yaml', import.meta.url), 'utf8');
const procedure = parseProcedure(TEXT, 'customer-complaint.yaml');

const NOW = new Date('2026-11-30T02:00:00.000Z');
const CASE_ID = 'case-0001';

function buildCase(overrides: Partial<CaseState> = {}): CaseState {
  return {
    id: CASE_ID,
    trackingNo: 'TS-20261130-7K3Q9X',
    procedureId: 'customer-complaint',
    procedureVersion: 1,
    kind: 'complaint',
    status: 'received',
    version: 1,
    category: null,
    severity: null,
    outcome: null,
    assigneeId: null,
    channel: 'web',
    data: {},
    receivedAt: '2026-11-30T01:00:00.000Z',
    closedAt: null,
    orgUnitId: null,
    orgUnitPath: null,
    exclusions: [],
    ...overrides,
  };
}

function buildUser(roles: string[], overrides: Partial<Extract<Actor, { kind: 'user' }>> = {}): Actor {
  const name = roles.join('+') || 'nobody';
  const grants = roles.map((role) => ({ role, unitId: null, unitPath: null }));
  return {
    kind: 'user',
    id: `user-${name}`,
    username: name,
    displayName: `用户 ${name}`,
    grants,
    isAdmin: false,
    ...overrides,
  };
}

const service = buildUser(['customer-service']);
const manager = buildUser(['customer-service-manager']);
const clerk = buildUser(['intake-clerk']);
const handler = buildUser(['department-handler']);
const submitter: Actor = { kind: 'submitter', caseId: CASE_ID };

/** Users a caller resolved before deciding: username → user. */
const users: UserDirectory = new Map([
  ['wang', { id: 'user-wang', displayName: '王五' }],
  ['li', { id: 'user-li', displayName: '李四' }],
]);

/** A calendar without holiday data (Monday–Friday) and no clocks running on the case. */
const calendar = new Calendar({ version: 'test', source: 'test', years: [], offDays: {}, workDays: {} });
const noClocks: ClockContext = { calendar, clocks: [] };

function run(
  c: CaseState,
  actionId: string,
  input: unknown,
  actor: Actor = service,
  clocks: ClockContext = noClocks,
): Decision {
  return decide({ procedure, current: c, actionId, input, actor, now: NOW, users, clocks });
}

/** The REG-2 forwarding clock, started at registration and still running. */
function runningForwardingClock(): ClockState {
  return {
    id: 'clock-1',
    clock: 'forwarding',
    unit: 'hours',
    length: 24,
    startedAt: '2026-11-30T01:00:00.000Z',
    dueAt: '2026-12-01T01:00:00.000Z',
    warnAt: '2026-11-30T19:00:00.000Z',
    pausedAt: null,
    stoppedAt: null,
    warnedAt: null,
    breachedAt: null,
    provisional: false,
    calendarVersion: 'test',
    extendedBy: 0,
    pausedMs: 0,
  };
}

/** The DomainError that `fn` throws; fails the test when it succeeds or throws something else. */
function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    return err as DomainError;
  }
  throw new Error('expected a DomainError');
}

function issuesOf(err: DomainError): { path: string; message: string }[] {
  return (err.details as { issues: { path: string; message: string }[] }).issues;
}

const measure = (overrides: Record<string, unknown> = {}) => ({
  type: 'refund',
  description: '退还货款',
  owner: 'user-wang',
  dueDate: '2026-12-05',
  done: false,
  ...overrides,
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

// ---------------------------------------------------------------- happy path

describe('the happy path received → accepted → assigned → investigating → decided → resolved → replied → closed', () => {
  type Step = {
    name: string;
    from: CaseState;
    action: string;
    actor: Actor;
    input: Record<string, unknown>;
    patch: Decision['patch'];
  };
  const steps: Step[] = [
    {
      name: 'accept classifies the case (ACC-1, CLS-1)',
      from: buildCase(),
      action: 'accept',
      actor: service,
      input: { category: 'product-quality', note: '符合受理条件' },
      patch: { status: 'accepted', category: 'product-quality' },
    },
    {
      name: 'assign names the responsible person, resolved through the user directory (RTE-2)',
      from: buildCase({ status: 'accepted', category: 'product-quality' }),
      action: 'assign',
      actor: manager,
      input: { responsible: 'wang', departments: '仓储部', dueDate: '2026-12-10' },
      patch: { status: 'assigned', assigneeId: 'user-wang', data: { targetDate: '2026-12-10' } },
    },
    {
      name: 'start-investigation moves to investigating and sets nothing else',
      from: buildCase({ status: 'assigned', assigneeId: 'user-wang' }),
      action: 'start-investigation',
      actor: handler,
      input: { plan: '调取出库记录' },
      patch: { status: 'investigating' },
    },
    {
      name: 'decide records cause, outcome, solution and measures, each measure not done yet (RES-1, RES-2, RES-4)',
      from: buildCase({ status: 'investigating', data: { targetDate: '2026-12-10' } }),
      action: 'decide',
      actor: service,
      input: {
        cause: '出库未检',
        nature: '产品质量',
        outcome: 'substantiated',
        solution: '退款并道歉',
        measures: [
          { type: 'refund', description: '退还货款', owner: 'wang', dueDate: '2026-12-05' },
          { type: 'apology', description: '书面致歉', owner: 'li', dueDate: '2026-12-06' },
        ],
      },
      patch: {
        status: 'decided',
        outcome: 'substantiated',
        data: {
          targetDate: '2026-12-10',
          cause: '出库未检',
          nature: '产品质量',
          solution: '退款并道歉',
          measures: [
            { type: 'refund', description: '退还货款', owner: 'user-wang', dueDate: '2026-12-05', done: false },
            { type: 'apology', description: '书面致歉', owner: 'user-li', dueDate: '2026-12-06', done: false },
          ],
        },
      },
    },
    {
      name: 'resolve records the result once every measure is done',
      from: buildCase({ status: 'decided', data: { measures: [measure({ done: true })] } }),
      action: 'resolve',
      actor: service,
      input: { summary: '已退款' },
      patch: { status: 'resolved', data: { measures: [measure({ done: true })], resolution: '已退款' } },
    },
    {
      name: 'reply keeps the written reply and how it was sent (REP-1)',
      from: buildCase({ status: 'resolved' }),
      action: 'reply',
      actor: service,
      input: { reply: '经核实……', method: 'letter' },
      patch: { status: 'replied', data: { reply: '经核实……', replyMethod: 'letter' } },
    },
    {
      name: 'close enters the terminal state and sets closedAt',
      from: buildCase({ status: 'replied' }),
      action: 'close',
      actor: service,
      input: {},
      patch: { status: 'closed', closedAt: NOW.toISOString() },
    },
  ];

  it.each(steps.map((s) => [s.name, s] as const))('%s', (_, { from, action, actor, input, patch }) => {
    expect(run(from, action, input, actor).patch).toEqual(patch);
  });

  it('walked end to end from the start state, the case ends closed with everything recorded', () => {
    let c = buildCase({ status: startState(procedure) });
    const walk: [string, Record<string, unknown>][] = [
      ['forward', { note: '顾客在门店反映' }],
      ['accept', { category: 'delivery' }],
      ['assign', { responsible: 'li' }],
      ['start-investigation', {}],
      ['record-investigation', { type: 'interview', summary: '与配送员面谈' }],
      [
        'decide',
        {
          cause: '延误',
          outcome: 'partly-substantiated',
          solution: '补偿',
          measures: [{ type: 'compensation', description: '运费券', owner: 'li', dueDate: '2026-12-01' }],
        },
      ],
      ['update-measure', { index: 0, done: true, result: '已发放' }],
      ['resolve', { summary: '已补偿' }],
      ['reply', { reply: '已补偿运费', method: 'portal' }],
      ['close', {}],
    ];
    const seen: string[] = [c.status];
    for (const [action, input] of walk) {
      const d = run(c, action, input);
      c = { ...c, ...d.patch, version: c.version + 1 };
      seen.push(c.status);
    }
    expect(seen).toEqual([
      'received',
      'received',
      'accepted',
      'assigned',
      'investigating',
      'investigating',
      'decided',
      'decided',
      'resolved',
      'replied',
      'closed',
    ]);
    expect(c).toMatchObject({
      category: 'delivery',
      assigneeId: 'user-li',
      outcome: 'partly-substantiated',
      closedAt: NOW.toISOString(),
      data: {
        measures: [{ type: 'compensation', owner: 'user-li', done: true, result: '已发放' }],
        resolution: '已补偿',
        reply: '已补偿运费',
      },
    });
  });
});

describe('closedAt is set on entering a terminal state, and only then', () => {
  it.each([
    {
      status: 'received',
      action: 'reject',
      input: { reasonCode: 'out-of-scope', reason: '不属于本公司' },
      actor: service,
      to: 'rejected',
    },
    { status: 'investigating', action: 'withdraw', input: { reason: '已自行解决' }, actor: submitter, to: 'withdrawn' },
    {
      status: 'accepted',
      action: 'close-invalid',
      input: { reply: '说明', reason: '无事实依据' },
      actor: service,
      to: 'closed',
    },
  ])('$action from $status enters $to and sets closedAt', ({ status, action, input, actor, to }) => {
    const { patch } = run(buildCase({ status }), action, input, actor);
    expect(patch.status).toBe(to);
    expect(patch.closedAt).toBe(NOW.toISOString());
  });

  it.each([
    { status: 'received', action: 'forward', input: { note: '顾客在门店反映' } },
    { status: 'investigating', action: 'add-note', input: { note: '待补充' } },
    { status: 'replied', action: 'rate', input: { satisfaction: 4 } },
  ])('$action in $status stays non-terminal and leaves closedAt alone', ({ status, action, input }) => {
    expect(run(buildCase({ status }), action, input).patch).not.toHaveProperty('closedAt');
  });
});

// ---------------------------------------------------------------- refusals

describe('UNKNOWN_ACTION and ACTION_NOT_ALLOWED', () => {
  it('an action the procedure does not have is UNKNOWN_ACTION', () => {
    const err = refusal(() => run(buildCase(), 'escalate', {}));
    expect(err.code).toBe<ErrorCode>('UNKNOWN_ACTION');
    expect(err.details).toMatchObject({ action: 'escalate' });
  });

  it.each([
    {
      who: 'customer service',
      actor: service,
      status: 'received',
      action: 'assign',
      allowed: ['forward', 'accept', 'reject', 'close-invalid', 'withdraw', 'add-note'],
    },
    { who: 'an intake clerk', actor: clerk, status: 'accepted', action: 'forward', allowed: ['add-note'] },
    {
      who: 'a department handler',
      actor: handler,
      status: 'decided',
      action: 'start-investigation',
      allowed: ['contact-submitter', 'update-measure', 'add-note'],
    },
    { who: 'the manager', actor: manager, status: 'received', action: 'assign', allowed: ['add-note'] },
    { who: 'the submitter', actor: submitter, status: 'replied', action: 'withdraw', allowed: ['rate'] },
    { who: 'the submitter', actor: submitter, status: 'investigating', action: 'rate', allowed: ['withdraw'] },
    { who: 'customer service', actor: service, status: 'closed', action: 'add-note', allowed: [] },
    { who: 'customer service', actor: service, status: 'withdrawn', action: 'accept', allowed: [] },
  ])(
    '$who trying $action in $status: ACTION_NOT_ALLOWED listing exactly $allowed',
    ({ actor, status, action, allowed }) => {
      const err = refusal(() => run(buildCase({ status }), action, {}, actor));
      expect(err.code).toBe<ErrorCode>('ACTION_NOT_ALLOWED');
      expect(err.details).toEqual({ action, status, allowedActions: allowed });
    },
  );
});

describe("FORBIDDEN: the actor's roles do not allow the action", () => {
  it.each([
    { who: 'an intake clerk', actor: clerk, status: 'received', action: 'accept' },
    { who: 'a department handler', actor: handler, status: 'decided', action: 'resolve' },
    { who: 'the manager', actor: manager, status: 'resolved', action: 'reply' },
    { who: 'a user without roles', actor: buildUser([]), status: 'received', action: 'add-note' },
    { who: 'the submitter', actor: submitter, status: 'received', action: 'accept' },
    { who: 'the submitter', actor: submitter, status: 'replied', action: 'close' },
    { who: 'the submitter', actor: submitter, status: 'investigating', action: 'add-note' },
  ])('$who may not $action', ({ actor, status, action }) => {
    const err = refusal(() => run(buildCase({ status }), action, {}, actor));
    expect(err.code).toBe<ErrorCode>('FORBIDDEN');
    expect(err.details).toEqual({ action, requiredRoles: findAction(procedure, action)!.roles });
  });

  it('the submitter may rate the handling (EVA-1)', () => {
    const d = run(buildCase({ status: 'replied' }), 'rate', { satisfaction: 5, comment: '满意' }, submitter);
    expect(d.patch).toEqual({ data: { satisfaction: 5, satisfactionComment: '满意' } });
  });

  it('the submitter may withdraw (WDR-1)', () => {
    const d = run(buildCase({ status: 'accepted' }), 'withdraw', {}, submitter);
    expect(d.patch).toEqual({ status: 'withdrawn', closedAt: NOW.toISOString() });
  });

  it('a staff user holding a role named "submitter" does not gain the submitter\'s actions', () => {
    const err = refusal(() =>
      run(buildCase({ status: 'replied' }), 'rate', { satisfaction: 5 }, buildUser(['submitter'])),
    );
    expect(err.code).toBe<ErrorCode>('FORBIDDEN');
  });

  it('an administrator may take any action', () => {
    const admin = buildUser([], { isAdmin: true });
    expect(run(buildCase(), 'accept', { category: 'other' }, admin).patch.status).toBe('accepted');
  });

  it('the state is checked before the roles: a wrong state is ACTION_NOT_ALLOWED even for a role without the action', () => {
    expect(refusal(() => run(buildCase({ status: 'closed' }), 'accept', {}, clerk)).code).toBe<ErrorCode>(
      'ACTION_NOT_ALLOWED',
    );
  });
});

describe('VALIDATION_FAILED names the offending input', () => {
  const twoMeasures = { measures: [measure(), measure({ type: 'apology' })] };
  it.each(
    (
      [
        {
          rule: 'a required input is missing',
          status: 'received',
          action: 'accept',
          input: {},
          path: 'input.category',
        },
        {
          rule: 'an unknown input key',
          status: 'received',
          action: 'accept',
          input: { category: 'other', priority: 'high' },
          path: 'input',
        },
        {
          rule: 'a category the procedure does not have',
          status: 'received',
          action: 'accept',
          input: { category: 'weather' },
          path: 'input.category',
        },
        {
          rule: 'an enum value not among the options',
          status: 'received',
          action: 'reject',
          input: { reasonCode: 'rude', reason: '说明' },
          path: 'input.reasonCode',
        },
        {
          rule: 'required text that is only white space',
          status: 'received',
          action: 'reject',
          input: { reasonCode: 'other', reason: ' \n\t ' },
          path: 'input.reason',
        },
        {
          rule: 'text over its maxLength',
          status: 'received',
          action: 'forward',
          input: { note: 'x'.repeat(20_001) },
          path: 'input.note',
        },
        {
          rule: 'a date that does not exist',
          status: 'accepted',
          action: 'assign',
          input: { responsible: 'wang', dueDate: '2026-02-30' },
          path: 'input.dueDate',
        },
        {
          rule: 'a rating above the maximum',
          status: 'replied',
          action: 'rate',
          input: { satisfaction: 6 },
          path: 'input.satisfaction',
        },
        {
          rule: 'a rating below 1',
          status: 'replied',
          action: 'rate',
          input: { satisfaction: 0 },
          path: 'input.satisfaction',
        },
        {
          rule: 'a rating that is not an integer',
          status: 'replied',
          action: 'rate',
          input: { satisfaction: 3.5 },
          path: 'input.satisfaction',
        },
        {
          rule: 'a list item missing a required field',
          status: 'investigating',
          action: 'decide',
          input: {
            cause: 'c',
            outcome: 'substantiated',
            solution: 's',
            measures: [{ type: 'refund', description: 'd', dueDate: '2026-12-01' }],
          },
          path: 'input.measures.0.owner',
        },
        {
          rule: 'a negative index',
          status: 'decided',
          data: twoMeasures,
          action: 'update-measure',
          input: { index: -1, done: true },
          path: 'input.index',
        },
        {
          rule: 'an index past the end of the list (RES-2)',
          status: 'decided',
          data: twoMeasures,
          action: 'update-measure',
          input: { index: 2, done: true },
          path: 'input.index',
        },
        {
          rule: 'an index when there are no measures at all',
          status: 'decided',
          data: {},
          action: 'update-measure',
          input: { index: 0, done: true },
          path: 'input.index',
        },
        {
          rule: 'input that is not an object',
          status: 'received',
          action: 'forward',
          input: 'to customer service',
          path: 'input',
        },
      ] as {
        rule: string;
        status: string;
        data?: Record<string, unknown>;
        action: string;
        input: unknown;
        path: string;
      }[]
    ).map((r) => [r.rule, r] as const),
  )('%s', (_, { status, data, action, input, path }) => {
    const err = refusal(() => run(buildCase({ status, data: data ?? {} }), action, input));
    expect(err.code).toBe<ErrorCode>('VALIDATION_FAILED');
    expect(issuesOf(err).map((i) => i.path)).toContain(path);
  });

  it('the unknown key is named in the message', () => {
    const err = refusal(() => run(buildCase(), 'accept', { category: 'other', priority: 'high' }));
    expect(issuesOf(err)[0].message).toMatch(/priority/);
  });

  it('a username the directory does not know is refused', () => {
    const err = refusal(() => run(buildCase({ status: 'accepted' }), 'assign', { responsible: 'ghost' }));
    expect(err.code).toBe<ErrorCode>('VALIDATION_FAILED');
    expect(issuesOf(err)).toEqual([{ path: 'input.responsible', message: 'unknown user' }]);
  });

  it("an unknown user inside a list item is refused with the item's path", () => {
    const input = {
      cause: 'c',
      outcome: 'substantiated',
      solution: 's',
      measures: [{ type: 'refund', description: 'd', owner: 'ghost', dueDate: '2026-12-01' }],
    };
    const err = refusal(() => run(buildCase({ status: 'investigating' }), 'decide', input));
    expect(err.code).toBe<ErrorCode>('VALIDATION_FAILED');
    expect(issuesOf(err).map((i) => i.path)).toEqual(['input.measures.0.owner']);
  });

  it('a missing input (undefined or null) is read as no fields', () => {
    expect(run(buildCase({ status: 'replied' }), 'close', undefined).patch.status).toBe('closed');
    expect(run(buildCase({ status: 'replied' }), 'close', null).patch.status).toBe('closed');
    expect(refusal(() => run(buildCase({ status: 'resolved' }), 'reply', undefined)).code).toBe<ErrorCode>(
      'VALIDATION_FAILED',
    );
  });
});

// ---------------------------------------------------------------- measures and guards

describe('measures (RES-2) and the resolve guard', () => {
  it('update-measure marks one item done with what was done, leaving the others and the state alone', () => {
    const c = buildCase({
      status: 'decided',
      data: { cause: 'c', measures: [measure(), measure({ type: 'apology' })] },
    });
    const d = run(c, 'update-measure', { index: 1, done: true, result: '已致歉' }, handler);
    expect(d.patch).toEqual({
      data: { cause: 'c', measures: [measure(), measure({ type: 'apology', done: true, result: '已致歉' })] },
    });
    expect(d.event.toStatus).toBe('decided');
  });

  it('resolve is refused (PRECONDITION_FAILED) while a measure is not done', () => {
    const c = buildCase({ status: 'decided', data: { measures: [measure({ done: true }), measure()] } });
    const err = refusal(() => run(c, 'resolve', { summary: '完毕' }));
    expect(err.code).toBe<ErrorCode>('PRECONDITION_FAILED');
    expect(err.details).toEqual({ guard: 'all-items-done' });
    expect(err.message).toBe('还有处理措施未落实 / Some measures are not done yet');
  });

  it('resolve is allowed when every measure is done', () => {
    const c = buildCase({ status: 'decided', data: { measures: [measure({ done: true }), measure({ done: true })] } });
    expect(run(c, 'resolve', { summary: '完毕' }).patch.status).toBe('resolved');
  });

  it('resolve is allowed when the decision listed an empty list of measures', () => {
    expect(
      run(buildCase({ status: 'decided', data: { measures: [] } }), 'resolve', { summary: '完毕' }).patch.status,
    ).toBe('resolved');
  });

  it('resolve is allowed after a decision that needed no measures: the case must not be stuck in decided (RES-2)', () => {
    // `measures` is optional on `decide`; leaving it out leaves data.measures absent.
    const decided = run(buildCase({ status: 'investigating' }), 'decide', {
      cause: '误会',
      outcome: 'not-substantiated',
      solution: '解释说明',
    });
    const c = buildCase({ status: 'decided', ...decided.patch });
    expect(c.data).not.toHaveProperty('measures');
    expect(run(c, 'resolve', { summary: '已解释' }).patch.status).toBe('resolved');
  });

  it('a guard is checked against the case as found, before the input is applied', () => {
    // update-measure is the only way to mark a measure done; resolve cannot do it in the same step.
    const c = buildCase({ status: 'decided', data: { measures: [measure()] } });
    expect(refusal(() => run(c, 'resolve', { summary: '完毕' })).code).toBe<ErrorCode>('PRECONDITION_FAILED');
  });
});

describe('rate and close-invalid', () => {
  it('rate is refused when the case was already rated (EVA-1)', () => {
    const err = refusal(() =>
      run(buildCase({ status: 'replied', data: { satisfaction: 4 } }), 'rate', { satisfaction: 2 }, submitter),
    );
    expect(err.code).toBe<ErrorCode>('PRECONDITION_FAILED');
    expect(err.details).toEqual({ guard: 'no-value' });
    expect(err.message).toContain('已评价过');
  });

  it('rate stays in replied', () => {
    const d = run(buildCase({ status: 'replied' }), 'rate', { satisfaction: 3 }, submitter);
    expect(d.patch).not.toHaveProperty('status');
    expect(d.event).toMatchObject({ fromStatus: 'replied', toStatus: 'replied' });
  });

  it.each(['received', 'accepted', 'investigating'])(
    'close-invalid from %s closes with outcome "invalid" and keeps the reply (ACC-2)',
    (status) => {
      const d = run(buildCase({ status }), 'close-invalid', {
        reply: '您反映的情况与事实不符，说明如下',
        reason: '无事实依据',
      });
      expect(d.patch).toEqual({
        status: 'closed',
        outcome: 'invalid',
        data: { reply: '您反映的情况与事实不符，说明如下' },
        closedAt: NOW.toISOString(),
      });
    },
  );
});

describe('a fixed value of an action', () => {
  /** The built-in procedure with `close` also fixing a data value and the outcome. */
  const withFixed: TProcedure = (() => {
    const raw = parseYaml(TEXT);
    const close = raw.actions.find((a: { id: string }) => a.id === 'close');
    close.fixed = { 'data.archived': true, outcome: 'substantiated' };
    return parseProcedure(stringifyYaml(raw), 'fixed.yaml');
  })();

  it('sets a case column (outcome)', () => {
    const d = decide({
      procedure: withFixed,
      current: buildCase({ status: 'replied' }),
      actionId: 'close',
      input: {},
      actor: service,
      now: NOW,
      users,
      clocks: noClocks,
    });
    expect(d.patch.outcome).toBe('substantiated');
  });

  it('sets a data.<key> target, which the schema accepts as a fixed target', () => {
    const d = decide({
      procedure: withFixed,
      current: buildCase({ status: 'replied', data: { reply: 'r' } }),
      actionId: 'close',
      input: {},
      actor: service,
      now: NOW,
      users,
      clocks: noClocks,
    });
    expect(d.patch.data).toEqual({ reply: 'r', archived: true });
  });
});

// ---------------------------------------------------------------- event, notifications, clocks

describe('the timeline event, notifications and clock operations', () => {
  it('a public action: visibility, publicText, statuses, actor ref, time and the validated input', () => {
    const d = run(buildCase(), 'accept', { category: 'service-attitude', note: '  受理  ' });
    expect(d.event).toEqual({
      type: 'action',
      action: 'accept',
      visibility: 'public',
      fromStatus: 'received',
      toStatus: 'accepted',
      actor: { kind: 'user', id: 'user-customer-service', name: '用户 customer-service' },
      at: '2026-11-30T02:00:00.000Z',
      input: { category: 'service-attitude', note: '受理' },
      publicText: findAction(procedure, 'accept')!.publicText,
      clocks: [],
    });
  });

  it('an internal action without `to`: no publicText, status unchanged', () => {
    const d = run(buildCase(), 'forward', { note: '顾客在门店反映' }, clerk);
    expect(d.event).toMatchObject({
      visibility: 'internal',
      publicText: null,
      fromStatus: 'received',
      toStatus: 'received',
    });
    expect(d.patch).toEqual({});
  });

  it('the submitter is written as such, without an id', () => {
    expect(run(buildCase(), 'withdraw', {}, submitter).event.actor).toEqual({
      kind: 'submitter',
      id: null,
      name: '投诉人 / submitter',
    });
  });

  it('the event keeps the resolved user id, not the username', () => {
    expect(run(buildCase({ status: 'accepted' }), 'assign', { responsible: 'wang' }).event.input).toEqual({
      responsible: 'user-wang',
    });
  });

  it.each([
    {
      action: 'accept',
      status: 'received',
      input: { category: 'other' },
      notifications: [{ to: 'submitter', template: 'accepted', event: 'accept' }],
    },
    {
      action: 'assign',
      status: 'accepted',
      input: { responsible: 'li' },
      notifications: [{ to: 'assignee', template: 'assigned', event: 'assign' }],
    },
    {
      action: 'rate',
      status: 'replied',
      input: { satisfaction: 1 },
      notifications: [{ to: 'role:customer-service', template: 'rated', event: 'rate' }],
    },
    { action: 'add-note', status: 'received', input: { note: 'n' }, notifications: [] },
  ])('$action in $status notifies what the procedure declares', ({ action, status, input, notifications }) => {
    expect(run(buildCase({ status }), action, input).notifications).toEqual(notifications);
  });

  it('clock operations are passed on: accept stops the forwarding clock (REG-2, SLA-5)', () => {
    const d = run(buildCase(), 'accept', { category: 'other' }, service, {
      calendar,
      clocks: [runningForwardingClock()],
    });
    expect(d.clockChanges).toEqual([
      { op: 'update', id: 'clock-1', set: { stoppedAt: NOW.toISOString(), pausedAt: null } },
    ]);
    expect(d.event.clocks).toMatchObject([{ clock: 'forwarding', op: 'stop', dueAt: '2026-12-01T01:00:00.000Z' }]);
    expect(
      run(buildCase({ status: 'accepted' }), 'assign', { responsible: 'li' }, service, {
        calendar,
        clocks: [runningForwardingClock()],
      }).clockChanges,
    ).toEqual([]);
  });
});

// ---------------------------------------------------------------- purity

describe('decide is pure', () => {
  const calls: [string, CaseState, string, Record<string, unknown>, Actor][] = [
    ['accept', buildCase(), 'accept', { category: 'other' }, service],
    [
      'decide',
      buildCase({ status: 'investigating', data: { targetDate: '2026-12-10' } }),
      'decide',
      {
        cause: 'c',
        outcome: 'substantiated',
        solution: 's',
        measures: [{ type: 'refund', description: 'd', owner: 'wang', dueDate: '2026-12-01' }],
      },
      service,
    ],
    [
      'update-measure',
      buildCase({ status: 'decided', data: { measures: [measure(), measure()] } }),
      'update-measure',
      { index: 1, done: true },
      handler,
    ],
    ['rate', buildCase({ status: 'replied', data: { reply: 'r' } }), 'rate', { satisfaction: 5 }, submitter],
  ];

  it.each(calls)('%s does not change the case it is given (deep-frozen input)', (_, c, action, input, actor) => {
    const before = structuredClone(c);
    const frozen = deepFreeze(structuredClone(c));
    const frozenInput = deepFreeze(structuredClone(input));
    expect(() => run(frozen, action, frozenInput, actor)).not.toThrow();
    expect(frozen).toEqual(before);
    expect(frozenInput).toEqual(input);
  });

  it('the same call gives the same decision', () => {
    const c = buildCase({ status: 'decided', data: { measures: [measure()] } });
    expect(run(c, 'update-measure', { index: 0, done: true })).toEqual(
      run(c, 'update-measure', { index: 0, done: true }),
    );
  });
});

// ---------------------------------------------------------------- property

describe('property: random walks through the customer-complaint procedure', () => {
  const ACTORS: Actor[] = [
    service,
    manager,
    clerk,
    handler,
    submitter,
    buildUser([], { isAdmin: true }),
    buildUser([]),
  ];
  const ACTION_IDS = [...procedure.actions.map((a) => a.id), 'escalate'];
  const STATES = new Set(procedure.states.map((s) => s.id));
  const TERMINAL = new Set(procedure.states.filter((s) => s.terminal).map((s) => s.id));
  const REFUSALS: ErrorCode[] = [
    'UNKNOWN_ACTION',
    'ACTION_NOT_ALLOWED',
    'FORBIDDEN',
    'VALIDATION_FAILED',
    'PRECONDITION_FAILED',
  ];

  const text = (max: number) =>
    fc.string({ minLength: 1, maxLength: Math.min(max, 20) }).filter((s) => s.trim().length > 0);
  const day = fc
    .integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 31) })
    .map((ms) => new Date(ms).toISOString().slice(0, 10));

  /** A valid value for a field of customer-complaint (`index` stays small so it often hits a measure). */
  function fieldValue(field: TScalarField): fc.Arbitrary<unknown> {
    switch (field.type) {
      case 'text':
      case 'longtext':
        return text(field.maxLength);
      case 'enum':
        return fc.constantFrom(...field.options.map((o) => o.id));
      case 'category':
        return fc.constantFrom(...procedure.categories.map((o) => o.id));
      case 'severity':
        return fc.constantFrom(...procedure.severities.map((o) => o.id));
      case 'user':
        return fc.constantFrom(...users.keys());
      case 'unit':
        return fc.constant('01KZ0000000000000000000000');
      case 'date':
        return day;
      case 'datetime':
        return day.map((d) => `${d}T08:00:00+08:00`);
      case 'integer':
        return field.name === 'index'
          ? fc.nat({ max: 2 })
          : fc.integer({ min: field.min ?? -100, max: field.max ?? 100 });
      case 'number':
        return fc.double({ min: field.min ?? -100, max: field.max ?? 100, noNaN: true });
      case 'boolean':
        return field.mustBeTrue ? fc.constant(true) : fc.boolean();
      case 'rating':
        return fc.integer({ min: 1, max: field.max });
    }
  }

  function recordOf(fields: TField[]): fc.Arbitrary<Record<string, unknown>> {
    const model = Object.fromEntries(
      fields.map((f) => [
        f.name,
        f.type === 'list'
          ? fc.array(recordOf(f.items), { minLength: f.minItems, maxLength: Math.min(f.maxItems, 3) })
          : fieldValue(f),
      ]),
    );
    return fc.record(model, { requiredKeys: fields.filter((f) => f.required).map((f) => f.name) }) as fc.Arbitrary<
      Record<string, unknown>
    >;
  }

  const inputs = fc.record(Object.fromEntries(procedure.actions.map((a) => [a.id, recordOf(a.input)])));
  const step = fc.record({
    actor: fc.constantFrom(...ACTORS),
    pick: fc.nat(),
    /** 0–5: an allowed step forward; 6–7: any allowed action; 8–9: any action id by any actor. */
    mode: fc.nat({ max: 9 }),
    inputs,
  });
  type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

  /** Which action and actor a step takes: mostly what someone may do now, biased to move the case on. */
  function choose(c: CaseState, s: Step): { actionId: string; actor: Actor } {
    const anything = { actionId: ACTION_IDS[s.pick % ACTION_IDS.length], actor: s.actor };
    if (s.mode >= 8) return anything;
    const options = ACTORS.flatMap((actor) =>
      allowedActions(actor, procedure, c).map((a) => ({ actionId: a.id, actor, a })),
    );
    const onward = options.filter(
      ({ a }) => (a.to !== undefined && !TERMINAL.has(a.to)) || a.updatesItemOf !== undefined,
    );
    const pool = s.mode < 6 && onward.length > 0 ? onward : options;
    return pool.length > 0 ? pool[s.pick % pool.length] : anything;
  }

  it("status stays declared, equals the action's `to`, agrees with policy, and terminal states allow nothing", () => {
    const visited = new Set<string>();
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 30 }), (steps) => {
        let c = buildCase({ status: startState(procedure) });
        for (const s of steps) {
          const { actionId, actor } = choose(c, s);
          const allowed = allowedActions(actor, procedure, c).map((a) => a.id);
          const action = findAction(procedure, actionId);
          let d: Decision;
          try {
            d = run(c, actionId, s.inputs[actionId] ?? {}, actor);
          } catch (err) {
            expect(err).toBeInstanceOf(DomainError);
            expect(REFUSALS).toContain((err as DomainError).code);
            // Whatever policy says the actor may do now, the engine does not refuse for state or role.
            if (allowed.includes(actionId))
              expect(['VALIDATION_FAILED', 'PRECONDITION_FAILED']).toContain((err as DomainError).code);
            continue;
          }
          expect(allowed).toContain(actionId);
          const next = { ...c, ...d.patch, version: c.version + 1 };
          expect(STATES.has(next.status)).toBe(true);
          expect(next.status).toBe(action!.to ?? c.status);
          expect(d.event).toMatchObject({ action: actionId, fromStatus: c.status, toStatus: next.status });
          expect(d.patch.closedAt !== undefined).toBe(TERMINAL.has(next.status) && !TERMINAL.has(c.status));
          c = next;
          visited.add(c.status);
          if (TERMINAL.has(c.status)) {
            expect(c.closedAt).toBe(NOW.toISOString());
            for (const actor of ACTORS) {
              expect(allowedActions(actor, procedure, c)).toEqual([]);
              for (const id of procedure.actions.map((a) => a.id)) {
                expect(refusal(() => run(c, id, s.inputs[id], actor)).code).toBe<ErrorCode>('ACTION_NOT_ALLOWED');
              }
            }
          }
        }
      }),
      { numRuns: 300, seed: 20261130 },
    );
    // The walks must get everywhere, or the checks above were vacuous for some states (terminal ones above all).
    expect([...visited].sort()).toEqual([...STATES].sort());
  });

  it('the state machine can reach every declared state from the start state (sanity of the generator)', () => {
    // Breadth-first over the declared transitions: a declared state no walk can reach would make the property vacuous there.
    const reached = new Set([startState(procedure)]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const a of procedure.actions) {
        if (a.to && !reached.has(a.to) && a.from.some((f) => reached.has(f))) {
          reached.add(a.to);
          grew = true;
        }
      }
    }
    expect([...reached].sort()).toEqual([...STATES].sort());
    expect(findState(procedure, startState(procedure))?.initial).toBe(true);
  });
});
