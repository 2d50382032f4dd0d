/**
 * Issue 20: the LDAP directory sync at the size of the target — 10,000 people in 500 departments (nested OUs)
 * with 10 groups of 1,000 members — from a real slapd (test/support/slapd.ts, loaded by slapadd), on SQLite and
 * (with BENCH_DATABASE_URL or TEST_DATABASE_URL) PostgreSQL. First sync (everything created, grants from a group
 * rule), then a second one after 100 people are deleted from the directory (deactivated).
 *   npx tsx bench/directory-sync-ldap.ts
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'ldapts';
import { configFromEnv, openApp } from '../src/app/context.ts';
import { type DirectorySource, syncSource } from '../src/app/directory/sources.ts';
import { dropPgSchema, ensurePgSchema } from '../src/store/db.ts';
import { startSlapd } from '../test/support/slapd.ts';

const SUFFIX = 'dc=bench,dc=cn';
const DEPTS = 500;
const PEOPLE = 10_000;
const GROUPS = 10;

/** Department n (1..500) sits under floor(n/5) as in the 企业微信 bench; 1 is under the company entry. */
const deptDn = (n: number): string =>
  n <= 1 ? `ou=部门1,${SUFFIX}` : `ou=部门${n},${deptDn(Math.max(1, Math.floor(n / 5)))}`;
const personDn = (i: number) => `uid=user${i},${deptDn((i % DEPTS) + 1)}`;

function ldif(): string {
  const out = [`dn: ${SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\ndc: bench\no: 基准测试公司\n`];
  // Parents before children: slapadd checks that each entry's parent exists.
  const order = Array.from({ length: DEPTS }, (_, i) => i + 1).sort((a, b) => deptDn(a).length - deptDn(b).length);
  for (const n of order) out.push(`dn: ${deptDn(n)}\nobjectClass: organizationalUnit\nou: 部门${n}\n`);
  out.push(`dn: ou=群组,${SUFFIX}\nobjectClass: organizationalUnit\nou: 群组\n`);
  for (let i = 0; i < PEOPLE; i++)
    out.push(
      `dn: ${personDn(i)}\nobjectClass: inetOrgPerson\nuid: user${i}\ncn: 员工${i}\nsn: 员\nemployeeNumber: ${10_000 + i}\n`,
    );
  for (let g = 0; g < GROUPS; g++) {
    const members = Array.from({ length: PEOPLE / GROUPS }, (_, k) => `member: ${personDn(g + k * GROUPS)}`);
    out.push(`dn: cn=组${g},ou=群组,${SUFFIX}\nobjectClass: groupOfNames\ncn: 组${g}\n${members.join('\n')}\n`);
  }
  return out.join('\n');
}

const text = ldif();
const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
for (const backend of ['sqlite', ...(pgUrl ? ['postgres'] : [])]) {
  let t = performance.now();
  const slapd = await startSlapd(SUFFIX, text);
  const loadMs = performance.now() - t;
  const source: DirectorySource = {
    name: 'ldap',
    kind: 'ldap',
    url: slapd.url,
    bindDn: slapd.rootDn,
    bindPassword: slapd.rootPassword,
    baseDn: SUFFIX,
    departmentFilter: '(|(objectClass=organization)(&(objectClass=organizationalUnit)(!(ou=群组))))',
    timeoutMs: 120_000,
    rules: [{ group: '组0', role: 'customer-service' }],
  };
  const dir = await mkdtemp(join(os.tmpdir(), 'plaint-ldapbench-'));
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  if (backend === 'postgres') await ensurePgSchema(pgUrl as string, schema);
  const ctx = await openApp({
    ...configFromEnv({}),
    dataDir: dir,
    databaseUrl: backend === 'postgres' ? pgUrl : undefined,
    pgSchema: backend === 'postgres' ? schema : undefined,
  });
  try {
    t = performance.now();
    const first = await syncSource(ctx, source, { dryRun: false });
    const firstMs = performance.now() - t;
    const admin = new Client({ url: slapd.url });
    await admin.bind(slapd.rootDn, slapd.rootPassword);
    // People 1, 101, 201 …: not in group 组0's members, so only the deletions change.
    for (let i = 1; i < PEOPLE; i += 100) await admin.del(personDn(i));
    await admin.unbind();
    t = performance.now();
    const second = await syncSource(ctx, source, { dryRun: false });
    const secondMs = performance.now() - t;
    console.log(
      `ldap → ${backend}: slapadd ${(loadMs / 1000).toFixed(1)} s; first sync ${(firstMs / 1000).toFixed(1)} s ` +
        `${JSON.stringify(first.counts)}; second sync ${(secondMs / 1000).toFixed(1)} s ${JSON.stringify(second.counts)}`,
    );
  } finally {
    await ctx.close();
    await slapd.stop();
    if (backend === 'postgres') await dropPgSchema(pgUrl as string, schema);
    await rm(dir, { recursive: true, force: true });
  }
}
