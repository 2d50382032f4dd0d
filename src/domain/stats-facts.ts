/**
 * Issue 25: the statistics (STA-1) as counts of facts — per procedure, one dimension's value and how
 * many cases (clocks, respondent mentions) have it. Every figure of `computeStats` is a sum of facts,
 * and facts add: months, days and live counts are summed, a recused reader's cases taken off. Unlike
 * the cross product of all dimensions (nearly one row per case), a month's facts are a few hundred
 * rows per procedure and unit, so a year reads a few thousand. Pure: no I/O.
 */

/**
 * What a fact counts. `clock` values are `clock \t unit id \t state` (met, missed, overdue,
 * running); `clock-due` is a running clock's `clock \t unit id \t due instant`, whose state
 * depends on the moment of reading (`resolveDue`). `handling` is the working days a closed case
 * took; `month` the local month received; `repeat`/`appealed` the value ''.
 */
export type FactDim =
  | 'kind'
  | 'category'
  | 'severity'
  | 'channel'
  | 'unit'
  | 'status'
  | 'outcome'
  | 'closed'
  | 'rating'
  | 'suggestion'
  | 'appeal'
  | 'month'
  | 'handling'
  | 'clock'
  | 'clock-due'
  | 'repeat'
  | 'appealed'
  | 'respondent';

export type Fact = { procedure_id: string; dim: FactDim; value: string; n: number };

/**
 * One combination of dimensions, as the GROUP BYs and the day rollup produce it
 * (store/stats.repository.ts's DimensionRow adds the procedure and the count). A rating is a
 * number or null by the time it gets here: the store parses the JSON text of both databases.
 */
export type CaseCombination = {
  kind: string;
  category: string | null;
  severity: string | null;
  channel: string;
  org_unit_id: string | null;
  status: string;
  outcome: string | null;
  closed: number;
  rating: number | null;
};

/**
 * The facts of one combination of dimensions. Null is '' (every breakdown shows null as "未填写");
 * ratings count closed cases only (EVA-1); suggestions and appeals by outcome, an open appeal as
 * 'open' (as the appeal breakdown shows it).
 */
export function factsOfCombination(r: CaseCombination): [FactDim, string][] {
  const out: [FactDim, string][] = [
    ['kind', r.kind],
    ['category', r.category ?? ''],
    ['severity', r.severity ?? ''],
    ['channel', r.channel],
    ['unit', r.org_unit_id ?? ''],
    ['status', r.status],
    ['outcome', r.outcome ?? ''],
  ];
  if (r.closed) out.push(['closed', '']);
  if (r.closed && r.rating !== null) out.push(['rating', String(r.rating)]);
  if (r.kind === 'suggestion') out.push(['suggestion', r.outcome ?? '']);
  if (r.kind === 'appeal') out.push(['appeal', r.outcome ?? (r.closed ? '' : 'open')]);
  return out;
}

/** A clock's state as `clockCounts` counts it; a running clock's due instant while it may still be met. */
export function clockFact(c: {
  clock: string;
  org_unit_id: string | null;
  due_at: string;
  stopped_at: string | null;
  breached_at: string | null;
}): [FactDim, string] {
  const unit = c.org_unit_id ?? '';
  if (c.stopped_at !== null)
    return ['clock', `${c.clock}\t${unit}\t${c.breached_at === null && c.stopped_at <= c.due_at ? 'met' : 'missed'}`];
  if (c.breached_at !== null) return ['clock', `${c.clock}\t${unit}\toverdue`];
  return ['clock-due', `${c.clock}\t${unit}\t${c.due_at}`];
}

/** `clock-due` at the moment `now`: overdue once due, running before. */
export function resolveDue(value: string, now: string): string {
  const [clock, unit, due] = value.split('\t');
  return `${clock}\t${unit}\t${due <= now ? 'overdue' : 'running'}`;
}

/**
 * The unit subtrees a case is counted under in the month rows: '' (the whole organisation, cases
 * without a unit too) and every unit path above and including its own (`/A/`, `/A/B/`, …).
 */
export function subtreesOf(path: string | null): string[] {
  const out = [''];
  if (!path) return out;
  for (let i = path.indexOf('/', 1); i > 0; i = path.indexOf('/', i + 1)) out.push(path.slice(0, i + 1));
  return out;
}

/**
 * The subtrees a reader sums for a procedure, given the unit paths their scope holds (null: all
 * units) and the unit asked for: disjoint, so that no case is counted twice — a path below
 * another of the list is dropped; with a unit asked for, each path is narrowed to it.
 */
export function readSubtrees(paths: string[] | null, unitPath: string | undefined): string[] {
  const base = paths ?? [''];
  const narrowed =
    unitPath === undefined
      ? base
      : base.flatMap((p) => (unitPath.startsWith(p) ? [unitPath] : p.startsWith(unitPath) ? [p] : []));
  const unique = [...new Set(narrowed)];
  return unique.filter((p) => !unique.some((q) => q !== p && p.startsWith(q))).sort();
}

/** Facts summed by procedure, dimension and value; what sums to zero is left out (none of it is seen). */
export class FactTable {
  private readonly counts = new Map<string, Fact>();

  add(procedure_id: string, dim: FactDim, value: string, n: number): void {
    const key = `${procedure_id}\u0000${dim}\u0000${value}`;
    const e = this.counts.get(key);
    if (e) e.n += n;
    else this.counts.set(key, { procedure_id, dim, value, n });
  }

  addAll(facts: Iterable<Fact>, sign: 1 | -1 = 1): void {
    for (const f of facts) this.add(f.procedure_id, f.dim, f.value, sign * f.n);
  }

  /** Every non-zero fact of a dimension (all of them without one). */
  of(dim?: FactDim): Fact[] {
    return [...this.counts.values()].filter((f) => f.n !== 0 && (dim === undefined || f.dim === dim));
  }

  /** A dimension's counts by value, across procedures. */
  byValue(dim: FactDim): Map<string, number> {
    const out = new Map<string, number>();
    for (const f of this.of(dim)) out.set(f.value, (out.get(f.value) ?? 0) + f.n);
    for (const [k, n] of out) if (n === 0) out.delete(k);
    return out;
  }

  /** A dimension's counts by procedure. */
  byProcedure(dim: FactDim): Map<string, number> {
    const out = new Map<string, number>();
    for (const f of this.of(dim)) out.set(f.procedure_id, (out.get(f.procedure_id) ?? 0) + f.n);
    for (const [k, n] of out) if (n === 0) out.delete(k);
    return out;
  }

  total(dim: FactDim): number {
    return this.of(dim).reduce((s, f) => s + f.n, 0);
  }
}
