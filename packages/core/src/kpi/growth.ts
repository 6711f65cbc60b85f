import type { Activity, ActivityOf } from '../model/activity.js';
import type { Contact } from '../model/contact.js';
import type { LifecycleStage } from '../model/vocabulary.js';
import { type KpiRange, endOfMonth, monthsOf } from './range.js';
import { rate } from './stats.js';

/** The customer base at the end of one month and its growth over the month before. */
export interface BaseGrowth {
  month: string;
  /** Customers (lifecycle customer or loyal) at the end of the previous month. */
  start: number;
  /** Customers at the end of this month. */
  end: number;
  /** (end − start) / start × 100; absent when start is 0. */
  growthPct?: number;
}

const IN_BASE = new Set<LifecycleStage>(['customer', 'loyal']);

/**
 * Customer base growth per month. The base at a moment is the contacts whose
 * lifecycle then was customer or loyal (permanent), replayed from the
 * timeline's lifecycle changes: a contact created as a customer counts from
 * its creation; one who moved customer → lost leaves the base that month.
 */
export function baseGrowth(contacts: readonly Contact[], activities: readonly Activity[], range: KpiRange): BaseGrowth[] {
  const changes = new Map<string, ActivityOf<'lifecycle-changed'>[]>();
  for (const a of activities) {
    if (a.type !== 'lifecycle-changed' || a.entity !== 'contact') continue;
    (changes.get(a.entityId) ?? changes.set(a.entityId, []).get(a.entityId)!).push(a);
  }
  for (const list of changes.values()) list.sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
  const lifecycleAt = (c: Contact, t: number): LifecycleStage | undefined => {
    if (Date.parse(c.createdAt) >= t) return undefined;
    const list = changes.get(c.id);
    if (!list?.length) return c.lifecycle;
    let stage = list[0]!.from ?? c.lifecycle;
    for (const change of list) {
      if (Date.parse(change.occurredAt) >= t) break;
      stage = change.to;
    }
    return stage;
  };
  const baseAt = (t: number) => contacts.reduce((n, c) => n + (IN_BASE.has(lifecycleAt(c, t)!) ? 1 : 0), 0);
  const months = monthsOf(range);
  const [fy, fm] = months[0]!.split('-').map(Number) as [number, number];
  const before = fm === 1 ? `${fy - 1}-12` : `${fy}-${String(fm - 1).padStart(2, '0')}`;
  let start = baseAt(endOfMonth(before, range.timeZone));
  return months.map((month) => {
    const end = baseAt(endOfMonth(month, range.timeZone));
    const row: BaseGrowth = { month, start, end };
    const g = rate(end - start, start);
    if (g !== undefined) row.growthPct = g;
    start = end;
    return row;
  });
}
