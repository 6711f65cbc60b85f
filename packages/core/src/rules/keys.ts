/**
 * Idempotency keys. Each names one occurrence of a trigger for one record, so
 * the same occurrence never acts twice, while a new one (a later interaction,
 * next year's birthday, another stay in a stage) acts again.
 */

/** cyrb53: a fast 53-bit string hash (public domain), used twice with different seeds for a 106-bit id. */
function cyrb53(text: string, seed: number): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** The id of a run mark: short and fixed-length whatever the key, so any adapter takes it. */
export function runId(key: string): string {
  return `run-${cyrb53(key, 1)}-${cyrb53(key, 2)}`;
}

/** The key of one action of a rule for one occurrence. */
export function runKey(ruleId: string, occurrence: string, action: number): string {
  return `${ruleId}|${occurrence}|${action}`;
}
