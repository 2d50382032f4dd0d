import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAttachment } from '../src/app/attachments.ts';
import { verifyAudit } from '../src/app/audit.ts';
import { createToken, addUser } from '../src/app/auth.ts';
import { openApp, type AppContext } from '../src/app/context.ts';
import { replayErasures } from '../src/app/erasure-replay.ts';
import { ledgerFile, readLedger } from '../src/app/erasure-ledger.ts';
import { addOrgUnit } from '../src/app/org.ts';
import { setProcedureIntakeUnit } from '../src/app/reach.ts';
import { runRetention } from '../src/app/retention.ts';
import { backupSqlite, restoreSqlite } from '../src/store/backup.ts';
import { findCaseById } from '../src/store/cases.repository.ts';
import { caseKey, ERASED_TEXT, keyringOf } from '../src/store/sealing.ts';
import { BACKENDS, TestClock } from './support/backends.ts';
import { complaint, startHarness, type Harness } from './support/harness.ts';

/**
 * Issue 24, CON-4, PIPL Art 47: erased means gone from the disk. Three cases carry a known name,
 * mobile number, ID number and e-mail in their description, a message from the submitter, a
 * staff message, a closing note and a text attachment; a backup is made; one case's deletion is
 * granted, one passes its personal-data period (de-identified), one its record period (purged).
 * After the erasure batch no file of the database — SQLite's file, WAL and -shm; PostgreSQL's
 * table, index and TOAST files after a checkpoint — holds any of the strings in any form the code
 * could store them, nor the erased cases' wrapped keys. The backup, restored and replayed from the
 * erasure ledger, shows the cases erased, and its files are clean too.
 */
type Person = { name: string; phone: string; idNumber: string; email: string };
const PEOPLE: Record<'granted' | 'aged' | 'purged', Person> = {
  granted: { name: '欧阳娜娜', phone: '13911112222', idNumber: '110101199003071234', email: 'nana.ouyang@example.com' },
  aged: { name: '司马光明', phone: '13933334444', idNumber: '310104198512125678', email: 'guangming.sima@example.org' },
  purged: { name: '诸葛亮亮', phone: '13955556666', idNumber: '440305197001019876', email: 'liangliang@example.net' },
};
const FILED: Record<keyof typeof PEOPLE, string> = {
  purged: '2015-06-01T01:00:00.000Z',
  aged: '2022-06-01T01:00:00.000Z',
  granted: '2026-06-01T01:00:00.000Z',
};

