import type { Field, PublicProcedure } from '../types.ts';

/**
 * Intake form values → the API's input, without any component library (#27): the portal's plain
 * form and the workbench's antd form (IntakeFields.tsx) hold their values in the same shape.
 */

/** The procedure's own fields that apply to a kind of case (S8: a 举报's leads, a complaint's consent). */
export function fieldsFor(procedure: PublicProcedure, kind: string) {
  return procedure.fields.filter((f) => !f.kinds || (f.kinds as string[]).includes(kind));
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Form values → the body of POST /public/cases (or /cases with channel added by the caller). */
export function toSubmission(procedure: PublicProcedure, v: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {
    procedure: procedure.id,
    kind: v.kind ?? procedure.kinds[0],
    subject: v.subject,
    description: v.description,
    anonymous: v.anonymous === true,
  };
  for (const key of ['category', 'location', 'requestedOutcome'] as const) if (!blank(v[key])) body[key] = v[key];
  if (!blank(v.occurredAt)) body.occurredAt = new Date(String(v.occurredAt)).toISOString();
  const respondents = (v.respondents as { name?: string; type?: string }[] | undefined)?.filter((r) => !blank(r?.name));
  if (respondents?.length) body.respondents = respondents;
  if (v.anonymous === false && v.submitter) {
    const s = Object.fromEntries(Object.entries(v.submitter as Record<string, unknown>).filter(([, x]) => !blank(x)));
    if (Object.keys(s).length > 0) body.submitter = s;
  }
  const fields = toInput(fieldsFor(procedure, String(body.kind)), (v.fields ?? {}) as Record<string, unknown>);
  if (Object.keys(fields).length > 0) body.fields = fields;
  if (procedure.requireTruthAffirmation) body.affirmTruthful = v.affirmTruthful === true;
  // The unit chooser's value is the path of ids; the unit is its last.
  const unitPath = v.orgUnit as string[] | undefined;
  if (Array.isArray(unitPath) && unitPath.length > 0) body.orgUnit = unitPath[unitPath.length - 1];
  return body;
}

/**
 * Form values → the input the API validates: empty optional values left out, datetime-local
 * turned into an ISO instant with the browser's offset, booleans kept even when false.
 */
export function toInput(fields: Field[], values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values?.[f.name];
    if (f.type === 'list') {
      if (Array.isArray(v) && v.length > 0)
        out[f.name] = v.map((item) => toInput(f.items, item as Record<string, unknown>));
      continue;
    }
    if (v === undefined || v === null || v === '') {
      if (f.type === 'boolean' && f.required) out[f.name] = false;
      continue;
    }
    out[f.name] = f.type === 'datetime' ? new Date(String(v)).toISOString() : v;
  }
  return out;
}
