import { insertStaffNotices } from '../store/staff-notifications.repository.ts';
import type { Actor } from '../domain/case.ts';
import {
  type Dimension,
  detectHotspots,
  HOTSPOT_DEFAULTS,
  type HotspotSettings,
  placeOf,
  type SeriesKey,
} from '../domain/hotspots.ts';
import type { TLabel } from '../domain/labels.ts';
import type { Scope } from '../domain/policy.ts';
import { timeOrderedId } from '../domain/ids.ts';
import { appendAudit } from '../store/audit.repository.ts';
import { findCaseById, inScope, respondentHash } from '../store/cases.repository.ts';
import { caseKeys, keyringOf, openText } from '../store/sealing.ts';
import { insertOutbox, type OutboxRow } from '../store/outbox.repository.ts';
import type { AppContext } from './context.ts';
import { statsScopeOf } from './stats.ts';

const DAY_MS = 86_400_000;
/** A series that stays hot is told to supervisors again only after this many days. */
const RENOTIFY_DAYS = 7;
/** The cases behind a hotspot, newest first, that its view links to. */
const CASES_SHOWN = 50;

export type HotspotView = SeriesKey & {
  procedureName: TLabel;
  label: TLabel;
  recent: number;
  expected: number;
  ratio: number;
  pValue: number;
  caseIds: string[];
  /** The same cases with the tracking numbers their links show. */
  cases: { id: string; trackingNo: string }[];
};

type Tally = {
  key: SeriesKey;
  recent: number;
  baseline: number;
  cases: { id: string; trackingNo: string }[];
  unitPaths: Set<string>;
};

/** Free-text fields that name where a matter happened, by procedure field name (property: room; market: business address). */
const PLACE_FIELDS = ['room', 'businessAddress', 'location', 'address'];

/**
 * The hotspots among the cases `scope` covers (issue 21): per procedure, counts by business
 * (respondent), category and place in the last `recentDays` against each series' own previous
 * `baselineDays`. Windows are rolling 24-hour days ending now. Recused cases are out of the scope
 * already, so a recused reader learns nothing of them here.
 */
