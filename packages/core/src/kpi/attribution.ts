import type { Contact } from '../model/contact.js';
import type { Deal } from '../model/deal.js';
import { addMoney } from './data.js';
import { type KpiRange, inRange, monthOf, yearOf } from './range.js';

/** What one source brought in one period. */
export interface AttributionRow {
  /** `YYYY-MM` or `YYYY` of the leads' creation, in the viewer's zone. */
  period: string;
  /** The contact's channel, `unknown` when none was recorded. */
  channel: string;
  /** The first touch's UTM campaign, if any. */
  campaign?: string;
  /** Contacts created in the period from this source. */
  leads: number;
  /** Of them, those with at least one won deal by now. */
  customers: number;
  /** Value of the won deals whose first contact is one of them, per currency (minor units). */
  revenue: Record<string, number>;
}

/**
 * Source attribution (original source, HubSpot-style): contacts created in
 * the range are grouped by the period they arrived in and by their channel and
 * first-touch campaign; each group gets its leads, the customers they became
 * and the revenue of the won deals they brought. A deal counts for its first
 * contact only, so revenue is never counted twice.
 */
export function attribution(contacts: readonly Contact[], deals: readonly Deal[], range: KpiRange, by: 'month' | 'year'): AttributionRow[] {
  const won = new Map<string, Deal[]>();
  const customers = new Set<string>();
  for (const d of deals) {
    if (d.status !== 'won') continue;
    for (const c of d.contactIds) customers.add(c);
    const first = d.contactIds[0];
    if (first) (won.get(first) ?? won.set(first, []).get(first)!).push(d);
  }
  const rows = new Map<string, AttributionRow>();
  for (const c of contacts) {
    if (!inRange(c.createdAt, range)) continue;
    const period = by === 'month' ? monthOf(c.createdAt, range.timeZone) : yearOf(c.createdAt, range.timeZone);
    const channel = c.source?.channel ?? 'unknown';
    const campaign = c.source?.firstTouch?.utmCampaign;
    const key = JSON.stringify([period, channel, campaign ?? null]);
    const row = rows.get(key) ?? rows.set(key, { period, channel, ...(campaign ? { campaign } : {}), leads: 0, customers: 0, revenue: {} }).get(key)!;
    row.leads++;
    if (customers.has(c.id)) row.customers++;
    for (const d of won.get(c.id) ?? []) addMoney(row.revenue, d.value.currency, d.value.amount);
  }
  return [...rows.values()].sort((a, b) => (a.period !== b.period ? (a.period < b.period ? -1 : 1) : b.leads - a.leads || (a.channel < b.channel ? -1 : 1)));
}
