import { type Page, type Query, type StoredRecord, cursorAfter, decodeCursor, isAfterCursor, recordComparator } from '@kith/core';
import { topN } from './top-n.js';

/**
 * A page from rows already in the query's order, up to `limit + 1` of them:
 * the extra row only says that another page follows, and the cursor is the
 * last kept record's sort value and id, never an offset.
 */
export function toPage(rows: StoredRecord[], limit: number, orderBy: Query['orderBy']): Page<StoredRecord> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return rows.length > limit && last ? { items, nextCursor: cursorAfter(last, orderBy) } : { items };
}

/**
 * The page of `query` among `rows` that already match its filters, in no
 * particular order: those after its cursor, sorted, `limit` of them. For
 * adapters that sort in memory (the memory adapter always, IndexedDB when no
 * index fits, the storage guide's key-value example).
 */
export function pageOf(rows: StoredRecord[], query: Query, limit: number): Page<StoredRecord> {
  const after = query.after ? decodeCursor(query.after) : undefined;
  const candidates = after ? rows.filter((r) => isAfterCursor(r, after, query.orderBy)) : rows;
  return toPage(topN(candidates, limit + 1, recordComparator(query.orderBy)), limit, query.orderBy);
}
