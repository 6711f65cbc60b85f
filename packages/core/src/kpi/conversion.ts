import { type KpiRange, arrivedAsLead, inRange, monthOf } from './range.js';
import type { KpiData } from './data.js';
import { rate } from './stats.js';

/** One creation-month cohort of leads and how far they got. */
export interface CohortConversion {
  /** `YYYY-MM` in the viewer's zone. */
  cohort: string;
  /** Contacts created that month. */
  leads: number;
  /** Of them, those linked to at least one deal (any status). */
  withDeal: number;
  /** Of them, those linked to at least one won deal. */
  won: number;
  /** withDeal per 100 leads. */
  dealsPer100?: number;
  /** won per 100 leads. */
  wonPer100?: number;
}

/**
 * Lead → deal → won conversion per 100 leads, by cohort: the contacts created
 * in each month of the range, and how many of them have reached a deal and a
 * won deal by now. A contact counts once however many deals it has.
 */
export function leadConversion(data: Pick<KpiData, 'contacts' | 'deals'>, range: KpiRange): CohortConversion[] {
  const withDeal = new Set<string>();
  const won = new Set<string>();
  for (const d of data.deals) {
    for (const c of d.contactIds) {
      withDeal.add(c);
      if (d.status === 'won') won.add(c);
    }
  }
  const cohorts = new Map<string, CohortConversion>();
  for (const c of data.contacts) {
    if (!inRange(c.createdAt, range) || !arrivedAsLead(c)) continue;
    const key = monthOf(c.createdAt, range.timeZone);
    const row = cohorts.get(key) ?? cohorts.set(key, { cohort: key, leads: 0, withDeal: 0, won: 0 }).get(key)!;
    row.leads++;
    if (withDeal.has(c.id)) row.withDeal++;
    if (won.has(c.id)) row.won++;
  }
  return [...cohorts.values()]
    .sort((a, b) => (a.cohort < b.cohort ? -1 : 1))
    .map((r) => ({ ...r, dealsPer100: rate(r.withDeal, r.leads), wonPer100: rate(r.won, r.leads) }));
}
