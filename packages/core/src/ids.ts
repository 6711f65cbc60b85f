const HEX = '0123456789abcdef';

let lastMs = -1;
let seq = 0;

// Random bytes are drawn 4 KB at a time: one getRandomValues call per id made
// id generation the largest single cost of importing 10,000 rows.
const pool = new Uint8Array(4096);
let poolAt = pool.length;

function randomBytes(n: number): Uint8Array {
  if (poolAt + n > pool.length) {
    crypto.getRandomValues(pool);
    poolAt = 0;
  }
  poolAt += n;
  return pool.subarray(poolAt - n, poolAt);
}

/**
 * A new record id: a UUID version 7, so ids sort by creation time. Within one
 * millisecond (or a clock that stands still, as in tests) a 12-bit counter in
 * the `rand_a` bits keeps them increasing (RFC 9562, section 6.2, method 1):
 * storage's tie-break by id is then creation order, and keyset pages are stable.
 */
export function newId(nowMs: number = Date.now()): string {
  let ms = Math.floor(nowMs);
  if (ms > lastMs) {
    lastMs = ms;
    seq = randomBytes(1)[0]! << 2; // start low in 0..1023, leave room to count
  } else {
    ms = lastMs;
    if (++seq > 0xfff) {
      ms = ++lastMs;
      seq = 0;
    }
  }
  bytes.set(randomBytes(16));
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = 0x70 | (seq >> 8);
  bytes[7] = seq & 0xff;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  let at = 0;
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) chars[at++] = DASH;
    chars[at++] = HEX_CODES[bytes[i]! >> 4]!;
    chars[at++] = HEX_CODES[bytes[i]! & 15]!;
  }
  // One flat string from the 36 char codes: appending piece by piece built a rope of ~20 string objects per
  // id, which every map lookup by that id had to flatten, and which was the largest garbage of an import.
  return String.fromCharCode.apply(null, chars);
}

const HEX_CODES = Array.from(HEX, (c) => c.charCodeAt(0));
const DASH = '-'.charCodeAt(0);
const bytes = new Uint8Array(16);
const chars: number[] = new Array(36).fill(0);
