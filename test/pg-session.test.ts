import { describe, expect, it } from 'vitest';
import { pgSessionOptions } from '../src/store/db.ts';

/** Issue 9: the PostgreSQL pool's per-connection settings (docs/deploy.md). */
describe('pgSessionOptions', () => {
  it('turns parallel query off unless configured, and keeps the schema', () => {
    expect(pgSessionOptions(undefined, undefined)).toBe('-c max_parallel_workers_per_gather=0');
    expect(pgSessionOptions('t1', '')).toBe('-c search_path=t1 -c max_parallel_workers_per_gather=0');
    expect(pgSessionOptions('t1', '2')).toBe('-c search_path=t1 -c max_parallel_workers_per_gather=2');
    expect(pgSessionOptions('t1', 'default')).toBe('-c search_path=t1');
    expect(pgSessionOptions(undefined, 'default')).toBeUndefined();
  });

  it('refuses anything but a number or "default" (it goes into the connection options)', () => {
    expect(() => pgSessionOptions(undefined, '2 -c work_mem=1TB')).toThrow(/PLAINT_PG_PARALLEL_WORKERS/);
  });
});
