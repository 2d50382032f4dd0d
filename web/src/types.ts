import type { Answer } from './api/answers.ts';
import type { Label } from './i18n.tsx';

/** What the API says about procedures, fields and cases — only what the UI reads. */
export type Option = { id: string; label: Label };
/** A field of a procedure's form (an intake field or an action input). */
export type Field = ActionInfo['input'][number];
export type ScalarField = PublicProcedure['fields'][number];

// Issue 15: the shapes the API sends are generated from docs/openapi.json (src/api/schema.d.ts);
// these names alias them, so a renamed or retyped field breaks the web build, not a screen.
export type PublicProcedure = Answer<'listPublicProcedures'>['items'][number];

export type ActionInfo = Answer<'getCase'>['allowedActions'][number];

type StaffDeadline = Answer<'getCase'>['deadlines'][number];
type OwedDeadline = Answer<'trackCase'>['deadlines'][number];
/** A deadline as the case page (staff) or the tracking page (submitter) shows it. */
export type Deadline = (StaffDeadline & { stoppedBy?: undefined }) | (OwedDeadline & { rule?: undefined });

export type PublicEntry = Answer<'trackCase'>['timeline'][number];

export type PublicCase = Answer<'trackCase'>;

export type CaseSummary = Answer<'listCases'>['items'][number];

export type StaffEntry = Answer<'getCase'>['timeline'][number];

export type StaffCase = Answer<'getCase'>;

export type Me = Answer<'getMe'>;
