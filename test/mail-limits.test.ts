import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type AppContext } from '../src/app/context.ts';
import { channelConfigFromEnv, type MailInConfig } from '../src/app/channel-config.ts';
import { startMailListener, type MailListener } from '../src/mail/listener.ts';
import { openSubjects } from '../src/store/cases.repository.ts';
import { BACKENDS, sqlite, TestClock } from './support/backends.ts';

type Reply = { code: number; text: string };

/** A bare SMTP client over a real socket: every command and every byte of DATA as the test says. */
class SmtpSession {
  private buffer = '';
  private waiting: ((reply: Reply) => void)[] = [];
  private replies: Reply[] = [];
  private constructor(private readonly socket: Socket) {
    socket.setEncoding('latin1');
    socket.on('data', (text: string) => {
      this.buffer += text;
      // A reply ends with a line "ddd text"; the lines before it are "ddd-text".
      for (let m = /^(?:\d{3}-[^\r\n]*\r\n)*(\d{3})(?: ([^\r\n]*))?\r\n/.exec(this.buffer); m; ) {
        this.buffer = this.buffer.slice(m[0].length);
        const reply = { code: Number(m[1]), text: m[0] };
        const waiter = this.waiting.shift();
        if (waiter) waiter(reply);
        else this.replies.push(reply);
        m = /^(?:\d{3}-[^\r\n]*\r\n)*(\d{3})(?: ([^\r\n]*))?\r\n/.exec(this.buffer);
      }
    });
    socket.on('error', () => {});
  }

  /** Connects and reads the greeting (220, or 421 when the listener is full). */
  static async open(port: number): Promise<{ session: SmtpSession; greeting: Reply }> {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const session = new SmtpSession(socket);
    return { session, greeting: await session.reply() };
  }

