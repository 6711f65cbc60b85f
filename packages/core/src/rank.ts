/**
 * Ranks: the order of deals inside a board column, as strings that sort
 * lexicographically (so storage can index them) and between any two of
 * which there is always room for another, so a move rewrites one record,
 * never its neighbours (fractional indexing, as Figma and Linear do).
 */

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';
const digit = (s: string, i: number) => DIGITS.indexOf(s[i]!);

/** What a rank may look like: base-36 digits, never ending in 0 (a trailing 0 would leave no room below). */
export const RANK_PATTERN = /^[0-9a-z]*[1-9a-z]$/;

/**
 * A rank strictly between `a` and `b` (either may be absent: the start or the
 * end of the column). Throws a RangeError when `a >= b`, which means the
 * caller's neighbours are out of order.
 */
export function rankBetween(a: string | undefined, b: string | undefined): string {
  if (a !== undefined && b !== undefined && a >= b) throw new RangeError(`rankBetween: "${a}" is not before "${b}"`);
  let out = '';
  let upper = b;
  for (let i = 0; ; i++) {
    const lo = a !== undefined && i < a.length ? digit(a, i) : 0;
    const hi = upper !== undefined && i < upper.length ? digit(upper, i) : DIGITS.length;
    if (lo === hi) {
      out += DIGITS[lo];
      continue;
    }
    const mid = (lo + hi) >> 1;
    // A digit strictly between: done (never 0, since mid > lo >= 0).
    if (mid > lo) return out + DIGITS[mid];
    // Adjacent digits: keep a's, and from here on anything above a's rest fits under b.
    out += DIGITS[lo];
    upper = undefined;
  }
}

/**
 * The rank that puts a deal at the top of a column at time `ms`: later
 * times give smaller ranks, so a deal entering a stage lands above the ones
 * already there without reading them. Fixed width, so times compare as strings.
 */
export function timeRank(ms: number): string {
  return `${(2 ** 45 - ms).toString(36).padStart(9, '0')}i`;
}
