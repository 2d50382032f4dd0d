import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { decideSubmission, type Intake } from './intake.ts';
import { DomainError, type ErrorCode } from './errors.ts';
import { parseProcedure } from './procedure.parse.ts';
import type { Actor } from './case.ts';
import { Calendar } from './calendar.ts';

// ---------------------------------------------------------------- factories

const TEXT = readFileSync(new URL('../procedures/customer-complaint.yaml', import.meta.url), 'utf8');
const procedure = parseProcedure(TEXT, 'customer-complaint.yaml');

/** The built-in procedure taking only web and phone submissions. */
const webAndPhoneOnly = (() => {
  const raw = parseYaml(TEXT);
  raw.intake.channels = ['web', 'phone'];
  return parseProcedure(stringifyYaml(raw), 'web-and-phone.yaml');
})();

const NOW = new Date('2026-11-30T02:00:00.000Z');
const DAY = 86_400_000;
const IDS = { caseId: '01KB0000000000000000000000', trackingNo: 'TS-20261130-7K3Q9X' };
const publicForm: Actor = { kind: 'system', name: 'public-web' };
const hotline: Actor = {
  kind: 'user',
  id: 'user-hotline',
  username: 'hotline',
  displayName: '热线 小周',
  grants: [{ role: 'intake-clerk', unitId: null, unitPath: null }],
  isAdmin: false,
};

function buildIntake(overrides: Partial<Intake> = {}): Intake {
  return {
    procedure: 'customer-complaint',
    kind: 'complaint',
    channel: 'web',
    category: 'product-quality',
    subject: '电水壶漏水',
    description: '11 月 20 日在门店购买的电水壶使用两天后底部漏水。',
    anonymous: false,
    submitter: { name: '张三', phone: '13812345678' },
    requestedOutcome: '退货退款',
    affirmTruthful: true,
    fields: { orderNo: 'A-1001', store: '南京路店' },
    ...overrides,
  };
}

/** A calendar without holiday data: the only clock here counts hours, which need none. */
const calendar = new Calendar({ version: 'test', source: 'test', years: [], offDays: {}, workDays: {} });

function submit(intake: Intake, actor: Actor = publicForm, p = procedure) {
  return decideSubmission(p, intake, actor, NOW, IDS, calendar);
}

function rejection(intake: Intake, p = procedure): { path: string; message: string }[] {
  try {
    submit(intake, publicForm, p);
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe<ErrorCode>('VALIDATION_FAILED');
    return ((err as DomainError).details as { issues: { path: string; message: string }[] }).issues;
  }
  throw new Error('expected the submission to be refused');
}

// ---------------------------------------------------------------- accepted submissions