  reply(): Promise<Reply> {
    const ready = this.replies.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  command(line: string): Promise<Reply> {
    this.socket.write(`${line}\r\n`);
    return this.reply();
  }

  /** Writes part of a DATA body, waiting while the socket's buffer is full (the sender's pace). */
  async write(chunk: Buffer | string): Promise<void> {
    if (!this.socket.write(chunk)) await new Promise((resolve) => this.socket.once('drain', resolve));
  }

  /** One whole mail; the reply to the first command that refuses it, or to the final dot. */
  async mail(from: string, body: string): Promise<Reply> {
    for (const line of [`MAIL FROM:<${from}>`, 'RCPT TO:<complaints@plaint.test>', 'DATA']) {
      const reply = await this.command(line);
      if (reply.code >= 400) {
        await this.command('RSET');
        return reply;
      }
    }
    return this.command(`${body.replace(/^\./gm, '..')}\r\n.`);
  }

  /** Says goodbye without waiting for the answer (a refused connection is already closed). */
  quit(): void {
    this.socket.end('QUIT\r\n');
  }
}

const mailIn = (overrides: Partial<MailInConfig> = {}): MailInConfig => ({
  port: 0,
  host: '127.0.0.1',
  procedure: 'customer-complaint',
  kind: 'complaint',
  maxBytes: 1024 * 1024,
  maxClients: 20,
  units: {},
  perSender: 20,
  perClient: 60,
  limitWindowMs: 3600_000,
  ...overrides,
});

function complaintMail(from: string, n: number): string {
  return [
    `From: ${from}`,
    'To: complaints@plaint.test',
    `Subject: 第 ${n} 封投诉 / complaint ${n}`,
    `Message-ID: <limit-${n}-${from}>`,
    'Date: Mon, 30 Nov 2026 10:00:00 +0800',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `门店第 ${n} 次拒绝退货。`,
  ].join('\r\n');
}

/** Issue 19: a mail larger than the limit is never held in memory, and the listener serves a bounded number of clients. */
describe('inbound SMTP size and connection limits (issue 19)', () => {
  let ctx: AppContext;
  let cleanup: () => Promise<void>;
  let listener: MailListener;
  const logged: string[] = [];
  const cfg = mailIn({ maxBytes: 1024 * 1024 });

  beforeAll(async () => {
    const made = await sqlite.config();
    ctx = await openApp(made.config);
    cleanup = async () => {
      await ctx.close();
      await made.cleanup();
    };
    listener = await startMailListener(ctx, cfg, (m) => logged.push(m));
  });
  afterAll(async () => {
    await listener?.close();
    await cleanup?.();
  });

  it('reads a 200 MB mail to its end without keeping it: 552, RSS grows by less than 50 MB, nothing written', async () => {
    const { session } = await SmtpSession.open(listener.port);
    expect((await session.command('EHLO client.test')).code).toBe(250);
    expect((await session.command('MAIL FROM:<big@example.com>')).code).toBe(250);
    expect((await session.command('RCPT TO:<complaints@plaint.test>')).code).toBe(250);
    expect((await session.command('DATA')).code).toBe(354);

    const line = `${'x'.repeat(998)}\r\n`;
    const chunk = Buffer.from(line.repeat(64)); // 64,000 bytes, generated once and sent again and again
    const total = 200 * 1024 * 1024;
    const rssBefore = process.memoryUsage.rss();
    let rssPeak = rssBefore;
    await session.write('From: big@example.com\r\nSubject: 200 MB\r\n\r\n');
    for (let sent = 0; sent < total; sent += chunk.length) {
      await session.write(chunk);
      if ((sent / chunk.length) % 64 === 0) rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
    }
    const reply = await session.command('.');
    const rssAfter = process.memoryUsage.rss();
    rssPeak = Math.max(rssPeak, rssAfter);
    console.log(
      `200 MB mail: RSS before ${(rssBefore / 2 ** 20).toFixed(1)} MB, peak ${(rssPeak / 2 ** 20).toFixed(1)} MB, after ${(rssAfter / 2 ** 20).toFixed(1)} MB`,
    );
    expect(reply.code).toBe(552);
    expect(rssPeak - rssBefore).toBeLessThan(50 * 2 ** 20);
    expect(rssAfter - rssBefore).toBeLessThan(50 * 2 ** 20);
    // The connection is still in step: the next mail on it is taken.
    expect((await session.mail('small@example.com', complaintMail('small@example.com', 1))).code).toBe(250);
    session.quit();
    expect(logged).toContain(`mail-in: rejected a mail from big@example.com: larger than ${cfg.maxBytes} bytes`);
    const cases = await openSubjects(
      ctx.store.db,
      await ctx.store.db.selectFrom('cases').select(['id', 'subject']).execute(),
      (c) => c.id,
    );
    expect(cases.map((c) => c.subject)).toEqual(['第 1 封投诉 / complaint 1']);
  });

  it('advertises SIZE in its EHLO and refuses a larger declared SIZE at MAIL FROM (552)', async () => {
    const { session } = await SmtpSession.open(listener.port);
    const ehlo = await session.command('EHLO client.test');
    expect(ehlo.text).toMatch(new RegExp(`^250[- ]SIZE ${cfg.maxBytes}\r$`, 'm'));
    const refused = await session.command(`MAIL FROM:<big@example.com> SIZE=${cfg.maxBytes + 1}`);
    expect(refused.code).toBe(552);
    expect((await session.command(`MAIL FROM:<fits@example.com> SIZE=${cfg.maxBytes}`)).code).toBe(250);
    session.quit();
  });

  it('serves at most maxClients connections at once; one more is told 421 and may come back later', async () => {
    // A listener of its own, so that no connection of another test is still counted.
    const small = await startMailListener(ctx, mailIn({ maxClients: 3 }), () => {});
    const open = await Promise.all([1, 2, 3].map(() => SmtpSession.open(small.port)));
    expect(open.map((o) => o.greeting.code)).toEqual([220, 220, 220]);
    const extra = await SmtpSession.open(small.port);
    expect(extra.greeting.code).toBe(421);
    extra.session.quit();
    open[0].session.quit();
    await new Promise((resolve) => setTimeout(resolve, 100)); // the server sees the close
    const again = await SmtpSession.open(small.port);
    expect(again.greeting.code).toBe(220);
    for (const o of [again, ...open.slice(1)]) o.session.quit();
    await small.close();
  });
});

/**
 * Issue 19: mail intake is limited per envelope sender and per client address, in the database,
 * so that every instance on it counts the same mails; past a limit the reply is 451 4.7.1 (try
 * again later), and a new window takes mail again.
 */
describe.each(BACKENDS)('mail intake allowances on $name (issue 19)', (backend) => {
  let a: AppContext;
  let b: AppContext;
  let listenerA: MailListener;
  let listenerB: MailListener;
  let cleanup: () => Promise<void>;
  const clock = new TestClock('2026-11-30T02:00:00.000Z');
  const cfg = mailIn({ perSender: 20, perClient: 60 });

  beforeAll(async () => {
    const made = await backend.config();
    // Two instances on one database, as two `plaint serve` processes would be.
    a = await openApp(made.config, { now: clock.now });
    b = await openApp(made.config, { now: clock.now });
    listenerA = await startMailListener(a, cfg, () => {});
    listenerB = await startMailListener(b, cfg, () => {});
    cleanup = async () => {
      await listenerA.close();
      await listenerB.close();
      await a.close();
      await b.close();
      await made.cleanup();
    };
  });
  afterAll(async () => {
    await cleanup?.();
  });

  const emailCases = async () =>
    (await a.store.db.selectFrom('cases').select('id').where('channel', '=', 'email').execute()).length;

  it('takes 20 of 100 mails from one sender as cases and defers the other 80 with 451 4.7.1, across two instances', async () => {
    // Five connections at once, alternating between the instances, twenty mails each.
    const replies = (
      await Promise.all(
        [0, 1, 2, 3, 4].map(async (c) => {
          const { session } = await SmtpSession.open(c % 2 === 0 ? listenerA.port : listenerB.port);
          await session.command('EHLO client.test');
          const mine: Reply[] = [];
          for (let i = 0; i < 20; i++)
            mine.push(await session.mail('flood@example.com', complaintMail('flood@example.com', c * 20 + i)));
          session.quit();
          return mine;
        }),
      )
    ).flat();
    expect(replies).toHaveLength(100);
    const accepted = replies.filter((r) => r.code === 250);
    const deferred = replies.filter((r) => r.code === 451);
    expect(accepted).toHaveLength(20);
    expect(deferred).toHaveLength(80);
    expect(deferred.every((r) => r.text.startsWith('451 4.7.1 '))).toBe(true);
    expect(await emailCases()).toBe(20);
  });

  it('counts the client address across senders: 60 per window from one address', async () => {
    // 20 already came from 127.0.0.1; two more senders fill their own 20, the fourth is over the address's 60.
    const { session } = await SmtpSession.open(listenerB.port);
    await session.command('EHLO client.test');
    const codes: Record<string, number[]> = {};
    for (const sender of ['one@example.com', 'two@example.com', 'three@example.com']) {
      codes[sender] = [];
      for (let i = 0; i < 21; i++) codes[sender].push((await session.mail(sender, complaintMail(sender, i))).code);
    }
    session.quit();
    expect(codes['one@example.com'].filter((c) => c === 250)).toHaveLength(20);
    expect(codes['two@example.com'].filter((c) => c === 250)).toHaveLength(20);
    expect(codes['three@example.com'].every((c) => c === 451)).toBe(true);
    expect(await emailCases()).toBe(60);
  });

  it('takes mail again once the window has passed', async () => {
    clock.advance(cfg.limitWindowMs + 1000);
    const { session } = await SmtpSession.open(listenerA.port);
    await session.command('EHLO client.test');
    expect((await session.mail('flood@example.com', complaintMail('flood@example.com', 1000))).code).toBe(250);
    session.quit();
    expect(await emailCases()).toBe(61);
  });
});

describe('mail intake limits from the environment (issue 19)', () => {
  it('has defaults, takes PLAINT_MAIL_IN_MAX_CLIENTS / _PER_SENDER / _PER_CLIENT / _LIMIT_WINDOW_S, refuses 0', () => {
    expect(channelConfigFromEnv({ PLAINT_MAIL_IN_PORT: '2525' }).mailIn).toMatchObject({
      maxBytes: 25 * 1024 * 1024,
      maxClients: 20,
      perSender: 20,
      perClient: 60,
      limitWindowMs: 3600_000,
    });
    const env = {
      PLAINT_MAIL_IN_PORT: '2525',
      PLAINT_MAIL_IN_MAX_CLIENTS: '5',
      PLAINT_MAIL_IN_PER_SENDER: '3',
      PLAINT_MAIL_IN_PER_CLIENT: '100',
      PLAINT_MAIL_IN_LIMIT_WINDOW_S: '600',
    };
    expect(channelConfigFromEnv(env).mailIn).toMatchObject({
      maxClients: 5,
      perSender: 3,
      perClient: 100,
      limitWindowMs: 600_000,
    });
    expect(() => channelConfigFromEnv({ ...env, PLAINT_MAIL_IN_PER_SENDER: '0' })).toThrow(/PLAINT_MAIL_IN_PER_SENDER/);
    expect(() => channelConfigFromEnv({ ...env, PLAINT_MAIL_IN_MAX_CLIENTS: 'many' })).toThrow(
      /PLAINT_MAIL_IN_MAX_CLIENTS/,
    );
    // Issue 16: the unit a mail's case lands in, by the address it was sent to.
    const unit = '01KB0000000000000000000000';
    expect(
      channelConfigFromEnv({ ...env, PLAINT_MAIL_IN_UNITS: `KeFu@corp.cn=${unit}, jubao@corp.cn=${unit}` }).mailIn!
        .units,
    ).toEqual({ 'kefu@corp.cn': unit, 'jubao@corp.cn': unit });
    expect(() => channelConfigFromEnv({ ...env, PLAINT_MAIL_IN_UNITS: 'kefu@corp.cn' })).toThrow(
      /PLAINT_MAIL_IN_UNITS/,
    );
  });
});
