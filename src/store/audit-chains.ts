import { randomBytes } from 'node:crypto';
import { PostgresAdapter, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Issue 22: the audit chains one store (one instance) writes. The instance gets a fresh random id
 * when it first writes an audit record and holds K chains, one per slot: `<instance>.<slot>`, and
 * `<instance>.<slot>.<n>` after an anchor sealed the slot's chain while the instance lived on (a
 * missed heartbeat). A slot is used by one transaction at a time — guarded here, in the process —
 * so no two transactions of any instance ever wait on the same chain head row. The database row
 * lock on the head stays: it is what makes a slot used twice at once (never by design) still
 * correct, only slower.
 *
 * K is the connection pool's size on PostgreSQL (no transaction waits for a slot it holds a
 * connection for) and 1 on SQLite, whose single writer commits one transaction at a time anyway.
 */
export class ChainSlots {
  readonly instance = randomBytes(6).toString('hex');
  private readonly chains: string[];
  private readonly generations: number[];
  private readonly free: number[];
  private readonly waiting: ((slot: number) => void)[] = [];

  constructor(count: number) {
    this.chains = Array.from({ length: count }, (_, i) => `${this.instance}.${i}`);
    this.generations = this.chains.map(() => 0);
    // Lowest slot first: a lightly loaded instance writes one chain.
    this.free = this.chains.map((_, i) => count - 1 - i);
  }

  /** A slot for one transaction's records; `release` it when that transaction has ended. */
  acquire(): Promise<number> {
    const slot = this.free.pop();
    if (slot !== undefined) return Promise.resolve(slot);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(slot: number): void {
    const next = this.waiting.shift();
    if (next) next(slot);
    else this.free.push(slot);
  }

  chainOf(slot: number): string {
    return this.chains[slot]!;
  }

  /** The slot's chain was sealed: the slot goes on with a new chain. */
  rotate(slot: number): string {
    this.generations[slot]! += 1;
    this.chains[slot] = `${this.instance}.${slot}.${this.generations[slot]}`;
    return this.chains[slot];
  }
}

// Per Kysely instance (its adapter is created once per instance and shared by its transactions).
const byStore = new WeakMap<object, ChainSlots>();

/** The chain slots of the store `db` (or a transaction of it) belongs to. */
export function chainSlots(db: Kysely<Database>): ChainSlots {
  const adapter = db.getExecutor().adapter;
  let slots = byStore.get(adapter);
  if (!slots) {
    const count = adapter instanceof PostgresAdapter ? Math.max(1, Number(process.env.PLAINT_PG_POOL ?? 10)) : 1;
    slots = new ChainSlots(count);
    byStore.set(adapter, slots);
  }
  return slots;
}
