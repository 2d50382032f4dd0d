import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export type Received = { path: string; headers: IncomingHttpHeaders; body: string };

/**
 * A real HTTP server on 127.0.0.1 standing in for a webhook receiver or a group robot: it
 * records every request and answers with `answer(n)` for the n-th (1-based) request to a path.
 */
export async function httpReceiver(answer: (n: number, path: string) => { status: number; body: unknown }) {
  const received: Received[] = [];
  const counts = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0];
      const n = (counts.get(path) ?? 0) + 1;
      counts.set(path, n);
      received.push({ path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const a = answer(n, path);
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(JSON.stringify(a.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}
