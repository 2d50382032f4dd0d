import { insertStaffNotices } from '../store/staff-notifications.repository.ts';
import { createHash, createHmac } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { AppContext } from '../app/context.ts';
import type { CaseRow } from '../store/cases.repository.ts';
import { sealFor } from '../store/sealing.ts';
import type { DeliveryRow, OutboxRow } from '../store/delivery.repository.ts';
import type { Hook } from '../app/channel-config.ts';
import { boundedFetch, RedirectRefused } from '../app/outgoing.ts';
import { submitterOf } from './recipients.ts';
import { bilingualText, type Rendered } from './templates.ts';

export type Notice = {
  delivery: DeliveryRow;
  outbox: OutboxRow;
  row: CaseRow | undefined;
  rendered: Rendered | undefined;
};

/** A failure that retrying will not fix (no address any more): dead at once. */
export class PermanentFailure extends Error {}

const transports = new WeakMap<AppContext, Transporter>();

function transport(ctx: AppContext): Transporter {
  let t = transports.get(ctx);
  if (!t) {
    if (!ctx.config.channels.smtpUrl) throw new Error('PLAINT_SMTP_URL is not set: e-mail cannot be sent');
    const url = new URL(ctx.config.channels.smtpUrl);
    t = nodemailer.createTransport({
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
      secure: url.protocol === 'smtps:',
      ...(url.username
        ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
        : {}),
      // ?tls=insecure: a relay with a self-signed certificate on the local network.
      ...(url.searchParams.get('tls') === 'insecure' ? { tls: { rejectUnauthorized: false } } : {}),
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    transports.set(ctx, t);
  }
  return t;
}

/** The Message-ID of a delivery: stable, so a resend after a crash is recognisably the same mail. */
export function messageIdOf(deliveryId: string, from: string): string {
  const domain = /@([^>\s]+)/.exec(from)?.[1] ?? 'plaint.local';
  return `<${createHash('sha256').update(deliveryId).digest('hex').slice(0, 32)}@${domain}>`;
}

export async function sendEmail(ctx: AppContext, n: Notice): Promise<void> {
  const to = n.row
    ? submitterOf(n.row)
    : n.delivery.target.startsWith('email:')
      ? { name: '', email: n.delivery.target.slice(6) }
      : null;
  if (!to?.email || !n.rendered) throw new PermanentFailure('no e-mail address on the case');
  const from = ctx.config.channels.mailFrom;
  const messageId = messageIdOf(n.delivery.id, from);
  if (!n.row) {
    // A report to a configured address: no case, so no thread to remember and no tracking number.
    await transport(ctx).sendMail({
      from,
      to: to.email,
      subject: `${n.rendered.subject['zh-CN']} / ${n.rendered.subject.en}`,
      text: bilingualText(n.rendered),
      messageId,
      headers: { 'X-Plaint-Idempotency-Key': n.outbox.idempotency_key, 'Auto-Submitted': 'auto-generated' },
    });
    return;
  }
  // Remember the Message-ID first: a reply's In-Reply-To then finds the case even if we crash here.
  await ctx.store.db
    .insertInto('mail_threads')
    .values({ message_id: messageId, case_id: n.row!.id, created_at: ctx.now().toISOString() })
    .onConflict((oc) => oc.column('message_id').doNothing())
    .execute();
  await transport(ctx).sendMail({
    from,
    to: { name: to.name, address: to.email },
    subject: `${n.rendered.subject['zh-CN']} / ${n.rendered.subject.en}`,
    text: bilingualText(n.rendered),
    messageId,
    headers: {
      'X-Plaint-Idempotency-Key': n.outbox.idempotency_key,
      'X-Plaint-Tracking-No': n.row!.tracking_no,
      // Our own mails are automatic: a well-behaved auto-responder does not answer them (RFC 3834).
      'Auto-Submitted': 'auto-generated',
    },
  });
}

export async function sendInApp(ctx: AppContext, n: Notice): Promise<void> {
  if (!n.rendered) throw new PermanentFailure('no case for an in-app notice');
  // A notice quotes the case (its subject, a message): sealed under the case key (issue 24).
  const title = JSON.stringify(n.rendered.subject);
  const body = JSON.stringify(n.rendered.body);
  const [sealedTitle, sealedBody] = n.delivery.case_id
    ? await sealFor(ctx.store.db, n.delivery.case_id, [title, body])
    : [title, body];
  await insertStaffNotices(ctx.store.db, [
    {
      id: n.delivery.id,
      userId: n.delivery.target.replace(/^user:/, ''),
      caseId: n.delivery.case_id,
      event: n.outbox.event,
      title: sealedTitle!,
      body: sealedBody!,
      at: ctx.now().toISOString(),
    },
  ]);
}

/** The JSON an outbound webhook receives: no personal data, only what happened to which case. */
export function webhookBody(n: Notice, at: string) {
  const p = JSON.parse(n.outbox.payload) as { caseId: string; trackingNo: string; version: number; status: string };
  return {
    id: n.delivery.id,
    idempotencyKey: n.outbox.idempotency_key,
    event: n.outbox.event,
    template: n.outbox.template,
    recipient: n.outbox.recipient,
    case: {
      id: p.caseId,
      trackingNo: p.trackingNo,
      version: p.version,
      status: p.status,
      procedure: n.row?.procedure_id ?? null,
    },
    text: n.rendered ? { 'zh-CN': `${n.rendered.subject['zh-CN']}`, en: n.rendered.subject.en } : null,
    sentAt: at,
  };
}

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`: the receiver checks both, so a replay is visible. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The most of a webhook's or robot's answer ever read: a robot's JSON verdict is a few hundred bytes. */
const HOOK_ANSWER_BYTES = 64 * 1024;

export async function sendHook(ctx: AppContext, hook: Hook, n: Notice): Promise<void> {
  const now = ctx.now();
  const text = n.rendered
    ? `${n.rendered.subject['zh-CN']}\n${n.rendered.body['zh-CN']}`
    : `${n.outbox.event} ${n.outbox.template}`;
  let url = hook.url;
  let payload: unknown;
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  const seconds = String(Math.floor(now.getTime() / 1000));
  switch (hook.kind) {
    case 'webhook':
      payload = webhookBody(n, now.toISOString());
      headers['x-plaint-idempotency-key'] = n.outbox.idempotency_key;
      headers['x-plaint-delivery'] = n.delivery.id;
      headers['x-plaint-timestamp'] = seconds;
      if (hook.secret) headers['x-plaint-signature'] = webhookSignature(hook.secret, seconds, JSON.stringify(payload));
      break;
    case 'wecom': // 企业微信群机器人: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…
      payload = { msgtype: 'text', text: { content: text } };
      break;
    case 'dingtalk': {
      // 钉钉自定义机器人; 加签: HmacSHA256("<ms>\n<secret>") in the query string
      payload = { msgtype: 'text', text: { content: text } };
      if (hook.secret) {
        const ms = String(now.getTime());
        const sign = createHmac('sha256', hook.secret).update(`${ms}\n${hook.secret}`).digest('base64');
        url += `${url.includes('?') ? '&' : '?'}timestamp=${ms}&sign=${encodeURIComponent(sign)}`;
      }
      break;
    }
    case 'feishu': {
      // 飞书自定义机器人; 签名校验: HmacSHA256 keyed by "<s>\n<secret>" over nothing
      payload = { msg_type: 'text', content: { text } };
      if (hook.secret) {
        const sign = createHmac('sha256', `${seconds}\n${hook.secret}`).update('').digest('base64');
        payload = { timestamp: seconds, sign, ...(payload as object) };
      }
      break;
    }
  }
  const body = JSON.stringify(payload);
  // Bounded (issue 28): no redirect followed, at most 64 kB of the answer read — a receiver
  // cannot fill the server's memory or bounce the signed POST elsewhere.
  const res = await boundedFetch(url, { method: 'POST', headers, body }, HOOK_ANSWER_BYTES).catch((e: unknown) => {
    // A redirect is the receiver's configuration, not a passing fault: dead at once, for an admin to see.
    throw e instanceof RedirectRefused ? new PermanentFailure(e.message) : e;
  });
  const answer = res.text;
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${answer.slice(0, 200)}`);
  if (hook.kind !== 'webhook') {
    // The robots answer 200 with an error code in the body (bad key, rate limit, bad signature).
    let code: unknown;
    try {
      const j = JSON.parse(answer) as { errcode?: number; code?: number; StatusCode?: number };
      code = j.errcode ?? j.code ?? j.StatusCode ?? 0;
    } catch {
      code = 'unreadable answer';
    }
    if (code !== 0) throw new Error(`${hook.kind} answered ${String(code)}: ${answer.slice(0, 200)}`);
  }
}
