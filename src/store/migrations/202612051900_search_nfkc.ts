import { sql, type Kysely } from 'kysely';
import { searchTokens } from '../search.ts';

/**
 * Issue 19: search folds text with NFKC (store/search.ts `foldForSearch`), so ＡＬＰＨＡＭＡＲＫ and
 * ALPHAMARK, １２３ and 123 are the same words. A data backfill: cases indexed before held the
 * full-width forms as their tokens, which a folded query no longer matches; their tokens are
 * computed again. Only cases whose text NFKC changes are rewritten.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  let after = '';
  for (;;) {
    const rows = await sql<{ id: string; tracking_no: string; subject: string; description: string }>`
      select id, tracking_no, subject, description from cases where id > ${after} order by id limit 1000`.execute(db);
    if (rows.rows.length === 0) break;
    for (const r of rows.rows) {
      const text = `${r.subject}\n${r.description}\n${r.tracking_no}`;
      if (text.normalize('NFKC') === text) continue;
      await sql`update case_search set tokens = ${searchTokens(r.subject, r.description, r.tracking_no)} where case_id = ${r.id}`.execute(
        db,
      );
    }
    after = rows.rows[rows.rows.length - 1]!.id;
  }
}

/** Nothing to undo: folded tokens are still tokens of the same text. */
export async function down(_db: Kysely<unknown>): Promise<void> {}
