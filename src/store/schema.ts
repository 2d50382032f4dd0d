import type { ColumnType, Generated } from 'kysely';

/**
 * Table types. Times are ISO-8601 UTC strings (sortable as text on both databases), JSON is text,
 * booleans are 0/1 integers: one representation that SQLite and PostgreSQL store alike.
 */
export type Database = {
  procedures: ProcedureTable;
  cases: CaseTable;
  stats_rollup: StatsRollupTable;
  stats_rollup_spans: StatsRollupSpanTable;
  stats_rollup_day_facts: StatsRollupDayFactTable;
  stats_rollup_facts: StatsRollupFactTable;
  stats_rollup_folded: StatsRollupFoldedTable;
  stats_changes: StatsChangeTable;
  case_events: CaseEventTable;
  audit_log: AuditLogTable;
  audit_chains: AuditChainTable;
  audit_instances: AuditInstanceTable;
  outbox: OutboxTable;
  idempotency_keys: IdempotencyKeyTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  clocks: ClockTable;
  org_units: OrgUnitTable;
  directory_links: DirectoryLinkTable;
  directory_runs: DirectoryRunTable;
  directory_sources: DirectorySourceTable;
  directory_rules: DirectoryRuleTable;
  role_grants: RoleGrantTable;
  throttle: ThrottleTable;
  recovery_codes: RecoveryCodeTable;
  attachments: AttachmentTable;
  case_attachments: CaseAttachmentTable;
  case_exclusions: CaseExclusionTable;
  procedure_intake_units: ProcedureIntakeUnitTable;
  unreached_cases: UnreachedCaseTable;
  case_links: CaseLinkTable;
  case_seen: CaseSeenTable;
  canned_replies: CannedReplyTable;
  data_requests: DataRequestTable;
  calendar_days: CalendarDayTable;
  calendar_years: CalendarYearTable;
  deliveries: DeliveryTable;
  staff_notifications: StaffNotificationTable;
  case_invitations: CaseInvitationTable;
  mail_threads: MailThreadTable;
  disclosures: DisclosureTable;
  improvement_actions: ImprovementActionTable;
  improvement_cases: ImprovementCaseTable;
  surveys: SurveyTable;
  survey_codes: SurveyCodeTable;
  survey_responses: SurveyResponseTable;
  monthly_reports: MonthlyReportTable;
  case_search: CaseSearchTable;
  case_search_pending: CaseSearchPendingTable;
  case_respondents: CaseRespondentTable;
  hotspot_notices: HotspotNoticeTable;
  suggestion_decisions: SuggestionDecisionTable;
  case_keys: CaseKeyTable;
  /** SQLite only: the FTS5 index over case_search.tokens (migration 202611300400_search). */
  case_fts: { rowid: number; tokens: string; case_fts: string };
};

export type OrgUnitTable = {
  id: string;
  parent_id: string | null;
  name: string;
  path: string;
  level: number;
  created_at: string;
};

export type RoleGrantTable = {
  id: string;
  user_id: string;
  role: string;
  org_unit_id: string | null;
  granted_by: string;
  granted_at: string;
};

export type ClockTable = {
  id: string;
  case_id: string;
  clock: string;
  unit: string;
  length: number;
  started_at: string;
  due_at: string;
  warn_at: string;
  paused_at: string | null;
  stopped_at: string | null;
  warned_at: string | null;
  breached_at: string | null;
  provisional: number;
  calendar_version: string;
  extended_by: number;
  paused_ms: number;
};

/** Days an admin added: a new year's notice, a local holiday, a company closure. */
export type CalendarDayTable = {
  date: string;
  kind: 'off' | 'work';
  name: string;
  source: string;
  added_at: string;
  added_by: string;
};

export type CalendarYearTable = {
  year: number;
  source: string;
  added_at: string;
  added_by: string;
};

export type ProcedureTable = {
  id: string;
  version: number;
  definition: string;
  source_hash: string;
  loaded_at: string;
};

