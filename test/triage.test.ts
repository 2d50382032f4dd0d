import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOrgUnit } from '../src/app/org.ts';
import { modelsSettled, procedureModels, REFRESH_MS } from '../src/app/triage-model.ts';
import { BACKENDS, TestClock } from './support/backends.ts';
import { complaint, startHarness, type Harness } from './support/harness.ts';
import { closeInStore, fileCase } from './support/triage.ts';

const FRIDGE = [
  ['冰箱不制冷', '上个月买的冰箱用了三周就不制冷了，冷藏室跟常温一样'],
  ['冰箱质量太差', '冰箱压缩机一直响，冷冻室也不冻了，才买的'],
  ['洗衣机漏水', '新洗衣机一开就漏水，地板全湿了，质量有问题'],
  ['冰箱坏了', '冰箱不制冷，里面的菜都坏了，要求换货'],
  ['空调不制冷', '新装的空调不制冷，吹出来是热风，质量太差'],
  ['电视有竖线', '电视买回来半个月屏幕出现竖线，质量问题'],
];
const PARCEL = [
  ['快递一直不送', '订单显示已到站五天了一直没派送，快递电话也没人接'],
  ['送货不上楼', '送货的把东西放在楼下就走了，配送说好的送货上门'],
  ['快递签收了没收到', '物流显示已签收，我根本没收到快递'],
  ['配送超时', '下单写的当日达，三天了快递还没送到'],
  ['送错货', '配送送来的颜色不对，快递员让我自己去站点换'],
  ['物流不更新', '物流信息一个礼拜没更新，快递一直显示运输中'],
];
const RUDE = [
  ['店员态度恶劣', '店员爱答不理，还当众说我是故意弄坏的，态度恶劣'],
  ['客服挂电话', '客服态度很差，说了两句就挂电话'],
  ['导购翻白眼', '导购态度恶劣，翻白眼说买不起别看'],
  ['收银员骂人', '收银员态度恶劣，嫌我慢骂骂咧咧'],
  ['店长辱骂老人', '店长态度恶劣，说我妈老糊涂了'],
];

/**
 * Issue 21, parts 1 and 2: suggestions learned from the closed cases a reader may see, and possible
 * duplicates from the open and recent ones — with roles held in units, as organisations set them up.
 */
