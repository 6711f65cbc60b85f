/**
 * Where the board's cards and figures come from, through the CRM's services
 * (never storage directly): keyset pages of one column in rank order, a background scan of
 * the small per-deal figures that column totals need, and each loaded card's
 * next activity. No DOM here.
 */
import { type Crm, type Deal, type DealFigures, type Filter, type NextActivityState, type Pipeline, dealProbability, nextActivity } from '@kith/core';

/** What the board is filtered by: an owner and a text found in the title (case-insensitive). */
export interface BoardFilter {
  ownerId?: string | undefined;
  text?: string | undefined;
}

/** The loaded part of one column: deals in rank order, and where the next page starts. */
export interface ColumnData {
  stageId: string;
  deals: Deal[];
  cursor?: string | undefined;
  done: boolean;
}

/** A deal's figures plus what filters need: kept for every deal of the pipeline. */
export interface BoardFigures extends DealFigures {
  ownerId?: string | undefined;
  title: string;
}

const norm = (s: string) => s.toLocaleLowerCase();

/** True when a deal (or its figures) passes the filter. */
export function passes(deal: { ownerId?: string | undefined; title: string }, filter: BoardFilter): boolean {
  if (filter.ownerId && deal.ownerId !== filter.ownerId) return false;
  return !filter.text || norm(deal.title).includes(norm(filter.text));
}

/** The storage filters of a column; text is matched here, since storage has no substring filter. */
function columnWhere(pipelineId: string, stageId: string, filter: BoardFilter): Filter[] {
  const where: Filter[] = [
    { field: 'pipelineId', op: 'eq', value: pipelineId },
    { field: 'stageId', op: 'eq', value: stageId },
  ];
  if (filter.ownerId) where.push({ field: 'ownerId', op: 'eq', value: filter.ownerId });
  return where;
}

/**
 * The next page of a column: up to `size` deals after the column's cursor
 * that pass the filter. With a text filter, storage pages are read until
 * enough match or the column ends.
 */
export async function nextPage(crm: Crm, pipelineId: string, column: ColumnData, filter: BoardFilter, size: number, signal?: AbortSignal): Promise<ColumnData> {
  const out: Deal[] = [];
  let cursor = column.cursor;
  let done = false;
  const where = columnWhere(pipelineId, column.stageId, filter);
  while (out.length < size) {
    const page = await crm.deals.list({ where, orderBy: { field: 'rank' }, limit: filter.text ? size * 4 : size - out.length, after: cursor, signal });
    for (const d of page.items) if (passes(d, filter)) out.push(d);
    cursor = page.nextCursor;
    if (!cursor) {
      done = true;
      break;
    }
  }
  return { stageId: column.stageId, deals: [...column.deals, ...out], cursor, done };
}

/** The figures of one deal for the totals of `column`. */
export function figuresOf(deal: Deal, pipeline: Pipeline, column = deal.stageId): BoardFigures {
  return { id: deal.id, column, currency: deal.value.currency, amount: deal.value.amount, probability: dealProbability(deal, pipeline), ownerId: deal.ownerId, title: deal.title };
}

/**
 * Every open deal of the pipeline, reduced to its figures, read in large
 * pages: what the column totals are summed from. Runs in the background
 * after the first cards are shown; totals update as it goes.
 */
export async function scanFigures(crm: Crm, pipeline: Pipeline, onPage: (figures: BoardFigures[]) => void, signal?: AbortSignal): Promise<void> {
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
    onPage(page.items.map((d) => figuresOf(d, pipeline)));
    after = page.nextCursor;
  } while (after);
}

/** Each deal's next activity for a viewer in `timeZone`, from its open tasks. */
export async function nextActivities(crm: Crm, dealIds: readonly string[], now: number, timeZone: string, signal?: AbortSignal): Promise<Map<string, NextActivityState>> {
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
      return [id, nextActivity(items, now, timeZone).state] as const;
    }),
  );
  return new Map(entries);
}

/** Where a deal with this rank and id belongs in a column sorted by (rank, id); missing ranks sort first. */
export function sortedIndex(deals: readonly Deal[], deal: Pick<Deal, 'rank' | 'id'>): number {
  const key = (d: Pick<Deal, 'rank' | 'id'>) => [d.rank ?? '', d.id] as const;
  const [r, id] = key(deal);
  let lo = 0;
  let hi = deals.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const [mr, mid_] = key(deals[mid]!);
    if (mr < r || (mr === r && mid_ < id)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
