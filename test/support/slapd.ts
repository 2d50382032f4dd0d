import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './smtp-sink.ts';

/**
 * A real OpenLDAP server (Debian's slapd, installed by scripts/ensure-slapd.sh) on a free loopback port, with a
 * generated slapd.conf and an mdb database in a temp folder, loaded from an LDIF with slapadd before it starts.
 */
export type Slapd = { url: string; suffix: string; rootDn: string; rootPassword: string; stop(): Promise<void> };

const SLAPD = '/usr/sbin/slapd';
const SLAPADD = '/usr/sbin/slapadd';

/** `{SSHA}` as OpenLDAP stores passwords: SHA-1 of password and salt, then the salt, in base64. */
export function ssha(password: string): string {
  const salt = randomBytes(8);
  const digest = createHash('sha1').update(password).update(salt).digest();
  return `{SSHA}${Buffer.concat([digest, salt]).toString('base64')}`;
}

async function listening(port: number, deadline: number): Promise<void> {
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`slapd did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startSlapd(suffix: string, ldif: string): Promise<Slapd> {
  if (!existsSync(SLAPD) || !existsSync(SLAPADD))
    throw new Error('slapd is not installed: run `sh scripts/ensure-slapd.sh` (npm test does it in pretest)');
  const dir = mkdtempSync(join(tmpdir(), 'plaint-slapd-'));
  mkdirSync(join(dir, 'data'));
  const rootDn = `cn=admin,${suffix}`;
  const rootPassword = randomBytes(12).toString('base64url');
  const conf = join(dir, 'slapd.conf');
  writeFileSync(
    conf,
    [
      'include /etc/ldap/schema/core.schema',
      'include /etc/ldap/schema/cosine.schema',
      'include /etc/ldap/schema/inetorgperson.schema',
      'include /etc/ldap/schema/nis.schema',
      'modulepath /usr/lib/ldap',
      'moduleload back_mdb',
      `pidfile ${join(dir, 'slapd.pid')}`,
      'database mdb',
      'maxsize 67108864',
      `suffix "${suffix}"`,
      `rootdn "${rootDn}"`,
      `rootpw ${ssha(rootPassword)}`,
      `directory ${join(dir, 'data')}`,
      // People bind with their password but nobody reads it; everything else is readable once bound.
      'access to attrs=userPassword by self write by anonymous auth by * none',
      'access to * by users read by * none',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'company.ldif'), ldif);
  execFileSync(SLAPADD, ['-f', conf, '-l', join(dir, 'company.ldif')], { stdio: 'pipe' });
  let child: ChildProcess | undefined;
  let port = 0;
  // The free port may be taken between finding and binding it: try a few.
  for (let attempt = 0; attempt < 5 && !child; attempt++) {
    port = await freePort();
    // `-d 0`: stay in the foreground (the test owns the process), log nothing.
    const c = spawn(SLAPD, ['-f', conf, '-h', `ldap://127.0.0.1:${port}/`, '-d', '0'], { stdio: 'ignore' });
    const exited = new Promise<boolean>((r) => c.once('exit', () => r(false)));
    const up = listening(port, Date.now() + 10_000).then(() => true);
    if (await Promise.race([up, exited])) child = c;
  }
  if (!child) throw new Error('slapd would not start');
  const running = child;
  return {
    url: `ldap://127.0.0.1:${port}`,
    suffix,
    rootDn,
    rootPassword,
    async stop() {
      if (running.exitCode === null) {
        const gone = new Promise((r) => running.once('exit', r));
        running.kill('SIGTERM');
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
