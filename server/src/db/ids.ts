import { randomFillSync } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/**
 * Random bytes for 256 ids at a time. The uuid package asks the system for 16
 * random bytes on every id, which costs 10 to 20 µs on a busy server (more
 * than the insert the id is for); one call for 4 kB costs about the same.
 */
const IDS_PER_FILL = 256;
const pool = new Uint8Array(16 * IDS_PER_FILL);
let used = IDS_PER_FILL;

/** The millisecond of the last id and its counter, so ids made in one millisecond still sort in order. */
const clock = { msecs: Number.NEGATIVE_INFINITY, seq: 0 };

/** A new id: UUIDv7, so ids sort by creation time and index well. */
export function newId(): string {
  if (used === IDS_PER_FILL) {
    randomFillSync(pool);
    used = 0;
  }
  const random = pool.subarray(16 * used, 16 * (used + 1));
  used += 1;
  const now = Date.now();
  if (now > clock.msecs) {
    // A new millisecond starts its counter at a random 31-bit value (RFC 9562, method 1).
    clock.msecs = now;
    const [, , , , , , b6 = 0, b7 = 0, b8 = 0, b9 = 0] = random;
    clock.seq = ((b6 & 0x7f) << 24) | (b7 << 16) | (b8 << 8) | b9;
  } else {
    clock.seq = (clock.seq + 1) | 0;
    // The counter overflowed: borrow the next millisecond rather than repeat one.
    if (clock.seq === 0) clock.msecs += 1;
  }
  return uuidv7({ random, msecs: clock.msecs, seq: clock.seq });
}
