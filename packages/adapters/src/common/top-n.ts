import type { StoredRecord } from '@kith/core';

/**
 * The first `n` rows in comparator order, for adapters that sort in memory
 * (the memory adapter always, IndexedDB when no index fits). A full sort only
 * when most rows are wanted; otherwise a bounded sorted buffer, O(rows * log n)
 * compares instead of O(rows * log rows).
 */
export function topN(rows: StoredRecord[], n: number, cmp: (a: StoredRecord, b: StoredRecord) => number): StoredRecord[] {
  if (rows.length <= n * 4) return rows.sort(cmp).slice(0, n);
  const out: StoredRecord[] = [];
  for (const r of rows) {
    if (out.length === n && cmp(r, out[n - 1]!) >= 0) continue;
    let lo = 0;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(out[mid]!, r) <= 0) lo = mid + 1;
      else hi = mid;
    }
    out.splice(lo, 0, r);
    if (out.length > n) out.pop();
  }
  return out;
}
