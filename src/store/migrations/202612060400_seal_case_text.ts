import { sql, type Kysely } from 'kysely';
import { respondentHash, type Db } from '../cases.repository.ts';
import { caseKeys, createCaseKeys, keyringOf, openData, openText, sealData, sealText } from '../sealing.ts';

/**
 * Issue 24: the rest of a case's own text sealed under its key — subject, respondents (names of
 * the accused) and the form data's strings (a reply, an address, custom fields) — so erasure
 * shreds them too, and an old copy of a row on the disk is ciphertext. The respondents' key table
 * (`case_respondents`) holds keyed hashes of the names from now on. Done here for every case,
 * not left to a dual read: an erased case's plain rows must not outlive the upgrade.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const store = db as unknown as Db;
  const keyring = keyringOf(store);
  await eachPage(db, async (rows) => {
    const keys = await caseKeys(
      store,
      rows.map((r) => r.id),
    );
    const missing = rows.filter((r) => !keys.has(r.id)).map((r) => r.id);
    const made = await createCaseKeys(store, missing);
    missing.forEach((id, i) => keys.set(id, made[i]!));
    for (const r of rows) {
      const key = keys.get(r.id)!;
      const plain = (value: string) => (value.startsWith('s1.') ? openText(keyring, key, value) : value);
      await sql`update cases set subject = ${sealText(key, plain(r.subject))}, respondents = ${sealText(
        key,
        plain(r.respondents),
      )}, data = ${sealData(key, openData(keyring, key, r.data))} where id = ${r.id}`.execute(db);
    }
  });
  // Respondents' names in the repeat/hotspot key table become keyed hashes (respondentHash).
  const names = await sql<{ name: string }>`select distinct name from case_respondents`.execute(db);
  for (const { name } of names.rows)
    await sql`update case_respondents set name = ${respondentHash(keyring, name)} where name = ${name}`.execute(db);
}

/** Back to plain subject, respondents and form data (the case keys stay, for what the earlier migration sealed). */
export async function down(db: Kysely<unknown>): Promise<void> {
  const store = db as unknown as Db;
  const keyring = keyringOf(store);
  await eachPage(db, async (rows) => {
    const keys = await caseKeys(
      store,
      rows.map((r) => r.id),
    );
    for (const r of rows) {
      const key = keys.get(r.id);
      await sql`update cases set subject = ${openText(keyring, key, r.subject)}, respondents = ${openText(
        keyring,
        key,
        r.respondents,
        '[]',
      )}, data = ${openData(keyring, key, r.data)} where id = ${r.id}`.execute(db);
      // The hashes cannot be undone: the names are written again from the opened respondents.
      await sql`delete from case_respondents where case_id = ${r.id}`.execute(db);
      const names = new Set(
        (JSON.parse(openText(keyring, key, r.respondents, '[]')) as { name?: unknown }[])
          .map((x) => x.name)
          .filter((n): n is string => typeof n === 'string' && n.length > 0),
      );
      for (const name of names)
        await sql`insert into case_respondents (case_id, procedure_id, name, received_at) values (${r.id}, ${r.procedure_id}, ${name}, ${r.received_at})`.execute(
          db,
        );
    }
  });
}

type Row = {
  id: string;
  procedure_id: string;
  received_at: string;
  subject: string;
  respondents: string;
  data: string;
};

async function eachPage(db: Kysely<unknown>, work: (rows: Row[]) => Promise<void>): Promise<void> {
  for (let after = ''; ; ) {
    const page = await sql<Row>`
      select id, procedure_id, received_at, subject, respondents, data from cases where id > ${after} order by id limit 500`.execute(
      db,
    );
    if (page.rows.length === 0) return;
    await work(page.rows);
    after = page.rows[page.rows.length - 1]!.id;
  }
}
