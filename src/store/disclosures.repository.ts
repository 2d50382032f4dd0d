import type { Selectable, Updateable } from 'kysely';
import type { Db } from './cases.repository.ts';
import type { DisclosureTable } from './schema.ts';

export type DisclosureRow = Selectable<DisclosureTable>;
export type DisclosureChanges = Omit<Updateable<DisclosureTable>, 'id' | 'case_id' | 'version'>;

export async function insertDisclosure(db: Db, row: DisclosureRow): Promise<void> {
  await db.insertInto('disclosures').values(row).execute();
}

export async function findDisclosure(db: Db, id: string): Promise<DisclosureRow | undefined> {
  return db.selectFrom('disclosures').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Applies changes only if nobody changed the row since `version` was read; true when it did. */
export async function updateDisclosureIfVersion(
  db: Db,
  id: string,
  version: number,
  changes: DisclosureChanges,
): Promise<boolean> {
  const result = await db
    .updateTable('disclosures')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function listDisclosures(
  db: Db,
  filter: { caseId?: string; status?: string; limit?: number },
): Promise<DisclosureRow[]> {
  let query = db.selectFrom('disclosures').selectAll();
  if (filter.caseId) query = query.where('case_id', '=', filter.caseId);
  if (filter.status) query = query.where('status', '=', filter.status);
  return query
    .orderBy('proposed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 200)
    .execute();
}

/** LIKE wildcards are dropped rather than escaped: SQLite has no default escape character. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '');
}

/** Published items, newest first, by business name (part of it) and category; with the total for paging. */
export async function publicDisclosures(
  db: Db,
  q: { business?: string; category?: string; page: number; pageSize: number },
) {
  let query = db.selectFrom('disclosures').where('status', '=', 'published');
  if (q.business) query = query.where('business_name', 'like', `%${escapeLike(q.business)}%`);
  if (q.category) query = query.where('category', '=', q.category);
  const [{ count }] = await query.select((eb) => eb.fn.countAll<number | string>().as('count')).execute();
  const rows = await query
    .selectAll()
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { rows, total: Number(count) };
}

/** The categories that have published items, for the public filter. */
export async function publishedCategories(db: Db) {
  return db
    .selectFrom('disclosures')
    .select(['category', 'category_label'])
    .distinct()
    .where('status', '=', 'published')
    .where('category', 'is not', null)
    .orderBy('category')
    .execute();
}
