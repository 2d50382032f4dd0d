import type { CaseKind, Channel, LinkKind } from './procedure.schema.ts';
import type { TLabel } from './labels.ts';
import type { ClockChange, ClockNote } from './clocks.ts';

/** Who acts: a staff user (session or API token), the submitter (tracking number + receipt), or the system. */
/** A role held in an org unit (by its path `/a/b/`), or in the whole organisation (null). */
export type Grant = { role: string; unitId: string | null; unitPath: string | null };

export type Actor =
  | { kind: 'user'; id: string; username: string; displayName: string; grants: Grant[]; isAdmin: boolean }
  | { kind: 'submitter'; caseId: string }
  | { kind: 'system'; name: string };

/** How an actor is written on the timeline and in the audit chain. */
export type ActorRef = { kind: Actor['kind']; id: string | null; name: string };

export function actorRef(actor: Actor): ActorRef {
  switch (actor.kind) {
    case 'user':
      return { kind: 'user', id: actor.id, name: actor.displayName };
    case 'submitter':
      return { kind: 'submitter', id: null, name: '投诉人 / submitter' };
    case 'system':
      return { kind: 'system', id: null, name: actor.name };
  }
}

/** The parts of a case the engine reasons about (no personal data: that stays in the store, encrypted). */
export type CaseState = {
  id: string;
  trackingNo: string;
  procedureId: string;
  procedureVersion: number;
  kind: CaseKind;
  status: string;
  version: number;
  category: string | null;
  severity: string | null;
  outcome: string | null;
  assigneeId: string | null;
  channel: Channel;
  data: Record<string, unknown>;
  receivedAt: string;
  closedAt: string | null;
  /** The owning org unit and its path; null: the organisation as a whole. */
  orgUnitId: string | null;
  orgUnitPath: string | null;
  /** RTE-3: who must not see or act on the case (loaded with the case where access is decided). */
  exclusions: Exclusion[];
  /** Issue 17, S3 二.3: users whose invitation to read the case runs now (loaded, not stored). */
  invitees?: string[];
};

/** A recusal: one user, or everyone holding a role in a unit (and the units below it). */
export type Exclusion = { userId: string | null; unitPath: string | null };

/** Columns an action may change. */
export type CasePatch = Partial<
  Pick<
    CaseState,
    'status' | 'category' | 'severity' | 'outcome' | 'assigneeId' | 'data' | 'closedAt' | 'orgUnitId' | 'orgUnitPath'
  >
>;

/** RES-3: an action waiting for approval, kept on the case as `data.pendingApproval`. */
export type PendingApproval = {
  action: string;
  input: Record<string, unknown>;
  roles: string[];
  requestedBy: ActorRef;
  requestedAt: string;
};

/** ENF-1: a new case the action opens, linked to this one (the caller creates it in the same transaction). */
export type OpenCase = { procedure: string; kind: CaseKind; link: LinkKind };

/** One entry of a case's timeline. */
export type TimelineEvent = {
  type: 'submitted' | 'action';
  action: string;
  visibility: 'public' | 'internal';
  fromStatus: string | null;
  toStatus: string;
  actor: ActorRef;
  /** Issue 17: the unit through which a staff actor acted (see `actingUnit`); an appeal goes above it. */
  actorUnitId?: string | null;
  at: string;
  /** Validated input of the action, as given. */
  input: Record<string, unknown>;
  /** The sentence the submitter reads for a public event. */
  publicText: TLabel | null;
  /** Deadlines started, stopped, paused, resumed or extended, each explained (SLA-1, SLA-3). */
  clocks: ClockNote[];
};

/** A notification to send after commit (through the outbox). */
export type Notification = {
  /** `submitter`, `assignee` or `role:<role id>`. */
  to: string;
  template: string;
  event: string;
};

export type Decision = {
  patch: CasePatch;
  event: TimelineEvent;
  notifications: Notification[];
  clockChanges: ClockChange[];
  opens?: OpenCase;
  /** Issue 17, S3 二.3: the person the action invites to read the case, and until when. */
  invitation?: { userId: string; expiresAt: string };
};