export type CaseTable = {
  id: string;
  tracking_no: string;
  procedure_id: string;
  procedure_version: number;
  kind: string;
  status: string;
  version: number;
  category: string | null;
  severity: string | null;
  outcome: string | null;
  assignee_id: string | null;
  channel: string;
  subject: string;
  /** Sealed under the case key on disk; opened by the case repository's reads. */
  description: string;
  anonymous: number;
  /**
   * The submitter's identity (CON-1, CON-4) as JSON; null when anonymous or erased. Sealed under the
   * case key on disk (store/sealing.ts); rows read through the case repository hold it opened.
   */
  submitter_enc: string | null;
  respondents: string;
  received_by: string | null;
  /** HMAC of the receipt; the receipt itself is shown once and never stored. */
  receipt_hash: string;
  data: string;
  received_at: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  org_unit_id: string | null;
  /** `/<root id>/<child id>/…/`: the owning unit's path, for subtree filters. */
  org_unit_path: string | null;
  /** When a breach escalated the case to the supervising unit (SLA-6). */
  escalated_at: string | null;
  /** Keyed hashes (blind indexes) of the submitter's phone, e-mail and ID number: exact match only. */
  submitter_phone_bidx: string | null;
  submitter_email_bidx: string | null;
  submitter_id_bidx: string | null;
  /** Legal hold (ARC-1): retention skips the case while set. */
  hold_reason: string | null;
  held_at: string | null;
  /** When retention replaced the personal data by pseudonyms (CON-4). */
  deidentified_at: string | null;
  /**
   * The earliest due time of the running clocks, '9999' when none runs, 'closed' once the case is
   * closed: the inbox's "most urgent first" order, read from an index (issue 25). Kept by the clock
   * writes in clocks.repository.ts and by closings in cases.repository.ts.
   */
  due_key: Generated<string>;
};

export type CaseEventTable = {
  case_id: string;
  /** The case version this event produced: the timeline's order and a guard against lost updates. */
  seq: number;
  type: string;
  action: string;
  visibility: string;
  from_status: string | null;
  to_status: string;
  actor_kind: string;
  actor_id: string | null;
  actor_name: string;
  /** Issue 17: the unit through which a staff actor acted (null for others and older events). */
  actor_unit_id: string | null;
  at: string;
  input: string;
  public_text: string | null;
  clocks: string;
};

export type AuditLogTable = {
  /** Global order for listing: a sequence on PostgreSQL, the rowid on SQLite; gaps allowed. */
  seq: number;
  /** The chain the record belongs to (`genesis`, `anchor`, or `<instance>.<slot>[.<n>]`). */
  chain: string;
  /** 1, 2, 3 … without gaps within its chain; the hash covers it. */
  chain_seq: number;
  at: string;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  payload: string;
  prev_hash: string;
  hash: string;
};

/** One row per chain: its last `chain_seq` and hash; only the chain's own writer locks it. */
export type AuditChainTable = {
  chain: string;
  /** The instance that writes the chain; null for `genesis` and `anchor`. */
  instance: string | null;
  seq: number;
  hash: string;
  /** Set by the anchor that sealed the chain: no record may follow its head. */
  sealed_at: string | null;
};

/** An instance's lease: its chains stay open while `alive_at` is recent and it has not closed. */
export type AuditInstanceTable = {
  instance: string;
  alive_at: string;
  closed_at: string | null;
};

export type OutboxTable = {
  idempotency_key: string;
  case_id: string | null;
  recipient: string;
  template: string;
  event: string;
  payload: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  created_at: string;
  sent_at: string | null;
  last_error: string | null;
};

export type IdempotencyKeyTable = {
  key: string;
  request_hash: string;
  status_code: number;
  /** Encrypted: the first response carries the receipt, which must not sit in the database in clear. */
  response_enc: string;
  created_at: string;
};

