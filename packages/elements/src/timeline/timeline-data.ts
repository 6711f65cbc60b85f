/**
 * The timeline's rows, made from activities already loaded: day headings in
 * the viewer's time zone between entries, filters by kind and direction, and
 * where a new activity goes in a newest-first list. No DOM here.
 */
import { type Activity, type ActivityType, type TimelineRef, dateInZone } from '@kith/core';

/** A row of the virtualized list: a day heading or an activity. */
export type Row = { kind: 'day'; day: string } | { kind: 'entry'; activity: Activity };

/** What the timeline shows: kinds (all when empty) and a direction. */
export interface TimelineFilter {
  types: readonly ActivityType[];
  direction?: 'inbound' | 'outbound' | undefined;
}

/** True when an activity passes the filter; one without a direction passes a direction filter only when it has none set. */
export function passes(a: Activity, filter: TimelineFilter): boolean {
  if (filter.types.length && !filter.types.includes(a.type)) return false;
  if (filter.direction) return 'direction' in a && a.direction === filter.direction;
  return true;
}

/** Rows for activities newest first: a heading before each calendar day (in `timeZone`). */
export function rowsOf(activities: readonly Activity[], timeZone: string): Row[] {
  const rows: Row[] = [];
  let day: string | undefined;
  for (const activity of activities) {
    const d = dateInZone(activity.occurredAt, timeZone);
    if (d !== day) rows.push({ kind: 'day', day: (day = d) });
    rows.push({ kind: 'entry', activity });
  }
  return rows;
}

/** Where an activity goes in a list newest first (ties by id descending, the feed's order). */
export function insertAt(list: readonly Activity[], a: Activity): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const m = list[mid]!;
    const after = m.occurredAt > a.occurredAt || (m.occurredAt === a.occurredAt && m.id > a.id);
    if (after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The timeline a `for` and `ref-id` name, or undefined when they name none. */
export function refOf(kind: string | undefined, id: string | undefined): TimelineRef | undefined {
  if (!id) return undefined;
  if (kind === 'company') return { companyId: id };
  if (kind === 'deal') return { dealId: id };
  if (kind === 'contact' || kind === undefined) return { contactId: id };
  return undefined;
}

/**
 * Whether a live activity belongs on this timeline: linked to the record, or
 * for a company's, to one of the people or deals it rolls up (`related`).
 */
export function belongs(a: Activity, ref: TimelineRef, related: ReadonlySet<string>): boolean {
  if ('contactId' in ref) return a.contactId === ref.contactId;
  if ('dealId' in ref) return a.dealId === ref.dealId;
  return a.companyId === ref.companyId || (!!a.contactId && related.has(a.contactId)) || (!!a.dealId && related.has(a.dealId));
}
