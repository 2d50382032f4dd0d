import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Db } from '../cases.repository.ts';
import { indexTokens } from '../cases.repository.ts';
import { searchTokens } from '../search.ts';
import { caseKeys, createCaseKeys, keyringOf, openText, sealText, type CaseKey } from '../sealing.ts';
import { createCipheriv, randomBytes } from 'node:crypto';

/**
 * Issue 24, crypto-shredding: a data key per case (`case_keys`, store/sealing.ts), attachments
 * sealed per case (`case_attachments.content`), and the existing cases' content sealed and their
 * search tokens replaced by keyed hashes — in this migration, not left to a dual read, because the
 * search index must hold no words at all and an erased case's older plain rows must not outlive
 * the upgrade. (The reads still accept unsealed values: an instance of the previous version may
 * write some during a rolling upgrade.) Files stored before stay in `attachments` as they were,
 * until their case is erased; the migration does not copy them (they may be large and shared).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('case_keys')
    .addColumn('case_id', 'text', (c) => c.primaryKey())
    .addColumn('kid', 'text', (c) => c.notNull())
    .addColumn('wrapped', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .alterTable('case_attachments')
    .addColumn('content', pg ? 'bytea' : 'blob')
    .execute();
  const store = db as unknown as Db;
  const keyring = keyringOf(store);
  await eachCase(db, async (ids) => {
    const keys = await createCaseKeys(store, ids);
    const byCase = new Map(ids.map((id, i) => [id, keys[i]!]));
    await reseal(db, byCase, (value, key) => sealText(key!, openText(keyring, undefined, value)));
    for (const id of ids) {
      const r = (
        await sql<{ subject: string; description: string; tracking_no: string }>`
          select subject, description, tracking_no from cases where id = ${id}`.execute(db)
      ).rows[0]!;
      const description = openText(keyring, byCase.get(id), r.description);
      await sql`update case_search set tokens = ${indexTokens(keyring, { ...r, description })} where case_id = ${id}`.execute(
        db,
      );
    }
  });
}

/** Back to plain text and plain tokens, identities under the instance key as before. */
export async function down(db: Kysely<unknown>): Promise<void> {
  const store = db as unknown as Db;
  const keyring = keyringOf(store);
  await eachCase(db, async (ids) => {
    const keys = await caseKeys(store, ids);
    const all = new Map<string, CaseKey | undefined>(ids.map((id) => [id, keys.get(id)]));
    await reseal(db, all, (value, key, column) => {
      const plain = openText(keyring, key, value);
      return column === 'submitter_enc' ? legacySeal(keyring.legacyKey, plain) : plain;
    });
    for (const id of ids) {
      const r = (
        await sql<{ subject: string; description: string; tracking_no: string }>`
          select subject, description, tracking_no from cases where id = ${id}`.execute(db)
      ).rows[0]!;
      await sql`update case_search set tokens = ${searchTokens(r.subject, r.description, r.tracking_no)} where case_id = ${id}`.execute(
        db,
      );
    }
  });
  await db.schema.alterTable('case_attachments').dropColumn('content').execute();
  await db.schema.dropTable('case_keys').execute();
}

/** The instance-key format of app/secrets.ts `encrypt`, which identities had before this migration. */
function legacySeal(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

async function eachCase(db: Kysely<unknown>, work: (ids: string[]) => Promise<void>): Promise<void> {
  for (let after = ''; ; ) {
    const page = await sql<{ id: string }>`select id from cases where id > ${after} order by id limit 500`.execute(db);
    if (page.rows.length === 0) return;
    await work(page.rows.map((r) => r.id));
    after = page.rows[page.rows.length - 1]!.id;
  }
}

/** Rewrites every sealed column of these cases through `convert`. */
async function reseal(
  db: Kysely<unknown>,
  keys: Map<string, CaseKey | undefined>,
  convert: (value: string, key: CaseKey | undefined, column: string) => string,
): Promise<void> {
  for (const id of keys.keys()) {
    const key = keys.get(id);
    const c = (
      await sql<{ description: string; submitter_enc: string | null }>`
        select description, submitter_enc from cases where id = ${id}`.execute(db)
    ).rows[0]!;
    await sql`update cases set description = ${convert(c.description, key, 'description')}, submitter_enc = ${
      c.submitter_enc === null ? null : convert(c.submitter_enc, key, 'submitter_enc')
    } where id = ${id}`.execute(db);
    const events = await sql<{
      seq: number;
      input: string;
    }>`select seq, input from case_events where case_id = ${id}`.execute(db);
    for (const e of events.rows)
      await sql`update case_events set input = ${convert(e.input, key, 'input')} where case_id = ${id} and seq = ${e.seq}`.execute(
        db,
      );
    const requests = await sql<{ id: string; details: string; answer: string | null }>`
      select id, details, answer from data_requests where case_id = ${id}`.execute(db);
    for (const r of requests.rows)
      await sql`update data_requests set details = ${convert(r.details, key, 'details')}, answer = ${
        r.answer === null ? null : convert(r.answer, key, 'answer')
      } where id = ${r.id}`.execute(db);
    const notices = await sql<{ id: string; title: string; body: string }>`
      select id, title, body from staff_notifications where case_id = ${id}`.execute(db);
    for (const n of notices.rows)
      await sql`update staff_notifications set title = ${convert(n.title, key, 'title')}, body = ${convert(n.body, key, 'body')} where id = ${n.id}`.execute(
        db,
      );
  }
}
