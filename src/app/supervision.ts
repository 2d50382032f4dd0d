import type { Actor } from '../domain/case.ts';
import { DomainError } from '../domain/errors.ts';
import { isOrganisationWide, supervises } from '../domain/policy.ts';
import { SUBMITTER_ROLE, type TProcedure } from '../domain/procedure.schema.ts';
import { clockStatus } from '../domain/clocks.ts';
import { findCaseById, openSubjects } from '../store/cases.repository.ts';
import { findOrgUnit, listOrgUnits } from '../store/org.repository.ts';
import { toClockState } from '../store/clock.mapper.ts';
import type { AppContext } from './context.ts';
import { addCaseNote, refOf } from './case-notes.ts';
import { notFound } from './perform.ts';
import { msg } from '../domain/messages.ts';

const BOARD_LIMIT = 1000;

/** One case on the board, with the clock that put it there. */
function boardEntry(row: BoardRow, procedure: TProcedure, status: ReturnType<typeof clockStatus>) {
  return {
    caseId: row.case_id,
    trackingNo: row.tracking_no,
    subject: row.subject,
    status: row.status,
    severity: row.severity,
    assigneeId: row.assignee_id,
    escalatedAt: row.escalated_at,
    version: Number(row.version),
    clock: {
      clock: row.clock,
      label: procedure.clocks.find((c) => c.id === row.clock)?.label ?? null,
      dueAt: row.due_at,
      status,
    },
  };
}
type BoardEntry = ReturnType<typeof boardEntry>;
type BoardRow = {
  case_id: string;
  tracking_no: string;
  subject: string;
  status: string;
  severity: string | null;
  assignee_id: string | null;
  escalated_at: string | null;
  version: unknown;
  clock: string;
  due_at: string;
};

/**
 * The supervision board (督办, SLA-6): the overdue and at-risk cases of the units below the
 * caller's, grouped by level and unit. Only open, running clocks count.
 */
