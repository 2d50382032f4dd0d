import { sql } from 'kysely';
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
  /** Place series only (counted here, not in SQL): the newest recent cases and their units. */
  cases?: { id: string; trackingNo: string }[];
  unitPaths?: Set<string>;
};

/** Free-text fields that name where a matter happened, by procedure field name (property: room; market: business address). */
const PLACE_FIELDS = ['room', 'businessAddress', 'location', 'address'];

/** Cases with a place read per step of the place count: what the pass holds in memory at once. */
const PLACE_CHUNK = 2000;

type Window = { from: string; recentFrom: string; to: string };

/**
 * The hotspots among the cases `scope` covers (issue 21): per procedure, counts by business
 * (respondent), category and place in the last `recentDays` against each series' own previous
 * `baselineDays`. Windows are rolling 24-hour days ending now. Recused cases are out of the scope
 * already, so a recused reader learns nothing of them here.
 *
 * Issue 25: categories and respondents are counted by the database (GROUP BY), and the cases
 * behind a series are read only for the hotspots found. The place is sealed inside the form data,
 * so only cases with a place field are read, `placeChunk` at a time, newest first. Reading the
 * window's every case into memory at once (450k in a 30-minute soak) made RSS jump by 400 MB
 * each time the pass ran.
 */
export async function findHotspots(
  ctx: AppContext,
  scope: Scope,
  filter: { procedureId?: string } = {},
  settings: HotspotSettings = HOTSPOT_DEFAULTS,
  placeChunk = PLACE_CHUNK,
): Promise<(HotspotView & { unitPaths: string[] })[]> {
  const now = ctx.now().getTime();
  const window: Window = {
    from: new Date(now - (settings.recentDays + settings.baselineDays) * DAY_MS).toISOString(),
    recentFrom: new Date(now - settings.recentDays * DAY_MS).toISOString(),
    to: new Date(now).toISOString(),
  };
  const tallies = new Map<string, Tally>();
  const tallyOf = (procedureId: string, dimension: Dimension, value: string) => {
    const id = seriesId({ procedureId, dimension, value });
    const known = tallies.get(id);
    if (known) return known;
    const t: Tally = { key: { procedureId, dimension, value }, recent: 0, baseline: 0 };
    tallies.set(id, t);
    return t;
  };
  for (const r of await seriesCounts(ctx, scope, filter, window)) {
    const t = tallyOf(r.procedureId, r.dimension, r.value);
    t.recent += r.recent;
    t.baseline += r.total - r.recent;
  }
  await countPlaces(ctx, scope, filter, window, placeChunk, (row, place) => {
    const t = tallyOf(row.procedure_id, 'place', place);
    if (row.received_at < window.recentFrom) {
      t.baseline++;
      return;
    }
    t.recent++;
    t.cases ??= [];
    t.unitPaths ??= new Set();
    t.cases.push({ id: row.id, trackingNo: row.tracking_no });
    // The newest CASES_SHOWN by id are kept; the list is cut back whenever it doubles.
    if (t.cases.length >= 2 * CASES_SHOWN) t.cases = newestCases(t.cases);
    if (row.org_unit_path) t.unitPaths.add(row.org_unit_path);
  });

  const found = detectHotspots([...tallies.values()], settings);
  const keyring = keyringOf(ctx.store.db);
  const views: (HotspotView & { unitPaths: string[] })[] = [];
  for (const h of found) {
    const t = tallies.get(seriesId(h))!;
    const behind = t.cases
      ? { cases: newestCases(t.cases), unitPaths: [...t.unitPaths!] }
      : await casesBehind(ctx, scope, h, window);
    let value = h.value;
    if (h.dimension === 'respondent') {
      // case_respondents holds keyed hashes of the names (issue 24): a respondent hotspot is named
      // from the respondents of one of its cases, opened.
      const c = behind.cases[0] ? await findCaseById(ctx.store.db, behind.cases[0].id) : undefined;
      const list = c ? (JSON.parse(c.respondents) as { name?: unknown }[]) : [];
      const name = list.map((r) => r.name).find((n) => typeof n === 'string' && respondentHash(keyring, n) === h.value);
      if (typeof name === 'string') value = name;
    }
    const procedure = ctx.procedures.latest(h.procedureId);
    const category = h.dimension === 'category' ? procedure?.categories.find((c) => c.id === h.value) : undefined;
    views.push({
      ...h,
      value,
      expected: Math.round(h.expected * 100) / 100,
      ratio: Math.round(h.ratio * 10) / 10,
      procedureName: procedure?.name ?? { 'zh-CN': h.procedureId },
      label: category?.label ?? { 'zh-CN': value },
      caseIds: behind.cases.map((c) => c.id),
      cases: behind.cases,
      unitPaths: behind.unitPaths,
    });
  }
  return views;
}

const seriesId = (k: SeriesKey) => `${k.procedureId}\u0000${k.dimension}\u0000${k.value}`;

const newestCases = (cases: { id: string; trackingNo: string }[]) =>
  [...cases].sort((a, b) => (a.id < b.id ? 1 : -1)).slice(0, CASES_SHOWN);