describe.each(BACKENDS)('triage suggestions and duplicates on $name (issue 21)', (backend) => {
  let h: Harness;
  const clock = new TestClock('2026-11-22T02:00:00.000Z');
  let service: { id: string };
  let sales: { id: string };
  let logistics: { id: string };
  let parcel: string;
  let li: { id: string; token: string };
  let zhao: { id: string; token: string };
  let wang: { id: string; token: string };
  let manager: { id: string; token: string };
  const file = (subject: string, description: string, unit: string, extra: Record<string, unknown> = {}) =>
    fileCase(h, unit, subject, description, extra);
  /** A case that ended in this category: the label triage learns (closed as the store holds it). */
  const closed = async (category: string, [subject, description]: string[], unit: string, extra = {}) => {
    const id = await file(subject!, description!, unit, extra);
    await closeInStore(h, id, category, clock.now());
    return id;
  };
  const suggestions = async (id: string, token: string) => {
    const res = await h.call('GET', `/api/v1/cases/${id}/suggestions`, { token });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  /**
   * The closings above reach the models as another instance's do: once they are older than
   * REFRESH_MS, the next request starts a rebuild in the background (triage-refresh.test.ts tests
   * the old model answering meanwhile); the tests ask after it has finished.
   */
  const relearn = async () => {
    clock.advance(REFRESH_MS + 1000);
    await procedureModels(h.ctx, 'customer-complaint');
    await modelsSettled(h.ctx, 'customer-complaint');
  };

  beforeAll(async () => {
    h = await startHarness(backend, clock);
    const company = await addOrgUnit(h.ctx, { name: '总公司' }, 'system:test');
    service = await addOrgUnit(h.ctx, { name: '客服部', parent: company.id }, 'system:test');
    sales = await addOrgUnit(h.ctx, { name: '销售部', parent: company.id }, 'system:test');
    // Parcel complaints end with the logistics desk inside customer service (the handler's grant covers it).
    logistics = await addOrgUnit(h.ctx, { name: '物流组', parent: service.id }, 'system:test');
    li = await h.staff('kf-li', [{ role: 'customer-service', unitId: service.id }] as never);
    zhao = await h.staff('kf-zhao', [{ role: 'customer-service', unitId: service.id }] as never);
    wang = await h.staff('xs-wang', [{ role: 'customer-service', unitId: sales.id }] as never);
    manager = await h.staff('kf-manager', [{ role: 'customer-service-manager', unitId: service.id }] as never);
    for (const text of FRIDGE.slice(0, 4)) await closed('product-quality', text, service.id);
    for (const text of PARCEL.slice(0, 4)) await closed('delivery', text, logistics.id);
  }, 120_000);
  afterAll(async () => h?.close());

  let asked: string;
  it('suggests nothing while a class has fewer closed cases than the minimum', async () => {
    asked = await file('买的冰箱不制冷了', '冰箱用了十天就不制冷，冷藏室一点都不冷', service.id);
    expect(await suggestions(asked, li.token)).toEqual({});
  });

  it('suggests the category, with the case’s own words, once enough cases closed', async () => {
    for (const text of FRIDGE.slice(4)) await closed('product-quality', text, service.id);
    for (const text of PARCEL.slice(4)) await closed('delivery', text, logistics.id);
    await relearn();
    const got = await suggestions(asked, li.token);
    expect(got.category).toMatchObject({ value: 'product-quality', label: { 'zh-CN': '产品质量' } });
    expect(got.category.confidence).toBeGreaterThanOrEqual(0.7);
    expect(got.category.because.some((w: string) => ['冰箱', '制冷', '不制冷'].includes(w))).toBe(true);
    expect(got.unit).toMatchObject({ value: service.id, label: { 'zh-CN': '客服部' } });
    // The procedure has no severities: none is suggested.
    expect(got.severity).toBeUndefined();
    parcel = await file('快递还没送到', '快递到站一个礼拜了，物流也不更新，配送电话打不通', service.id);
    const forParcel = await suggestions(parcel, li.token);
    expect(forParcel.category?.value).toBe('delivery');
    expect(forParcel.unit).toMatchObject({ value: logistics.id, label: { 'zh-CN': '物流组' } });
  });

  it('staff intake answers with the suggestions for the new case', async () => {
    const res = await h.call('POST', '/api/v1/cases', {
      token: li.token,
      body: complaint({
        channel: 'phone',
        orgUnit: service.id,
        subject: '冰箱不冷了',
        description: '冰箱买了一个月不制冷，冷藏室不冷',
        category: undefined,
      }),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().suggestions.category).toMatchObject({ value: 'product-quality' });
  });

  it('answers 404 to staff of another unit, and learns for them only from their unit’s cases', async () => {
    for (const path of ['suggestions', 'similar'])
      expect((await h.call('GET', `/api/v1/cases/${asked}/${path}`, { token: wang.token })).statusCode).toBe(404);
    const theirs = await file('冰箱不制冷', '上个月买的冰箱用了三周就不制冷了，冷藏室跟常温一样', sales.id);
    expect(await suggestions(theirs, wang.token)).toEqual({});
    const similar = (await h.call('GET', `/api/v1/cases/${theirs}/similar`, { token: wang.token })).json();
    expect(similar.similar).toEqual([]);
  });

  it('a recused respondent learns nothing from the cases naming them', async () => {
    const named = { respondents: [{ name: 'kf-zhao', type: 'person' }] };
    for (const text of RUDE.slice(0, 4)) await closed('service-attitude', text, service.id);
    const aboutZhao = await closed('service-attitude', RUDE[4]!, service.id, named);
    await relearn();
    const rude = await file('客服态度恶劣', '客服态度恶劣，说话难听还挂电话', service.id);
    // The colleague learns from five closed cases of 服务态度; Zhao from four (one names him): below the minimum.
    expect((await suggestions(rude, li.token)).category?.value).toBe('service-attitude');
    expect((await suggestions(rude, zhao.token)).category).toBeUndefined();
    // The same matter sent again naming Zhao, and once without: asked about the latter (both may see
    // it), the colleague is offered the cases naming Zhao; Zhao is offered neither.
    const again = await file(RUDE[4]![0]!, RUDE[4]![1]!, service.id, named);
    const unnamed = await file(RUDE[4]![0]!, `${RUDE[4]![1]!}。`, service.id);
    const similarTo = async (token: string) =>
      (await h.call('GET', `/api/v1/cases/${unnamed}/similar`, { token }))
        .json()
        .similar.map((s: { id: string }) => s.id);
    expect(await similarTo(li.token)).toEqual(expect.arrayContaining([again, aboutZhao]));
    const zhaos = await similarTo(zhao.token);
    expect(zhaos).not.toContain(again);
    expect(zhaos).not.toContain(aboutZhao);
    expect((await h.call('GET', `/api/v1/cases/${again}/suggestions`, { token: zhao.token })).statusCode).toBe(404);
  });

  it('a case the model counted and that was reopened since still teaches the recused respondent nothing', async () => {
    const REPAIR = [
      ['维修拖了一个月', '电视送修一个月了，售后一直说配件没到，维修没有进度'],
      ['保修期内收维修费', '洗衣机还在保修期，售后上门维修却要收两百块'],
      ['修了三次还是坏', '冰箱售后维修了三次，每次修完用几天又坏了'],
      ['售后不上门', '约了售后上门维修，等了一整天没人来也没电话'],
      ['维修换了旧配件', '空调送修回来，售后维修换上去的是旧配件'],
    ];
    const named = { respondents: [{ name: 'kf-zhao', type: 'person' }] };
    for (const text of REPAIR.slice(0, 4)) await closed('after-sales', text, service.id);
    const aboutZhao = await closed('after-sales', REPAIR[4]!, service.id, named);
    await relearn();
    const repair = await file('售后维修太慢', '电视送去售后维修，一个月了还没修好，售后也不回电话', service.id);
    // Counted for the colleague (five cases of 售后维修); Zhao's view holds four, below the minimum.
    expect((await suggestions(repair, li.token)).category?.value).toBe('after-sales');
    expect((await suggestions(repair, zhao.token)).category).toBeUndefined();
    // Reopened as the store holds it (another instance, an import, a correction): this instance's
    // model, still fresh, has counted the case as closed. It must still be taken out of Zhao's view,
    // though the case is not closed now (c6a5611; before it, only cases closed now were subtracted).
    await h.ctx.store.db
      .updateTable('cases')
      .set({ status: 'investigating', closed_at: null })
      .where('id', '=', aboutZhao)
      .execute();
    expect((await suggestions(repair, li.token)).category?.value).toBe('after-sales');
    expect((await suggestions(repair, zhao.token)).category).toBeUndefined();
  });

  it('offers a near-identical case as a possible duplicate, with its score and how to close as one', async () => {
    const first = await file('冰箱不制冷一个月没人管', '人民路门店买的冰箱不制冷，打了好多次电话没人处理', service.id, {
      submitter: { name: '王五', phone: '13900001111' },
    });
    const second = await file(
      '冰箱不制冷还没人管',
      '人民路门店买的冰箱不制冷了，打了好几次电话都没人处理',
      service.id,
      {
        submitter: { name: '王五', phone: '13900001111' },
      },
    );
    const res = await h.call('GET', `/api/v1/cases/${second}/similar`, { token: li.token });
    expect(res.statusCode, res.body).toBe(200);
    const { similar, closeAsDuplicate } = res.json();
    expect(similar[0]).toMatchObject({ id: first, sameSubmitter: true, open: true });
    expect(similar[0].score).toBeGreaterThan(similar[0].text);
    expect(similar.length).toBeLessThanOrEqual(10);
    expect(similar.map((s: { id: string }) => s.id)).not.toContain(second);
    // A parcel complaint is not near a fridge complaint.
    expect(similar.map((s: { id: string }) => s.id)).not.toContain(parcel);
    expect(closeAsDuplicate).toEqual({ action: 'reject', groundField: 'reasonCode', textField: 'reason' });
  });

  it('records taking or setting aside a suggestion, audited, and counts the acceptance rate', async () => {
    const take = await h.call('POST', `/api/v1/cases/${asked}/suggestions/category`, {
      token: li.token,
      body: { chosen: 'product-quality' },
    });
    expect(take.statusCode, take.body).toBe(200);
    expect(take.json()).toEqual({
      field: 'category',
      suggested: 'product-quality',
      chosen: 'product-quality',
      accepted: true,
    });
    const other = await h.call('POST', `/api/v1/cases/${asked}/suggestions/category`, {
      token: li.token,
      body: { chosen: 'after-sales' },
    });
    expect(other.json().accepted).toBe(false);
    const bad = await h.call('POST', `/api/v1/cases/${asked}/suggestions/category`, {
      token: li.token,
      body: { chosen: 'no-such-category' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (
        await h.call('POST', `/api/v1/cases/${asked}/suggestions/category`, {
          token: wang.token,
          body: { chosen: 'product-quality' },
        })
      ).statusCode,
    ).toBe(404);
    const audit = await h.ctx.store.db
      .selectFrom('audit_log')
      .select(['action', 'actor', 'entity_id', 'payload'])
      .where('action', 'like', 'suggestion.%')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => [a.action, a.actor, a.entity_id])).toEqual([
      ['suggestion.accepted', `user:${li.id}`, asked],
      ['suggestion.overridden', `user:${li.id}`, asked],
    ]);
    expect(JSON.parse(audit[1]!.payload)).toMatchObject({ suggested: 'product-quality', chosen: 'after-sales' });
    const stats = await h.call('GET', '/api/v1/stats/suggestions', { token: manager.token });
    expect(stats.statusCode, stats.body).toBe(200);
    expect(stats.json().rates).toEqual([
      { procedureId: 'customer-complaint', field: 'category', accepted: 1, overridden: 1, rate: 0.5 },
    ]);
    expect((await h.call('GET', '/api/v1/stats/suggestions', { token: li.token })).statusCode).toBe(403);
  });
});
