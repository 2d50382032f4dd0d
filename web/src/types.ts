import type { Label } from './i18n.tsx';

/** What the API says about procedures, fields and cases — only what the UI reads. */
export type Option = { id: string; label: Label };
export type ScalarField = {
  name: string;
  type:
    | 'text'
    | 'longtext'
    | 'enum'
    | 'category'
    | 'severity'
    | 'user'
    | 'date'
    | 'datetime'
    | 'integer'
    | 'number'
    | 'boolean'
    | 'rating';
  label: Label;
  required?: boolean;
  maxLength?: number;
  min?: number;
  max?: number;
  options?: Option[];
  mustBeTrue?: boolean;
  help?: Label;
  /** What the value sets on the case (`assignee`, `data.reply` …), when it sets anything. */
  sets?: string;
  /** Intake fields only: the kinds of case the field applies to (absent: all). */
  kinds?: string[];
  /** The submitter reads it (a reply text): canned replies are offered for it (#18). */
  public?: boolean;
};
export type ListField = {
  name: string;
  type: 'list';
  label: Label;
  required?: boolean;
  maxItems?: number;
  minItems?: number;
  items: ScalarField[];
};
export type Field = ScalarField | ListField;

export type PublicProcedure = {
  id: string;
  version: number;
  name: Label;
  description: Label;
  kinds: string[];
  categories: Option[];
  severities: Option[];
  channels?: string[];
  states?: Option[];
  requireTruthAffirmation: boolean;
  require: string[];
  /** Standard fields required only for some kinds (S8: a 举报 names where the business is). */
  requireByKind?: Record<string, string[]>;
  fields: ScalarField[];
  /** Issue 16: the submitter chooses the unit (from the units at `level`). */
  unit?: { choose: 'required' | 'optional'; level?: number } | null;
};

export type ActionInfo = { id: string; label: Label; to: string | null; visibility: string; input: Field[] };

export type Deadline = {
  clock: string;
  label: Label;
  status: string;
  dueAt: string;
  provisional: boolean;
  stoppedAt?: string | null;
  /** Public view (#18): the actions that stop a limit owed to the submitter. */
  stoppedBy?: Label[];
  rule?: string | null;
  unit?: string;
  length?: number;
  startedAt?: string;
  warnAt?: string | null;
  breachedAt?: string | null;
};

export type PublicEntry = {
  at: string;
  action: string;
  actionLabel: Label;
  status: string;
  statusLabel: Label;
  text: Label;
  by: 'submitter' | 'staff';
  details: Record<string, unknown>;
  valueLabels?: Record<string, Label>;
  /** #18: the label and type of each shown field. */
  fields?: Record<string, { label: Label; type: string }>;
  deadlines: {
    label: Label;
    op: string;
    dueAt: string | null;
    provisional: boolean;
    explanation?: Label | string | null;
  }[];
};

export type PublicCase = {
  trackingNo: string;
  procedure: { id: string; name: Label };
  kind: string;
  status: string;
  statusLabel: Label;
  version: number;
  subject: string;
  outcome: Label;
  receivedAt: string;
  closedAt: string | null;
  timeline: PublicEntry[];
  allowedActions: ActionInfo[];
  canAppeal: boolean;
  /** CON-3 (issue 17): what a retaliation report must give besides its description. */
  retaliationAsks: ('occurredAt' | 'location')[];
  deadlines: Deadline[];
  attachments: { id: string; name: string; size: number; mediaType: string }[];
};

export type CaseSummary = {
  id: string;
  /** #18: messages or material from the submitter since I last opened the case. */
  unread?: boolean;
  trackingNo: string;
  procedure: { id: string; version: number; name: Label };
  kind: string;
  status: string;
  statusLabel: Label;
  version: number;
  category: string | null;
  severity: string | null;
  severityLabel?: Label | null;
  categoryLabel?: Label | null;
  assigneeId: string | null;
  /** #18: names, not ids. */
  assigneeName?: string | null;
  orgUnitName?: string | null;
  channel: string;
  subject: string;
  anonymous: boolean;
  receivedAt: string;
  nextDue?: { clock: string; label: Label; dueAt: string; status: string; provisional: boolean } | null;
};

export type StaffEntry = {
  seq: number;
  type: string;
  action: string;
  actionLabel: Label;
  visibility: string;
  fromStatus: string | null;
  toStatus: string;
  toStatusLabel: Label;
  inputLabels: Record<string, Label>;
  valueLabels: Record<string, Label>;
  actor: { kind: string; id: string | null; name: string | null };
  at: string;
  input: Record<string, unknown>;
  publicText: Label;
  clocks: { label: Label; op: string; dueAt: string | null; explanation?: Label | string | null }[];
};

export type StaffCase = CaseSummary & {
  description: string;
  /** S5 七.1 (issue 17): numbers in the statement are masked until the audited reveal. */
  descriptionMasked?: boolean;
  /** #18: the action the procedure expects next (the primary button). */
  nextAction?: string | null;
  closedAt?: string | null;
  /** DIS-1: this person may propose publishing the case now (consented, handled, their role). */
  mayProposeDisclosure?: boolean;
  submitter: Record<string, string> | null;
  respondents: { name: string; type: string; userId?: string; orgUnitId?: string }[];
  data: Record<string, unknown>;
  dataLabels: Record<string, Label>;
  dataValueLabels: Record<string, Label>;
  /** Issue 17 (MS-3): what the handler should weigh before deciding, with its rule. */
  warnings: { rule: string; label: Label; field: string; value: string }[];
  allowedActions: ActionInfo[];
  timeline: StaffEntry[];
  deadlines: Deadline[];
  escalatedAt: string | null;
  attachments: { id: string; name: string; size: number; mediaType: string; visibility?: string }[];
};

export type Me = {
  id: string;
  username: string;
  displayName: string;
  isAdmin: boolean;
  grants: { role: string; unitId: string | null; unitPath: string | null }[];
  canSeeStats?: boolean;
  /** #18: holds a role that may urge (催办): the inbox offers bulk urging. */
  canSupervise?: boolean;
  csrfToken?: string;
  /** Issue 28: set after an administrator's reset, until the user chooses their own password. */
  mustChangePassword?: boolean;
  secondFactor?: { enabled: boolean; required: boolean };
};
