import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addOrgUnit } from '../src/app/org.ts';
import { MIN_REBUILD_MS, modelsSettled, REFRESH_MS } from '../src/app/triage-model.ts';
import { BACKENDS, TestClock } from './support/backends.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { closeInStore, fileCase } from './support/triage.ts';

const PARCEL = [
  ['快递一直不送', '订单显示已到站五天了一直没派送，快递电话也没人接'],
  ['送货不上楼', '送货的把东西放在楼下就走了，配送说好的送货上门'],
  ['快递签收了没收到', '物流显示已签收，我根本没收到快递'],
  ['配送超时', '下单写的当日达，三天了快递还没送到'],
  ['物流不更新', '物流信息一个礼拜没更新，快递一直显示运输中'],
];
const REPAIR = [
  ['维修拖了一个月', '电视送修一个月了，售后一直说配件没到，维修没有进度'],
  ['保修期内收维修费', '洗衣机还在保修期，售后上门维修却要收两百块'],
  ['修了三次还是坏', '冰箱售后维修了三次，每次修完用几天又坏了'],
  ['售后不上门', '约了售后上门维修，等了一整天没人来也没电话'],
  ['维修换了旧配件', '空调送修回来，售后维修换上去的是旧配件'],
];
const BILLING = [
  ['多收了钱', '结账的时候多收了我五十块，小票上价格和标价不一样'],
  ['价格欺诈', '标价九十九结账收了一百二十九，价格对不上'],
  ['会员价没给', '说好的会员价，收银收的是原价，多收钱'],
  ['重复扣款', '付了一次款银行卡被扣了两次钱，要求退还多收的钱'],
  ['乱收费', '安装的时候另外收了一百块材料费，事先没说有这个收费'],
];
const PROCEDURE = 'customer-complaint';

/**
 * Issue 21: a model older than REFRESH_MS answers at once while one rebuild runs in the background
 * (stale-while-revalidate), with the reader's recusals subtracted from whichever model answers; a
 * failed rebuild is logged, the old model kept and tried again after MIN_REBUILD_MS. The clock is
 * the test's; the closings are written as the store holds them (another instance's), so only the
 * model's age tells this instance to learn them.
 */
describe.each(BACKENDS)('triage models refreshed in the background on $name (issue 21)', (backend) => {
  let h: Harness;
  const clock = new TestClock('2026-11-22T02:00:00.000Z');
  let service: { id: string };
  let li: { id: string; token: string };
  let zhao: { id: string; token: string };
  const file = (subject: string, description: string, extra: Record<string, unknown> = {}) =>
    fileCase(h, service.id, subject, description, extra);
  const closed = async (category: string, [subject, description]: string[], extra = {}) => {
    const id = await file(subject!, description!, extra);
    await closeInStore(h, id, category, clock.now());
    return id;
  };
  const category = async (id: string, token: string) => {
    const res = await h.call('GET', `/api/v1/cases/${id}/suggestions`, { token });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().category?.value as string | undefined;
  };

  beforeAll(async () => {
    h = await startHarness(backend, clock);
    const company = await addOrgUnit(h.ctx, { name: '总公司' }, 'system:test');
    service = await addOrgUnit(h.ctx, { name: '客服部', parent: company.id }, 'system:test');
    li = await h.staff('kf-li', [{ role: 'customer-service', unitId: service.id }] as never);
    zhao = await h.staff('kf-zhao', [{ role: 'customer-service', unitId: service.id }] as never);
    for (const text of PARCEL) await closed('delivery', text);
    for (const text of REPAIR.slice(0, 4)) await closed('after-sales', text);
  }, 120_000);
  afterAll(async () => h?.close());

  let repair: string;
  it('a model older than REFRESH_MS answers at once; the next answer is the rebuilt model’s', async () => {
    repair = await file('售后维修太慢', '电视送去售后维修，一个月了还没修好，售后也不回电话');
    // The first build is waited for: four cases of 售后维修, below the minimum.
    expect(await category(repair, li.token)).toBeUndefined();
    await closed('after-sales', REPAIR[4]!, { respondents: [{ name: 'kf-zhao', type: 'person' }] });
    clock.advance(REFRESH_MS + 1000);
    // The old model answers both requests; they start one rebuild between them.
    expect(await category(repair, li.token)).toBeUndefined();
    expect(await category(repair, zhao.token)).toBeUndefined();
    await modelsSettled(h.ctx, PROCEDURE);
    // The new model counts the fifth case for Li; Zhao, named in it, still learns nothing from it.
    expect(await category(repair, li.token)).toBe('after-sales');
    expect(await category(repair, zhao.token)).toBeUndefined();
  });

  it('a failed rebuild is logged and the old model kept, and it is tried again after MIN_REBUILD_MS', async () => {
    const billing = await file('收银多收钱', '结账多收了三十块钱，价格和标价不一样，收银员不肯退');
    for (const text of BILLING) await closed('price-billing', text);
    // One closed case cannot be opened (its sealed description damaged): a build that reads it fails.
    const damaged = await closed('after-sales', ['售后拖延', '售后维修拖了两个礼拜没消息']);
    const { description } = await h.ctx.store.db
      .selectFrom('cases')
      .select('description')
      .where('id', '=', damaged)
      .executeTakeFirstOrThrow();
    const [kid, iv, tag, body] = description.slice('s1.'.length).split('.');
    const broken = `s1.${kid}.${iv}.${tag!.startsWith('A') ? 'B' : 'A'}${tag!.slice(1)}.${body}`;
    const setDescription = (value: string) =>
      h.ctx.store.db.updateTable('cases').set({ description: value }).where('id', '=', damaged).execute();
    await setDescription(broken);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      clock.advance(REFRESH_MS + 1000);
      expect(await category(billing, li.token)).toBeUndefined();
      await modelsSettled(h.ctx, PROCEDURE);
      expect(logged.mock.calls.map((c) => String(c[0]))).toEqual([
        expect.stringContaining(`分诊模型重建失败，沿用旧模型 / triage models of ${PROCEDURE} not rebuilt`),
      ]);
      // The old model answers, and nothing is tried again before MIN_REBUILD_MS.
      await setDescription(description);
      expect(await category(repair, li.token)).toBe('after-sales');
      expect(await category(billing, li.token)).toBeUndefined();
      await modelsSettled(h.ctx, PROCEDURE);
      expect(await category(billing, li.token)).toBeUndefined();
      clock.advance(MIN_REBUILD_MS);
      // Tried again in the background: this answer is still the old model's, the next the new one's.
      expect(await category(billing, li.token)).toBeUndefined();
      await modelsSettled(h.ctx, PROCEDURE);
      expect(await category(billing, li.token)).toBe('price-billing');
      expect(logged).toHaveBeenCalledTimes(1);
    } finally {
      logged.mockRestore();
    }
  });
});
