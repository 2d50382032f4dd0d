import { randomFillSync } from 'node:crypto';

const POOL_SIZE = 8192;

/**
 * Random bytes from the OS CSPRNG, drawn in 8 KiB blocks: a submission needs six small draws,
 * and each separate call into the OS costs more than the bytes. Returns fresh copies, so no two
 * callers ever share bytes.
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