export async function findHotspots(
  ctx: AppContext,
  scope: Scope,
  filter: { procedureId?: string } = {},
  settings: HotspotSettings = HOTSPOT_DEFAULTS,
): Promise<(HotspotView & { unitPaths: string[] })[]> {
  const now = ctx.now().getTime();
  const recentFrom = new Date(now - settings.recentDays * DAY_MS).toISOString();
  const from = new Date(now - (settings.recentDays + settings.baselineDays) * DAY_MS).toISOString();
  const to = new Date(now).toISOString();
  let cases = ctx.store.db
    .selectFrom('cases')
    .select(['id', 'tracking_no', 'procedure_id', 'received_at', 'category', 'data', 'org_unit_path'])
    .where('received_at', '>=', from)
    .where('received_at', '<', to)
    .where((eb) => inScope(eb, scope));
  if (filter.procedureId) cases = cases.where('procedure_id', '=', filter.procedureId);
  // Respondent names of the same window; only those of cases in the scope count (the cases query
  // above is the one that applies the policy, so both agree).
  let named = ctx.store.db
    .selectFrom('case_respondents')
    .select(['case_id', 'procedure_id', 'received_at', 'name'])
    .where('received_at', '>=', from)
    .where('received_at', '<', to);
  if (filter.procedureId) named = named.where('procedure_id', '=', filter.procedureId);
  const [caseRows, nameRows] = await Promise.all([cases.orderBy('id', 'desc').execute(), named.execute()]);
  const seen = new Map(caseRows.map((r) => [r.id, r]));
  // The form data's strings are sealed (issue 24): only the place field of a case that has one is
  // opened, with the window's keys read 500 at a time.
  const keyring = keyringOf(ctx.store.db);
  const withPlace = caseRows.filter((r) => PLACE_FIELDS.some((f) => r.data.includes(`"${f}":"`)));
  const keys = await caseKeys(
    ctx.store.db,
    withPlace.map((r) => r.id),
  );

  const tallies = new Map<string, Tally>();
  const count = (
    procedureId: string,
    dimension: Dimension,
    value: string,
    row: { id: string; tracking_no: string; received_at: string; org_unit_path: string | null },
  ) => {
    const id = `${procedureId}\u0000${dimension}\u0000${value}`;
    let t = tallies.get(id);
    if (!t) {
      t = { key: { procedureId, dimension, value }, recent: 0, baseline: 0, cases: [], unitPaths: new Set() };
      tallies.set(id, t);
    }
    if (row.received_at >= recentFrom) {
      t.recent++;
      if (t.cases.length < CASES_SHOWN) t.cases.push({ id: row.id, trackingNo: row.tracking_no });
      if (row.org_unit_path) t.unitPaths.add(row.org_unit_path);
    } else t.baseline++;
  };
  for (const row of caseRows) {
    if (row.category) count(row.procedure_id, 'category', row.category, row);
    const data = JSON.parse(row.data) as Record<string, unknown>;
    const sealed = PLACE_FIELDS.map((f) => data[f]).find((v): v is string => typeof v === 'string');
    const place = placeOf(sealed === undefined ? undefined : openText(keyring, keys.get(row.id), sealed, ''));
    if (place) count(row.procedure_id, 'place', place, row);
  }
  for (const row of nameRows.sort((a, b) => (a.case_id < b.case_id ? 1 : -1))) {
    const c = seen.get(row.case_id);
    if (c) count(row.procedure_id, 'respondent', row.name, c);
  }

  const byKey = new Map(
    [...tallies.values()].map((t) => [`${t.key.procedureId}\u0000${t.key.dimension}\u0000${t.key.value}`, t]),
  );
  const found = detectHotspots([...tallies.values()], settings);
  // case_respondents holds keyed hashes of the names (issue 24): a respondent hotspot is named
  // from the respondents of one of its cases, opened.
  const respondentNames = new Map<string, string>();
  for (const h of found) {
    if (h.dimension !== 'respondent') continue;
    const t = byKey.get(`${h.procedureId}\u0000${h.dimension}\u0000${h.value}`)!;
    const c = await findCaseById(ctx.store.db, t.cases[0]!.id);
    const list = c ? (JSON.parse(c.respondents) as { name?: unknown }[]) : [];
    const name = list.map((r) => r.name).find((n) => typeof n === 'string' && respondentHash(keyring, n) === h.value);
    if (typeof name === 'string') respondentNames.set(h.value, name);
  }
  return found.map((h) => {
    const t = byKey.get(`${h.procedureId}\u0000${h.dimension}\u0000${h.value}`)!;
    const procedure = ctx.procedures.latest(h.procedureId);
    const category = h.dimension === 'category' ? procedure?.categories.find((c) => c.id === h.value) : undefined;
    const value = respondentNames.get(h.value) ?? h.value;
    return {
      ...h,
      value,
      expected: Math.round(h.expected * 100) / 100,
      ratio: Math.round(h.ratio * 10) / 10,
      procedureName: procedure?.name ?? { 'zh-CN': h.procedureId },
      label: category?.label ?? { 'zh-CN': value },
      caseIds: t.cases.map((c) => c.id),
      cases: t.cases,
      unitPaths: [...t.unitPaths],
    };
  });
}

/**
 * GET /api/v1/hotspots for a manager: their statistics scope (403 without a manager role). The
 * window's cases are read and tallied in a read worker on SQLite (read-tasks.ts `hotspots`).
 */
export async function hotspotsFor(
  ctx: AppContext,
  actor: Actor,
  filter: { procedureId?: string },
): Promise<HotspotView[]> {
  const { heavyRead } = await import('./read-tasks.ts');
  return heavyRead(ctx, 'hotspots', { actor, filter });
}

/** The hotspots in a manager's statistics scope, computed in this thread (the read task's body). */
export async function hotspotsHere(
  ctx: AppContext,
  actor: Actor,
  filter: { procedureId?: string },
): Promise<HotspotView[]> {
  return (await findHotspots(ctx, statsScopeOf(ctx, actor), filter)).map(({ unitPaths: _u, ...h }) => h);
}

const WHAT: Record<Dimension, { 'zh-CN': string; en: string }> = {
  respondent: { 'zh-CN': '被投诉对象', en: 'business' },
  category: { 'zh-CN': '类别', en: 'category' },
  place: { 'zh-CN': '地点', en: 'place' },
};

