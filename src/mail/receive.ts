import { createHash } from 'node:crypto';
import { findOrgUnit } from '../store/org.repository.ts';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AppContext } from '../app/context.ts';
import { addAttachment, MAX_ATTACHMENT_BYTES } from '../app/attachments.ts';
import { addCaseNote, refOf } from '../app/case-notes.ts';
import { secretHash } from '../app/secrets.ts';
import { submitCase } from '../app/submit.ts';
import { sniffMediaType, safeFileName } from '../domain/file-type.ts';
import { findCaseByTrackingNo, type CaseRow } from '../store/cases.repository.ts';
import type { MailInConfig } from '../app/channel-config.ts';
import { automaticReason, bodyText, referencedIds, trackingNoIn } from './classify.ts';
import { isUniqueViolation } from '../app/db-errors.ts';

/** What became of one inbound mail; `rejected` is answered with an SMTP error and writes nothing. */
export type MailOutcome =
  | { kind: 'case'; caseId: string; trackingNo: string }
  | { kind: 'message'; caseId: string; trackingNo: string }
  | { kind: 'ignored'; reason: string }
  | { kind: 'rejected'; code: number; reason: string };

const SYSTEM = { kind: 'system' as const, name: '邮件受理 / e-mail intake' };

type File = { name: string; bytes: Buffer };

/**
 * Turns one received mail into a case (INT-1 e-mail channel) or, when it answers one of ours or
 * names a case's tracking number and comes from that case's submitter, into a message on that
 * case (INT-2). Everything is checked before anything is written; a mail delivered twice (same
 * Message-ID) does not make a second case or message.
 */
export async function receiveMail(
  ctx: AppContext,
  cfg: MailInConfig,
  raw: Buffer,
  envelopeTo: string[] = [],
): Promise<MailOutcome> {
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  } catch (err) {
    return { kind: 'rejected', code: 550, reason: `malformed message: ${(err as Error).message}` };
  }
  const sender = mail.from?.value[0];
  if (!sender?.address || !/^[^@\s]+@[^@\s]+$/.test(sender.address))
    return { kind: 'rejected', code: 550, reason: 'no usable From address' };
  const auto = automaticReason(
    mail,
    /<([^>]+)>/.exec(ctx.config.channels.mailFrom)?.[1] ?? ctx.config.channels.mailFrom,
  );
  if (auto) return { kind: 'ignored', reason: `automatic mail not answered (${auto})` };

  const files: File[] = [];
  const skipped: string[] = [];
  for (const a of mail.attachments) {
    const name = safeFileName(a.filename);
    if (a.related && a.contentType.startsWith('image/') && !a.filename) continue; // inline logo of a signature
    if (a.content.length > MAX_ATTACHMENT_BYTES)
      return { kind: 'rejected', code: 552, reason: `attachment ${name} is larger than 10 MB` };
    if (a.content.length === 0 || !sniffMediaType(a.content)) {
      skipped.push(name);
      continue;
    }
    files.push({ name, bytes: a.content });
  }
  let text = bodyText(mail, raw);
  if (skipped.length)
    text += `\n\n〔未保存的附件（仅接受图片、PDF、纯文本）/ attachments not kept (images, PDF, plain text only)：${skipped.join('、')}〕`;
  const messageId = (mail.messageId ?? createHash('sha256').update(raw).digest('hex')).trim();

  const thread = await threadOf(ctx, mail, sender.address);
  // A closed case is archived (ARC-1): a later mail about it opens a new case instead.
  if (thread && !thread.closed_at) return reply(ctx, thread, messageId, text || '（空白邮件 / empty mail）', files);

  const subject = [...(mail.subject?.trim() || '（无主题）/ (no subject)')].slice(0, 200).join('');
  const description = [...(text || subject)].slice(0, 20000).join('');
  const name = [...(sender.name?.trim() || sender.address.split('@')[0])].slice(0, 100).join('');
  const orgUnit = await unitOfAddress(ctx, cfg, envelopeTo, mail);
  const result = await submitCase(
    ctx,
    {
      procedure: cfg.procedure,
      kind: cfg.kind,
      channel: 'email',
      subject,
      description,
      anonymous: false,
      submitter: { name, email: sender.address },
      // A mail states no separate request; the handler reads it from the body (INT-5).
      requestedOutcome: '见邮件正文 / see the mail body',
      ...(orgUnit ? { orgUnit } : {}),
    },
    SYSTEM,
    `mail:${createHash('sha256').update(messageId).digest('hex').slice(0, 40)}`,
  );
  await ctx.store.db
    .insertInto('mail_threads')
    .values({ message_id: messageId, case_id: result.id, created_at: ctx.now().toISOString() })
    .onConflict((oc) => oc.column('message_id').doNothing())
    .execute();
  await attachOnce(ctx, result.id, files, SYSTEM);
  return { kind: 'case', caseId: result.id, trackingNo: result.trackingNo };
}

