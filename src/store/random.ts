import { randomFillSync } from 'node:crypto';

const POOL_SIZE = 8192;

/**
 * Random bytes from the OS CSPRNG, drawn in 8 KiB blocks: a submission needs some fifteen small
 * draws (ids, its case key, an IV per sealed field), and each separate call into the OS costs
 * more than the bytes (~16 µs for 12 bytes on the loaded 2-core machine, issue 22; ~1 µs pooled).
 * Returns fresh copies, so no two callers ever share bytes, and a key drawn here is never
 * overwritten by a later refill.
 */
export function pooledRandom(): (bytes: number) => Uint8Array {
  const pool = Buffer.alloc(POOL_SIZE);
  let offset = POOL_SIZE;
  return (bytes: number) => {
    if (bytes > POOL_SIZE) return randomFillSync(Buffer.alloc(bytes));
    if (offset + bytes > POOL_SIZE) {
      randomFillSync(pool);
      offset = 0;
    }
    const out = Uint8Array.prototype.slice.call(pool, offset, offset + bytes);
    offset += bytes;
    return out;
  };
}

const shared = pooledRandom();

/** `crypto.randomBytes` for small draws (IVs, key ids, keys), from one process-wide pool. */
export function randomBuffer(bytes: number): Buffer {
  const out = shared(bytes);
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}