export type UserTable = {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  is_admin: number;
  disabled: number;
  created_at: string;
  /** Issue 16: the staff number respondents are matched by. */
  staff_no: ColumnType<string | null, string | null | undefined, string | null>;
  /** When the account was disabled (issue 28); null while active. */
  disabled_at: Generated<string | null>;
  /** 1 after an administrator's reset: the one-time password must be changed at the next sign-in. */
  must_change_password: Generated<number>;
  /** The TOTP secret, encrypted (issue 28); null without a second factor. */
  totp_secret: Generated<string | null>;
  /** A secret being enrolled, encrypted, until the first code confirms it. */
  totp_pending_secret: Generated<string | null>;
  totp_enabled_at: Generated<string | null>;
  /** The last TOTP time step accepted: a code is good once. */
  totp_last_step: Generated<number | null>;
};

/** Issue 20: a directory's external id for an org unit or user it created or adopted. */
export type DirectoryLinkTable = {
  source: string;
  kind: 'unit' | 'user';
  external_id: string;
  local_id: string;
  created_at: string;
};

/** Issue 20: one scheduled sync of one directory (the slot is the interval's number); its report or error. */
export type DirectoryRunTable = {
  source: string;
  slot: string;
  started_at: string;
  finished_at: string | null;
  report: string | null;
  error: string | null;
};

/** Issue 20: a directory an admin configured; `settings_enc` is its JSON settings, encrypted (secrets inside). */
export type DirectorySourceTable = {
  name: string;
  settings_enc: string;
  updated_by: string;
  updated_at: string;
};

/** Issue 20: an admin's mapping rule: members of a group or department hold `role` in a unit. */
export type DirectoryRuleTable = {
  id: string;
  source: string;
  group_name: string | null;
  department: string | null;
  role: string;
  unit: string | null;
  created_by: string;
  created_at: string;
};

export type SessionTable = {
  id_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  /** The last request seen (written at most once a minute): the idle timeout counts from it. */
  last_seen_at: Generated<string | null>;
  user_agent: Generated<string | null>;
};

export type RecoveryCodeTable = {
  code_hash: string;
  user_id: string;
  created_at: string;
  used_at: string | null;
};

export type ApiTokenTable = {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
  /** JSON list: `read` and/or `write`. */
  scopes: string;
};

export type AttachmentTable = {
  sha256: string;
  size: number;
  media_type: string;
  content: Buffer;
  created_at: string;
};

export type CaseAttachmentTable = {
  id: string;
  case_id: string;
  sha256: string;
  file_name: string;
  /** `public`: the submitter sees it on the tracking page; `internal`: staff only. */
  visibility: string;
  added_by_kind: string;
  added_by_id: string | null;
  added_at: string;
  /** The file sealed under the case key (issue 24); null for files stored before, whose bytes are in `attachments`. */
  content: Buffer | null;
};

/** A case's data key, wrapped by the instance key (store/sealing.ts); deleting the row erases the case's sealed text. */
export type CaseKeyTable = {
  case_id: string;
  /** Which key of the case sealed a value: a value sealed under an erased key reads as erased. */
  kid: string;
  wrapped: string;
};

export type ThrottleTable = {
  key: string;
  count: number;
  reset_at: string;
  /** Growing delays (issue 28): no attempt on this key before this time. */
  blocked_until: Generated<string | null>;
};

export type CaseExclusionTable = {
  case_id: string;
  user_id: string | null;
  unit_path: string | null;
  reason: string;
  /** 1: matched against the staff directory at intake, awaiting confirmation (it excludes all the same). */
  suggested: Generated<number>;
};

/** Issue 16: the unit an admin names for a procedure's new cases. */
export type ProcedureIntakeUnitTable = {
  procedure_id: string;
  org_unit_id: string;
  set_by: string;
  set_at: string;
};

