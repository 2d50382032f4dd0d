import { z } from 'zod';
import type { TField, TProcedure, TScalarField } from './procedure.schema.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

// Zod compiles a schema on first use; building one per request would pay that every time.
// Field arrays belong to a loaded procedure and never change, so they key the cache.
const inputSchemas = new WeakMap<TField[], z.ZodType<Record<string, unknown>>>();

/** The zod schema of an action's input, built from its declared fields. Unknown keys are rejected. */
export function inputSchema(procedure: TProcedure, fields: TField[]): z.ZodType<Record<string, unknown>> {
  let schema = inputSchemas.get(fields);
  if (!schema) {
    schema = buildInputSchema(procedure, fields);
    inputSchemas.set(fields, schema);
  }
  return schema;
}

function buildInputSchema(procedure: TProcedure, fields: TField[]): z.ZodType<Record<string, unknown>> {
  const shape: Record<string, z.ZodType> = {};
  for (const field of fields) {
    const base =
      field.type === 'list'
        ? z
            .array(z.object(scalarShape(procedure, field.items)).strict())
            .min(field.minItems)
            .max(field.maxItems)
        : scalarSchema(procedure, field);
    shape[field.name] = field.required ? base : base.optional();
  }
  return z.object(shape).strict();
}

function scalarShape(procedure: TProcedure, fields: TScalarField[]): Record<string, z.ZodType> {
  return Object.fromEntries(
    fields.map((f) => [f.name, f.required ? scalarSchema(procedure, f) : scalarSchema(procedure, f).optional()]),
  );
}

/** One scalar field's schema; required text must contain more than white space. */
export function scalarSchema(procedure: TProcedure, field: TScalarField): z.ZodType {
  switch (field.type) {
    case 'text':
    case 'longtext':
      return z
        .string()
        .trim()
        .min(field.required ? 1 : 0, '不能为空 / must not be empty')
        .max(field.maxLength);
    case 'enum':
      return z.enum(field.options.map((o) => o.id) as [string, ...string[]]);
    case 'category':
      return z.enum(procedure.categories.map((o) => o.id) as [string, ...string[]]);
    case 'severity':
      return z.enum(procedure.severities.map((o) => o.id) as [string, ...string[]]);
    case 'user':
      return z.string().min(1).max(100);
    case 'unit':
      return z.string().regex(/^[0-9A-Z]{26}$/, 'an org unit id');
    case 'date':
      return z.string().regex(DATE, 'expected a date YYYY-MM-DD').refine(isRealDate, 'not a real date');
    case 'datetime':
      return z.iso.datetime({ offset: true });
    case 'integer': {
      let s = z.number().int();
      if (field.min !== undefined) s = s.min(field.min);
      if (field.max !== undefined) s = s.max(field.max);
      return s;
    }
    case 'number': {
      let s = z.number();
      if (field.min !== undefined) s = s.min(field.min);
      if (field.max !== undefined) s = s.max(field.max);
      return s;
    }
    case 'boolean':
      return field.mustBeTrue ? z.literal(true, { error: '必须确认 / must be confirmed' }) : z.boolean();
    case 'rating':
      return z.number().int().min(1).max(field.max);
  }
}

function isRealDate(value: string): boolean {
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

/** The `user` fields' raw values in an input, so the caller can look the users up before deciding. */
export function userRefs(fields: TField[], input: unknown): string[] {
  if (!input || typeof input !== 'object') return [];
  const values = input as Record<string, unknown>;
  const refs: string[] = [];
  for (const f of fields) {
    if (f.type === 'user' && typeof values[f.name] === 'string') refs.push(values[f.name] as string);
    if (f.type === 'list' && Array.isArray(values[f.name])) {
      for (const item of values[f.name] as unknown[]) refs.push(...userRefs(f.items, item));
    }
  }
  return refs;
}

/** The `unit` fields' raw values in an input (top level only), for the caller to resolve. */
export function unitRefs(fields: TField[], input: unknown): string[] {
  if (!input || typeof input !== 'object') return [];
  const values = input as Record<string, unknown>;
  return fields
    .filter((f) => f.type === 'unit' && typeof values[f.name] === 'string')
    .map((f) => values[f.name] as string);
}
