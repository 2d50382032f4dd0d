import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/app/audit.ts';
import { runRetention } from '../src/app/retention.ts';
import { addUser, createToken } from '../src/app/auth.ts';
import { addOrgUnit } from '../src/app/org.ts';
import { BACKENDS, TestClock } from './support/backends.ts';
import { startHarness, type Harness } from './support/harness.ts';

/**
 * DIS-1, MS-15 (S8 一(五) 谁处理、谁公示): a closed market-supervision complaint whose consumer
 * consented is proposed for publishing, the business is told first and has 3 working days, the
 * text is redacted automatically, the head of the bureau reviews and edits it and publishes; the
 * public list shows it and finds it by business and category; unpublishing takes it down, audited.
 * The refusals: no consent, not handled, publishing before the business was told or before its
 * period ends, someone without the review role, someone of another county.
 */
describe.each(BACKENDS)('public disclosure (DIS-1, MS-15) on $name', (backend) => {
  let h: Harness;
  const clock = new TestClock('2026-11-02T01:00:00.000Z'); // Monday 09:00 Shanghai
  type Staff = { id: string; token: string };
  let handler: Staff;
  let head: Staff;
  let otherCounty: Staff;
  let countyA: string;
  const at = (local: string) => clock.set(`${local.replace(' ', 'T')}:00+08:00`);

  async function staffIn(username: string, grants: [string, string][]): Promise<Staff> {
    const user = await addUser(
      h.ctx,
      {
        username,
        displayName: username,
        password: 'correct horse battery',
        isAdmin: false,
        roles: grants.map(([role, unitId]) => ({ role, unitId })),
      },
      'system:test',
    );
    return { id: user.id, token: (await createToken(h.ctx, username, 'test', 'system:test')).token };
  }

  const statement =
    '我叫王小明，手机13912345678，身份证11010519900307123X。10月28日在好又多超市购买电热水壶，使用第三天漏电，店长黄女士拒绝退货，请联系我 wangxm@example.com，我住在甲县城关镇人民路18号3栋502室。';

  async function closedCase(
    consent: boolean,
    business = '甲县好又多超市',
    category = 'goods-quality',
  ): Promise<string> {
    const res = await h.call('POST', '/api/v1/public/cases', {
      body: {
        procedure: 'market-supervision',
        kind: 'complaint',
        subject: '电热水壶漏电',
        description: statement,
        anonymous: false,
        submitter: { name: '王小明', phone: '13912345678' },
        respondents: [
          { name: business, type: 'business' },
          { name: '黄丽', type: 'person' },
        ],
        requestedOutcome: '退货退款',
        fields: { disclosureConsent: consent },
        affirmTruthful: true,
        orgUnit: countyA,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = (
      await h.ctx.store.db
        .selectFrom('cases')
        .select('id')
        .where('tracking_no', '=', res.json().trackingNo)
        .executeTakeFirstOrThrow()
    ).id;
    for (const [action, input] of [
      ['keep', { basis: 'territory' }],
      ['accept', { category }],
      ['start-mediation', { complainantConsent: true, respondentConsent: true, mediatedBy: 'bureau' }],
      [
        'conclude-mediation',
        {
          form: 'mediation-record',
          recordGround: 'performed-at-once',
          agreement: '商家退还货款129元，并向王小明（电话13912345678）赔礼道歉。',
        },
      ],
    ] as const) {
      const { version } = (await h.call('GET', `/api/v1/cases/${id}`, { token: handler.token })).json();
      const step = await h.call('POST', `/api/v1/cases/${id}/actions/${action}`, {
        token: handler.token,
        body: { input, expectedVersion: version },
      });
      expect(step.statusCode, `${action}: ${step.body}`).toBe(200);
    }
    return id;
  }

  beforeAll(async () => {
    h = await startHarness(backend, clock);
    const city = await addOrgUnit(h.ctx, { name: 'X市市场监督管理局' }, 'system:test');
    countyA = (await addOrgUnit(h.ctx, { name: '甲县市场监督管理局', parent: city.id }, 'system:test')).id;
    const countyB = await addOrgUnit(h.ctx, { name: '乙县市场监督管理局', parent: city.id }, 'system:test');
    handler = await staffIn('handler-a', [
      ['bureau-registrar', countyA],
      ['case-handler', countyA],
    ]);
    head = await staffIn('head-a', [['bureau-head', countyA]]);
    otherCounty = await staffIn('head-b', [
      ['bureau-head', countyB.id],
      ['case-handler', countyB.id],
    ]);
  });
  afterAll(async () => h?.close());

  it('refuses a case without consent, and one not yet handled', async () => {
    at('2026-11-02 10:00');
    const refusedId = await closedCase(false);
    // The case page offers no proposal (and goes back to the queue after closing) without consent.
    const refusedView = (await h.call('GET', `/api/v1/cases/${refusedId}`, { token: handler.token })).json();
    expect(refusedView.mayProposeDisclosure).toBe(false);
    const res = await h.call('POST', `/api/v1/cases/${refusedId}/disclosure`, { token: handler.token });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'PRECONDITION_FAILED', details: { guard: 'consent' } });

    const open = await h.call('POST', '/api/v1/public/cases', {
      body: {
        procedure: 'market-supervision',
        kind: 'complaint',
        subject: '未办结',
        description: '仍在处理',
        anonymous: true,
        respondents: [{ name: '某店', type: 'business' }],
        requestedOutcome: '退款',
        fields: { disclosureConsent: true },
        affirmTruthful: true,
        orgUnit: countyA,
      },
    });
    const openId = (
      await h.ctx.store.db
        .selectFrom('cases')
        .select('id')
        .where('tracking_no', '=', open.json().trackingNo)
        .executeTakeFirstOrThrow()
    ).id;
    const openView = (await h.call('GET', `/api/v1/cases/${openId}`, { token: handler.token })).json();
    expect(openView.mayProposeDisclosure).toBe(false);
    const notHandled = await h.call('POST', `/api/v1/cases/${openId}/disclosure`, { token: handler.token });
    expect(notHandled.statusCode).toBe(409);
    expect(notHandled.json().error.details.guard).toBe('handled');
  });

  it('walks a consented case from proposal to the public list and back down', async () => {
    at('2026-11-02 11:00');
    const caseId = await closedCase(true);
    // A handler of another county cannot even see the case.
    expect((await h.call('POST', `/api/v1/cases/${caseId}/disclosure`, { token: otherCounty.token })).statusCode).toBe(
      404,
    );
    // The reviewer is not a proposer.
    expect((await h.call('POST', `/api/v1/cases/${caseId}/disclosure`, { token: head.token })).statusCode).toBe(403);
    // The case page knows who may: the handler stays on the closed case to propose it (DIS-1).
    const asHandler = (await h.call('GET', `/api/v1/cases/${caseId}`, { token: handler.token })).json();
    expect(asHandler.mayProposeDisclosure).toBe(true);
    const asHead = (await h.call('GET', `/api/v1/cases/${caseId}`, { token: head.token })).json();
    expect(asHead.mayProposeDisclosure).toBe(false);

    const proposed = await h.call('POST', `/api/v1/cases/${caseId}/disclosure`, { token: handler.token });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const d = proposed.json();
    expect(d).toMatchObject({
      status: 'draft',
      business: '甲县好又多超市',
      category: 'goods-quality',
      categoryLabel: { 'zh-CN': '商品质量' },
    });
    // Redaction: nothing personal is left in what would be published; the matter itself is.
    const text = `${d.statement}\n${d.result}`;
    for (const leak of [
      '王小明',
      '小明',
      '13912345678',
      '11010519900307123X',
      'wangxm@example.com',
      '黄女士',
      '人民路18号',
      '502室',
    ])
      expect(text).not.toContain(leak);
    for (const kept of ['好又多超市', '电热水壶', '漏电', '拒绝退货', '调解成功', '退还货款129元'])
      expect(text).toContain(kept);
    expect(d.redactionFound).toMatchObject({ mobile: 2, 'id-number': 1, email: 1, address: 1 });
    // Only one disclosure at a time per case.
    expect(
      (await h.call('POST', `/api/v1/cases/${caseId}/disclosure`, { token: handler.token })).json().error.code,
    ).toBe('CONFLICT');

    // Publishing before the business was told is refused.
    const early = await h.call('POST', `/api/v1/disclosures/${d.id}/publish`, {
      token: head.token,
      body: { expectedVersion: d.version },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.details.guard).toBe('respondent-notice');

    // The business is told first: a timeline note and an outbox notice to the respondent.
    at('2026-11-02 15:00');
    const notified = await h.call('POST', `/api/v1/disclosures/${d.id}/notify`, {
      token: handler.token,
      body: { method: 'platform', expectedVersion: d.version },
    });
    expect(notified.statusCode, notified.body).toBe(200);
    // 3 working days from Monday 15:00: Tue, Wed, Thu → Thursday 24:00 Shanghai.
    expect(notified.json()).toMatchObject({ status: 'notified', publishableAt: '2026-11-05T16:00:00.000Z' });
    const outbox = await h.ctx.store.db
      .selectFrom('outbox')
      .select(['recipient', 'template'])
      .where('case_id', '=', caseId)
      .where('template', '=', 'disclosure-notice')
      .execute();
    expect(outbox).toEqual([{ recipient: 'respondent', template: 'disclosure-notice' }]);
    const timeline = (await h.call('GET', `/api/v1/cases/${caseId}`, { token: handler.token })).json().timeline as {
      action: string;
    }[];
    expect(timeline.map((e) => e.action).slice(-2)).toEqual(['disclosure-proposed', 'disclosure-respondent-notified']);

    // The reviewer edits; an edit that puts personal data back is redacted again.
    const edited = await h.call('PATCH', `/api/v1/disclosures/${d.id}`, {
      token: head.token,
      body: {
        statement: '消费者在好又多超市购买的电热水壶使用三天后漏电，要求退货被拒。联系人王小明13912345678。',
        expectedVersion: d.version + 1,
      },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().statement).toBe(
      '消费者在好又多超市购买的电热水壶使用三天后漏电，要求退货被拒。联系人[姓名][手机号]。',
    );
    // A handler is not a reviewer.
    expect(
      (
        await h.call('PATCH', `/api/v1/disclosures/${d.id}`, {
          token: handler.token,
          body: { result: '改', expectedVersion: d.version + 2 },
        })
      ).statusCode,
    ).toBe(403);

    // Before the notice period ends: refused.
    at('2026-11-05 23:00');
    const tooSoon = await h.call('POST', `/api/v1/disclosures/${d.id}/publish`, {
      token: head.token,
      body: { expectedVersion: d.version + 2 },
    });
    expect(tooSoon.statusCode).toBe(409);
    expect(tooSoon.json().error.details).toMatchObject({
      guard: 'notice-period',
      publishableAt: '2026-11-05T16:00:00.000Z',
    });
    expect((await h.call('GET', '/api/v1/public/disclosures')).json().items).toEqual([]);

    at('2026-11-06 09:00');
    expect(
      (
        await h.call('POST', `/api/v1/disclosures/${d.id}/publish`, {
          token: handler.token,
          body: { expectedVersion: d.version + 2 },
        })
      ).statusCode,
    ).toBe(403);
    const published = await h.call('POST', `/api/v1/disclosures/${d.id}/publish`, {
      token: head.token,
      body: { expectedVersion: d.version + 2 },
    });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', publishedAt: '2026-11-06T01:00:00.000Z' });

    // A second published item of another business and category, for search.
    at('2026-11-06 10:00');
    const otherCase = await closedCase(true, '甲县惠民电器店', 'service');
    const other = (await h.call('POST', `/api/v1/cases/${otherCase}/disclosure`, { token: handler.token })).json();
    await h.call('POST', `/api/v1/disclosures/${other.id}/notify`, {
      token: handler.token,
      body: { method: 'letter', expectedVersion: 1 },
    });
    at('2026-11-12 09:00');
    expect(
      (
        await h.call('POST', `/api/v1/disclosures/${other.id}/publish`, {
          token: head.token,
          body: { expectedVersion: 2 },
        })
      ).statusCode,
    ).toBe(200);

    // The public list: no login, what DIS-1 discloses and nothing else, newest first, searchable, paged.
    const all = (await h.call('GET', '/api/v1/public/disclosures')).json();
    expect(all).toMatchObject({ total: 2, page: 1, pageSize: 20 });
    expect(all.items.map((i: { business: string }) => i.business)).toEqual(['甲县惠民电器店', '甲县好又多超市']);
    expect(Object.keys(all.items[1]).sort()).toEqual([
      'business',
      'category',
      'categoryLabel',
      'handledAt',
      'id',
      'publishedAt',
      'result',
      'statement',
    ]);
    expect(JSON.stringify(all)).not.toMatch(/王小明|13912345678|黄丽|wangxm/);
    expect(all.categories.map((c: { id: string }) => c.id)).toEqual(['goods-quality', 'service']);
    const byBusiness = (
      await h.call('GET', `/api/v1/public/disclosures?business=${encodeURIComponent('好又多')}`)
    ).json();
    expect(byBusiness.items.map((i: { id: string }) => i.id)).toEqual([d.id]);
    const byCategory = (await h.call('GET', '/api/v1/public/disclosures?category=service')).json();
    expect(byCategory.items.map((i: { id: string }) => i.id)).toEqual([other.id]);
    const page2 = (await h.call('GET', '/api/v1/public/disclosures?pageSize=1&page=2')).json();
    expect(page2).toMatchObject({ total: 2, page: 2 });
    expect(page2.items.map((i: { id: string }) => i.id)).toEqual([d.id]);
    expect((await h.call('GET', '/api/v1/public/disclosures?pageSize=500')).statusCode).toBe(400);

    // Unpublishing needs a reason, is audited, and the item leaves the public list.
    expect(
      (
        await h.call('POST', `/api/v1/disclosures/${d.id}/unpublish`, {
          token: head.token,
          body: { expectedVersion: d.version + 3 },
        })
      ).statusCode,
    ).toBe(400);
    const down = await h.call('POST', `/api/v1/disclosures/${d.id}/unpublish`, {
      token: head.token,
      body: { reason: '经营者提出异议，复核中', expectedVersion: d.version + 3 },
    });
    expect(down.statusCode, down.body).toBe(200);
    expect(down.json()).toMatchObject({ status: 'unpublished', unpublishReason: '经营者提出异议，复核中' });
    expect((await h.call('GET', '/api/v1/public/disclosures')).json().items.map((i: { id: string }) => i.id)).toEqual([
      other.id,
    ]);

    const audit = await h.ctx.store.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('entity_id', 'in', [caseId, d.id])
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action).filter((a) => a.includes('disclosure'))).toEqual([
      'case.disclosure-proposed',
      'case.disclosure-respondent-notified',
      'disclosure.edit',
      'case.disclosure-published',
      'case.disclosure-unpublished',
    ]);
    expect(await verifyAudit(h.ctx)).toMatchObject({ ok: true });

    // The staff list is scoped: the other county sees none of it.
    expect((await h.call('GET', '/api/v1/disclosures', { token: head.token })).json().items).toHaveLength(2);
    expect((await h.call('GET', '/api/v1/disclosures', { token: otherCounty.token })).json().items).toEqual([]);
    expect((await h.call('GET', `/api/v1/disclosures/${d.id}`, { token: otherCounty.token })).statusCode).toBe(404);
  });

  it('CON-4, ARC-1: retention still de-identifies and deletes a case that was published and led to an improvement action', async () => {
    at('2026-11-13 09:00');
    const [published] = (await h.call('GET', '/api/v1/disclosures?status=published', { token: head.token })).json()
      .items as { id: string; caseId: string }[];
    const { trackingNo } = (await h.call('GET', `/api/v1/cases/${published.caseId}`, { token: handler.token })).json();
    const improvement = await h.call('POST', '/api/v1/improvements', {
      token: handler.token,
      body: {
        kind: 'training',
        title: '电器类投诉调解培训',
        causeCategory: 'goods-quality',
        orgUnit: countyA,
        cases: [published.caseId],
      },
    });
    expect(improvement.statusCode, improvement.body).toBe(201);
    at('2040-01-06 09:00'); // past the 10-year record period of every case here
    const report = await runRetention(h.ctx, { dryRun: false });
    expect(report.deleted).toContain(trackingNo);
    expect(
      await h.ctx.store.db.selectFrom('disclosures').select('id').where('case_id', '=', published.caseId).execute(),
    ).toEqual([]);
    expect((await h.call('GET', '/api/v1/public/disclosures')).json().items).toEqual([]);
    // The improvement action stays (it is the organisation's record), without the deleted case.
    expect(
      (await h.call('GET', `/api/v1/improvements/${improvement.json().id}`, { token: handler.token })).json(),
    ).toMatchObject({ title: '电器类投诉调解培训', cases: [] });
    expect(await verifyAudit(h.ctx)).toMatchObject({ ok: true });
  });
});