/** Every way the code could have written a string: UTF-8, UTF-16, base64 (any alignment), hex, JSON escapes. */
function encodings(text: string): Buffer[] {
  const utf8 = Buffer.from(text, 'utf8');
  const forms = [utf8, Buffer.from(text, 'utf16le'), Buffer.from(text, 'utf16le').swap16()];
  for (let shift = 0; shift < 3; shift++) {
    // The base64 of the string wherever it starts: drop the characters the padding shares.
    const b64 = Buffer.concat([Buffer.alloc(shift), utf8]).toString('base64');
    const inner = b64.slice(shift === 0 ? 0 : Math.ceil((shift * 4) / 3), b64.length - 4);
    forms.push(Buffer.from(inner), Buffer.from(inner.replace(/\+/g, '-').replace(/\//g, '_')));
  }
  forms.push(Buffer.from(utf8.toString('hex')), Buffer.from(utf8.toString('hex').toUpperCase()));
  forms.push(Buffer.from(text.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)));
  return forms;
}

function hits(haystack: Buffer, needles: string[]): string[] {
  const found: string[] = [];
  for (const needle of needles)
    for (const form of encodings(needle)) if (form.length > 0 && haystack.includes(form)) found.push(needle);
  return [...new Set(found)];
}

/** The bytes of the database on disk. */
async function diskBytes(ctx: AppContext): Promise<Buffer> {
  if (ctx.store.dialect === 'sqlite') {
    const file = join(ctx.config.dataDir, 'plaint.sqlite');
    return Buffer.concat([file, `${file}-wal`, `${file}-shm`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
  }
  // Dirty pages reach the files at a checkpoint (within checkpoint_timeout); the test does not wait.
  await sql`checkpoint`.execute(ctx.store.db);
  const dataDir = (await sql<{ d: string }>`select current_setting('data_directory') as d`.execute(ctx.store.db))
    .rows[0]!.d;
  const relations = await sql<{ path: string | null }>`
    select pg_relation_filepath(c.oid) as path from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema()
    union all
    select pg_relation_filepath(t.oid) from pg_class c join pg_namespace n on n.oid = c.relnamespace
      join pg_class t on t.oid = c.reltoastrelid where n.nspname = current_schema()
    union all
    select pg_relation_filepath(i.indexrelid) from pg_class c join pg_namespace n on n.oid = c.relnamespace
      join pg_index i on i.indrelid = c.reltoastrelid where n.nspname = current_schema()`.execute(ctx.store.db);
  const chunks: Buffer[] = [];
  for (const { path } of relations.rows) {
    if (!path) continue;
    for (let segment = 0; ; segment++) {
      const file = join(dataDir, segment === 0 ? path : `${path}.${segment}`);
      if (existsSync(file)) chunks.push(readFileSync(file));
      else if (segment === 0) {
        // Not readable as this user: ask the server (superuser).
        const r = await sql<{ b: Buffer }>`select pg_read_binary_file(${path}) as b`.execute(ctx.store.db);
        chunks.push(Buffer.from(r.rows[0]!.b));
        break;
      } else break;
    }
  }
  return Buffer.concat(chunks);
}

describe.each(BACKENDS)('erasure down to the bytes on $name', (backend) => {
  let h: Harness;
  const clock = new TestClock('2015-06-01T01:00:00.000Z');
  let service: { token: string };
  let manager: { token: string };
  const cases: Record<string, { id: string; trackingNo: string; receipt: string }> = {};
  const oldKeys: string[] = [];
  const backupDir = mkdtempSync(join(tmpdir(), 'plaint-erasure-backup-'));
  const needles = Object.values(PEOPLE).flatMap((p) => [p.name, p.phone, p.idNumber, p.email]);

  const search = async (q: string) =>
    (await h.call('GET', `/api/v1/cases?q=${encodeURIComponent(q)}`, { token: service.token })).json().items as {
      id: string;
    }[];

  async function file(key: keyof typeof PEOPLE) {
    clock.set(FILED[key]);
    const p = PEOPLE[key];
    const res = await h.call('POST', '/api/v1/public/cases', {
      body: complaint({
        // Issue 24: the name also in the subject, the respondents, the place and the form's fields
        // and requested outcome — all of it sealed under the case key, as the description is.
        subject: `${p.name}的冰箱不制冷`,
        description: `我叫${p.name}，手机${p.phone}，身份证号${p.idNumber}，邮箱${p.email}。冰箱买来第二天就坏了。`,
        submitter: { name: p.name, phone: p.phone, email: p.email },
        respondents: [
          { name: '人民路门店', type: 'business' },
          { name: `${p.name}的邻居`, type: 'person' },
        ],
        location: `${p.name}家，电话${p.phone}`,
        requestedOutcome: `请联系${p.name}：${p.email}`,
        fields: { orderNo: p.idNumber, productName: '双门冰箱 BCD-300', store: `${p.name}常去的门店` },
      }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const { trackingNo, receipt } = res.json();
    const id = (await h.call('GET', `/api/v1/cases?q=${trackingNo}`, { token: service.token })).json().items[0].id;
    cases[key] = { id, trackingNo, receipt };
    const message = await h.call('POST', `/api/v1/public/cases/${trackingNo}/messages`, {
      headers: { 'x-receipt': receipt },
      body: { text: `我是${p.name}，请打${p.phone}` },
    });
    expect(message.statusCode, message.body).toBeLessThan(300);
    await addAttachment(
      h.ctx,
      id,
      { name: '说明.txt', bytes: Buffer.from(`${p.name} ${p.phone} ${p.idNumber} ${p.email}`) },
      { kind: 'submitter', caseId: id },
      'public',
    );
    const reply = await h.call('POST', `/api/v1/cases/${id}/messages`, {
      token: service.token,
      body: { text: `${p.name}您好，我们已收到，会打${p.phone}联系您。` },
    });
    expect(reply.statusCode, reply.body).toBe(201);
    const detail = (await h.call('GET', `/api/v1/cases/${id}`, { token: service.token })).json();
    const closed = await h.call('POST', `/api/v1/cases/${id}/actions/close-invalid`, {
      token: service.token,
      body: {
        // The reply is kept in the case's form data (sealed, issue 24); the reason is a timeline note.
        input: {
          reply: `${p.name}您好，该冰箱已过保修期，已发邮件到${p.email}。`,
          reason: `已电话${p.phone}告知${p.name}`,
        },
        expectedVersion: detail.version,
      },
    });
    expect(closed.statusCode, closed.body).toBe(200);
  }

  beforeAll(async () => {
    h = await startHarness(backend, clock);
    const company = await addOrgUnit(h.ctx, { name: '幸福家电有限公司' }, 'system:test');
    const department = await addOrgUnit(h.ctx, { name: '客户服务部', parent: company.id }, 'system:test');
    const make = async (username: string, role: string, unitId: string) => {
      await addUser(
        h.ctx,
        { username, password: 'correct horse battery', roles: [{ role, unitId }], isAdmin: false },
        'system:test',
      );
      return { token: (await createToken(h.ctx, username, 't', 'system:test')).token };
    };
    // Portal complaints land in the customer-service department (RTE-1).
    await setProcedureIntakeUnit(h.ctx, 'customer-complaint', department.id, 'system:test');
    service = await make('cs-erasure', 'customer-service', department.id);
    manager = await make('dpo-erasure', 'customer-service-manager', company.id);
    for (const key of ['purged', 'aged', 'granted'] as const) await file(key);
    clock.set('2026-11-30T01:00:00.000Z');
  });
  afterAll(async () => {
    await h?.close();
    rmSync(backupDir, { recursive: true, force: true });
  });

  it('holds the strings nowhere in plain text even before erasure: content is sealed under case keys', async () => {
    expect(await search(PEOPLE.granted.name)).toHaveLength(1);
    expect(hits(await diskBytes(h.ctx), needles)).toEqual([]);
  });

  it('makes a backup before the erasure', async () => {
    if (h.ctx.store.dialect === 'sqlite') await backupSqlite(h.ctx.config.dataDir, backupDir, false);
    else pgDump(h.ctx, join(backupDir, 'dump'));
    const keys = await h.ctx.store.db.selectFrom('case_keys').select(['case_id', 'wrapped']).execute();
    for (const k of keys) if (Object.values(cases).some((c) => c.id === k.case_id)) oldKeys.push(k.wrapped);
    expect(oldKeys).toHaveLength(3);
  });

  it('erases a granted deletion, a de-identification and a purge; their keys leave the files', async () => {
    const asked = await h.call('POST', `/api/v1/public/cases/${cases.granted.trackingNo}/data-requests`, {
      headers: { 'x-receipt': cases.granted.receipt },
      body: { type: 'delete', details: `请删除${PEOPLE.granted.name}的信息` },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const list = (await h.call('GET', '/api/v1/data-requests?status=open', { token: manager.token })).json().items;
    const granted = await h.call('POST', `/api/v1/data-requests/${list[0].id}/answer`, {
      token: manager.token,
      body: { decision: 'fulfil', answer: '已删除您的个人信息' },
    });
    expect(granted.statusCode, granted.body).toBe(200);
    const report = await runRetention(h.ctx, { dryRun: false });
    expect(report.deleted).toEqual([cases.purged.trackingNo]);
    expect(report.deidentified).toEqual([cases.aged.trackingNo]);

    expect(hits(await diskBytes(h.ctx), [...needles, ...oldKeys])).toEqual([]);
    expect((await findCaseById(h.ctx.store.db, cases.granted.id))?.submitter_enc).toBeNull();
    expect(await findCaseById(h.ctx.store.db, cases.purged.id)).toBeUndefined();
    expect(readLedger(h.ctx).map((e) => [e.caseId, e.kind])).toEqual(
      expect.arrayContaining([
        [cases.granted.id, 'deidentified'],
        [cases.aged.id, 'deidentified'],
        [cases.purged.id, 'deleted'],
      ]),
    );
    expect((await verifyAudit(h.ctx)).ok).toBe(true);
  });

  it('finds the erased name nowhere in the search index, before and after an optimise', async () => {
    for (const p of Object.values(PEOPLE)) expect(await search(p.name)).toEqual([]);
    if (h.ctx.store.dialect === 'sqlite')
      await sql`insert into case_fts(case_fts) values ('optimize')`.execute(h.ctx.store.db);
    else await sql`vacuum analyze case_search`.execute(h.ctx.store.db);
    for (const p of Object.values(PEOPLE)) expect(await search(p.name)).toEqual([]);
    expect(await search('冰箱')).toHaveLength(2);
  });

  it('restores the backup erased: the ledger replays, and the restored files hold no old key', async () => {
    let restored: AppContext;
    let dispose: () => Promise<void>;
    if (h.ctx.store.dialect === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'plaint-erasure-restored-'));
      restoreSqlite(backupDir, dir, false);
      restored = await openApp({ ...h.ctx.config, dataDir: dir, erasureLedger: ledgerFile(h.ctx) }, { now: clock.now });
      dispose = async () => {
        await restored.close();
        rmSync(dir, { recursive: true, force: true });
      };
    } else {
      pgRestore(h.ctx, join(backupDir, 'dump'));
      restored = await openApp(h.ctx.config, { now: clock.now });
      dispose = () => restored.close();
    }
    try {
      // Before the replay the backup holds the cases as they were (this is what the ledger is for).
      expect((await findCaseById(restored.store.db, cases.granted.id))?.submitter_enc).toContain(PEOPLE.granted.phone);
      const replay = await replayErasures(restored);
      expect(replay.deleted).toEqual([cases.purged.trackingNo]);
      expect(replay.deidentified.sort()).toEqual([cases.aged.trackingNo, cases.granted.trackingNo].sort());
      expect((await findCaseById(restored.store.db, cases.granted.id))?.submitter_enc).toBeNull();
      expect((await findCaseById(restored.store.db, cases.granted.id))?.deidentified_at).not.toBeNull();
      expect(await findCaseById(restored.store.db, cases.purged.id)).toBeUndefined();
      expect(hits(await diskBytes(restored), [...needles, ...oldKeys])).toEqual([]);
      expect((await verifyAudit(restored)).ok).toBe(true);
    } finally {
      await dispose();
    }
  });
});

/**
 * Lists open subjects with case keys the process remembers unwrapped (Keyring.caseKeyCache): the
 * inbox and search no longer pay two AES operations per row. A shortcut that must never outlive the
 * key on the disk: each read asks the database for the key, and erasure forgets it at once.
 */
describe.each(BACKENDS)('remembered case keys on $name', (backend) => {
  const clock = new TestClock('2026-11-30T02:00:00.000Z');
  let h: Harness;
  let staff: { token: string };
  let manager: { token: string };

  const subjects = async (q = '') => {
    const res = await h.call('GET', `/api/v1/cases${q ? `?q=${encodeURIComponent(q)}` : ''}`, { token: staff.token });
    expect(res.statusCode, res.body).toBe(200);
    return new Map((res.json().items as { id: string; subject: string }[]).map((c) => [c.id, c.subject]));
  };
  const file = async (name: string, subject: string) => {
    clock.advance(60_000);
    const res = await h.call('POST', '/api/v1/public/cases', {
      body: complaint({ subject, description: `我叫${name}，冰箱坏了。`, submitter: { name, phone: '13900001111' } }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const { trackingNo, receipt } = res.json();
    const id = (await h.call('GET', `/api/v1/cases?q=${trackingNo}`, { token: staff.token })).json().items[0].id;
    return { id: id as string, trackingNo: trackingNo as string, receipt: receipt as string };
  };

  beforeAll(async () => {
    h = await startHarness(backend, clock);
    staff = await h.staff('cs-keys', ['customer-service']);
    manager = await h.staff('dpo-keys', ['customer-service-manager']);
  });
  afterAll(async () => h?.close());

  it('serves no remembered key once its row is gone, though this process was not told (another instance, a replay)', async () => {
    const filed = await file('欧阳娜娜', '欧阳娜娜的冰箱不制冷');
    expect((await subjects()).get(filed.id)).toBe('欧阳娜娜的冰箱不制冷');
    const keyring = keyringOf(h.ctx.store.db);
    expect(keyring.caseKeyCache.has(filed.id)).toBe(true);
    // Shredded behind this process's back: its memory still holds the key and the opened subject.
    await h.ctx.store.db.deleteFrom('case_keys').where('case_id', '=', filed.id).execute();
    expect((await subjects()).get(filed.id)).toBe(ERASED_TEXT);
    expect((await subjects('冰箱')).get(filed.id)).toBe(ERASED_TEXT);
    expect(keyring.caseKeyCache.has(filed.id)).toBe(false);
    expect(await caseKey(h.ctx.store.db, filed.id)).toBeUndefined();
  });

  it('forgets the key in the erasing transaction: after a granted deletion the old key is neither used nor kept', async () => {
    const filed = await file('司马光明', '司马光明的洗衣机漏水');
    expect((await subjects()).get(filed.id)).toBe('司马光明的洗衣机漏水');
    const keyring = keyringOf(h.ctx.store.db);
    const remembered = keyring.caseKeyCache.get(filed.id)!.key;
    const asked = await h.call('POST', `/api/v1/public/cases/${filed.trackingNo}/data-requests`, {
      headers: { 'x-receipt': filed.receipt },
      body: { type: 'delete', details: '请删除司马光明的信息' },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const granted = await h.call('POST', `/api/v1/data-requests/${asked.json().id}/answer`, {
      token: manager.token,
      body: { decision: 'fulfil', answer: '已删除您的个人信息' },
    });
    expect(granted.statusCode, granted.body).toBe(200);
    expect(keyring.caseKeyCache.get(filed.id)?.key).not.toBe(remembered);
    const subject = (await subjects()).get(filed.id);
    expect(subject).toBeDefined();
    expect(subject).not.toContain('司马光明');
    expect(subject).not.toBe(ERASED_TEXT); // the redacted subject, sealed under the case's new key
    expect(keyring.caseKeyCache.get(filed.id)?.key).not.toBe(remembered);
    expect((await caseKey(h.ctx.store.db, filed.id))!.kid).not.toBe(remembered.kid);
  });
});

function pgArgs(ctx: AppContext): string[] {
  const url = new URL(ctx.config.databaseUrl!);
  return ['-h', url.hostname, '-p', url.port || '5432', '-U', url.username || 'postgres', url.pathname.slice(1)];
}

function pgDump(ctx: AppContext, file: string): void {
  execFileSync('pg_dump', ['-Fc', '-n', ctx.config.pgSchema!, '-f', file, ...pgArgs(ctx)]);
}

/** As an operator restores a dump: the schema replaced by the dump's. */
function pgRestore(ctx: AppContext, file: string): void {
  const [h, host, p, port, u, user, db] = pgArgs(ctx);
  execFileSync('psql', [
    h!,
    host!,
    p!,
    port!,
    u!,
    user!,
    '-d',
    db!,
    '-c',
    `drop schema ${ctx.config.pgSchema} cascade`,
  ]);
  execFileSync('pg_restore', [h!, host!, p!, port!, u!, user!, '-d', db!, file]);
}