/** The hotspot for the group robots (企业微信, 钉钉, 飞书), once, as an outbox row about no case. */
function robotNotice(ctx: AppContext, h: HotspotView, name: TLabel, key: string, at: string): OutboxRow {
  const base = ctx.config.channels.publicUrl?.replace(/\/$/, '');
  const vars = {
    procedureName: name['zh-CN'],
    procedureNameEn: name.en ?? h.procedureId,
    what: WHAT[h.dimension]['zh-CN'],
    whatEn: WHAT[h.dimension].en,
    label: h.label['zh-CN'],
    labelEn: h.label.en ?? h.label['zh-CN'],
    days: String(HOTSPOT_DEFAULTS.recentDays),
    recent: String(h.recent),
    expected: String(h.expected),
    link: base ? `${base}/staff/supervision` : '',
  };
  return {
    idempotency_key: `hotspot:${key}`,
    case_id: null,
    recipient: 'robots',
    template: 'hotspot',
    event: 'hotspot',
    payload: JSON.stringify({ vars }),
    status: 'pending',
    attempts: 0,
    next_attempt_at: at,
    created_at: at,
    sent_at: null,
    last_error: null,
  };
}

/**
 * The periodic pass: each hotspot is told once to the supervisors of its procedure whose units
 * hold its recent cases (in-app), and again only if it is still hot after RENOTIFY_DAYS. The notice
 * row is what makes it once across instances (unique key, first insert wins).
 */
export async function notifyHotspots(ctx: AppContext): Promise<number> {
  // Issue 25: the pass reads and tallies every case of the last weeks — at 450k cases a soak's heap
  // grew by 250 MB when it ran, on the request thread. On SQLite a read worker does it.
  const { heavyRead } = await import('./read-tasks.ts');
  const found = await heavyRead(ctx, 'allHotspots', {});
  let told = 0;
  const now = ctx.now();
  const at = now.toISOString();
  const period = Math.floor(now.getTime() / (RENOTIFY_DAYS * DAY_MS));
  // Who holds which role where: read once per pass, not once per hotspot.
  const grants = found.length
    ? await ctx.store.db
        .selectFrom('role_grants as g')
        .innerJoin('users as u', 'u.id', 'g.user_id')
        .leftJoin('org_units as o', 'o.id', 'g.org_unit_id')
        .select(['g.user_id', 'g.role', 'o.path'])
        .where('u.disabled', '=', 0)
        .execute()
    : [];
  for (const h of found) {
    const procedure = ctx.procedures.latest(h.procedureId);
    if (!procedure) continue;
    const supervising = new Set(procedure.roles.filter((r) => r.permissions.includes('supervise')).map((r) => r.id));
    const recipients = [
      ...new Set(
        grants
          .filter((g) => supervising.has(g.role) && (g.path === null || h.unitPaths.some((p) => p.startsWith(g.path!))))
          .map((g) => g.user_id),
      ),
    ];
    const key = `${h.procedureId}|${h.dimension}|${h.value}|${period}`;
    const fresh = await ctx.store.transact(async (trx) => {
      const inserted = await trx
        .insertInto('hotspot_notices')
        .values({
          key,
          procedure_id: h.procedureId,
          dimension: h.dimension,
          value: h.value,
          recent: h.recent,
          notified_at: at,
        })
        .onConflict((oc) => oc.column('key').doNothing())
        .returning('key')
        .executeTakeFirst();
      if (!inserted) return false;
      const what = WHAT[h.dimension]['zh-CN'];
      const whatEn = WHAT[h.dimension].en;
      const title = JSON.stringify({
        'zh-CN': `热点：${procedure.name['zh-CN']} · ${what}“${h.label['zh-CN']}”`,
        en: `Hotspot: ${procedure.name.en ?? procedure.id} · ${whatEn} "${h.label.en ?? h.label['zh-CN']}"`,
      });
      const body = JSON.stringify({
        'zh-CN': `近 ${HOTSPOT_DEFAULTS.recentDays} 天收到 ${h.recent} 件，按此前水平预计约 ${h.expected} 件。`,
        en: `${h.recent} cases in the last ${HOTSPOT_DEFAULTS.recentDays} days; about ${h.expected} expected from before.`,
      });
      await insertStaffNotices(
        trx,
        recipients.map((userId) => ({
          id: timeOrderedId(now, ctx.random(10)),
          userId,
          caseId: h.caseIds[0] ?? null,
          event: 'hotspot',
          title,
          body,
          at,
        })),
      );
      if (ctx.config.channels.hooks.some((hook) => hook.kind !== 'webhook'))
        await insertOutbox(trx, [robotNotice(ctx, h, procedure.name, key, at)]);
      await appendAudit(trx, {
        at,
        actor: 'system',
        action: 'hotspot.notified',
        entityType: 'procedure',
        entityId: h.procedureId,
        payload: {
          dimension: h.dimension,
          value: h.value,
          recent: h.recent,
          expected: h.expected,
          recipients: recipients.length,
        },
      });
      return true;
    });
    if (fresh) told++;
  }
  return told;
}
