/**
 * Issue 20: a directory sync of 10,000 people in 500 departments, against a local 企业微信 server answering with
 * the documented shapes, on SQLite and (with BENCH_DATABASE_URL or TEST_DATABASE_URL) PostgreSQL.
 * First sync (everything created) and a second one (100 people gone, 20 departments moved and renamed).
 *   npx tsx bench/directory-sync.ts
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { configFromEnv, openApp } from '../src/app/context.ts';
import { type DirectorySource, syncSource } from '../src/app/directory/sources.ts';
import { dropPgSchema, ensurePgSchema } from '../src/store/db.ts';

const DEPTS = 500;
const PEOPLE = 10_000;

const departments = Array.from({ length: DEPTS }, (_, i) => ({
  id: i + 1,
  name: `部门${i + 1}`,
  // A tree: department n sits under department floor(n/5) (1 is the company).
  parentid: i === 0 ? 0 : Math.max(1, Math.floor((i + 1) / 5)),
}));
let users = Array.from({ length: PEOPLE }, (_, i) => ({
  userid: `user${i}`,
  name: `员工${i}`,
  department: [(i % DEPTS) + 1],
  status: 1,
}));

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  res.setHeader('content-type', 'application/json');
  if (url.pathname === '/cgi-bin/gettoken')
    return res.end(JSON.stringify({ errcode: 0, access_token: 'tok', expires_in: 7200 }));
  if (url.pathname === '/cgi-bin/department/list')
    return res.end(JSON.stringify({ errcode: 0, department: departments }));
  const dept = Number(url.searchParams.get('department_id'));
  return res.end(JSON.stringify({ errcode: 0, userlist: users.filter((u) => u.department[0] === dept) }));
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const source: DirectorySource = {
  name: 'wecom',
  kind: 'wecom',
  corpId: 'bench',
  secret: 'bench',
  baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  rules: [{ department: '2', role: 'customer-service' }],
};

const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
for (const backend of ['sqlite', ...(pgUrl ? ['postgres'] : [])]) {
  const dir = await mkdtemp(join(os.tmpdir(), 'plaint-dirbench-'));
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  if (backend === 'postgres') await ensurePgSchema(pgUrl as string, schema);
  const config = {
    ...configFromEnv({}),
    dataDir: dir,
    databaseUrl: backend === 'postgres' ? pgUrl : undefined,
    pgSchema: backend === 'postgres' ? schema : undefined,
  };
  const ctx = await openApp(config);
  const saved = users;
  const parents = departments.map((d) => d.parentid);
  try {
    let t = performance.now();
    const first = await syncSource(ctx, source, { dryRun: false });
    const firstMs = performance.now() - t;
    users = users.filter((_, i) => i % 100 !== 0);
    for (const d of departments.slice(100, 120)) {
      d.parentid = 2;
      d.name = `${d.name}（调整）`;
    }
    t = performance.now();
    const second = await syncSource(ctx, source, { dryRun: false });
    const secondMs = performance.now() - t;
    console.log(
      `${backend}: first sync ${(firstMs / 1000).toFixed(1)} s ${JSON.stringify(first.counts)}; ` +
        `second sync ${(secondMs / 1000).toFixed(1)} s ${JSON.stringify(second.counts)}`,
    );
  } finally {
    users = saved;
    for (const d of departments.slice(100, 120)) d.name = d.name.replace('（调整）', '');
    departments.forEach((d, i) => {
      d.parentid = parents[i];
    });
    await ctx.close();
    if (backend === 'postgres') await dropPgSchema(pgUrl as string, schema);
    await rm(dir, { recursive: true, force: true });
  }
}
server.close();
