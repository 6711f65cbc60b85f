const HEX = '0123456789abcdef';

/**
 * A new record id: a UUID version 7, so ids sort by creation time. Storage's
 * default order (by id) is then creation order, and keyset pages stay stable.
 */
export function newId(nowMs: number = Date.now()): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let t = Math.floor(nowMs);
  for (let i = 5; i >= 0; i--) {
    bytes[i] = t % 256;
    t = Math.floor(t / 256);
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  let out = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) out += '-';
    out += HEX[bytes[i]! >> 4]! + HEX[bytes[i]! & 15]!;
  }
  return out;
}
