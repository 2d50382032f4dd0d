import { readFileSync } from 'node:fs';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { AppContext } from '../app/context.ts';
import type { MailInConfig } from '../app/channel-config.ts';
import { DomainError } from '../domain/errors.ts';
import { receiveMail, type MailOutcome } from './receive.ts';

export type MailListener = { port: number; close(): Promise<void> };

/**
 * The inbound SMTP listener (issue 7, INT-1): every mail it accepts is a case or a message on
 * one. A mail is answered 250 only after it is written; too large or malformed mail gets a
 * 5xx with the reason, which is also logged, and nothing is written.
 *
 * Issue 19: a mail is counted as it streams and no byte past `maxBytes` is kept (the rest is read
 * and dropped, then 552); the EHLO advertises SIZE, so a sender declaring more is refused at MAIL
 * FROM; at most `maxClients` connections are served at once (one more gets 421).
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
        if (bytes > cfg.maxBytes || (stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          log(
            `mail-in: rejected a mail from ${session.envelope.mailFrom ? session.envelope.mailFrom.address : '?'}: larger than ${cfg.maxBytes} bytes`,
          );
          return callback(
            Object.assign(new Error(`邮件超过 ${cfg.maxBytes} 字节 / message exceeds the maximum size`), {
              responseCode: 552,
            }),
          );
        }
        receiveMail(ctx, cfg, Buffer.concat(chunks)).then(
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
            callback(null, outcome.kind === 'ignored' ? 'accepted, not answered' : `accepted as ${outcome.trackingNo}`);
          },
          (err: Error) => {
            // A validation error is the mail's fault (5xx); anything else is ours, so the sender retries (4xx).
            const domain = err instanceof DomainError;
            log(`mail-in: could not register a mail: ${err.message}`, err);
            callback(
              Object.assign(
                new Error(
                  `${domain ? '拒收 / rejected' : '暂时无法受理，请稍后重试 / try again later'}: ${err.message}`,
                ),
                { responseCode: domain ? 550 : 451 },
              ),
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