/** The window's cases in scope (and of the procedure asked for), for the counts and the lists. */
function windowCases(ctx: AppContext, scope: Scope, filter: { procedureId?: string }, from: string, to: string) {
  let q = ctx.store.db
    .selectFrom('cases')
    .where('cases.received_at', '>=', from)
    .where('cases.received_at', '<', to)
    .where((eb) => inScope(eb, scope));
  if (filter.procedureId) q = q.where('cases.procedure_id', '=', filter.procedureId);
  return q;
}

/** Recent and whole-window counts per category and per respondent, counted by the database. */
async function seriesCounts(
  ctx: AppContext,
  scope: Scope,
  filter: { procedureId?: string },
  w: Window,
): Promise<{ procedureId: string; dimension: Dimension; value: string; recent: number; total: number }[]> {
  const recent = sql<number>`sum(case when received_at >= ${w.recentFrom} then 1 else 0 end)`;
  const [categories, respondents] = await Promise.all([
    windowCases(ctx, scope, filter, w.from, w.to)
      .select(['procedure_id', 'category', recent.as('recent'), (eb) => eb.fn.countAll<number>().as('total')])
      .where('category', 'is not', null)
      .groupBy(['procedure_id', 'category'])
      .execute(),
    // Each respondent a case names counts once for it; the policy is the cases' (the subquery).
    ctx.store.db
      .selectFrom('case_respondents')
      .select(['procedure_id', 'name', recent.as('recent'), (eb) => eb.fn.countAll<number>().as('total')])
      .where('received_at', '>=', w.from)
      .where('received_at', '<', w.to)
      .where('case_id', 'in', windowCases(ctx, scope, filter, w.from, w.to).select('cases.id'))
      .groupBy(['procedure_id', 'name'])
      .execute(),
  ]);
  return [
    ...categories.map((r) => ({
      procedureId: r.procedure_id,
      dimension: 'category' as const,
      value: r.category!,
      recent: Number(r.recent),
      total: Number(r.total),
    })),
    ...respondents.map((r) => ({
      procedureId: r.procedure_id,
      dimension: 'respondent' as const,
      value: r.name,
      recent: Number(r.recent),
      total: Number(r.total),
    })),
  ];
}

/**
 * Calls `count` for each case of the window with a place, newest first, reading `chunk` cases with
 * a place field at a time and opening only that field, with the chunk's keys.
 */
async function countPlaces(
  ctx: AppContext,
  scope: Scope,
  filter: { procedureId?: string },
  w: Window,
  chunk: number,
  count: (
    row: { id: string; tracking_no: string; procedure_id: string; received_at: string; org_unit_path: string | null },
    place: string,
  ) => void,
): Promise<void> {
  const keyring = keyringOf(ctx.store.db);
  // (received_at, id) keyset: the received_at index drives each step whatever the ids' order.
  let after: { at: string; id: string } | undefined;
  for (;;) {
    let q = windowCases(ctx, scope, filter, w.from, w.to)
      .select(['id', 'tracking_no', 'procedure_id', 'received_at', 'data', 'org_unit_path'])
      .where((eb) => eb.or(PLACE_FIELDS.map((f) => eb('data', 'like', `%"${f}":"%`))));
    if (after) {
      const { at, id } = after;
      q = q.where((eb) => eb.or([eb('received_at', '<', at), eb.and([eb('received_at', '=', at), eb('id', '<', id)])]));
    }
    const rows = await q.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(chunk).execute();
    const keys = await caseKeys(
      ctx.store.db,
      rows.map((r) => r.id),
    );
    for (const row of rows) {
      // The procedure's own fields are under `fields` (a property case's room); before issue 25's
      // test only the top level was read, so no place series was ever counted.
      const data = JSON.parse(row.data) as { fields?: Record<string, unknown> } & Record<string, unknown>;
      const sealed = PLACE_FIELDS.map((f) => data.fields?.[f] ?? data[f]).find(
        (v): v is string => typeof v === 'string',
      );
      const place = placeOf(sealed === undefined ? undefined : openText(keyring, keys.get(row.id), sealed, ''));
      if (place) count(row, place);
    }
    if (rows.length < chunk) return;
    const last = rows[rows.length - 1]!;
    after = { at: last.received_at, id: last.id };
  }
}

/** The newest recent cases behind a category or respondent hotspot, and the units that hold them. */
async function casesBehind(
  ctx: AppContext,
  scope: Scope,
  h: SeriesKey,
  w: Window,
): Promise<{ cases: { id: string; trackingNo: string }[]; unitPaths: string[] }> {
  const series = windowCases(ctx, scope, { procedureId: h.procedureId }, w.recentFrom, w.to).where((eb) =>
    h.dimension === 'category'
      ? eb('category', '=', h.value)
      : eb(
          'cases.id',
          'in',
          eb
            .selectFrom('case_respondents')
            .select('case_respondents.case_id')
            .where('case_respondents.procedure_id', '=', h.procedureId)
            .where('case_respondents.name', '=', h.value),
        ),
  );
  const [rows, units] = await Promise.all([
    series.select(['id', 'tracking_no']).orderBy('id', 'desc').limit(CASES_SHOWN).execute(),
    series.select('org_unit_path').distinct().where('org_unit_path', 'is not', null).execute(),
  ]);
  return {
    cases: rows.map((r) => ({ id: r.id, trackingNo: r.tracking_no })),
    unitPaths: units.map((u) => u.org_unit_path!),
  };
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
