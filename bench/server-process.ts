/** `plaint serve` as a child process for the benchmarks (bench/run.ts, bench/cluster.ts). */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const TSX = join(ROOT, 'node_modules/.bin/tsx');

/** Asks the OS for a port nobody is listening on. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Spawns `plaint serve`; its output is kept (tail only) for error messages. `root`: another checkout
 * of the code to run (bench/serialise.ts compares the code before a change with the code after it).
 */
export function startServer(env: NodeJS.ProcessEnv, root = ROOT): { child: ChildProcess; output: () => string } {
  // The load comes from one address: no per-address limit on public writes (public-limit.ts).
  // BENCH_SERVER_NODE_FLAGS: Node flags for the server alone, e.g. `--cpu-prof --cpu-prof-dir=/tmp/p`
  // to see where a benchmark's server spends its time (Node refuses --cpu-prof in NODE_OPTIONS).
  const flags = (process.env.BENCH_SERVER_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const child = spawn(TSX, [...flags, 'src/cli.ts', 'serve'], {
    cwd: root,
    env: { PLAINT_PUBLIC_WRITE_LIMIT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  // BENCH_SERVER_LOG: a file that receives the server's whole output (e.g. with --trace-gc).
  const log = process.env.BENCH_SERVER_LOG ? createWriteStream(process.env.BENCH_SERVER_LOG) : null;
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-8000);
    log?.write(chunk);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return { child, output: () => out };
}

/** Polls GET /api/v1/health until it answers 200; fails early if the server exits. */
export async function waitForHealth(
  base: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${output()}`);
    }
    const ok = await fetch(`${base}/api/v1/health`, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server not healthy after ${timeoutMs / 1000} s:\n${output()}`);
}

/** SIGTERM (graceful: closes the database), then SIGKILL if it takes longer than 10 s. */
export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
