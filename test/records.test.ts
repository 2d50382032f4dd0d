import { sql } from 'kysely';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/app/audit.ts';
import { addAttachment } from '../src/app/attachments.ts';
import { addUser } from '../src/app/auth.ts';
import { runRetention } from '../src/app/retention.ts';
import { dispatchOnce } from '../src/jobs/dispatcher.ts';
import { findCaseById } from '../src/store/cases.repository.ts';
import type { AppContext } from '../src/app/context.ts';
import { BACKENDS, TestClock } from './support/backends.ts';
import { complaint, startHarness, type Harness } from './support/harness.ts';

type Person = { name: string; phone: string; email: string };
const PEOPLE: Record<string, Person> = {
  expired: { name: '欧阳修', phone: '13811110001', email: 'ouyang@example.com' },
  old: { name: '司马光', phone: '13811110002', email: 'sima@example.com' },
  held: { name: '王安石', phone: '13811110003', email: 'wanganshi@example.com' },
  recent: { name: '苏东坡', phone: '13811110004', email: 'sushi@example.com' },
  open: { name: '范仲淹', phone: '13811110005', email: 'fan@example.com' },
};

/** Every text value in every table, to prove a name or number survives nowhere. */
async function everything(ctx: AppContext): Promise<string> {
  const tables =
    ctx.store.dialect === 'sqlite'
      ? (
          await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(ctx.store.db)
        ).rows.map((r) => r.name)
      : (
          await sql<{
            name: string;
          }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(
            ctx.store.db,
          )
        ).rows.map((r) => r.name);
  let all = '';
  for (const table of tables) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(ctx.store.db)).rows;
    all += JSON.stringify(rows, (_k, v) =>
      Buffer.isBuffer(v) || v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v,
    );
  }
  return all;
}

/**
 * Records (issue 10, ARC-1, CON-4, PIPL): retention on a fixed clock over cases on both sides of
 * each period, legal hold, personal-data requests, and the case file export.
 */