/** Issue 16: a case a notice to a role found nobody for (无人可办), until someone is reached. */
export type UnreachedCaseTable = {
  case_id: string;
  recipient: string;
  since: string;
};

export type CaseLinkTable = {
  from_case_id: string;
  to_case_id: string;
  /** appeal | enforcement-lead | retaliation | repeat | duplicate | related */
  kind: string;
  note: string | null;
  created_at: string;
};

/** PIPL Art 44–51: a submitter's request to see, correct or delete their personal data. */
export type DataRequestTable = {
  id: string;
  case_id: string;
  /** access | correct | delete */
  type: string;
  details: string;
  /** open | fulfilled | refused */
  status: string;
  /** submitter | user:<id> (staff on the submitter's behalf) */
  requested_by: string;
  created_at: string;
  due_at: string;
  answered_at: string | null;
  answered_by: string | null;
  /** The answer with reasons (a refusal names the legal duty to keep). */
  answer: string | null;
};

/** One notice on one channel to one target (issue 7); see migration 202611290600_delivery. */
export type DeliveryTable = {
  id: string;
  outbox_key: string;
  case_id: string | null;
  channel: string;
  target: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  lease_until: string | null;
  created_at: string;
  sent_at: string | null;
  last_error: string | null;
};

/** Issue 17, S3 二.3: a person invited to read one case until `expires_at`, while it is open. */
export type CaseInvitationTable = {
  case_id: string;
  user_id: string;
  invited_by: string;
  invited_at: string;
  expires_at: string;
  seq: number;
};

export type StaffNotificationTable = {
  id: string;
  user_id: string;
  case_id: string | null;
  event: string;
  /** JSON label: { "zh-CN": …, "en": … } */
  title: string;
  body: string;
  created_at: string;
  read_at: string | null;
};

export type MailThreadTable = {
  message_id: string;
  case_id: string;
  created_at: string;
};

/** DIS-1, MS-15: one publishing of a handled case; see migration 202611300300. */
export type DisclosureTable = {
  id: string;
  case_id: string;
  procedure_id: string;
  org_unit_path: string | null;
  /** draft | notified | published | unpublished */
  status: string;
  business_name: string;
  category: string | null;
  category_label: string | null;
  /** The redacted statement and handling result, as the reviewer left them. */
  statement: string;
  result: string;
  handled_at: string | null;
  /** JSON: what the automatic redaction found, by kind. */
  redaction_found: string;
  proposed_by: string;
  proposed_at: string;
  notified_at: string | null;
  /** Not before this instant: the respondent's notice period (procedure `disclosure.respondentNoticeDays`). */
  publishable_at: string | null;
  published_at: string | null;
  published_by: string | null;
  unpublished_at: string | null;
  unpublished_by: string | null;
  unpublish_reason: string | null;
  version: number;
};

/** STA-2, STA-3: a corrective action or training item. */
export type ImprovementActionTable = {
  id: string;
  /** corrective | training */
  kind: string;
  title: string;
  description: string;
  cause_category: string;
  owner_id: string | null;
  org_unit_id: string;
  org_unit_path: string;
  due_date: string | null;
  /** open | in-progress | done */
  status: string;
  completion_note: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  version: number;
};

export type ImprovementCaseTable = { action_id: string; case_id: string };

/** EVA-3: an anonymous employee survey. */
export type SurveyTable = {
  id: string;
  title: string;
  description: string;
  /** JSON: [{ id, type: scale|text, text }] */
  questions: string;
  opens_at: string;
  closes_at: string;
  org_unit_id: string;
  org_unit_path: string;
  created_by: string;
  created_at: string;
};

export type SurveyCodeTable = { code_hash: string; survey_id: string; used: number };

/** Deliberately nothing that points to a person: no user, address, code or time of day. */
export type SurveyResponseTable = { id: string; survey_id: string; answers: string; submitted_on: string };

