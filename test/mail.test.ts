import iconv from 'iconv-lite';
import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOrgUnit } from '../src/app/org.ts';
import { openApp, type AppContext } from '../src/app/context.ts';
import { submitCase } from '../src/app/submit.ts';
import { dispatchOnce } from '../src/jobs/dispatcher.ts';
import { startMailListener, type MailListener } from '../src/mail/listener.ts';
import type { MailOutcome } from '../src/mail/receive.ts';
import type { MailInConfig } from '../src/app/channel-config.ts';
import { BACKENDS, TestClock } from './support/backends.ts';
import { complaint } from './support/harness.ts';
import { smtpSink, type SmtpSink } from './support/smtp-sink.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const gb = (s: string) => iconv.encode(s, 'gb2312').toString('base64');

/** A mail as a Chinese desktop client writes it: GB2312 throughout, RFC 2047 file name. */
function gb2312Mail(from: string, subject: string, body: string, fileName: string): string {
  return [
    `From: =?GB2312?B?${gb('李四')}?= <${from}>`,
    'To: complaints@plaint.test',
    `Subject: =?GB2312?B?${gb(subject)}?=`,
    'Message-ID: <gb2312-1@client.test>',
    'Date: Mon, 30 Nov 2026 10:00:00 +0800',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset="GB2312"',
    'Content-Transfer-Encoding: base64',
    '',
    gb(body),
    '--b1',
    `Content-Type: application/pdf; name="=?GB2312?B?${gb(fileName)}?="`,
    'Content-Transfer-Encoding: base64',
    `Content-Disposition: attachment; filename="=?GB2312?B?${gb(fileName)}?="`,
    '',
    PDF.toString('base64'),
    '--b1--',
    '',
  ].join('\r\n');
}

