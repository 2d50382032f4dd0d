import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app/context.ts';
import { caseList } from '../src/app/case-views.ts';
import { addOrgUnit } from '../src/app/org.ts';
import { setProcedureIntakeUnit } from '../src/app/reach.ts';
import { submitCase } from '../src/app/submit.ts';
import { suggestionsFor } from '../src/app/triage.ts';
import type { Actor } from '../src/domain/case.ts';
import { findCaseByTrackingNo } from '../src/store/cases.repository.ts';
import { up as placeUnitless } from '../src/store/migrations/202612072100_imported_cases_units.ts';
import { exportCases } from '../src/transfer/export.ts';
import { importCases } from '../src/transfer/import.ts';
import { BACKENDS, openTestApp } from './support/backends.ts';
import { staffMember } from './support/staff.ts';

const HEADER = ['受理编号', '类型', '渠道', '收到时间', '主题', '内容', '匿名', '类别', '状态', '办结时间', '承办单位'];
const FRIDGE = ['冰箱不制冷', '冰箱压缩机一直响不冻', '冷藏室跟常温一样', '冰箱漏水还不制冷', '新买的冰箱就坏了'];
const PARCEL = ['快递五天没派送', '送货不上楼', '物流显示签收没收到', '当日达三天没到', '物流一个礼拜不更新'];
const closed = (no: string, subject: string, category: string, unit = '') => [
  no,
  '投诉',
  '电话',
  '2026-10-20 09:00',
  subject,
  `${subject}，要求尽快处理`,
  '是',
  category,
  'closed',
  '2026-11-02 17:00',
  unit,
];

/**
 * Imported history lands where the organisation works (found in the session 21 user check): a
 * company's desks hold their grants in their units, and `plaint import` put every case in no unit,
 * so no desk saw its own history and triage learnt nothing for it. Blank 承办单位: the procedure's
 * intake unit, as a portal complaint; a named unit by name or id; a repeated name is refused.
 */
