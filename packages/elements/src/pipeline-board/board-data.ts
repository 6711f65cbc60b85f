/**
 * Where the board's cards and figures come from, through the CRM's services
 * (never storage directly): keyset pages of one column in rank order, a background scan of
 * the small per-deal figures that column totals need, and each loaded card's
 * next activity. No DOM here.
 */
import { type Crm, type Deal, type DealFigures, type NextActivityState, type Pipeline, dealProbability, nextActivity } from '@kith/core';
import { type Layout, type OrderKey, compareOrder, laneOf, laneWhere } from './lanes.js';

/** What the board is filtered by: an owner and a text found in the title (case-insensitive). */
export interface BoardFilter {
  ownerId?: string | undefined;
  text?: string | undefined;
}

/**
 * The loaded part of one column, in its order. In the manual order it loads
 * keyset pages by rank (`cursor`); in a computed order (next activity) every
 * card's id is known from the scans (`ids`) and pages load those records.
 */
export interface ColumnData {
  /** The lane's key: a stage id, or a grouping field's option value. */
  key: string;
  deals: Deal[];
  cursor?: string | undefined;
  ids?: string[];
  done: boolean;
}

/** A deal's figures plus what filters and ordering need: kept for every open deal of the pipeline. */
export interface BoardFigures extends DealFigures {
  ownerId?: string | undefined;
  title: string;
  rank?: string | undefined;
}

const norm = (s: string) => s.toLocaleLowerCase();

/** True when a deal (or its figures) passes the filter. */
export function passes(deal: { ownerId?: string | undefined; title: string }, filter: BoardFilter): boolean {
  if (filter.ownerId && deal.ownerId !== filter.ownerId) return false;
  return !filter.text || norm(deal.title).includes(norm(filter.text));
}

/**
 * The next page of a column: up to `size` deals that pass the filter. By
 * rank, storage pages are read after the cursor until enough match or the
 * column ends (a text filter, or the "no value" lane, skips some); with
 * known ids, the next ids' records are read.
 */
export async function nextPage(crm: Crm, pipelineId: string, layout: Layout, column: ColumnData, filter: BoardFilter, size: number, signal?: AbortSignal): Promise<ColumnData> {
  if (column.ids) {
    const ids = column.ids.slice(column.deals.length, column.deals.length + size);
    const found = await Promise.all(ids.map((id) => crm.deals.find(id)));
    // A deal deleted since the scan is dropped from the ids, not shown as a hole.
    const gone = new Set(ids.filter((_, i) => !found[i]));
    const rest = gone.size ? column.ids.filter((id) => !gone.has(id)) : column.ids;
    const deals = [...column.deals, ...found.filter((d): d is Deal => !!d)];
    return { key: column.key, ids: rest, deals, done: deals.length >= rest.length };
  }
  const out: Deal[] = [];
  let cursor = column.cursor;
  let done = false;
  const where = laneWhere(layout, pipelineId, column.key);
  if (filter.ownerId) where.push({ field: 'ownerId', op: 'eq', value: filter.ownerId });
  const mine = (d: Deal) => laneOf(layout, pipelineId, d) === column.key && passes(d, filter);
  const sparse = !!filter.text || !!layout.field;
  while (out.length < size) {
    const page = await crm.deals.list({ where, orderBy: { field: 'rank' }, limit: sparse ? size * 4 : size - out.length, after: cursor, signal });
    for (const d of page.items) if (mine(d)) out.push(d);
    cursor = page.nextCursor;
    if (!cursor) {
      done = true;
      break;
    }
  }
  return { key: column.key, deals: [...column.deals, ...out], cursor, done };
}

/**
 * A computed column's ids: the pipeline's open deals in that lane that pass
 * the filter, in the order `keyOf` gives (next activity, then rank).
 */
export function laneIds(figures: Iterable<BoardFigures>, key: string, filter: BoardFilter, keyOf: (id: string) => OrderKey): string[] {
  const keys: OrderKey[] = [];
  for (const f of figures) if (f.column === key && passes(f, filter)) keys.push(keyOf(f.id));
  return keys.sort(compareOrder).map((k) => k.id);
}

/** The figures of one deal, counted in lane `column`. */
export function figuresOf(deal: Deal, pipeline: Pipeline, column: string): BoardFigures {
  return { id: deal.id, column, currency: deal.value.currency, amount: deal.value.amount, probability: dealProbability(deal, pipeline), ownerId: deal.ownerId, title: deal.title, rank: deal.rank };
}

/**
 * Every open deal of the pipeline, reduced to its figures, read in large
 * pages: what the column totals are summed from. Runs in the background
 * after the first cards are shown; totals update as it goes.
 */
export async function scanFigures(crm: Crm, pipeline: Pipeline, layout: Layout, onPage: (figures: BoardFigures[]) => void, signal?: AbortSignal): Promise<void> {
  let after: string | undefined;
  do {
    const page = await crm.deals.list({
      where: [
        { field: 'pipelineId', op: 'eq', value: pipeline.id },
        { field: 'status', op: 'eq', value: 'open' },
      ],
      limit: 1000,
      after,
      signal,
    });
    onPage(page.items.map((d) => figuresOf(d, pipeline, laneOf(layout, pipeline.id, d)!)));
    after = page.nextCursor;
  } while (after);
}

/** A deal's next activity: its state for the viewer, and the due it sorts by. */
export interface NextInfo {
  state: NextActivityState;
  due?: string | undefined;
}

/** Each deal's next activity for a viewer in `timeZone`, from its open tasks. */
export async function nextActivities(crm: Crm, dealIds: readonly string[], now: number, timeZone: string, signal?: AbortSignal): Promise<Map<string, NextInfo>> {
  const entries = await Promise.all(
    dealIds.map(async (id) => {
      const { items } = await crm.tasks.list({
        where: [
          { field: 'dealId', op: 'eq', value: id },
          { field: 'completedAt', op: 'exists', value: false },
        ],
        orderBy: { field: 'due' },
        limit: 20,
        signal,
      });
      return [id, nextActivity(items, now, timeZone)] as const;
    }),
  );
  return new Map(entries);
}

/**
 * The next activity of every deal with an open task, for sorting a whole
 * board by it: open tasks read in large pages in due order, reduced per deal
 * the way {@link nextActivity} chooses (the earliest dated task, else an
 * undated one).
 */
export async function scanNext(crm: Crm, now: number, timeZone: string, signal?: AbortSignal): Promise<Map<string, NextInfo>> {
  const byDeal = new Map<string, { due?: string; completedAt?: string }[]>();
  let after: string | undefined;
  do {
    const page = await crm.tasks.list({
      where: [
        { field: 'completedAt', op: 'exists', value: false },
        { field: 'dealId', op: 'exists', value: true },
      ],
      limit: 1000,
      after,
      signal,
    });
    for (const t of page.items) {
      const list = byDeal.get(t.dealId!);
      if (list) list.push(t);
      else byDeal.set(t.dealId!, [t]);
    }
    after = page.nextCursor;
  } while (after);
  return new Map([...byDeal].map(([id, tasks]) => [id, nextActivity(tasks, now, timeZone)]));
}