/**
 * The case a mail answers: by In-Reply-To/References to a mail we sent or received, else by a
 * tracking number in the subject — and only if the sender is that case's submitter (the blind
 * index of their address matches), so knowing a tracking number lets nobody write into a case.
 */
async function threadOf(ctx: AppContext, mail: ParsedMail, from: string): Promise<CaseRow | undefined> {
  const candidates: CaseRow[] = [];
  const refs = referencedIds(mail);
  if (refs.length) {
    const known = await ctx.store.db
      .selectFrom('mail_threads')
      .innerJoin('cases', 'cases.id', 'mail_threads.case_id')
      .selectAll('cases')
      .where('mail_threads.message_id', 'in', refs)
      .execute();
    candidates.push(...known);
  }
  const no = trackingNoIn(mail.subject);
  if (no) {
    const row = await findCaseByTrackingNo(ctx.store.db, no);
    if (row) candidates.push(row);
  }
  const bidx = secretHash(ctx.secrets, 'bidx:email', from.trim().toLowerCase());
  return candidates.find((c) => c.submitter_email_bidx === bidx);
}

async function reply(
  ctx: AppContext,
  row: CaseRow,
  messageId: string,
  text: string,
  files: File[],
): Promise<MailOutcome> {
  const submitter = { kind: 'submitter' as const, caseId: row.id };
  try {
    await addCaseNote(ctx, row.id, {
      action: 'submitter-message',
      visibility: 'public',
      actor: refOf(submitter),
      input: { text: [...text].slice(0, 5000).join(''), via: 'email' },
      notify: [{ to: 'assignee', template: 'submitter-message', event: 'submitter-message' }],
      // The Message-ID goes in with the message: a second delivery of the same mail fails here.
      alsoWrite: async (trx) => {
        await trx
          .insertInto('mail_threads')
          .values({ message_id: messageId, case_id: row.id, created_at: ctx.now().toISOString() })
          .execute();
      },
    });
  } catch (err) {
    if (!isUniqueViolation(err, 'mail_threads') && !isUniqueViolation(err, 'message_id')) throw err;
  }
  await attachOnce(ctx, row.id, files, submitter);
  return { kind: 'message', caseId: row.id, trackingNo: row.tracking_no };
}

/** Adds the files the case does not have yet (a redelivered mail completes, never duplicates). */
async function attachOnce(
  ctx: AppContext,
  caseId: string,
  files: File[],
  actor: Parameters<typeof addAttachment>[3],
): Promise<void> {
  for (const file of files) {
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    const has = await ctx.store.db
      .selectFrom('case_attachments')
      .select('id')
      .where('case_id', '=', caseId)
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    if (!has) await addAttachment(ctx, caseId, file, actor, 'public');
  }
}

/**
 * INT-2 (issue 16): the unit named for the address the mail was sent to — the envelope's
 * recipients first, else the To and Cc headers. A unit that no longer exists is logged over and
 * left out, so the mail still becomes a case (in the procedure's intake unit).
 */
async function unitOfAddress(
  ctx: AppContext,
  cfg: MailInConfig,
  envelopeTo: string[],
  mail: ParsedMail,
): Promise<string | undefined> {
  const headers = [mail.to, mail.cc]
    .flatMap((a) => (a ? (Array.isArray(a) ? a : [a]) : []))
    .flatMap((a) => a.value.map((v) => v.address ?? ''));
  for (const address of [...envelopeTo, ...headers]) {
    const unitId = cfg.units[address.toLowerCase()];
    if (!unitId) continue;
    if (await findOrgUnit(ctx.store.db, unitId)) return unitId;
    console.error(`mail-in: PLAINT_MAIL_IN_UNITS names unit ${unitId} for ${address}, which does not exist`);
  }
  return undefined;
}
