import { useCallback, useState } from 'react';

/**
 * A form's values as one nested object (the shape antd's Form gave, so intakeValues.ts reads both),
 * with its errors by path (#27: the portal's forms without antd).
 */
export type Path = (string | number)[];
export type Values = Record<string, unknown>;

export const pathKey = (path: Path) => path.join('.');

export function getIn(values: unknown, path: Path): unknown {
  let v = values;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

function setIn(values: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const copy = (
    Array.isArray(values) ? [...values] : { ...((values as Record<string, unknown> | undefined) ?? {}) }
  ) as Record<string | number, unknown>;
  copy[head] = setIn(copy[head], rest, value);
  return copy;
}

export function useFormState(initial: Values) {
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = useCallback((path: Path, value: unknown) => {
    setValues((v) => setIn(v, path, value) as Values);
    // A field being corrected loses its error; the next submit checks it again.
    setErrors((e) => {
      const key = pathKey(path);
      if (!(key in e)) return e;
      const { [key]: _, ...rest } = e;
      return rest;
    });
  }, []);
  return { values, set, errors, setErrors, get: (path: Path) => getIn(values, path) };
}
export type FormState = ReturnType<typeof useFormState>;

/** A string that holds something other than white space (antd's `whitespace: true`). */
export const filled = (v: unknown) =>
  v !== undefined &&
  v !== null &&
  v !== '' &&
  !(typeof v === 'string' && v.trim() === '') &&
  !(Array.isArray(v) && v.length === 0);
