import { readFileSync } from 'node:fs';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { AppContext } from '../app/context.ts';
import type { MailInConfig } from '../app/channel-config.ts';
import { DomainError } from '../domain/errors.ts';
import { assertNotThrottled, clientKey, type Limit, takeAllowance } from '../app/throttle.ts';
import { secretHash } from '../app/secrets.ts';
import { receiveMail, type MailOutcome } from './receive.ts';

export type MailListener = { port: number; close(): Promise<void> };

/**
 * The inbound SMTP listener (issue 7, INT-1): every mail it accepts is a case or a message on
 * one. A mail is answered 250 only after it is written; too large or malformed mail gets a
 * 5xx with the reason, which is also logged, and nothing is written.
 *
 * Issue 19: a mail is counted as it streams and no byte past `maxBytes` is kept (the rest is read
 * and dropped, then 552); the EHLO advertises SIZE, so a sender declaring more is refused at MAIL
 * FROM; at most `maxClients` connections are served at once (one more gets 421). Accepted mails
 * are counted per envelope sender and per client address in the database; past either allowance
 * the answer is 451 4.7.1, and the sender's server tries again later.
 */
export async function startMailListener(
  ctx: AppContext,
  cfg: MailInConfig,
  log: (msg: string, detail?: unknown) => void,
  onOutcome?: (o: MailOutcome) => void,
): Promise<MailListener> {
  const tls =
    cfg.tlsKeyFile && cfg.tlsCertFile
      ? { key: readFileSync(cfg.tlsKeyFile), cert: readFileSync(cfg.tlsCertFile) }
      : undefined;
  const options: SMTPServerOptions = {
    name: 'plaint',
    banner: 'Plaint 投诉受理 / complaint intake',
    size: cfg.maxBytes,
    maxClients: cfg.maxClients,
    secure: false,
    ...(tls ? { key: tls.key, cert: tls.cert } : { disabledCommands: ['STARTTLS'] }),
    authOptional: !cfg.auth,
    // Without TLS, AUTH would send the password in clear; allowed only where the operator said so.
    allowInsecureAuth: !tls,
    logger: false,
    onAuth(auth, _session, callback) {
      if (cfg.auth && auth.username === cfg.auth.user && auth.password === cfg.auth.password)
        return callback(null, { user: auth.username });
      return callback(new Error('535 认证失败 / authentication failed'));
    },
    onMailFrom(address, session, callback) {
      // A cheap look before the body is sent; the use itself is taken when the mail is in.
      assertNotThrottled(ctx, intakeLimits(ctx, cfg, address.address, session.remoteAddress)).then(
        () => callback(),
        (err: Error) => callback(err instanceof DomainError ? tooMany(err.details) : tryLater(err)),
      );
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        // Past the limit the chunks are dropped as they come; the stream is still read to its end,
        // as SMTP answers a mail only after its final dot.
        if (bytes > cfg.maxBytes) chunks.length = 0;
        else chunks.push(chunk);
      });
      stream.on('error', (err) => callback(err));
      stream.on('end', () => {
        const sender = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        if (bytes > cfg.maxBytes || (stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          log(`mail-in: rejected a mail from ${sender || '?'}: larger than ${cfg.maxBytes} bytes`);
          return callback(
            Object.assign(new Error(`邮件超过 ${cfg.maxBytes} 字节 / message exceeds the maximum size`), {
              responseCode: 552,
            }),
          );
        }
        takeAllowance(ctx, intakeLimits(ctx, cfg, sender, session.remoteAddress))
          .then((allowance) => {
            if (!allowance.allowed) {
              log(`mail-in: deferred a mail from ${sender || '?'}: over the intake allowance`);
              throw tooMany(allowance);
            }
            return receiveMail(
              ctx,
              cfg,
              Buffer.concat(chunks),
              session.envelope.rcptTo.map((r) => r.address),
            );
          })
          .then(
            (outcome) => {
              onOutcome?.(outcome);
              if (outcome.kind === 'rejected') {
                log(`mail-in: rejected (${outcome.code}): ${outcome.reason}`);
                return callback(
                  Object.assign(new Error(`拒收 / rejected: ${outcome.reason}`), { responseCode: outcome.code }),
                );
              }
              if (outcome.kind === 'ignored') log(`mail-in: ${outcome.reason}`);
              else log(`mail-in: ${outcome.kind === 'case' ? 'new case' : 'message on case'} ${outcome.trackingNo}`);
              callback(
                null,
                outcome.kind === 'ignored' ? 'accepted, not answered' : `accepted as ${outcome.trackingNo}`,
              );
            },
            (err: Error & { responseCode?: number }) => {
              if (err.responseCode) return callback(err);
              // A validation error is the mail's fault (5xx); anything else is ours, so the sender retries (4xx).
              log(`mail-in: could not register a mail: ${err.message}`, err);
              callback(
                err instanceof DomainError
                  ? Object.assign(new Error(`拒收 / rejected: ${err.message}`), { responseCode: 550 })
                  : tryLater(err),
              );
            },
          );
      });
    },
  };
  const server = new SMTPServer(options);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(cfg.port, cfg.host, () => resolve());
  });
  server.on('error', (err) => log('mail-in: listener error', err));
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : cfg.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The allowances one mail draws on: its envelope sender (as a keyed hash, lower case) and the
 * client's address. A bounce (empty sender) is counted by its client alone.
 */
function intakeLimits(ctx: AppContext, cfg: MailInConfig, sender: string, client: string): Limit[] {
  const perClient = { key: `mail-client:${clientKey(ctx, client)}`, max: cfg.perClient, windowMs: cfg.limitWindowMs };
  if (!sender) return [perClient];
  const senderKey = secretHash(ctx.secrets, 'mail-sender', sender.toLowerCase()).slice(0, 32);
  return [{ key: `mail-sender:${senderKey}`, max: cfg.perSender, windowMs: cfg.limitWindowMs }, perClient];
}

/** 451 4.7.1: a temporary refusal, so a real mail server keeps the mail and tries again later. */
function tooMany(details: unknown): Error {
  const seconds = (details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
  return Object.assign(
    new Error(
      `4.7.1 邮件过多，请稍后重试 / too many mails from this sender or address; try again${seconds ? ` in ${seconds} s` : ' later'}`,
    ),
    { responseCode: 451 },
  );
}

function tryLater(err: Error): Error {
  return Object.assign(new Error(`暂时无法受理，请稍后重试 / try again later: ${err.message}`), {
    responseCode: 451,
  });
}