describe.each(BACKENDS)('imported cases are placed in units on $name (issue 7, issue 21)', (backend) => {
  let ctx: AppContext;
  let cleanup: () => Promise<void>;
  let desk: Actor;
  let afterSales: Actor;
  const units: Record<string, string> = {};

  beforeAll(async () => {
    ({ ctx, cleanup } = await openTestApp(backend));
    const company = await addOrgUnit(ctx, { name: '华东零售公司' }, 'system:test');
    units.company = company.id;
    units.service = (await addOrgUnit(ctx, { name: '客服部', parent: company.id }, 'system:test')).id;
    units.afterSales = (await addOrgUnit(ctx, { name: '售后部', parent: company.id }, 'system:test')).id;
    // Two shops each with a 门店服务组: a name a sheet cannot use alone.
    for (const shop of ['南京路店', '淮海路店']) {
      const s = await addOrgUnit(ctx, { name: shop, parent: company.id }, 'system:test');
      units[shop] = (await addOrgUnit(ctx, { name: '门店服务组', parent: s.id }, 'system:test')).id;
    }
    await setProcedureIntakeUnit(ctx, 'customer-complaint', units.service!, 'system:test');
    desk = await staffMember(ctx, 'kf-xiaowang', [{ role: 'customer-service', unitId: units.service! }], '小王');
    afterSales = await staffMember(ctx, 'sh-laoli', [{ role: 'customer-service', unitId: units.afterSales! }], '老李');
  });
  afterAll(async () => cleanup?.());

  const listed = async (actor: Actor) =>
    (await caseList(ctx, actor, { limit: 100 })).items.map((c) => c.trackingNo).sort();

  it('refuses an unknown unit and a name two units share, naming the row and the column', async () => {
    const report = await importCases(
      ctx,
      [
        HEADER,
        closed('HIS-U-0001', '冰箱不制冷', 'product-quality', '不存在的部门'),
        closed('HIS-U-0002', '冰箱不制冷', 'product-quality', '门店服务组'),
      ],
      { procedure: 'customer-complaint' },
    );
    expect(report.imported).toBe(0);
    expect(report.problems.map((p) => `${p.row}:${p.column}`)).toEqual(['2:orgUnit', '3:orgUnit']);
    expect(report.problems[0]!.problem).toContain('没有这个单位');
    expect(report.problems[1]!.problem).toContain('同名');
  });

  it('puts a blank row in the intake unit and a named one in its unit; each desk sees its own', async () => {
    // A sheet as kept before the column existed (no 承办单位), then one that names units.
    const before = await importCases(
      ctx,
      [
        HEADER.slice(0, -1),
        ...FRIDGE.map((s, i) => closed(`HIS-F-000${i}`, s, 'product-quality').slice(0, -1)),
        ...PARCEL.map((s, i) => closed(`HIS-P-000${i}`, s, 'delivery').slice(0, -1)),
      ],
      { procedure: 'customer-complaint' },
    );
    expect(before.problems).toEqual([]);
    expect(await listed(desk)).toHaveLength(10);
    const report = await importCases(
      ctx,
      [
        HEADER,
        closed('HIS-S-0001', '退货退款一直没到账', 'after-sales', '售后部'),
        closed('HIS-S-0002', '门店店员态度差', 'service-attitude', units.淮海路店!),
      ],
      { procedure: 'customer-complaint' },
    );
    expect(report.problems).toEqual([]);
    const desks = await ctx.store.db.selectFrom('cases').select(['tracking_no', 'org_unit_id']).execute();
    const unitOf = Object.fromEntries(desks.map((c) => [c.tracking_no, c.org_unit_id]));
    expect(unitOf['HIS-F-0000']).toBe(units.service);
    expect(unitOf['HIS-S-0001']).toBe(units.afterSales);
    expect(unitOf['HIS-S-0002']).toBe(units.淮海路店);
    expect(await listed(desk)).toHaveLength(10);
    expect(await listed(afterSales)).toEqual(['HIS-S-0001']);
  });

  it('lets the desk’s triage learn from its imported history', async () => {
    const made = await submitCase(
      ctx,
      {
        procedure: 'customer-complaint',
        kind: 'complaint',
        channel: 'web',
        subject: '冰箱又不制冷了',
        description: '买的冰箱冷藏室不制冷，压缩机一直响',
        anonymous: true,
        affirmTruthful: true,
        requestedOutcome: '换货',
        fields: { orderNo: 'SO-1', productName: '冰箱', store: '南京路店' },
      } as never,
      { kind: 'system', name: 'test' },
    );
    const id = (await findCaseByTrackingNo(ctx.store.db, made.trackingNo))!.id;
    const suggested = await suggestionsFor(ctx, id, desk);
    expect(suggested.category?.value).toBe('product-quality');
  });

  it('exports the unit as a name where it is unique and as the id where it is not', async () => {
    const [header, ...rows] = await exportCases(ctx, { procedure: 'customer-complaint' });
    const col = header!.indexOf('承办单位 / orgUnit');
    const no = header!.indexOf('受理编号 / trackingNo');
    const cell = (trackingNo: string) => rows.find((r) => r[no] === trackingNo)![col];
    expect(cell('HIS-F-0000')).toBe('客服部');
    expect(cell('HIS-S-0001')).toBe('售后部');
    expect(cell('HIS-S-0002')).toBe(units.淮海路店);
  });

  it('moves the cases an older import left without a unit to the intake unit (migration 202612072100)', async () => {
    const before = (await listed(desk)).length;
    await ctx.store.db
      .updateTable('cases')
      .set({ org_unit_id: null, org_unit_path: null })
      .where('tracking_no', 'in', ['HIS-F-0001', 'HIS-S-0001'])
      .execute();
    expect(await listed(desk)).toHaveLength(before - 1);
    await placeUnitless(ctx.store.db as never);
    // The migration cannot know 售后部 handled HIS-S-0001: it goes where the procedure's cases go.
    expect(await listed(desk)).toEqual(expect.arrayContaining(['HIS-F-0001', 'HIS-S-0001']));
    expect(await listed(desk)).toHaveLength(before + 1);
    const left = await ctx.store.db.selectFrom('cases').select('id').where('org_unit_id', 'is', null).execute();
    expect(left).toEqual([]);
  });
});
