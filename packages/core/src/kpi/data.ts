import type { Activity } from '../model/activity.js';
import type { Contact } from '../model/contact.js';
import type { Deal } from '../model/deal.js';
import type { Member } from '../model/member.js';
import type { Pipeline } from '../model/pipeline.js';
import type { Task } from '../model/task.js';

/**
 * What the KPIs are computed from. `crm.kpis` reads it through storage for a
 * range; SDK users may pass their own (an export, a warehouse copy) to the
 * pure functions.
 */
export interface KpiData {
  contacts: readonly Contact[];
  deals: readonly Deal[];
  pipelines: readonly Pipeline[];
  /** Interactions (calls, emails, meetings, messages, forms) and lifecycle changes. */
  activities: readonly Activity[];
  /** Open tasks. */
  tasks: readonly Task[];
  members: readonly Member[];
  /** The moment the report is made (ms). */
  now: number;
}

/** Won deals of each contact, for conversion and attribution. */
export function wonDealsByContact(deals: readonly Deal[]): Map<string, Deal[]> {
  const out = new Map<string, Deal[]>();
  for (const d of deals) {
    if (d.status !== 'won') continue;
    for (const c of d.contactIds) (out.get(c) ?? out.set(c, []).get(c)!).push(d);
  }
  return out;
}

/** Adds `amount` to a per-currency total. */
export function addMoney(totals: Record<string, number>, currency: string, amount: number): void {
  totals[currency] = (totals[currency] ?? 0) + amount;
}