/** A month's statistics report for one org unit ('' = the whole organisation) (STA-1, issue 8). */
export type MonthlyReportTable = {
  id: string;
  /** `YYYY-MM`, local calendar month. */
  month: string;
  unit_id: string;
  unit_name: string;
  unit_path: string | null;
  generated_at: string;
  /** `system:monthly-report` or `user:<id>`. */
  generated_by: string;
  stats: string;
  notable: string;
  extra: string;
};

/** A case's segmented text (store/search.ts); `doc` grows with each case indexed: newest first. */
export type CaseSearchTable = {
  doc: Generated<number>;
  case_id: string;
  tokens: string;
  /** Its case's unit path, kept by triggers (migrations 202612072300, 202612080300). */
  org_unit_path: Generated<string | null>;
};

/** A case written but not yet in `case_search` (issue 22): the indexer's queue. */
export type CaseSearchPendingTable = {
  case_id: string;
  queued_at: string;
};

/** One respondent name of a case, for repeat detection (INT-6) by index instead of a JSON scan. */
export type CaseRespondentTable = {
  case_id: string;
  procedure_id: string;
  name: string;
  received_at: string;
};

/**
 * Issue 25: cases counted per local day of receipt and combination of the statistics' dimensions
 * (app/stats-rollup.ts). `rating` is the normalised number as text, null when none.
 */
export type StatsRollupTable = {
  day: string;
  procedure_id: string;
  kind: string;
  channel: string;
  status: string;
  org_unit_id: string | null;
  org_unit_path: string | null;
  category: string | null;
  severity: string | null;
  outcome: string | null;
  rating: string | null;
  closed: number;
  n: number;
};

/** Issue 25: closed cases per local day of receipt and local day of closing (handling time). */
export type StatsRollupSpanTable = {
  day: string;
  procedure_id: string;
  org_unit_path: string | null;
  closed_day: string;
  n: number;
};

/**
 * Issue 25: per local day of receipt, the clocks, links and respondents of the day's cases as
 * dimension and value (app/stats-rollup.ts); the source of the month rows for what `stats_rollup`
 * does not count.
 */
export type StatsRollupDayFactTable = {
  day: string;
  procedure_id: string;
  org_unit_path: string | null;
  dim: string;
  value: string;
  n: number;
};

/** Issue 25: per local month, procedure and unit subtree ('' = all), one count per dimension and value. */
export type StatsRollupFactTable = {
  month: string;
  procedure_id: string;
  unit_path: string;
  dim: string;
  value: string;
  n: number;
};

/** Issue 25: the months whose `stats_rollup_facts` are current, and the calendar their handling times used. */
export type StatsRollupFoldedTable = { month: string; calendar: string };

/** Issue 25: receipt instants of cases written since their day was rolled up (filled by triggers). */
export type StatsChangeTable = { id: Generated<number>; received_at: string };

/** Issue 21: one row per hotspot told to supervisors (key: procedure | dimension | value | period). */
export type HotspotNoticeTable = {
  key: string;
  procedure_id: string;
  dimension: string;
  value: string;
  recent: number;
  notified_at: string;
};

/** #18: the case version a handler last opened; submitter events after it are new to them. */
export type CaseSeenTable = {
  user_id: string;
  case_id: string;
  seen_version: number;
  seen_at: string;
};

/** #18: a starting text for 书面答复 / 留言; null procedure: every procedure, null unit: the whole organisation. */
export type CannedReplyTable = {
  id: string;
  procedure_id: string | null;
  org_unit_id: string | null;
  title: string;
  body: string;
  created_by: string;
  created_at: string;
  updated_at: string;
};
export type CannedReplyRow = CannedReplyTable;

/** Issue 21: staff took (accepted = 1) or set aside a triage suggestion. */
export type SuggestionDecisionTable = {
  id: string;
  case_id: string;
  procedure_id: string;
  field: string;
  suggested: string | null;
  confidence: number | null;
  chosen: string;
  accepted: number;
  actor_id: string;
  at: string;
};
