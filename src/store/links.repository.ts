import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export type LinkRow = {
  from_case_id: string;
  to_case_id: string;
  kind: string;
  note: string | null;
  created_at: string;
};

/** Records links; a link that exists already is left as it is. */
export async function insertLinks(db: Db, links: LinkRow[]): Promise<void> {
  if (links.length === 0) return;
  await db
    .insertInto('case_links')
    .values(links)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** A case's links both ways, with the other case's tracking number, procedure, kind and state. */
export async function linksOf(db: Db, caseId: string) {
  const outgoing = db
    .selectFrom('case_links as l')
    .innerJoin('cases as c', 'c.id', 'l.to_case_id')
    .select([
      'l.kind',
      'l.note',
      'l.created_at',
      'c.id',
      'c.tracking_no',
      'c.procedure_id',
      'c.kind as case_kind',
      'c.status',
      'c.org_unit_path',
    ])
    .where('l.from_case_id', '=', caseId);
  const incoming = db
    .selectFrom('case_links as l')
    .innerJoin('cases as c', 'c.id', 'l.from_case_id')
    .select([
      'l.kind',
      'l.note',
      'l.created_at',
      'c.id',
      'c.tracking_no',
      'c.procedure_id',
      'c.kind as case_kind',
      'c.status',
      'c.org_unit_path',
    ])
    .where('l.to_case_id', '=', caseId);
  const [to, from] = await Promise.all([outgoing.execute(), incoming.execute()]);
  return [
    ...to.map((r) => ({ ...r, direction: 'to' as const })),
    ...from.map((r) => ({ ...r, direction: 'from' as const })),
  ].sort((a, b) => a.created_at.localeCompare(b.created_at));
}

/** Whether the case's decision was appealed already (APL-1: one appeal per decision). */
export async function hasAppeal(db: Db, caseId: string): Promise<boolean> {
  return Boolean(
    await db
      .selectFrom('case_links')
      .select('to_case_id')
      .where('from_case_id', '=', caseId)
      .where('kind', '=', 'appeal')
      .executeTakeFirst(),
  );
}
