/** The middle value (mean of the two middle ones for an even count); undefined for none. */
export function median(values: readonly number[]): number | undefined {
  if (!values.length) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1]! + s[mid]!) / 2;
}

/** The arithmetic mean; undefined for none. */
export function mean(values: readonly number[]): number | undefined {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : undefined;
}

/** `part` per `per` of `whole` (e.g. per 100); undefined when the whole is 0. */
export function rate(part: number, whole: number, per = 100): number | undefined {
  return whole ? (part / whole) * per : undefined;
}

/** Mean and median of durations in milliseconds, with how many there were. */
export interface DurationStats {
  count: number;
  meanMs?: number;
  medianMs?: number;
}

export function durationStats(values: readonly number[]): DurationStats {
  const out: DurationStats = { count: values.length };
  const m = mean(values);
  const md = median(values);
  if (m !== undefined) out.meanMs = m;
  if (md !== undefined) out.medianMs = md;
  return out;
}