describe('a valid submission becomes a new case in the initial state (INT-1, REG-1)', () => {
  it('a named web complaint: state, version 1, channel, receivedAt now, data fields', () => {
    const created = submit(buildIntake());
    expect(created.state).toEqual({
      id: IDS.caseId,
      trackingNo: IDS.trackingNo,
      procedureId: 'customer-complaint',
      procedureVersion: 5,
      kind: 'complaint',
      status: 'received',
      version: 1,
      category: 'product-quality',
      severity: null,
      outcome: null,
      assigneeId: null,
      channel: 'web',
      data: {
        fields: { orderNo: 'A-1001', store: '南京路店' },
        requestedOutcome: '退货退款',
        affirmedTruthfulAt: NOW.toISOString(),
      },
      receivedAt: NOW.toISOString(),
      closedAt: null,
      orgUnitId: null,
      orgUnitPath: null,
      exclusions: [],
    });
    expect(created).toMatchObject({
      subject: '电水壶漏水',
      anonymous: false,
      submitter: { name: '张三', phone: '13812345678' },
      respondents: [],
      receivedBy: null,
    });
  });

  it("the registration is a public timeline event with the procedure's text (INT-4)", () => {
    const { event } = submit(buildIntake());
    expect(event).toEqual({
      type: 'submitted',
      action: 'submit',
      visibility: 'public',
      fromStatus: null,
      toStatus: 'received',
      actor: { kind: 'system', id: null, name: 'public-web' },
      at: NOW.toISOString(),
      input: { channel: 'web', kind: 'complaint', receivedAt: NOW.toISOString() },
      publicText: procedure.intake.publicText,
      clocks: [], // a web complaint reaches customer service itself: nothing to forward (issue 17)
    });
  });

  it('the 24-hour forwarding clock starts when another department registers it, not for what reaches customer service (REG-2, SLA-5, issue 17)', () => {
    const store = { id: 'u-store', path: '/root/store/' };
    const inStore = { ...IDS, orgUnit: store, intakeUnitPath: '/root/service/' };
    const walkIn = buildIntake({ channel: 'walk-in', receivedAt: NOW.toISOString() });
    expect(decideSubmission(procedure, walkIn, hotline, NOW, inStore, calendar).clocks).toEqual([
      expect.objectContaining({
        clock: 'forwarding',
        unit: 'hours',
        length: 24,
        startedAt: NOW.toISOString(),
        dueAt: '2026-12-01T02:00:00.000Z',
        stoppedAt: null,
        pausedAt: null,
      }),
    ]);
    // Registered at customer service (or below it), or arriving by the portal: no forwarding.
    const atService = {
      ...IDS,
      orgUnit: { id: 'u-hotline', path: '/root/service/hotline/' },
      intakeUnitPath: '/root/service/',
    };
    expect(decideSubmission(procedure, walkIn, hotline, NOW, atService, calendar).clocks).toEqual([]);
    expect(decideSubmission(procedure, buildIntake(), publicForm, NOW, inStore, calendar).clocks).toEqual([]);
    // No intake unit set: every staff registration may have to be forwarded.
    expect(submit(walkIn, hotline).clocks.map((c) => c.clock)).toEqual(['forwarding']);
  });

  it('the forwarding clock runs from when the matter was received, not from when it was typed in', () => {
    const created = submit(buildIntake({ channel: 'phone', receivedAt: '2026-11-29T17:30:00+08:00' }), hotline);
    expect(created.clocks).toEqual([
      expect.objectContaining({ startedAt: '2026-11-29T09:30:00.000Z', dueAt: '2026-11-30T09:30:00.000Z' }),
    ]);
  });

  it('the submitter is acknowledged and customer service told of the new case (INT-4)', () => {
    expect(submit(buildIntake()).notifications).toEqual([
      { to: 'submitter', template: 'received', event: 'submit' },
      { to: 'role:customer-service', template: 'new-case', event: 'submit' },
    ]);
  });

  it('a phone complaint entered by staff keeps the given receivedAt, normalised to UTC, and who took it (INT-3)', () => {
    const created = submit(buildIntake({ channel: 'phone', receivedAt: '2026-11-29T17:30:00+08:00' }), hotline);
    expect(created.state.channel).toBe('phone');
    expect(created.state.receivedAt).toBe('2026-11-29T09:30:00.000Z');
    expect(created.event.input.receivedAt).toBe('2026-11-29T09:30:00.000Z');
    expect(created.receivedBy).toBe('user-hotline');
    expect(created.event.actor).toEqual({ kind: 'user', id: 'user-hotline', name: '热线 小周' });
  });

  it('a suggestion is taken too', () => {
    expect(submit(buildIntake({ kind: 'suggestion' })).state.kind).toBe('suggestion');
  });

  it('where, when, who and the third party are recorded (INT-5, REG-1)', () => {
    const created = submit(
      buildIntake({
        channel: 'third-party',
        occurredAt: '2026-11-20T10:00:00+08:00',
        location: '南京路店',
        respondents: [{ name: '南京路店', type: 'business' }],
        thirdParty: { type: 'consumer-association', name: '市消费者协会', reference: 'XF-2026-118' },
      }),
      hotline,
    );
    expect(created.state.data).toMatchObject({
      occurredAt: '2026-11-20T10:00:00+08:00',
      location: '南京路店',
      thirdParty: { type: 'consumer-association', name: '市消费者协会', reference: 'XF-2026-118' },
    });
    expect(created.respondents).toEqual([{ name: '南京路店', type: 'business' }]);
    expect(created.event.input.thirdParty).toEqual({
      type: 'consumer-association',
      name: '市消费者协会',
      reference: 'XF-2026-118',
    });
  });

  it('an anonymous submission keeps no submitter and no identity anywhere on the case (INT-2)', () => {
    const created = submit(buildIntake({ anonymous: true, submitter: undefined }));
    expect(created.anonymous).toBe(true);
    expect(created.submitter).toBeNull();
    expect(created.state.status).toBe('received');
    const everything = JSON.stringify({
      state: created.state,
      event: created.event,
      notifications: created.notifications,
    });
    expect(everything).not.toContain('张三');
    expect(everything).not.toContain('13812345678');
  });

  it.each([
    { contact: 'a phone', submitter: { name: '张三', phone: '021-6123 4567' } },
    { contact: 'an e-mail', submitter: { name: '张三', email: 'zhang.san@example.com' } },
    { contact: 'an address', submitter: { name: '张三', address: '上海市黄浦区南京东路 1 号' } },
  ])('a named submission with only $contact is enough', ({ submitter }) => {
    expect(submit(buildIntake({ submitter })).submitter).toEqual(submitter);
  });

  it('receivedAt a few seconds ahead (clock skew under a minute) is accepted', () => {
    expect(
      submit(buildIntake({ channel: 'phone', receivedAt: new Date(NOW.getTime() + 59_000).toISOString() }), hotline)
        .state.receivedAt,
    ).toBe('2026-11-30T02:00:59.000Z');
  });

  it('receivedAt exactly 366 days ago is still accepted', () => {
    const at = new Date(NOW.getTime() - 366 * DAY).toISOString();
    expect(submit(buildIntake({ channel: 'letter', receivedAt: at }), hotline).state.receivedAt).toBe(at);
  });

  it('the decision is pure: same submission, same case', () => {
    expect(submit(buildIntake())).toEqual(submit(buildIntake()));
  });
});

