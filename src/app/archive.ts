import { strToU8, zipSync, type Zippable } from 'fflate';
import type { Actor } from '../domain/case.ts';
import { DomainError } from '../domain/errors.ts';
import { scope } from '../domain/policy.ts';
import { caseAttachmentFiles } from '../store/attachments.repository.ts';
import { inScope } from '../store/cases.repository.ts';
import { findOrgUnit } from '../store/org.repository.ts';
import type { AppContext } from './context.ts';
import { staffCaseView } from './case-views.ts';
import { msg } from '../domain/messages.ts';
import { summaryHtml } from './archive-summary.ts';

const MAX_BUNDLE = 5000;

/**
 * Entries made "on Unix" (version made by 3), a regular file rw-r--r--: fflate's default claims
 * MS-DOS, and Info-ZIP's `unzip` 6.0 then converts the (UTF-8 flagged) names from the DOS code page,
 * so 说明.txt lists as mojibake. From Unix it takes the bytes as they are (issue 24).
 */
const UNIX_ENTRY = { os: 3, attrs: (0o100644 << 16) >>> 0 } as const;

/**
 * The case file (归档材料, ARC-1): one ZIP with the case and its timeline as JSON, the attachments,
 * and a print-ready Chinese summary (summary.html, CJK font stack, print stylesheet). Identities are
 * masked as the reader sees them.
 */
export async function caseFile(
  ctx: AppContext,
  caseId: string,
  actor: Actor,
): Promise<{ trackingNo: string; zip: Uint8Array }> {
  const view = await staffCaseView(ctx, caseId, actor);
  const files: Zippable = {
    'case.json': strToU8(
      JSON.stringify({ ...view, timeline: undefined, exportedAt: ctx.now().toISOString() }, null, 2),
    ),
    'timeline.json': strToU8(JSON.stringify(view.timeline, null, 2)),
    'summary.html': strToU8(await summaryHtml(ctx, view)),
  };
  for (const a of await caseAttachmentFiles(ctx.store.db, view.id))
    if (a.content) files[`attachments/${a.id}-${safeName(a.fileName)}`] = new Uint8Array(a.content);
  return { trackingNo: view.trackingNo, zip: zipSync(files, { level: 6, ...UNIX_ENTRY }) };
}

export type BundleFilter = { from: string; to: string; unit?: string };

/** A period's (or a unit's) closed cases, one case file each, in one ZIP. */
export async function archiveBundle(
  ctx: AppContext,
  filter: BundleFilter,
  actor: Actor,
): Promise<{ count: number; zip: Uint8Array }> {
  const unit = filter.unit ? await findOrgUnit(ctx.store.db, filter.unit) : undefined;
  if (filter.unit && !unit)
    throw new DomainError('VALIDATION_FAILED', msg('common.noSuchOrgUnit'), {
      issues: [{ path: 'unit', message: 'unknown org unit' }],
    });
  const s = scope(actor, ctx.procedures.latestAll());
  let query = ctx.store.db
    .selectFrom('cases')
    .select('id')
    .where((eb) => inScope(eb, s))
    .where('closed_at', 'is not', null)
    .where('closed_at', '>=', filter.from)
    .where('closed_at', '<', filter.to);
  if (unit) query = query.where('org_unit_path', 'like', `${unit.path}%`);
  const rows = await query
    .orderBy('id')
    .limit(MAX_BUNDLE + 1)
    .execute();
  if (rows.length > MAX_BUNDLE)
    throw new DomainError('VALIDATION_FAILED', msg('archive.atMostMaxBundleCases', { maxBundle: MAX_BUNDLE }), {
      issues: [{ path: 'from', message: 'period too long' }],
    });
  const files: Zippable = {};
  for (const row of rows) {
    const file = await caseFile(ctx, row.id, actor);
    files[`${file.trackingNo}.zip`] = [file.zip, { level: 0 }];
  }
  return { count: rows.length, zip: zipSync(files, UNIX_ENTRY) };
}

function safeName(name: string): string {
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 120);
}