describe.each(BACKENDS)('records on $name', (backend) => {
  let h: Harness;
  const clock = new TestClock('2015-06-01T01:00:00.000Z');
  let service: { id: string; token: string };
  let manager: { id: string; token: string };
  const cases: Record<string, { id: string; trackingNo: string; receipt: string }> = {};

  async function open(key: string, at: string) {
    clock.set(at);
    const p = PEOPLE[key];
    const res = await h.call('POST', '/api/v1/public/cases', {
      body: complaint({
        subject: `${p.name}投诉冰箱不制冷`,
        description: `我是${p.name}，电话${p.phone}，邮箱${p.email}，住在上海市徐汇区漕溪北路88号。`,
        submitter: { name: p.name, phone: p.phone, email: p.email },
        respondents: [{ name: `${p.name}家门口的门店`, type: 'business' }],
      }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const { trackingNo, receipt } = res.json();
    const id = (await h.call('GET', `/api/v1/cases?q=${trackingNo}`, { token: service.token })).json().items[0].id;
    cases[key] = { id, trackingNo, receipt };
    await h.call('POST', `/api/v1/public/cases/${trackingNo}/messages`, {
      headers: { 'x-receipt': receipt },
      body: { text: `请打我电话${p.phone}，${p.name}` },
    });
  }
  async function closeInvalid(key: string) {
    const { id } = cases[key];
    const detail = (await h.call('GET', `/api/v1/cases/${id}`, { token: service.token })).json();
    const res = await h.call('POST', `/api/v1/cases/${id}/actions/close-invalid`, {
      token: service.token,
      body: {
        input: {
          reply: `${PEOPLE[key].name}您好，经核实该冰箱已过保修期，我们仍可为您提供付费维修。`,
          reason: '超过保修期',
        },
        expectedVersion: detail.version,
      },
    });
    expect(res.statusCode, res.body).toBe(200);
  }

  beforeAll(async () => {
    h = await startHarness(backend, clock);
    service = await h.staff('cs-records', ['customer-service']);
    manager = await h.staff('cs-manager-records', ['customer-service-manager']);
    await open('expired', '2015-06-01T01:00:00.000Z');
    await closeInvalid('expired');
    await open('old', '2022-06-01T01:00:00.000Z');
    await closeInvalid('old');
    await open('held', '2022-06-02T01:00:00.000Z');
    await closeInvalid('held');
    await open('open', '2022-06-03T01:00:00.000Z');
    await open('recent', '2026-06-01T01:00:00.000Z');
    await closeInvalid('recent');
    clock.set('2026-11-30T01:00:00.000Z');
  });
  afterAll(async () => h?.close());

  it('puts a case on legal hold only for a records role, with a reason (ARC-1)', async () => {
    const path = `/api/v1/cases/${cases.held.id}/hold`;
    expect((await h.call('POST', path, { token: service.token, body: { reason: '诉讼中' } })).statusCode).toBe(403);
    expect((await h.call('POST', path, { token: manager.token, body: {} })).statusCode).toBe(400);
    const held = await h.call('POST', path, {
      token: manager.token,
      body: { reason: '（2026）沪0104民初1234号案件证据保全' },
    });
    expect(held.statusCode, held.body).toBe(200);
    expect((await h.call('POST', path, { token: manager.token, body: { reason: '再次' } })).statusCode).toBe(409);
  });

  it('shows in a dry run what retention would do, and changes nothing (CON-4)', async () => {
    const before = await everything(h.ctx);
    const report = await runRetention(h.ctx, { dryRun: true });
    expect(report.deleted).toEqual([cases.expired.trackingNo]);
    expect(report.deidentified).toEqual([cases.old.trackingNo]);
    expect(report.held).toEqual([cases.held.trackingNo]);
    const after = await everything(h.ctx);
    // The identities are still there, readable under their case keys (issue 24: sealed on disk).
    for (const [c, person] of [
      [cases.old, PEOPLE.old],
      [cases.expired, PEOPLE.expired],
    ] as const)
      expect((await findCaseById(h.ctx.store.db, c.id))?.submitter_enc).toContain(person.phone);
    expect(after.length).toBeGreaterThan(before.length); // only the audit record of the dry run was added
  });

  it('de-identifies and deletes what has passed its period, keeps statistics, skips held cases (CON-4, ARC-1)', async () => {
    const countBy = async () =>
      await h.ctx.store.db
        .selectFrom('cases')
        .select(['status', 'outcome', 'category', 'channel'])
        .where('id', '!=', cases.expired.id)
        .orderBy('id')
        .execute();
    const statsBefore = await countBy();
    const found = async (q: string) =>
      (await h.call('GET', `/api/v1/cases?q=${encodeURIComponent(q)}`, { token: service.token }))
        .json()
        .items.map((c: { id: string }) => c.id);
    // The full-text index (issue 9) finds them by name and phone before retention …
    for (const key of ['expired', 'old'] as const) {
      for (const value of [PEOPLE[key].name, PEOPLE[key].phone])
        expect(await found(value), `${key}: ${value}`).toEqual([cases[key].id]);
    }
    const report = await runRetention(h.ctx, { dryRun: false });
    expect(report).toMatchObject({
      deleted: [cases.expired.trackingNo],
      deidentified: [cases.old.trackingNo],
      held: [cases.held.trackingNo],
    });

    const all = await everything(h.ctx);
    for (const key of ['expired', 'old'] as const) {
      for (const value of Object.values(PEOPLE[key])) expect(all, `${key}: ${value}`).not.toContain(value);
    }
    for (const table of ['cases', 'case_events', 'clocks', 'outbox'] as const) {
      const { n } = await h.ctx.store.db
        .selectFrom(table)
        .select(sql<number>`count(*)`.as('n'))
        .where(table === 'cases' ? 'id' : 'case_id', '=', cases.expired.id)
        .executeTakeFirstOrThrow();
      expect(Number(n), table).toBe(0);
    }
    // The kept cases' text is intact: sealed on the disk (issue 24), opened by the store.
    for (const key of ['held', 'recent', 'open'] as const) {
      expect(all).not.toContain(PEOPLE[key].name);
      expect((await findCaseById(h.ctx.store.db, cases[key].id))?.subject).toBe(`${PEOPLE[key].name}投诉冰箱不制冷`);
    }
    // … and not after: the index followed the redaction and the deletion; the rest of the text is still found.
    for (const key of ['expired', 'old'] as const) {
      for (const value of [PEOPLE[key].name, PEOPLE[key].phone])
        expect(await found(value), `${key}: ${value}`).toEqual([]);
    }
    expect(await found(cases.expired.trackingNo)).toEqual([]);
    expect(await found('冰箱')).toContain(cases.old.id);
    expect(await found('冰箱')).not.toContain(cases.expired.id);
    expect(await found(PEOPLE.held.name)).toEqual([cases.held.id]);

    const old = (await h.call('GET', `/api/v1/cases/${cases.old.id}`, { token: service.token })).json();
    expect(old.submitter).toBeNull();
    expect(old.subject).toBe('[姓名]投诉冰箱不制冷');
    expect(old.description).toContain('[手机号]');
    expect(old.respondents[0].name).toMatch(/^被投诉方-[0-9a-f]{8}$/);
    expect(old.data.submitterPseudonym).toMatch(/^当事人-[0-9a-f]{8}$/);
    expect(old.timeline.at(-1)).toMatchObject({ action: 'deidentified' });
    expect(await countBy()).toEqual(statsBefore);
    expect((await h.call('GET', `/api/v1/cases/${cases.expired.id}`, { token: service.token })).statusCode).toBe(404);
    const held = (await h.call('GET', `/api/v1/cases/${cases.held.id}`, { token: service.token })).json();
    expect(held.submitter).not.toBeNull();

    const audit = await h.ctx.store.db
      .selectFrom('audit_log')
      .select(['action', 'payload'])
      .where('action', 'in', ['retention.run', 'case.deleted'])
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['retention.run', 'case.deleted', 'retention.run']);
    expect(JSON.parse(audit[2].payload as string)).toMatchObject({
      dryRun: false,
      deidentified: 1,
      deleted: 1,
      held: 1,
    });
    expect((await verifyAudit(h.ctx)).ok).toBe(true);
    // A second run finds nothing left to do.
    expect(await runRetention(h.ctx, { dryRun: false })).toMatchObject({ deleted: [], deidentified: [] });
  });

  it('answers personal-data requests: access shows the data, a correction rewrites it, deletion of a held case is refused with reasons (PIPL Art 44–51)', async () => {
    const pub = (key: string) => ({ headers: { 'x-receipt': cases[key].receipt } });
    const asked = await h.call('POST', `/api/v1/public/cases/${cases.recent.trackingNo}/data-requests`, {
      ...pub('recent'),
      body: { type: 'access', details: '请提供我的全部个人信息' },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json()).toMatchObject({ status: 'open', dueAt: '2026-12-21T16:00:00.000Z' }); // 15 working days
    // Issue 24: the DPO's notice is its own template (data-request.yaml), not the generic 【案件动态】.
    await dispatchOnce(h.ctx, 1000);
    const notices = (await h.call('GET', '/api/v1/notifications', { token: manager.token })).json().items as {
      title: Record<string, string>;
      body: Record<string, string>;
    }[];
    const notice = notices.find((n) => n.title['zh-CN'].startsWith('【个人信息请求】'));
    expect(notice?.title).toEqual({
      'zh-CN': `【个人信息请求】${cases.recent.trackingNo} 提交人请求查阅个人信息`,
      en: `[Personal data] ${cases.recent.trackingNo}: the submitter asks for access to`,
    });
    expect(notice?.body['zh-CN']).toContain('请于 2026-12-21 24:00（北京时间）前审核并答复');
    expect(notice?.body.en).toContain('Review and answer by 2026-12-21 24:00 (Beijing time)');
    const list = (await h.call('GET', '/api/v1/data-requests?status=open', { token: manager.token })).json().items;
    expect(list).toMatchObject([{ trackingNo: cases.recent.trackingNo, type: 'access', overdue: false }]);
    expect((await h.call('GET', '/api/v1/data-requests', { token: service.token })).json().items).toEqual([]);
    expect(
      (
        await h.call('POST', `/api/v1/data-requests/${list[0].id}/answer`, {
          token: service.token,
          body: { decision: 'fulfil', answer: '已提供' },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await h.call('POST', `/api/v1/data-requests/${list[0].id}/answer`, {
          token: manager.token,
          body: { decision: 'fulfil', answer: '您的个人信息如下' },
        })
      ).statusCode,
    ).toBe(200);
    const seen = (
      await h.call('GET', `/api/v1/public/cases/${cases.recent.trackingNo}/data-requests`, pub('recent'))
    ).json();
    expect(seen.items[0]).toMatchObject({
      status: 'fulfilled',
      yourData: { submitter: { name: PEOPLE.recent.name, phone: PEOPLE.recent.phone } },
    });

    const correct = (
      await h.call('POST', `/api/v1/public/cases/${cases.recent.trackingNo}/data-requests`, {
        ...pub('recent'),
        body: { type: 'correct', details: '手机号已更换为13922223333' },
      })
    ).json();
    expect(
      (
        await h.call('POST', `/api/v1/data-requests/${correct.id}/answer`, {
          token: manager.token,
          body: { decision: 'fulfil', answer: '已更正' },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await h.call('POST', `/api/v1/data-requests/${correct.id}/answer`, {
          token: manager.token,
          body: { decision: 'fulfil', answer: '已更正', correction: { phone: '13922223333' } },
        })
      ).statusCode,
    ).toBe(200);
    const masked = (await h.call('GET', `/api/v1/cases/${cases.recent.id}`, { token: manager.token })).json().submitter;
    expect(masked.phone).toBe('139****3333');

    const erase = (
      await h.call('POST', `/api/v1/public/cases/${cases.held.trackingNo}/data-requests`, {
        ...pub('held'),
        body: { type: 'delete', details: '请删除我的信息' },
      })
    ).json();
    expect(
      (
        await h.call('POST', `/api/v1/data-requests/${erase.id}/answer`, {
          token: manager.token,
          body: { decision: 'fulfil', answer: '已删除' },
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await h.call('POST', `/api/v1/data-requests/${erase.id}/answer`, {
          token: manager.token,
          body: { decision: 'refuse', answer: '该案件涉及诉讼，依法须保存至诉讼终结（个人信息保护法第四十七条）' },
        })
      ).statusCode,
    ).toBe(200);
    const refused = (
      await h.call('GET', `/api/v1/public/cases/${cases.held.trackingNo}/data-requests`, pub('held'))
    ).json();
    expect(refused.items[0]).toMatchObject({ status: 'refused', answer: expect.stringContaining('第四十七条') });

    const eraseRecent = (
      await h.call('POST', `/api/v1/public/cases/${cases.recent.trackingNo}/data-requests`, {
        ...pub('recent'),
        body: { type: 'delete', details: '请删除我的信息' },
      })
    ).json();
    expect(
      (
        await h.call('POST', `/api/v1/data-requests/${eraseRecent.id}/answer`, {
          token: manager.token,
          body: { decision: 'fulfil', answer: '已删除您的个人信息' },
        })
      ).statusCode,
    ).toBe(200);
    expect(await everything(h.ctx)).not.toContain('13922223333');
    expect((await verifyAudit(h.ctx)).ok).toBe(true);
  });

  it('keeps a closed case archived: no more material or messages (ARC-1)', async () => {
    const { addAttachment } = await import('../src/app/attachments.ts');
    await expect(
      addAttachment(
        h.ctx,
        cases.held.id,
        { name: '补充.txt', bytes: Buffer.from('补充材料：发票一张') },
        { kind: 'submitter', caseId: cases.held.id },
        'public',
      ),
    ).rejects.toMatchObject({ code: 'ACTION_NOT_ALLOWED' });
    const message = await h.call('POST', `/api/v1/public/cases/${cases.held.trackingNo}/messages`, {
      headers: { 'x-receipt': cases.held.receipt },
      body: { text: '还有一点补充' },
    });
    expect(message.statusCode).toBe(409);
  });

  it('exports a case file with its timeline and a Chinese summary, and a bundle for a period (ARC-1)', async () => {
    const res = await h.call('GET', `/api/v1/cases/${cases.held.id}/archive`, { token: service.token });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(res.rawPayload));
    expect(Object.keys(files).sort()).toEqual(['case.json', 'summary.html', 'timeline.json']);
    const summary = strFromU8(files['summary.html']);
    expect(summary).toContain('投诉处理归档材料');
    expect(summary).toContain('王安石投诉冰箱不制冷');
    expect(summary).toContain('138****0003'); // the submitter's details masked as the reader sees them
    expect(JSON.parse(strFromU8(files['timeline.json'])).map((e: { action: string }) => e.action)).toContain(
      'close-invalid',
    );

    const bundle = await h.call('GET', '/api/v1/archive?from=2022-01-01&to=2023-01-01', { token: service.token });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.headers['x-case-count']).toBe('2');
    expect(Object.keys(unzipSync(new Uint8Array(bundle.rawPayload))).sort()).toEqual(
      [`${cases.held.trackingNo}.zip`, `${cases.old.trackingNo}.zip`].sort(),
    );
  });

  it('prints measures as a table with the owner named, and names Chinese files so unzip, bsdtar and Python read them (issue 24, ARC-1)', async () => {
    const { id } = cases.open;
    const owner = await addUser(
      h.ctx,
      {
        username: 'li-na-records',
        password: 'correct horse battery',
        roles: ['department-handler'],
        isAdmin: false,
        displayName: '李娜',
      },
      'system:test',
    );
    let version = (await h.call('GET', `/api/v1/cases/${id}`, { token: service.token })).json().version;
    const act = async (action: string, input: Record<string, unknown>) => {
      const res = await h.call('POST', `/api/v1/cases/${id}/actions/${action}`, {
        token: service.token,
        body: { input, expectedVersion: version },
      });
      expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
      version = res.json().version;
    };
    await act('accept', { category: 'product-quality' });
    await act('assign', { responsible: 'cs-records' });
    await act('start-investigation', {});
    await act('decide', {
      cause: '压缩机出厂缺陷',
      outcome: 'substantiated',
      solution: '退款并致歉',
      measures: [{ type: 'refund', description: '退还运费', owner: 'li-na-records', dueDate: '2026-12-09' }],
    });
    await addAttachment(
      h.ctx,
      id,
      { name: '发票照片说明.txt', bytes: Buffer.from('发票号 12345') },
      { kind: 'submitter', caseId: id },
      'public',
    );

    const res = await h.call('GET', `/api/v1/cases/${id}/archive`, { token: service.token });
    expect(res.statusCode).toBe(200);
    const zip = Buffer.from(res.rawPayload);
    const summary = strFromU8(unzipSync(new Uint8Array(zip))['summary.html']);
    const measures = summary.slice(summary.indexOf('<h2>处理措施</h2>'), summary.indexOf('<h2>时限</h2>'));
    expect(measures).toContain('<th>措施</th><th>内容</th><th>责任人</th><th>完成期限</th><th>已完成</th>');
    expect(measures).toContain('<td>退款</td><td>退还运费</td><td>李娜</td><td>2026-12-09</td><td>否</td>');
    // The timeline's decision too: a table with the owner's name, never JSON with the user id.
    expect(summary).toContain('<td>李娜</td>');
    expect(summary).not.toContain(owner.id);
    expect(summary).not.toContain('&quot;owner&quot;');

    // Every entry says it was made on Unix ("version made by" 3) with the UTF-8 flag: Info-ZIP's
    // unzip 6.0 then takes the name's bytes as they are instead of converting from a DOS code page.
    const entries = centralDirectory(zip);
    expect(entries.map((e) => e.name)).toContain(`attachments/${await attachmentId(h.ctx, id)}-发票照片说明.txt`);
    for (const e of entries) expect(e, e.name).toMatchObject({ madeBy: 3, utf8: /[^\x00-\x7f]/.test(e.name) });
  });
});

/** The entries of a ZIP's central directory: name, the host it claims ("version made by" high byte), the UTF-8 flag. */
function centralDirectory(zip: Buffer): { name: string; madeBy: number; utf8: boolean }[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const nameLength = zip.readUInt16LE(at + 28);
    entries.push({
      name: zip.subarray(at + 46, at + 46 + nameLength).toString('utf8'),
      madeBy: zip[at + 5]!,
      utf8: (zip.readUInt16LE(at + 8) & 0x800) !== 0,
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

async function attachmentId(ctx: AppContext, caseId: string): Promise<string> {
  const row = await ctx.store.db
    .selectFrom('case_attachments')
    .select('id')
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  return row.id;
}