// ---------------------------------------------------------------- refused submissions

describe('an invalid submission is VALIDATION_FAILED with the offending path', () => {
  const past = (days: number, extraMs = 0) => new Date(NOW.getTime() - days * DAY - extraMs).toISOString();
  const invalid: { rule: string; intake: Partial<Intake>; path: string }[] = [
    { rule: 'a kind the procedure does not take', intake: { kind: 'report' as const }, path: 'kind' },
    { rule: 'a category the procedure does not have (CLS-1)', intake: { category: 'weather' }, path: 'category' },
    { rule: 'a severity the procedure does not have', intake: { severity: 'critical' }, path: 'severity' },
    { rule: 'no requested outcome (INT-5)', intake: { requestedOutcome: undefined }, path: 'requestedOutcome' },
    { rule: 'no truth affirmation (INT-5)', intake: { affirmTruthful: undefined }, path: 'affirmTruthful' },
    { rule: 'the truth affirmation declined (INT-5)', intake: { affirmTruthful: false }, path: 'affirmTruthful' },
    { rule: 'an identity on an anonymous submission (INT-2)', intake: { anonymous: true }, path: 'submitter' },
    { rule: 'a named submission without a submitter', intake: { submitter: undefined }, path: 'submitter' },
    {
      rule: 'a named submission with a name but no contact',
      intake: { submitter: { name: '张三' } },
      path: 'submitter',
    },
    {
      rule: 'the third-party channel without the third party (INT-1)',
      intake: { channel: 'third-party' as const },
      path: 'thirdParty',
    },
    {
      rule: 'a third party on another channel',
      intake: { channel: 'email' as const, thirdParty: { type: 'union' as const, name: '工会' } },
      path: 'thirdParty',
    },
    {
      rule: 'receivedAt in the future',
      intake: { channel: 'phone' as const, receivedAt: '2026-11-30T02:01:01.000Z' },
      path: 'receivedAt',
    },
    {
      rule: 'receivedAt more than 366 days ago',
      intake: { channel: 'letter' as const, receivedAt: past(366, 1) },
      path: 'receivedAt',
    },
    {
      rule: 'receivedAt two years ago',
      intake: { channel: 'letter' as const, receivedAt: past(730) },
      path: 'receivedAt',
    },
    {
      rule: 'an unknown procedure-specific field',
      intake: { fields: { orderNo: 'A-1', colour: 'red' } },
      path: 'fields',
    },
    {
      rule: 'a procedure-specific field over its maxLength',
      intake: { fields: { orderNo: 'A'.repeat(65) } },
      path: 'fields.orderNo',
    },
    { rule: 'a procedure-specific field of the wrong type', intake: { fields: { store: 42 } }, path: 'fields.store' },
  ];
  it.each(invalid.map((r) => [r.rule, r] as const))('%s', (_, { intake, path }) => {
    const issues = rejection(buildIntake(intake));
    expect(issues.map((i) => i.path)).toEqual([path]);
    expect(issues[0].message).not.toBe('');
  });

  it('a channel the procedure does not accept (INT-1)', () => {
    expect(rejection(buildIntake({ channel: 'wechat' }), webAndPhoneOnly).map((i) => i.path)).toEqual(['channel']);
    expect(submit(buildIntake({ channel: 'phone' }), hotline, webAndPhoneOnly).state.channel).toBe('phone');
  });

  it('the unknown field is named in the message', () => {
    expect(rejection(buildIntake({ fields: { colour: 'red' } }))[0].message).toMatch(/colour/);
  });

  it('every problem is reported at once', () => {
    const issues = rejection(
      buildIntake({ kind: 'appeal', requestedOutcome: undefined, affirmTruthful: false, submitter: undefined }),
    );
    expect(issues.map((i) => i.path).sort()).toEqual(['affirmTruthful', 'kind', 'requestedOutcome', 'submitter']);
  });
});
