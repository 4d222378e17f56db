import { randomFillSync } from 'node:crypto';

const POOL_IDS = 512;
const pool = Buffer.alloc(16 * POOL_IDS);
let next = POOL_IDS;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * A UUID version 7 (RFC 9562): 48 bits of Unix time in milliseconds, then 74 random bits. The ids
 * an import makes in bulk: consecutive ones land on the last pages of a primary-key index (and of
 * the indexes of the rows that refer to them, written in the same order) instead of anywhere in
 * it. Measured on PGlite (16 MB buffer pool, 525,000 rows inserted by batches of 1,750): batches
 * took twice as long by the end with random (version 4) ids, and stayed flat with these. What
 * they give away, the moment a record was first imported, is on the record anyway.
 */
export function uuidv7(now = Date.now()): string {
  if (next === POOL_IDS) {
    randomFillSync(pool);
    next = 0;
  }
  const o = 16 * next++;
  // 48-bit big-endian timestamp, then version 7 and the RFC 4122 variant over random bits.
  pool.writeUIntBE(now, o, 6);
  pool[o + 6] = (pool[o + 6]! & 0x0f) | 0x70;
  pool[o + 8] = (pool[o + 8]! & 0x3f) | 0x80;
  const h = (i: number) => HEX[pool[o + i]!]!;
  return `${h(0)}${h(1)}${h(2)}${h(3)}-${h(4)}${h(5)}-${h(6)}${h(7)}-${h(8)}${h(9)}-${h(10)}${h(11)}${h(12)}${h(13)}${h(14)}${h(15)}`;
}
