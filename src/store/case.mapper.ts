import type { CaseState } from '../domain/case.ts';
import type { CaseKind, Channel } from '../domain/procedure.schema.ts';
import type { CaseChanges, CaseRow } from './cases.repository.ts';
import type { CasePatch } from '../domain/case.ts';

/** The engine's view of a stored case. */
export function toCaseState(row: CaseRow): CaseState {
  return {
    id: row.id,
    trackingNo: row.tracking_no,
    procedureId: row.procedure_id,
    procedureVersion: Number(row.procedure_version),
    kind: row.kind as CaseKind,
    status: row.status,
    version: Number(row.version),
    category: row.category,
    severity: row.severity,
    outcome: row.outcome,
    assigneeId: row.assignee_id,
    channel: row.channel as Channel,
    data: JSON.parse(row.data) as Record<string, unknown>,
    receivedAt: row.received_at,
    closedAt: row.closed_at,
    orgUnitId: row.org_unit_id,
    orgUnitPath: row.org_unit_path,
    exclusions: [],
  };
}

/** An engine patch as column changes. */
export function toCaseChanges(patch: CasePatch): CaseChanges {
  const changes: CaseChanges = {};
  if (patch.status !== undefined) changes.status = patch.status;
  if (patch.category !== undefined) changes.category = patch.category;
  if (patch.severity !== undefined) changes.severity = patch.severity;
  if (patch.outcome !== undefined) changes.outcome = patch.outcome;
  if (patch.assigneeId !== undefined) changes.assignee_id = patch.assigneeId;
  if (patch.data !== undefined) changes.data = JSON.stringify(patch.data);
  if (patch.closedAt !== undefined) changes.closed_at = patch.closedAt;
  if (patch.orgUnitId !== undefined) changes.org_unit_id = patch.orgUnitId;
  if (patch.orgUnitPath !== undefined) changes.org_unit_path = patch.orgUnitPath;
  return changes;
}
