import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { CONTRACT_MARKER, describeViolation, violationsIn } from '../../src/http/contract-check.ts';
import { PLAINT, ROOT } from './cli.ts';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export type ServerProcess = {
  child: ChildProcess;
  port: number;
  output(): string;
  /** The API contract violations the server reported so far (issue 26), described one a line. */
  violations(): string[];
  /** Throws, listing them, when the server reported any contract violation. */
  assertContract(): void;
  /** Stops the server (SIGTERM) and fails when it reported a contract violation. */
  stop(): Promise<void>;
};

/** The error a test fails with when a server it ran answered outside the API contract (repeats counted once). */
export function contractError(violations: string[], where = 'plaint serve'): Error {
  const counted = new Map<string, number>();
  for (const v of violations) counted.set(v, (counted.get(v) ?? 0) + 1);
  const lines = [...counted].map(([v, n]) => (n > 1 ? `${v} (×${n})` : v));
  return new Error(
    `${where} answered outside the API contract (its OpenAPI document, docs/openapi.json) ${violations.length} time(s):\n${lines.join('\n')}`,
  );
}

/**
 * Starts `plaint serve` as `npm start` does and waits until /api/v1/health answers. The server
 * checks every answer against its OpenAPI document (PLAINT_CONTRACT_CHECK=1, unless `env` names
 * another document) and reports each violation on stderr; `stop()` fails when there was any.
 * `violationsFile`: each reported line is also appended there, for test files that share the server.
 */
export async function startServerProcess(
  env: NodeJS.ProcessEnv,
  options: { violationsFile?: string } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [...PLAINT, 'serve'], {
    // Tests load the public API from one address: no per-address limit unless a test sets one.
    env: {
      PLAINT_PUBLIC_WRITE_LIMIT: '0',
      PLAINT_CONTRACT_CHECK: '1',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    cwd: ROOT,
    // Its own process group, so a test can kill it and anything it started in one signal.
    detached: true,
  });
  let output = '';
  let stderr = '';
  let scanned = 0;
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => {
    output += d;
    stderr += d;
    if (!options.violationsFile) return;
    const end = stderr.lastIndexOf('\n') + 1;
    for (const line of stderr.slice(scanned, end).split('\n'))
      if (line.startsWith(CONTRACT_MARKER)) appendFileSync(options.violationsFile, `${line}\n`);
    scanned = Math.max(scanned, end);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // After the exit, what the server wrote last may still be in the pipe: 'close' comes when it is read.
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      process.kill(-child.pid!, 'SIGKILL');
      throw new Error(`server did not answer within 90 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const violations = () => violationsIn(stderr).map(describeViolation);
  const assertContract = () => {
    const found = violations();
    if (found.length > 0) throw contractError(found);
  };
  return {
    child,
    port,
    output: () => output,
    violations,
    assertContract,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      await Promise.race([closed, new Promise((r) => setTimeout(r, 2_000))]);
      assertContract();
    },
  };
}
