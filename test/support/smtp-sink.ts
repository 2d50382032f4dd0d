import { createServer as netServer } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

/** A real SMTP server on 127.0.0.1 that keeps what it receives: the far end of our e-mail. */
export type SmtpSink = { port: number; mails: ParsedMail[]; start(): Promise<void>; stop(): Promise<void> };

/** A free port, for a sink that is started only later (the outage test). */
export async function freePort(): Promise<number> {
  const s = netServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export async function smtpSink(port = 0, options: { start?: boolean } = {}): Promise<SmtpSink> {
  const mails: ParsedMail[] = [];
  let server: SMTPServer | undefined;
  const sink: SmtpSink = {
    port,
    mails,
    async start() {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        logger: false,
        onData(stream, _session, callback) {
          simpleParser(stream).then((m) => {
            mails.push(m);
            callback();
          }, callback);
        },
      });
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(sink.port, '127.0.0.1', () => resolve());
      });
      sink.port = (server.server.address() as { port: number }).port;
    },
    async stop() {
      const s = server;
      server = undefined;
      if (s) await new Promise<void>((r) => s.close(() => r()));
    },
  };
  if (options.start !== false) await sink.start();
  return sink;
}
