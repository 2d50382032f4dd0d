import { z } from 'zod';
import { ZLabel } from './labels.ts';

/** Case kinds (SPEC §1). */
export const CASE_KINDS = ['complaint', 'suggestion', 'report', 'appeal'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** Intake channels (INT-1). */
export const CHANNELS = [
  'web',
  'email',
  'phone',
  'walk-in',
  'letter',
  'fax',
  'wechat',
  'box',
  'third-party',
  'api',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** What a role may do besides the actions that name it. */
export const PERMISSIONS = ['read', 'intake', 'identity:view', 'supervise', 'audit', 'records', 'surveys'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Case columns an action input may set directly; anything else goes under `data.<key>`. */
export const CASE_TARGETS = ['category', 'severity', 'assignee', 'outcome', 'orgUnit'] as const;

/** Kinds of link between two cases (APL-4, ENF-1, CON-3, INT-6, MS-12, MS-13). */
export const LINK_KINDS = ['appeal', 'enforcement-lead', 'retaliation', 'repeat', 'duplicate', 'related'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/**
 * Ids of roles, templates, states … travel inside other ids (an in-app notice's id names its template and role,
 * and goes in a URL path, issue 26): bounded, so every id built from them fits the router and the API schemas.
 */
export const MAX_ID_LENGTH = 60;
const ZId = z
  .string()
  .max(MAX_ID_LENGTH)
  .regex(/^[a-z][a-z0-9-]*$/, 'ids are lower-case kebab-case, e.g. "customer-service"');
const ZRoleRef = z
  .string()
  .max(MAX_ID_LENGTH + 'role:'.length)
  .regex(/^role:[a-z][a-z0-9-]*$/);
const ZFieldName = z
  .string()
  .max(MAX_ID_LENGTH)
  .regex(/^[a-zA-Z][a-zA-Z0-9]*$/, 'field names are camelCase, e.g. "orderNo"');
const ZTarget = z.union([
  z.enum(CASE_TARGETS),
  z.string().regex(/^data\.[a-zA-Z][a-zA-Z0-9]*$/, 'a target is a case column or "data.<key>"'),
]);

export const ZOption = z.object({ id: ZId, label: ZLabel }).strict();

const ZFieldBase = {
  name: ZFieldName,
  label: ZLabel,
  required: z.boolean().default(false),
  /** Where the value lands on the case; without it the value is kept only on the timeline. */
  sets: ZTarget.optional(),
  help: ZLabel.optional(),
  /** Shown to the submitter on the public timeline when the action is public (e.g. the reply text). */
  public: z.boolean().default(false),
  /** Intake fields only: the field applies to these kinds of case (e.g. a report's leads). */
  kinds: z.array(z.enum(CASE_KINDS)).optional(),
  /**
   * Issue 16, `user` fields only: the person named must hold one of these roles where the case is
   * (besides seeing it and not being recused). Absent: any role that takes an action of the procedure.
   */
  roles: z.array(ZId).min(1).optional(),
};

/** A scalar input field; `list` fields hold items made of these. */
export const ZScalarField = z.discriminatedUnion('type', [
  z
    .object({ ...ZFieldBase, type: z.literal('text'), maxLength: z.number().int().positive().max(2000).default(500) })
    .strict(),
  z
    .object({
      ...ZFieldBase,
      type: z.literal('longtext'),
      maxLength: z.number().int().positive().max(50000).default(20000),
    })
    .strict(),
  z.object({ ...ZFieldBase, type: z.literal('enum'), options: z.array(ZOption).min(1) }).strict(),
  z.object({ ...ZFieldBase, type: z.literal('category') }).strict(),
  z.object({ ...ZFieldBase, type: z.literal('severity') }).strict(),
  z.object({ ...ZFieldBase, type: z.literal('user') }).strict(),
  /** An org unit id; with `sets: orgUnit` the case moves there (RTE-1 分办) — only within the case's own unit. */
  z.object({ ...ZFieldBase, type: z.literal('unit') }).strict(),
  z
    .object({
      ...ZFieldBase,
      type: z.literal('date'),
      /** S4 四.2 (issue 17): a deadline being set — a day before today is refused (400 naming the field). */
      notPast: z.boolean().default(false),
    })
    .strict(),
  z.object({ ...ZFieldBase, type: z.literal('datetime') }).strict(),
  z
    .object({
      ...ZFieldBase,
      type: z.literal('integer'),
      min: z.number().int().optional(),
      max: z.number().int().optional(),
    })
    .strict(),
  z
    .object({ ...ZFieldBase, type: z.literal('number'), min: z.number().optional(), max: z.number().optional() })
    .strict(),
  z.object({ ...ZFieldBase, type: z.literal('boolean'), mustBeTrue: z.boolean().default(false) }).strict(),
  z.object({ ...ZFieldBase, type: z.literal('rating'), max: z.number().int().min(2).max(10).default(5) }).strict(),
]);
export type TScalarField = z.infer<typeof ZScalarField>;

export const ZListField = z
  .object({
    ...ZFieldBase,
    type: z.literal('list'),
    minItems: z.number().int().min(0).default(0),
    maxItems: z.number().int().positive().max(200).default(50),
    /** When true the items are appended to the target list instead of replacing it. */
    append: z.boolean().default(false),
    items: z.array(ZScalarField).min(1),
  })
  .strict();

export const ZField = z.union([ZScalarField, ZListField]);
export type TField = z.infer<typeof ZField>;

export const ZState = z
  .object({
    id: ZId,
    label: ZLabel,
    initial: z.boolean().default(false),
    terminal: z.boolean().default(false),
  })
  .strict();

/** The special role name of the person who submitted the case (acting with the receipt). */
export const SUBMITTER_ROLE = 'submitter';

/** A notice to the users an item of a list names (`item:owner`). */
export const ITEM_RECIPIENT = /^item:[a-zA-Z][a-zA-Z0-9]*$/;

const ZNotify = z
  .object({
    /**
     * `item:<field>` (a clock's warning or breach only, issue 17): the users named in that field of
     * the list items the clock runs to (`dueFrom.item`) — a measure's owner (S4 四.3, RES-2).
     */
    to: z.union([
      z.literal('submitter'),
      z.literal('assignee'),
      ZRoleRef,
      z
        .string()
        .max(MAX_ID_LENGTH + 'item:'.length)
        .regex(ITEM_RECIPIENT),
    ]),
    template: ZId,
    /** Issue 16: only when the case, after the action, has this value (S9 二.2: an 重要 complaint). */
    when: z
      .object({ target: ZTarget, equals: z.union([z.string(), z.number(), z.boolean()]) })
      .strict()
      .optional(),
  })
  .strict();

/** Clock operations an action performs; the clocks themselves are declared at the top level. */
const ZClockOps = z
  .object({
    start: z.array(ZId).default([]),
    stop: z.array(ZId).default([]),
    pause: z.array(ZId).default([]),
    resume: z.array(ZId).default([]),
    /**
     * Issue 17 (S4 四.2): clocks that run to a date the action may have changed (`dueFrom`): one
     * whose date moved stops and a new one runs to the new date; with no date left it stops.
     * Optional, not defaulted, so the recorded definitions of earlier versions keep their hash.
     */
    retarget: z.array(ZId).optional(),
  })
  .strict();

/** Conditions that must hold before an action runs (checked by the engine). */
const ZGuard = z.discriminatedUnion('type', [
  /** Every item of `data.<list>` has `done: true`. */
  z.object({ type: z.literal('all-items-done'), list: ZFieldName, message: ZLabel }).strict(),
  /** `data.<key>` (or a case column) has a value. */
  z.object({ type: z.literal('has-value'), target: ZTarget, message: ZLabel }).strict(),
  /** `data.<key>` (or a case column) is still empty: a step that may be taken once. */
  z.object({ type: z.literal('no-value'), target: ZTarget, message: ZLabel }).strict(),
]);
export type TGuard = z.infer<typeof ZGuard>;

const ZAction = z
  .object({
    id: ZId,
    label: ZLabel,
    from: z.array(ZId).min(1),
    /** Omitted: the case stays in its state (a recorded step such as an interview note). */
    to: ZId.optional(),
    /**
     * Issue 17: the action applies only to cases of these kinds (S1: a suggestion is evaluated and
     * adopted, a complaint is decided). Omitted: every kind.
     */
    kinds: z.array(z.enum(CASE_KINDS)).min(1).optional(),
    roles: z.array(ZId).min(1),
    input: z.array(ZField).default([]),
    /** `public` events are shown to the submitter on the tracking page. */
    visibility: z.enum(['public', 'internal']).default('internal'),
    /** What the submitter reads on the timeline for a public event. */
    publicText: ZLabel.optional(),
    /** Update one item of a list in `data`: the item at input `index`, merged with the other inputs. */
    updatesItemOf: ZFieldName.optional(),
    guards: z.array(ZGuard).default([]),
    /**
     * SLA-3: `request` asks to extend a running clock (input: clock, length, reason); `decide`
     * approves or denies the open request (input: approve, note) — only the clock's approvers may.
     */
    extension: z.enum(['request', 'decide']).optional(),
    /** A value the action always sets, e.g. `outcome: invalid` for closing an invalid complaint. */
    fixed: z.record(ZTarget, z.union([z.string(), z.number(), z.boolean()])).default({}),
    clocks: ZClockOps.default({ start: [], stop: [], pause: [], resume: [] }),
    notify: z.array(ZNotify).default([]),
    /**
     * RES-3: the action takes effect only when a holder of one of these roles approves it. Taken by
     * anyone else it is recorded as pending; the procedure's `approval: decide` action settles it.
     * `when`: only if the case's `data.<key>` (or a column) equals the value, e.g. management involved.
     */
    approval: z
      .object({
        roles: z.array(ZId).min(1),
        when: z
          .object({ target: ZTarget, equals: z.union([z.string(), z.number(), z.boolean()]) })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    /** `decide`: approves or refuses the pending action (built-in input: approve, note). */
    decidesApproval: z.boolean().default(false),
    /**
     * ENF-1: the action also opens a new case, linked to this one (诉转案: an enforcement lead with its
     * own clocks, which later steps of this case — a withdrawal — do not touch).
     */
    opens: z
      .object({ procedure: ZId, kind: z.enum(CASE_KINDS), link: z.enum(LINK_KINDS) })
      .strict()
      .optional(),
    /**
     * Issue 16: the action sends the case to a real unit, recorded on the timeline: `intake` the
     * procedure's intake unit (转交客服部门), `parent` the unit above, `top` the organisation (root).
     */
    moves: z.enum(['intake', 'parent', 'top']).optional(),
    /**
     * Issue 17, S3 二.3 召集相关人员: the person named in `field` (a `user` input) is invited — they
     * may read this case, and no other, for `days` days and only while it is open; they are told
     * in-app. They need hold no role (a manager of another department); someone recused cannot be invited.
     */
    invites: z
      .object({ field: ZId, days: z.number().int().min(1).max(90) })
      .strict()
      .optional(),
    /**
     * STA-2 (issue 17, S9 二.2 不合格纠正与预防): the action also records an improvement action
     * (src/app/improvements.ts) linked to the case, in the case's unit, so the 整改 list shows it.
     * The values name the action's inputs: `title` (its first line), `description` (joined, each
     * under its label), `owner` (a user input), `dueDate` (a date input); `cause`: the cause
     * category (the case's category when absent).
     */
    improvement: z
      .object({
        kind: z.enum(['corrective', 'training']),
        title: ZFieldName,
        description: z.array(ZFieldName).default([]),
        owner: ZFieldName.optional(),
        dueDate: ZFieldName.optional(),
        cause: z.string().min(1).max(100).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type TAction = z.infer<typeof ZAction>;

/** What happens when a clock runs out (SLA-7); each is carried out once, by the sweeper. */
const ZBreachStep = z.union([
  z.object({ notify: ZNotify }).strict(),
  /** CLS-3: severity raised by rule, e.g. to `major` when a complaint stays unresolved. */
  z.object({ raiseSeverity: ZId }).strict(),
  /** SLA-6: the case is flagged for the supervising unit (督办). */
  z.object({ escalate: z.literal(true) }).strict(),
  /** Another clock starts (S9 一.1(3): a complaint raised to 重大 gets its 2-day answer). */
  z.object({ start: ZId }).strict(),
]);

/** A time limit (SLA-1): which unit and length, when to warn, what a breach does, who may extend it. */
const ZClock = z
  .object({
    id: ZId,
    label: ZLabel,
    /** The rule the limit implements: a seed clause, SPEC or RULES.md id (SLA-5, MS-2, WB-2 …). */
    rule: z.string().optional(),
    /**
     * Issue 18: a limit the organisation owes the submitter (答复期限, 受理决定 …). Only these are shown
     * on the portal, the receipt and the submitter's e-mails, with the actions that stop them;
     * internal limits (转交客服部门 within 24 hours) stay on the workbench.
     */
    public: z.boolean().optional(),
    unit: z.enum(['hours', 'same-day', 'natural-days', 'working-days', 'calendar-months']),
    length: z.number().int().positive(),
    /**
     * S9 三.1 "或按住户要求的期限": when the case holds this date (set by the action that starts the
     * clock), the clock runs to its 24:00 instead of its length — for the listed severities only.
     */
    dueFrom: z
      .object({
        target: z.string().regex(/^data\.[a-zA-Z][a-zA-Z0-9]*$/),
        severities: z.array(ZId).optional(),
        /**
         * The target is a list (S4 四.2: the measures); the clock runs to the latest of its items'
         * dates in this field, the day by which every measure is due — or see `pick`.
         */
        item: ZFieldName.optional(),
        /**
         * Issue 17 (S4 四.2, RES-2): `earliest-open` runs to the earliest date among the items not
         * yet `done`, so the first measure to fall due is the one reminded of and flagged; with
         * `clocks.retarget` on the action that marks items done, the clock moves on to the next.
         * Omitted: `latest` (versions before customer-complaint v5).
         */
        pick: z.enum(['latest', 'earliest-open']).optional(),
        /** The clock starts only when the case holds the date (a target date set by the handler). */
        only: z.boolean().default(false),
      })
      .strict()
      .optional(),
    /** Length by the case's severity when the clock starts (S9: 2/3/10 days). */
    bySeverity: z.record(ZId, z.number().int().positive()).optional(),
    /** `submit`: runs from the moment the matter was received; `action`: started by an action. */
    startsOn: z.enum(['submit', 'action']).default('action'),
    /**
     * `received`: a clock an action starts still counts from when the matter was received (S9 三:
     * a letter received 12-02 and classified 12-05 is due by its receipt, not its classification),
     * so no case sits unclocked between receipt and the first step. Default: from the action.
     */
    countFrom: z.enum(['action', 'received']).default('action'),
    /** With `startsOn: submit`: only cases of these kinds (an appeal's 7 working days, a report's WB-1). */
    kinds: z.array(z.enum(CASE_KINDS)).optional(),
    /**
     * With `startsOn: submit`: only cases staff registered outside the procedure's intake unit (a
     * store's walk-in complaint, S5 四.1: 24 hours to pass it to 客服部), not those that reached the
     * intake unit itself (portal, hotline, e-mail). Without an intake unit set, every staff registration.
     */
    registeredElsewhere: z.boolean().optional(),
    /**
     * The clock starts only on cases whose `data.<key>` is (or is not) this value — the regime in
     * force when the case was received (MS-6: Order 20's 45 working days, Order 121's 60 days).
     * Two clocks with opposite conditions share the actions that start, pause and stop them.
     */
    when: z
      .object({
        target: z.string().regex(/^data\.[a-zA-Z][a-zA-Z0-9]*$/),
        equals: z.string().optional(),
        notEquals: z.string().optional(),
      })
      .strict()
      .refine((w) => (w.equals === undefined) !== (w.notEquals === undefined), 'give equals or notEquals, not both')
      .optional(),
    /** Share of the period after which the clock warns (SLA-7). */
    warnAt: z.number().gt(0).lt(1).default(0.8),
    warnNotify: z.array(ZNotify).default([]),
    onBreach: z.array(ZBreachStep).default([]),
    /** SLA-3: who approves an extension (by severity where the approver depends on it) and how much. */
    extension: z
      .object({
        approvers: z.array(ZId).min(1),
        approversBySeverity: z.record(ZId, z.array(ZId).min(1)).optional(),
        maxLength: z.number().int().positive(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type TClock = z.infer<typeof ZClock>;

const ZIntake = z
  .object({
    kinds: z.array(z.enum(CASE_KINDS)).min(1),
    channels: z.array(z.enum(CHANNELS)).min(1),
    /** INT-5: the submitter affirms the statement is true. */
    requireTruthAffirmation: z.boolean().default(false),
    /** Standard submission fields that this procedure makes mandatory. */
    require: z.array(z.enum(['occurredAt', 'location', 'requestedOutcome', 'respondents', 'category'])).default([]),
    /** Standard fields mandatory only for some kinds, e.g. a `report` names who is involved (S2 3.2). */
    requireByKind: z
      .partialRecord(
        z.enum(CASE_KINDS),
        z.array(z.enum(['occurredAt', 'location', 'requestedOutcome', 'respondents', 'category'])),
      )
      .default({}),
    /** Procedure-specific fields, submitted under `fields`; `kinds` limits a field to those kinds. */
    fields: z.array(ZScalarField).default([]),
    /** False: staff and other cases open it (an enforcement lead), the public portal does not. */
    public: z.boolean().default(true),
    /**
     * INT-6, CLS-3: earlier cases of this procedure within `windowDays` with the same submitter
     * (blind index) or the same respondent are linked as repeats; with `raiseSeverity`, a case
     * raised again while `unresolvedAtLeast` earlier ones are still open starts at that severity.
     */
    repeats: z
      .object({
        windowDays: z.number().int().positive().max(3650),
        match: z.array(z.enum(['submitter', 'respondent'])).min(1),
        raiseSeverity: z
          .object({ to: ZId, unresolvedAtLeast: z.number().int().positive().default(1) })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    /**
     * MS-3: an intake date field more than `years` before the case was received is shown to staff
     * as a warning naming the rule (3 years since the harm was known is a non-acceptance ground).
     * A warning, not a refusal: the handler decides, with the ground, in `reject`.
     */
    ageWarnings: z
      .array(
        z
          .object({ field: ZFieldName, years: z.number().int().positive().max(100), rule: z.string(), label: ZLabel })
          .strict(),
      )
      .default([]),
    /**
     * A value stamped on every case: by its receipt date (MS-1, the regime in force when received),
     * or by whether its submitter is named (MS-11: only named reporters are told of 立案), so a
     * clock's `when` can read it.
     */
    stamps: z
      .array(
        z.union([
          z
            .object({
              set: z.string().regex(/^data\.[a-zA-Z][a-zA-Z0-9]*$/),
              byReceivedDate: z.array(z.object({ before: z.iso.date().optional(), value: z.string() }).strict()).min(1),
            })
            .strict(),
          z
            .object({
              set: z.string().regex(/^data\.[a-zA-Z][a-zA-Z0-9]*$/),
              bySubmitter: z.object({ named: z.string(), anonymous: z.string() }).strict(),
            })
            .strict(),
        ]),
      )
      .default([]),
    /**
     * S8 投诉举报 (issue 17): a case of this kind submitted here is opened in the named procedure
     * instead — a public 举报 goes straight into the enforcement-lead flow (MS-9, MS-14). This
     * procedure's intake rules (unit, kinds, required fields) check the submission; the case, its
     * clocks and its steps are the other procedure's.
     */
    kindProcedures: z.partialRecord(z.enum(CASE_KINDS), ZId).default({}),
    /** Tracking number prefix per kind: TS-20261128-7K3Q9X. */
    trackingPrefix: z.record(z.enum(CASE_KINDS), z.string().regex(/^[A-Z]{2,4}$/)).default({
      complaint: 'TS',
      suggestion: 'JY',
      report: 'JB',
      appeal: 'SS',
    }),
    /**
     * Issue 16 (INT-2): how a new case finds its unit. `choose`: the submitter names it from the
     * units at `level` below the root (market supervision: the county bureau, `required`).
     * Otherwise the admin-set intake unit of the procedure, the registering staff member's unit,
     * or the root unit.
     */
    unit: z
      .object({
        choose: z.enum(['required', 'optional']),
        level: z.number().int().min(0).max(10).optional(),
      })
      .strict()
      .optional(),
    /** What the submitter reads on the timeline when the case is registered. */
    publicText: ZLabel,
    /** Who hears of a new case (INT-4: the submitter's acknowledgement; the handling desk). */
    notify: z.array(ZNotify).default([]),
  })
  .strict();

/**
 * DIS-1, MS-15 (S8 一(五) 谁处理、谁公示): handled cases whose submitter consented at intake may be
 * published. A holder of `proposedBy` proposes; the business respondent is told and has
 * `respondentNoticeDays` working days before publishing; a holder of `reviewRole` reviews the
 * automatically redacted text, may edit it, publishes and unpublishes.
 */
export const ZDisclosure = z
  .object({
    /** The boolean intake field holding the submitter's consent. */
    consentField: ZFieldName,
    /** States in which a case counts as handled. */
    from: z.array(ZId).min(1),
    proposedBy: z.array(ZId).min(1),
    reviewRole: ZId,
    respondentNoticeDays: z.number().int().min(0).max(60),
    /** Where the handling result is (e.g. `data.agreement`, the mediation result); the outcome label is used besides. */
    result: z
      .string()
      .regex(/^data\.[a-zA-Z][a-zA-Z0-9]*$/)
      .optional(),
  })
  .strict();
export type TDisclosure = z.infer<typeof ZDisclosure>;

export const ZProcedure = z
  .object({
    id: ZId,
    version: z.number().int().positive(),
    name: ZLabel,
    description: ZLabel.optional(),
    /** Seed documents (S1–S9) and SPEC requirement ids this definition implements. */
    sources: z.array(z.string()).default([]),
    implements: z.array(z.string()).default([]),
    /**
     * Roles and what holding one allows beyond the actions that name it: `read` (see cases in the
     * holder's units), `intake` (register on someone's behalf), `identity:view` (see submitters
     * unmasked, audited), `supervise` (督办 the units below), `audit` (read and verify the audit
     * chain; only when held in the whole organisation).
     */
    roles: z
      .array(
        z
          .object({
            id: ZId,
            label: ZLabel,
            permissions: z.array(z.enum(PERMISSIONS)).default(['read']),
          })
          .strict(),
      )
      .min(1),
    /**
     * S8 一(四) 谁办理、谁录入 (issue 17): with `scope: handling-unit`, an action is recorded only by a
     * holder of its role in the unit that holds the case — a county bureau reads its offices' cases
     * and supervises them (urge, take over: SLA-6) but does not record their steps. `except` lists
     * actions anyone above may still take (an internal note).
     */
    recordingBy: z
      .object({ scope: z.literal('handling-unit'), except: z.array(ZId).default([]) })
      .strict()
      .optional(),
    categories: z.array(ZOption).default([]),
    severities: z.array(ZOption).default([]),
    outcomes: z.array(ZOption).default([]),
    intake: ZIntake,
    states: z.array(ZState).min(2),
    actions: z.array(ZAction).min(1),
    clocks: z.array(ZClock).default([]),
    /**
     * APL-1, APL-4: the submitter may appeal from these states, within `withinDays` of closing; the
     * appeal is a new linked case of kind `appeal` in `procedure` (this one by default), at the
     * unit above, kept from everyone who acted on the original.
     */
    appeal: z
      .object({
        procedure: ZId.optional(),
        from: z.array(ZId).min(1),
        withinDays: z.number().int().positive().optional(),
        /**
         * APL-1…3: the levels in order; the first appeal goes to the first. `parent`: the unit above
         * the case's; `top`: the organisation level (senior management). The last level is final (终审).
         */
        levels: z
          .array(z.object({ label: ZLabel, routeTo: z.enum(['parent', 'top']) }).strict())
          .min(1)
          .default([{ label: { 'zh-CN': '上一级', en: 'Next level' }, routeTo: 'parent' }]),
      })
      .strict()
      .optional(),
    /**
     * ARC-1, CON-4: how long after closing the personal data and the case record are kept; who
     * answers personal-data requests (PIPL Art 44–51) and in how many working days. Holders of a role
     * with the `records` permission put cases on legal hold and release them.
     */
    records: z
      .object({
        personalDataYears: z.number().int().positive().max(100).default(3),
        recordYears: z.number().int().positive().max(100).default(10),
        requestsHandledBy: ZId.optional(),
        requestWorkingDays: z.number().int().positive().max(60).default(15),
      })
      .strict()
      .default({ personalDataYears: 3, recordYears: 10, requestWorkingDays: 15 }),
    /** RTE-3: where a case goes when the unit that owns it is recused: the unit above, or a role (a neutral investigator). */
    recusal: z
      .object({
        routeTo: z.union([z.literal('parent'), ZRoleRef]),
        /**
         * Issue 16: `unit` extends the exclusion of a respondent matched to a staff member to the
         * units where they hold roles (their colleagues and head); `person` (default) to them alone.
         */
        scope: z.enum(['person', 'unit']).optional(),
        /**
         * Issue 16: `exclude` (default) keeps a department named as respondent out of its case;
         * `handle` when the procedure sends a complaint to the department complained about (S9 二.1
         * 被投诉部门负责人): the department is not excluded, a person named in it still is.
         */
        departments: z.enum(['exclude', 'handle']).optional(),
      })
      .strict()
      .default({ routeTo: 'parent' }),
    /** Public disclosure of handled cases (DIS-1); absent: this procedure's cases are never published. */
    disclosure: ZDisclosure.optional(),
  })
  .strict()
  .superRefine(checkReferences);

export type TProcedure = z.infer<typeof ZProcedure>;

/** Cross-references zod cannot see: every state, role, clock and option an action names exists. */
function checkReferences(p: z.infer<typeof ZProcedureShape>, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const states = new Set(p.states.map((s) => s.id));
  const roles = new Set([...p.roles.map((r) => r.id), SUBMITTER_ROLE]);
  const clocks = new Set(p.clocks.map((c) => c.id));
  const initial = p.states.filter((s) => s.initial);
  if (initial.length !== 1) issue(['states'], `exactly one state must be initial (found ${initial.length})`);
  dupes(p.states.map((s) => s.id)).forEach((d) => issue(['states'], `duplicate state "${d}"`));
  dupes(p.roles.map((r) => r.id)).forEach((d) => issue(['roles'], `duplicate role "${d}"`));
  p.intake.notify.forEach((n, j) => {
    if (n.to.startsWith('role:') && !roles.has(n.to.slice(5)))
      issue(['intake', 'notify', j], `unknown role "${n.to.slice(5)}"`);
  });
  dupes(p.actions.map((a) => a.id)).forEach((d) => issue(['actions'], `duplicate action "${d}"`));
  p.recordingBy?.except.forEach((id, j) => {
    if (!p.actions.some((a) => a.id === id)) issue(['recordingBy', 'except', j], `unknown action "${id}"`);
  });
  if (p.actions.some((a) => a.id === 'submit')) issue(['actions'], '"submit" is reserved for intake');
  p.actions.forEach((a, i) => {
    a.from.forEach((s, j) => {
      if (!states.has(s)) issue(['actions', i, 'from', j], `unknown state "${s}"`);
    });
    if (a.to && !states.has(a.to)) issue(['actions', i, 'to'], `unknown state "${a.to}"`);
    a.roles.forEach((r, j) => {
      if (!roles.has(r)) issue(['actions', i, 'roles', j], `unknown role "${r}"`);
    });
    for (const op of ['start', 'stop', 'pause', 'resume'] as const) {
      a.clocks[op].forEach((c, j) => {
        if (!clocks.has(c)) issue(['actions', i, 'clocks', op, j], `unknown clock "${c}"`);
      });
    }
    a.input.forEach((f, j) => {
      if (f.type === 'category' && p.categories.length === 0)
        issue(['actions', i, 'input', j], 'a category field needs categories');
      if (f.type === 'severity' && p.severities.length === 0)
        issue(['actions', i, 'input', j], 'a severity field needs severities');
      if (f.sets === 'outcome' && p.outcomes.length === 0)
        issue(['actions', i, 'input', j], 'setting outcome needs outcomes');
    });
    dupes(a.input.map((f) => f.name)).forEach((d) => issue(['actions', i, 'input'], `duplicate field "${d}"`));
    if (a.clocks.pause.length > 0 && !a.input.some((f) => f.name === 'reason' && f.required)) {
      issue(['actions', i, 'input'], 'an action that pauses a clock needs a required input "reason"');
    }
    if (a.extension && a.input.length > 0)
      issue(['actions', i, 'input'], 'extension actions have a built-in input; declare none');
    if (a.updatesItemOf && !a.input.some((f) => f.name === 'index' && f.type === 'integer')) {
      issue(['actions', i, 'updatesItemOf'], 'updatesItemOf needs an integer input named "index"');
    }
    a.notify.forEach((n, j) => {
      if (n.to.startsWith('role:') && !roles.has(n.to.slice(5)))
        issue(['actions', i, 'notify', j], `unknown role "${n.to.slice(5)}"`);
    });
    if (a.improvement) {
      const { title, description, owner, dueDate } = a.improvement;
      for (const name of [title, ...description, ...(owner ? [owner] : []), ...(dueDate ? [dueDate] : [])])
        if (!a.input.some((f) => f.name === name))
          issue(['actions', i, 'improvement'], `unknown input "${name}" of action "${a.id}"`);
    }
    if (a.visibility === 'public' && !a.publicText)
      issue(['actions', i, 'publicText'], 'a public action needs publicText');
    if (a.invites && !a.input.some((f) => f.name === a.invites!.field && f.type === 'user' && f.required))
      issue(['actions', i, 'invites', 'field'], `"${a.invites.field}" is not a required user input of the action`);
    a.input.forEach((f, j) => {
      if (f.sets === 'orgUnit' && f.type !== 'unit')
        issue(['actions', i, 'input', j, 'sets'], 'only a unit field sets orgUnit');
      if (f.roles && f.type !== 'user') issue(['actions', i, 'input', j, 'roles'], 'only a user field names roles');
      f.roles?.forEach((r, k) => {
        if (!roles.has(r)) issue(['actions', i, 'input', j, 'roles', k], `unknown role "${r}"`);
      });
    });
    a.approval?.roles.forEach((r, j) => {
      if (!roles.has(r)) issue(['actions', i, 'approval', 'roles', j], `unknown role "${r}"`);
    });
    if (a.approval && !p.actions.some((b) => b.decidesApproval))
      issue(['actions', i, 'approval'], 'an approval needs an action with decidesApproval: true');
    if (a.approval && (a.extension || a.decidesApproval))
      issue(['actions', i, 'approval'], 'extension and approval actions cannot themselves need approval');
    if (a.decidesApproval && (a.input.length > 0 || a.to || a.extension))
      issue(['actions', i, 'decidesApproval'], 'an approval decision has a built-in input and no "to" of its own');
    for (const [target, options] of [
      ['outcome', p.outcomes],
      ['category', p.categories],
      ['severity', p.severities],
    ] as const) {
      const value = a.fixed[target];
      if (value !== undefined && !options.some((o) => o.id === value))
        issue(['actions', i, 'fixed', target], `unknown ${target} "${String(value)}"`);
    }
  });
  const roleIds = new Set(p.roles.map((r) => r.id));
  const severityIds = new Set(p.severities.map((s) => s.id));
  if (p.records.recordYears < p.records.personalDataYears)
    issue(['records', 'recordYears'], 'the case record cannot go before its personal data');
  if (p.records.requestsHandledBy && !roleIds.has(p.records.requestsHandledBy))
    issue(['records', 'requestsHandledBy'], `unknown role "${p.records.requestsHandledBy}"`);
  const raised = p.intake.repeats?.raiseSeverity?.to;
  if (raised && !severityIds.has(raised))
    issue(['intake', 'repeats', 'raiseSeverity', 'to'], `unknown severity "${raised}"`);
  p.intake.ageWarnings.forEach((w, i) => {
    if (p.intake.fields.find((f) => f.name === w.field)?.type !== 'date')
      issue(['intake', 'ageWarnings', i, 'field'], `"${w.field}" is not a date field of the intake`);
  });
  p.clocks.forEach((c, i) => {
    if (c.kinds && c.startsOn !== 'submit')
      issue(['clocks', i, 'kinds'], 'kinds applies to clocks that start on submit');
    if (c.registeredElsewhere && c.startsOn !== 'submit')
      issue(['clocks', i, 'registeredElsewhere'], 'registeredElsewhere applies to clocks that start on submit');
  });
  p.appeal?.from.forEach((s, j) => {
    if (!states.has(s)) issue(['appeal', 'from', j], `unknown state "${s}"`);
  });
  if (p.recusal.routeTo.startsWith('role:') && !roleIds.has(p.recusal.routeTo.slice(5)))
    issue(['recusal', 'routeTo'], `unknown role "${p.recusal.routeTo.slice(5)}"`);
  if (p.disclosure) {
    const d = p.disclosure;
    const consent = p.intake.fields.find((f) => f.name === d.consentField);
    if (consent?.type !== 'boolean')
      issue(['disclosure', 'consentField'], `"${d.consentField}" is not a boolean intake field`);
    d.from.forEach((s, j) => {
      if (!states.has(s)) issue(['disclosure', 'from', j], `unknown state "${s}"`);
    });
    [...d.proposedBy, d.reviewRole].forEach((r) => {
      if (!roleIds.has(r)) issue(['disclosure'], `unknown role "${r}"`);
    });
  }
  const severities = new Set(p.severities.map((s) => s.id));
  p.clocks.forEach((c, i) => {
    Object.keys(c.bySeverity ?? {}).forEach((s) => {
      if (!severities.has(s)) issue(['clocks', i, 'bySeverity', s], `unknown severity "${s}"`);
    });
    c.extension?.approvers.forEach((r, j) => {
      if (!roleIds.has(r)) issue(['clocks', i, 'extension', 'approvers', j], `unknown role "${r}"`);
    });
    Object.entries(c.extension?.approversBySeverity ?? {}).forEach(([s, rs]) => {
      if (!severities.has(s)) issue(['clocks', i, 'extension', 'approversBySeverity', s], `unknown severity "${s}"`);
      rs.forEach((r) => {
        if (!roleIds.has(r)) issue(['clocks', i, 'extension', 'approversBySeverity', s], `unknown role "${r}"`);
      });
    });
    c.onBreach.forEach((step, j) => {
      if ('raiseSeverity' in step && !severities.has(step.raiseSeverity))
        issue(['clocks', i, 'onBreach', j], `unknown severity "${step.raiseSeverity}"`);
      if ('notify' in step && step.notify.to.startsWith('role:') && !roleIds.has(step.notify.to.slice(5)))
        issue(['clocks', i, 'onBreach', j], `unknown role "${step.notify.to.slice(5)}"`);
      if ('start' in step && !p.clocks.some((d) => d.id === step.start))
        issue(['clocks', i, 'onBreach', j], `unknown clock "${step.start}"`);
    });
  });
  p.states.forEach((s, i) => {
    if (!s.terminal && !p.actions.some((a) => a.from.includes(s.id) && a.to && a.to !== s.id)) {
      issue(['states', i], `state "${s.id}" is not terminal but no action leaves it`);
    }
  });
  checkItemClocks(p, issue);
}

/**
 * Issue 17: clocks that run to list items' dates — `pick`, `retarget` and `item:<field>` notices —
 * name a list some action sets and a user field of its items; item notices only where a clock has items.
 */
function checkItemClocks(
  p: z.infer<typeof ZProcedureShape>,
  issue: (path: (string | number)[], message: string) => void,
): void {
  const listItems = (target: string) =>
    p.actions.flatMap((a) => a.input).flatMap((f) => (f.type === 'list' && f.sets === target ? f.items : []));
  const notItems = (n: { to: string }, path: (string | number)[]) => {
    if (ITEM_RECIPIENT.test(n.to)) issue(path, `"${n.to}" names list items: only a clock with dueFrom.item has them`);
  };
  p.intake.notify.forEach((n, j) => notItems(n, ['intake', 'notify', j]));
  p.actions.forEach((a, i) => {
    a.notify.forEach((n, j) => notItems(n, ['actions', i, 'notify', j]));
    a.clocks.retarget?.forEach((id, j) => {
      if (!p.clocks.find((c) => c.id === id)?.dueFrom)
        issue(['actions', i, 'clocks', 'retarget', j], `clock "${id}" does not run to a date of the case (dueFrom)`);
    });
  });
  p.clocks.forEach((c, i) => {
    if (c.dueFrom?.pick && !c.dueFrom.item) issue(['clocks', i, 'dueFrom', 'pick'], 'pick needs item');
    type Notice = [{ to: string }, (string | number)[]];
    const notices: Notice[] = [
      ...c.warnNotify.map((n, j): Notice => [n, ['clocks', i, 'warnNotify', j]]),
      ...c.onBreach.flatMap((step, j): Notice[] =>
        'notify' in step ? [[step.notify, ['clocks', i, 'onBreach', j]]] : [],
      ),
    ];
    for (const [n, path] of notices) {
      if (!ITEM_RECIPIENT.test(n.to)) continue;
      const field = n.to.slice('item:'.length);
      if (!c.dueFrom?.item) notItems(n, path);
      else if (!listItems(c.dueFrom.target).some((f) => f.name === field && f.type === 'user'))
        issue(path, `the items of ${c.dueFrom.target} have no user field "${field}"`);
    }
  });
}

// The shape before refinement, for typing checkReferences.
const ZProcedureShape = z.object({
  roles: z.array(z.object({ id: z.string() })),
  intake: z.object({
    notify: z.array(ZNotify),
    fields: z.array(ZScalarField),
    repeats: z.object({ raiseSeverity: z.object({ to: z.string() }).optional() }).optional(),
    ageWarnings: z.array(z.object({ field: z.string() })),
  }),
  categories: z.array(ZOption),
  severities: z.array(ZOption),
  outcomes: z.array(ZOption),
  states: z.array(ZState),
  actions: z.array(ZAction),
  clocks: z.array(ZClock),
  appeal: z.object({ from: z.array(z.string()) }).optional(),
  recusal: z.object({ routeTo: z.string() }),
  records: z.object({
    personalDataYears: z.number(),
    recordYears: z.number(),
    requestsHandledBy: z.string().optional(),
  }),
  disclosure: ZDisclosure.optional(),
  recordingBy: z.object({ except: z.array(z.string()) }).optional(),
});

function dupes(ids: string[]): string[] {
  const seen = new Set<string>();
  return ids.filter((id) => {
    if (seen.has(id)) return true;
    seen.add(id);
    return false;
  });
}

/** A case's state definition, or undefined for an id the procedure does not know. */
export function findState(p: TProcedure, id: string) {
  return p.states.find((s) => s.id === id);
}

export function findAction(p: TProcedure, id: string): TAction | undefined {
  return p.actions.find((a) => a.id === id);
}

export function initialState(p: TProcedure): string {
  return p.states.find((s) => s.initial)!.id;
}
