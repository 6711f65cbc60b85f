import { dealProbability } from '../board.js';
import type { Deal } from '../model/deal.js';
import type { Pipeline } from '../model/pipeline.js';
import { addMoney } from './data.js';
import { type KpiRange, inRange } from './range.js';
import { type DurationStats, durationStats, rate } from './stats.js';

/** Won and lost deals closed in the range, the win rate and the sales cycle. */
export interface WinFigures {
  won: number;
  lost: number;
  /** won / (won + lost) × 100. */
  winRate?: number;
  /** Created → closed, of the won deals. */
  cycle: DurationStats;
}

/**
 * Win rate: of the deals closed (won or lost) on a day of the range, the share
 * won. Sales cycle: from creation to closing of those won deals.
 */
export function winFigures(deals: readonly Deal[], range: KpiRange): WinFigures {
  let won = 0;
  let lost = 0;
  const cycles: number[] = [];
  for (const d of deals) {
    if (d.status === 'open' || !inRange(d.closedAt, range)) continue;
    if (d.status === 'won') {
      won++;
      cycles.push(Date.parse(d.closedAt!) - Date.parse(d.createdAt));
    } else lost++;
  }
  const out: WinFigures = { won, lost, cycle: durationStats(cycles) };
  const r = rate(won, won + lost);
  if (r !== undefined) out.winRate = r;
  return out;
}

/** Won revenue and the average check of one currency. */
export interface RevenueFigures {
  currency: string;
  deals: number;
  /** Sum of won deals' values, minor units. */
  revenue: number;
  /** revenue / deals, rounded to whole minor units. */
  averageCheck: number;
}

/** Won revenue and the average check (average value of a won deal), per currency, of deals won on a day of the range. */
export function revenue(deals: readonly Deal[], range: KpiRange): RevenueFigures[] {
  const sums: Record<string, number> = {};
  const counts: Record<string, number> = {};
  for (const d of deals) {
    if (d.status !== 'won' || !inRange(d.closedAt, range)) continue;
    addMoney(sums, d.value.currency, d.value.amount);
    counts[d.value.currency] = (counts[d.value.currency] ?? 0) + 1;
  }
  return Object.keys(sums)
    .sort()
    .map((currency) => ({ currency, deals: counts[currency]!, revenue: sums[currency]!, averageCheck: Math.round(sums[currency]! / counts[currency]!) }));
}

/** The open pipeline expected to close in one month, in one currency. */
export interface ForecastMonth {
  /** `YYYY-MM` of the expected close date, or `none` for deals without one. */
  month: string;
  currency: string;
  deals: number;
  /** Sum of values, minor units. */
  total: number;
  /** Sum of value × probability (the deal's own, else its stage's), rounded once per row. */
  weighted: number;
}

/**
 * Weighted forecast by expected close month: open deals whose expected close
 * date lies in the range, plus those with none (month `none`), each value
 * weighted by its probability. Ordered by month, then currency.
 */
export function forecast(deals: readonly Deal[], pipelines: readonly Pipeline[], range: KpiRange): ForecastMonth[] {
  const byId = new Map(pipelines.map((p) => [p.id, p]));
  const rows = new Map<string, ForecastMonth>();
  for (const d of deals) {
    if (d.status !== 'open') continue;
    const close = d.expectedCloseDate;
    if (close && (close < range.from || close > range.to)) continue;
    const month = close ? close.slice(0, 7) : 'none';
    const key = `${month} ${d.value.currency}`;
    const row = rows.get(key) ?? rows.set(key, { month, currency: d.value.currency, deals: 0, total: 0, weighted: 0 }).get(key)!;
    const pipeline = byId.get(d.pipelineId);
    row.deals++;
    row.total += d.value.amount;
    row.weighted += (d.value.amount * (pipeline ? dealProbability(d, pipeline) : (d.probability ?? 0))) / 100;
  }
  return [...rows.values()]
    .map((r) => ({ ...r, weighted: Math.round(r.weighted) }))
    .sort((a, b) => (a.month === b.month ? (a.currency < b.currency ? -1 : 1) : a.month === 'none' ? 1 : b.month === 'none' ? -1 : a.month < b.month ? -1 : 1));
}