export async function supervisionBoard(ctx: AppContext, actor: Actor) {
  const now = ctx.now();
  const nowIso = now.toISOString();
  // Narrow in SQL to the subtrees the caller supervises in any procedure; the policy decides per row.
  const supervising =
    actor.kind === 'user'
      ? actor.grants.filter((g) =>
          ctx.procedures
            .latestAll()
            .some((p) => p.roles.some((r) => r.id === g.role && r.permissions.includes('supervise'))),
        )
      : [];
  if (supervising.length === 0)
    return { at: nowIso, totals: { overdue: 0, atRisk: 0, unreached: 0 }, levels: [], unreached: [] };
  const paths = supervising.some((g) => g.unitPath === null) ? null : supervising.map((g) => g.unitPath!);
  const rows = await ctx.store.db
    .selectFrom('clocks')
    .innerJoin('cases', 'cases.id', 'clocks.case_id')
    .selectAll('clocks')
    .select([
      'cases.tracking_no',
      'cases.subject',
      'cases.status',
      'cases.procedure_id',
      'cases.procedure_version',
      'cases.org_unit_id',
      'cases.org_unit_path',
      'cases.assignee_id',
      'cases.severity',
      'cases.escalated_at',
      'cases.version',
    ])
    .where('clocks.stopped_at', 'is', null)
    .where('clocks.paused_at', 'is', null)
    .where('cases.org_unit_path', 'is not', null)
    .where((eb) => (paths ? eb.or(paths.map((p) => eb('cases.org_unit_path', 'like', `${p}%`))) : eb.lit(true)))
    .where((eb) => eb.or([eb('clocks.warn_at', '<=', nowIso), eb('clocks.due_at', '<=', nowIso)]))
    .orderBy('clocks.due_at')
    .limit(BOARD_LIMIT)
    .execute()
    // Subjects are sealed (issue 24): opened for the board's page, keys in one query.
    .then((found) => openSubjects(ctx.store.db, found, (r) => r.case_id));
  const units = new Map((await listOrgUnits(ctx.store.db)).map((u) => [u.id, u]));
  const groups = new Map<
    string,
    {
      unit: { id: string; name: string; level: number; path: string };
      overdue: BoardEntry[];
      atRisk: BoardEntry[];
    }
  >();
  const seen = new Set<string>();
  for (const row of rows) {
    const procedure = ctx.procedures.get(row.procedure_id, Number(row.procedure_version));
    if (!procedure || !supervises(actor, procedure, row.org_unit_path, { ownUnit: true })) continue;
    const status = clockStatus(toClockState(row), now);
    const key = `${row.case_id}/${status}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const unit = units.get(row.org_unit_id!)!;
    const group = groups.get(unit.id) ?? {
      unit: { id: unit.id, name: unit.name, level: Number(unit.level), path: unit.path },
      overdue: [],
      atRisk: [],
    };
    groups.set(unit.id, group);
    const entry = boardEntry(row, procedure, status);
    (status === 'overdue' ? group.overdue : group.atRisk).push(entry);
  }
  const sorted = [...groups.values()].sort(
    (a, b) => a.unit.level - b.unit.level || a.unit.name.localeCompare(b.unit.name, 'zh-CN'),
  );
  // Issue 16: cases a notice to a role found nobody for (无人可办), in the caller's units.
  const flagged = await ctx.store.db
    .selectFrom('unreached_cases')
    .innerJoin('cases', 'cases.id', 'unreached_cases.case_id')
    .select([
      'cases.id',
      'cases.tracking_no',
      'cases.subject',
      'cases.status',
      'cases.procedure_id',
      'cases.procedure_version',
      'cases.org_unit_id',
      'cases.org_unit_path',
      'unreached_cases.recipient',
      'unreached_cases.since',
    ])
    .where('cases.closed_at', 'is', null)
    .orderBy('unreached_cases.since')
    .limit(BOARD_LIMIT)
    .execute()
    .then((found) => openSubjects(ctx.store.db, found, (r) => r.id));
  const unreached = flagged
    .filter((r) => {
      const procedure = ctx.procedures.get(r.procedure_id, Number(r.procedure_version));
      return procedure && supervises(actor, procedure, r.org_unit_path, { ownUnit: true });
    })
    .map((r) => ({
      caseId: r.id,
      trackingNo: r.tracking_no,
      subject: r.subject,
      status: r.status,
      unitId: r.org_unit_id,
      unitName: r.org_unit_id ? (units.get(r.org_unit_id)?.name ?? null) : null,
      role: r.recipient.startsWith('role:') ? r.recipient.slice(5) : r.recipient,
      since: r.since,
      label: { 'zh-CN': '无人可办', en: 'Nobody can act' },
    }));
  return {
    at: nowIso,
    totals: {
      overdue: sorted.reduce((n, g) => n + g.overdue.length, 0),
      atRisk: sorted.reduce((n, g) => n + g.atRisk.length, 0),
      unreached: unreached.length,
    },
    unreached,
    levels: [...new Set(sorted.map((g) => g.unit.level))].map((level) => ({
      level,
      units: sorted.filter((g) => g.unit.level === level),
    })),
  };
}

type SupervisionStep = { kind: 'urge' | 'take-over'; note: string };

function urgeRecipients(procedure: TProcedure, status: string, assignee: string | null) {
  if (assignee) return [{ to: `user:${assignee}`, template: 'urged', event: 'supervision-urge' }];
  const roles = new Set(
    procedure.actions
      .filter((a) => a.from.includes(status))
      .flatMap((a) => a.roles.filter((r) => r !== SUBMITTER_ROLE)),
  );
  return [...roles].map((r) => ({ to: `role:${r}`, template: 'urged', event: 'supervision-urge' }));
}

/**
 * 催办 (urge): recorded on the timeline and sent to the responsible person. 接管 (take over): the
 * case moves to the supervisor's unit with the supervisor as responsible person. Only a
 * supervisor of a unit above the case's may do either; to anyone else the case does not exist.
 */
export async function supervise(ctx: AppContext, actor: Actor, caseId: string, step: SupervisionStep) {
  if (actor.kind !== 'user') throw notFound();
  const row = await findCaseById(ctx.store.db, caseId);
  if (!row) throw notFound();
  const procedure = ctx.procedures.get(row.procedure_id, Number(row.procedure_version))!;
  // Level by level (S8 一(七)); at the root nobody is above, so its own supervisors act (issue 16).
  const grant = supervises(actor, procedure, row.org_unit_path, {
    ownUnit: isOrganisationWide(row.org_unit_path),
  });
  if (!grant) throw notFound();
  if (row.closed_at)
    throw new DomainError('ACTION_NOT_ALLOWED', msg('common.caseClosed'), {
      status: row.status,
      allowedActions: [],
    });
  const target = step.kind === 'take-over' && grant.unitId ? await findOrgUnit(ctx.store.db, grant.unitId) : undefined;
  const done = await addCaseNote(ctx, row.id, {
    action: step.kind === 'urge' ? 'supervision-urge' : 'supervision-take-over',
    visibility: 'internal',
    actor: refOf(actor),
    input: {
      note: step.note,
      ...(step.kind === 'take-over' ? { fromUnit: row.org_unit_id, toUnit: target?.id ?? null } : {}),
    },
    changes:
      step.kind === 'take-over'
        ? { assignee_id: actor.id, org_unit_id: target?.id ?? null, org_unit_path: target?.path ?? null }
        : {},
    // Issue 16: the urge goes to whoever is responsible when it is written (not when it is sent,
    // after a take-over); with nobody assigned, to the roles that take the current step.
    prepare: async (_trx, now) =>
      step.kind === 'urge' ? { notify: urgeRecipients(procedure, now.status, now.assignee_id) } : {},
  });
  return { id: row.id, trackingNo: row.tracking_no, version: done!.version };
}
