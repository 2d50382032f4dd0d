import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app/context.ts';
import { startMailListener, type MailListener } from '../src/mail/listener.ts';
import { openTestApp, sqlite } from './support/backends.ts';

/** The inbound listener with AUTH (issue 7): a sender without the password is refused, nothing written. */
describe('inbound SMTP with AUTH', () => {
  let ctx: AppContext;
  let cleanup: () => Promise<void>;
  let listener: MailListener;
  const mail = { from: 'a@example.com', to: 'complaints@plaint.test', subject: '需要认证', text: '内容' };

  beforeAll(async () => {
    ({ ctx, cleanup } = await openTestApp(sqlite));
    listener = await startMailListener(
      ctx,
      {
        port: 0,
        host: '127.0.0.1',
        procedure: 'customer-complaint',
        kind: 'complaint',
        maxBytes: 100_000,
        maxClients: 20,
        units: {},
        perSender: 20,
        perClient: 60,
        limitWindowMs: 3600_000,
        auth: { user: 'relay', password: 'pa55word' },
      },
      () => {},
    );
  });
  afterAll(async () => {
    await listener?.close();
    await cleanup?.();
  });

  const send = (auth?: { user: string; pass: string }) =>
    nodemailer
      .createTransport({
        host: '127.0.0.1',
        port: listener.port,
        secure: false,
        ignoreTLS: true,
        ...(auth ? { auth } : {}),
      })
      .sendMail(mail);
  const cases = async () => (await ctx.store.db.selectFrom('cases').select('id').execute()).length;

  it('refuses mail without AUTH or with a wrong password, and takes it with the right one', async () => {
    await expect(send()).rejects.toMatchObject({ responseCode: 530 });
    await expect(send({ user: 'relay', pass: 'wrong' })).rejects.toMatchObject({ responseCode: 535 });
    expect(await cases()).toBe(0);
    await send({ user: 'relay', pass: 'pa55word' });
    expect(await cases()).toBe(1);
  });
});