/** E-mail in and out over real SMTP on 127.0.0.1 (issue 7; INT-1 e-mail channel, INT-4 receipt, INT-2 messages). */
describe.each(BACKENDS)('e-mail round trip on $name', (backend) => {
  let ctx: AppContext;
  let cleanup: () => Promise<void>;
  let sink: SmtpSink;
  let listener: MailListener;
  const outcomes: MailOutcome[] = [];
  const logged: string[] = [];
  const clock = new TestClock('2026-11-30T02:00:00.000Z');
  let client: Transporter;

  beforeAll(async () => {
    sink = await smtpSink();
    const made = await backend.config();
    const mailIn: MailInConfig = {
      port: 0,
      host: '127.0.0.1',
      procedure: 'customer-complaint',
      kind: 'complaint',
      maxBytes: 200_000,
      maxClients: 20,
      units: {},
      perSender: 20,
      perClient: 60,
      limitWindowMs: 3600_000,
    };
    const config = {
      ...made.config,
      channels: {
        ...made.config.channels,
        smtpUrl: `smtp://127.0.0.1:${sink.port}`,
        mailFrom: '客服中心 <service@plaint.test>',
        mailIn,
      },
    };
    ctx = await openApp(config, { now: clock.now });
    cleanup = async () => {
      await ctx.close();
      await made.cleanup();
    };
    listener = await startMailListener(
      ctx,
      mailIn,
      (m) => logged.push(m),
      (o) => outcomes.push(o),
    );
    client = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true });
  });
  afterAll(async () => {
    await listener?.close();
    await sink?.stop();
    await cleanup?.();
  });

  async function casesFrom(address: string) {
    const { openCases } = await import('../src/store/cases.repository.ts');
    const rows = await openCases(
      ctx.store.db,
      await ctx.store.db.selectFrom('cases').selectAll().where('channel', '=', 'email').execute(),
    );
    const { submitterOf } = await import('../src/notify/recipients.ts');
    return rows.filter((r) => submitterOf(r)?.email === address);
  }

  it('turns a UTF-8 mail with a Chinese-named attachment into a case and sends the receipt (INT-1, INT-4)', async () => {
    await client.sendMail({
      from: '王五 <wangwu@example.com>',
      to: 'complaints@plaint.test',
      messageId: '<utf8-1@client.test>',
      subject: '快递三天未送达',
      text: '订单 SO-1 的快递三天没有送到，电话也打不通。',
      attachments: [
        { filename: '快递单照片说明.txt', content: '运单号 SF123456' },
        { filename: '发票.pdf', content: PDF },
      ],
    });
    const [row] = await casesFrom('wangwu@example.com');
    expect(row).toBeDefined();
    expect(row.subject).toBe('快递三天未送达');
    expect(row.description).toContain('电话也打不通');
    expect(row.received_by).toBeNull();
    const files = await ctx.store.db
      .selectFrom('case_attachments')
      .select('file_name')
      .where('case_id', '=', row.id)
      .orderBy('file_name')
      .execute();
    expect(files.map((f) => f.file_name)).toEqual(['发票.pdf', '快递单照片说明.txt']);

    const r = await dispatchOnce(ctx);
    expect(r.sent).toBeGreaterThanOrEqual(1);
    const receipt = sink.mails.find((m) => m.to && JSON.stringify(m.to).includes('wangwu@example.com'));
    expect(receipt, 'receipt e-mail').toBeDefined();
    expect(receipt!.subject).toContain(row.tracking_no);
    expect(receipt!.subject).toMatch(/^【已受理登记】/);
    // #18: only deadlines owed to the submitter are mailed; the 24-hour 转交客服部门 limit is internal.
    expect(receipt!.text).not.toContain('转交客服部门');
    expect(receipt!.text).toContain('当前期限：暂无');
    // INT-2/INT-4: the secret receipt is never e-mailed (only its hash is stored at all).
    expect(receipt!.text).not.toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    expect(receipt!.headers.get('auto-submitted')).toBe('auto-generated');
  });

  it('a mail to an address named in PLAINT_MAIL_IN_UNITS lands in that unit (INT-2, issue 16)', async () => {
    const company = await addOrgUnit(ctx, { name: '公司' }, 'system:test');
    const service = await addOrgUnit(ctx, { name: '客服部', parent: company.id }, 'system:test');
    ctx.config.channels.mailIn!.units['kefu@plaint.test'] = service.id;
    await client.sendMail({
      from: '孙八 <sunba@example.com>',
      to: 'KeFu@plaint.test',
      messageId: '<unit-1@client.test>',
      subject: '退款迟迟不到账',
      text: '十天前申请的退款还没有到账。',
    });
    await client.sendMail({
      from: '孙八 <sunba@example.com>',
      to: 'complaints@plaint.test',
      messageId: '<unit-2@client.test>',
      subject: '另一件事：发票开错',
      text: '发票抬头开错了，请重开。',
    });
    const bySubject = new Map((await casesFrom('sunba@example.com')).map((r) => [r.subject, r.org_unit_id]));
    expect(bySubject.get('退款迟迟不到账')).toBe(service.id);
    expect(bySubject.get('另一件事：发票开错')).not.toBe(service.id); // not listed: the root
  });

  it('reads GB2312 subjects, bodies and file names', async () => {
    await client.sendMail({
      envelope: { from: 'lisi@example.com', to: ['complaints@plaint.test'] },
      raw: gb2312Mail('lisi@example.com', '空调安装收费不合理', '安装师傅多收了两百元材料费。', '收费单据.pdf'),
    });
    const [row] = await casesFrom('lisi@example.com');
    expect(row.subject).toBe('空调安装收费不合理');
    expect(row.description).toBe('安装师傅多收了两百元材料费。');
    const files = await ctx.store.db
      .selectFrom('case_attachments')
      .select('file_name')
      .where('case_id', '=', row.id)
      .execute();
    expect(files.map((f) => f.file_name)).toEqual(['收费单据.pdf']);
    const { submitterOf } = await import('../src/notify/recipients.ts');
    expect(submitterOf(row)).toMatchObject({ name: '李四', email: 'lisi@example.com' });
  });

  it('keeps only the text of an HTML-only mail', async () => {
    await client.sendMail({
      from: 'html@example.com',
      to: 'complaints@plaint.test',
      subject: '网页版邮件',
      html: '<html><head><style>p{}</style></head><body><p>门店<b>态度</b>很差&amp;不退货</p><script>alert(1)</script><img src="http://x/y.png" onerror="z()"></body></html>',
    });
    const [row] = await casesFrom('html@example.com');
    expect(row.description).toBe('门店态度很差&不退货');
  });

  it('threads a reply (In-Reply-To or tracking number) into the same case, only from the submitter', async () => {
    const [row] = await casesFrom('wangwu@example.com');
    const receipt = sink.mails.find((m) => m.subject?.includes(row.tracking_no))!;
    await client.sendMail({
      from: 'wangwu@example.com',
      to: 'complaints@plaint.test',
      subject: `Re: ${receipt.subject}`,
      inReplyTo: receipt.messageId,
      references: receipt.messageId,
      text: '补充：快递员说地址不详。',
    });
    await client.sendMail({
      from: 'wangwu@example.com',
      to: 'complaints@plaint.test',
      subject: `回复：${row.tracking_no}`,
      text: '第二次补充。',
    });
    // Someone else who knows the number does not write into the case: theirs is a new case.
    await client.sendMail({
      from: 'stranger@example.com',
      to: 'complaints@plaint.test',
      subject: `关于 ${row.tracking_no}`,
      text: '我也有同样的问题。',
    });
    expect(await casesFrom('wangwu@example.com')).toHaveLength(1);
    expect(await casesFrom('stranger@example.com')).toHaveLength(1);
    // Timeline inputs are sealed on disk (issue 24): read them as the case view does.
    const { listEvents } = await import('../src/store/cases.repository.ts');
    const events = (await listEvents(ctx.store.db, row.id, false)).filter((e) => e.action === 'submitter-message');
    expect(events.map((e) => JSON.parse(e.input).text)).toEqual(['补充：快递员说地址不详。', '第二次补充。']);
    expect(events.every((e) => e.actor_kind === 'submitter')).toBe(true);
  });

  it('does not answer auto-replies or bounces, and a redelivered mail makes no second case', async () => {
    const before = (await ctx.store.db.selectFrom('cases').select('id').execute()).length;
    await client.sendMail({
      from: 'away@example.com',
      to: 'complaints@plaint.test',
      subject: '自动回复：外出',
      text: '我在休假',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    await client.sendMail({
      from: 'news@example.com',
      to: 'complaints@plaint.test',
      subject: '周报',
      text: '…',
      headers: { Precedence: 'bulk' },
    });
    await client.sendMail({
      from: 'MAILER-DAEMON@example.com',
      to: 'complaints@plaint.test',
      subject: 'Undelivered Mail',
      text: '…',
    });
    // The same mail again (the sender's server retried after a lost 250): same Message-ID, same content.
    await client.sendMail({
      from: '王五 <wangwu@example.com>',
      to: 'complaints@plaint.test',
      messageId: '<utf8-1@client.test>',
      subject: '快递三天未送达',
      text: '订单 SO-1 的快递三天没有送到，电话也打不通。',
      attachments: [
        { filename: '快递单照片说明.txt', content: '运单号 SF123456' },
        { filename: '发票.pdf', content: PDF },
      ],
    });
    expect((await ctx.store.db.selectFrom('cases').select('id').execute()).length).toBe(before);
    expect(outcomes.filter((o) => o.kind === 'ignored')).toHaveLength(3);
    expect(logged.some((l) => l.includes('Auto-Submitted: auto-replied'))).toBe(true);
  });

  it('rejects oversize and malformed mail with a logged reason and writes nothing', async () => {
    const before = (await ctx.store.db.selectFrom('cases').select('id').execute()).length;
    await expect(
      client.sendMail({
        from: 'big@example.com',
        to: 'complaints@plaint.test',
        subject: '大附件',
        text: 'x',
        attachments: [{ filename: 'a.pdf', content: Buffer.concat([PDF, Buffer.alloc(300_000, 65)]) }],
      }),
    ).rejects.toMatchObject({ responseCode: 552 });
    await expect(
      client.sendMail({
        envelope: { from: 'x@example.com', to: ['complaints@plaint.test'] },
        raw: 'Subject: no sender\r\n\r\nbody\r\n',
      }),
    ).rejects.toMatchObject({ responseCode: 550 });
    expect((await ctx.store.db.selectFrom('cases').select('id').execute()).length).toBe(before);
    expect(logged.filter((l) => l.includes('rejected'))).toEqual([
      expect.stringContaining('larger than 200000 bytes'),
      expect.stringContaining('no usable From address'),
    ]);
  });

  it('e-mails the portal submitter a receipt too, and nothing to an anonymous one (INT-4)', async () => {
    await dispatchOnce(ctx); // what the earlier tests left
    const named = await submitCase(
      ctx,
      complaint({ channel: 'web', submitter: { name: '赵六', email: 'zhaoliu@example.com' } }) as never,
      { kind: 'system', name: 'test' },
    );
    await submitCase(ctx, complaint({ channel: 'web', anonymous: true, submitter: undefined }) as never, {
      kind: 'system',
      name: 'test',
    });
    const before = sink.mails.length;
    await dispatchOnce(ctx);
    const fresh = sink.mails.slice(before);
    expect(fresh.map((m) => m.subject)).toEqual([expect.stringContaining(named.trackingNo)]);
    expect(fresh[0].text).not.toContain(named.receipt);
  });
});
