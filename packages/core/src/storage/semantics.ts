import { ValidationError } from '../errors.js';
import { FILTER_OPS, type Filter, type Query, type Sort, type StoredRecord } from './port.js';

/**
 * The meaning of filters, order and cursors, written once. The memory adapter
 * runs these directly; other adapters translate them to their engine and the
 * conformance suite checks they agree.
 */

/** The value at a dotted path, or undefined. */
export function valueAt(record: unknown, path: string): unknown {
  return fieldGetter(path)(record);
}

const getters = new Map<string, (record: unknown) => unknown>();

/** A reader for one dotted path, made once and reused: sorting 100k records calls it millions of times. */
export function fieldGetter(path: string): (record: unknown) => unknown {
  let get = getters.get(path);
  if (get) return get;
  const keys = path.split('.');
  get =
    keys.length === 1
      ? (r) => (r === null || typeof r !== 'object' ? undefined : (r as Record<string, unknown>)[path])
      : (r) => {
          let cur: unknown = r;
          for (const key of keys) {
            if (cur === null || typeof cur !== 'object') return undefined;
            cur = (cur as Record<string, unknown>)[key];
          }
          return cur;
        };
  if (getters.size < 1000) getters.set(path, get);
  return get;
}

const missing = (v: unknown) => v === undefined || v === null;

function rank(v: unknown): number {
  return v === undefined || v === null ? 0 : typeof v === 'number' ? 1 : typeof v === 'string' ? 2 : typeof v === 'boolean' ? 3 : 4;
}

/** Orders two sort values: missing first, then numbers, then strings, then booleans; -1, 0 or 1. */
export function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  if (ra === 0 || ra === 4) return 0;
  // Strings compare by UTF-16 code units, as IndexedDB keys and SQL "C" collation do.
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

function sameType(a: unknown, b: unknown): boolean {
  return typeof a === typeof b && (typeof a === 'number' || typeof a === 'string');
}

/** Whether one filter holds for a record. */
export function matchesFilter(record: unknown, filter: Filter): boolean {
  const v = valueAt(record, filter.field);
  const x = filter.value;
  switch (filter.op) {
    case 'eq':
      return !missing(v) && v === x;
    case 'ne':
      return v !== x;
    case 'lt':
      return sameType(v, x) && (v as number) < (x as number);
    case 'lte':
      return sameType(v, x) && (v as number) <= (x as number);
    case 'gt':
      return sameType(v, x) && (v as number) > (x as number);
    case 'gte':
      return sameType(v, x) && (v as number) >= (x as number);
    case 'in':
      return !missing(v) && (x as unknown[]).includes(v);
    case 'has':
      return Array.isArray(v) && v.includes(x);
    case 'prefix':
      return typeof v === 'string' && v.startsWith(x as string);
    case 'exists':
      return x === false ? missing(v) : !missing(v);
  }
}

/** Whether every filter holds. */
export function matchesAll(record: unknown, where: readonly Filter[] | undefined): boolean {
  return !where || where.every((f) => matchesFilter(record, f));
}

/** A comparator for the query's order: the sort field, then the id, both in its direction. */
export function recordComparator(sort: Sort | undefined): (a: StoredRecord, b: StoredRecord) => number {
  const get = fieldGetter(sort?.field ?? 'id');
  const sign = sort?.direction === 'desc' ? -1 : 1;
  return (a, b) => sign * (compareValues(get(a), get(b)) || compareValues(a.id, b.id));
}

/** Where a page ended: the last record's sort value and id. */
export interface CursorPosition {
  value: unknown;
  id: string;
}

/** Encodes a cursor as an opaque URL-safe string. */
export function encodeCursor(pos: CursorPosition): string {
  const json = JSON.stringify([pos.value ?? null, pos.id]);
  const bytes = new TextEncoder().encode(json);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes a cursor; a malformed one is a ValidationError, never a silent first page. */
export function decodeCursor(cursor: string): CursorPosition {
  try {
    const bin = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    const json = new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[1] !== 'string') throw new Error('shape');
    return { value: parsed[0] === null ? undefined : parsed[0], id: parsed[1] };
  } catch {
    throw new ValidationError([{ path: ['after'], code: 'invalid_cursor', message: 'Malformed page cursor' }], 'query');
  }
}

/** The cursor that points just past `record` in the query's order. */
export function cursorAfter(record: StoredRecord, sort: Sort | undefined): string {
  return encodeCursor({ value: valueAt(record, sort?.field ?? 'id'), id: record.id });
}

/** True when `record` comes strictly after the cursor position in the query's order. */
export function isAfterCursor(record: StoredRecord, pos: CursorPosition, sort: Sort | undefined): boolean {
  const sign = sort?.direction === 'desc' ? -1 : 1;
  const c = compareValues(fieldGetter(sort?.field ?? 'id')(record), pos.value) || compareValues(record.id, pos.id);
  return sign * c > 0;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 10_000;

/** Checks a query's shape at the port's boundary; adapters call it first so bad queries fail alike everywhere. */
export function checkQuery(query: Query | undefined): { limit: number } {
  const issues: { path: (string | number)[]; code: string; message: string }[] = [];
  query?.where?.forEach((f, i) => {
    if (typeof f.field !== 'string' || !f.field) issues.push({ path: ['where', i, 'field'], code: 'invalid_field', message: 'A filter needs a field' });
    if (!(FILTER_OPS as readonly string[]).includes(f.op)) issues.push({ path: ['where', i, 'op'], code: 'invalid_op', message: `Unknown filter operator ${String(f.op)}` });
    if (f.op === 'in' && !Array.isArray(f.value)) issues.push({ path: ['where', i, 'value'], code: 'invalid_value', message: '`in` takes an array' });
    if (f.op === 'prefix' && typeof f.value !== 'string') issues.push({ path: ['where', i, 'value'], code: 'invalid_value', message: '`prefix` takes a string' });
  });
  if (query?.orderBy && query.orderBy.direction && !['asc', 'desc'].includes(query.orderBy.direction)) {
    issues.push({ path: ['orderBy', 'direction'], code: 'invalid_direction', message: 'Direction is asc or desc' });
  }
  const limit = query?.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    issues.push({ path: ['limit'], code: 'invalid_limit', message: `limit must be an integer from 1 to ${MAX_PAGE_SIZE}` });
  }
  if (issues.length) throw new ValidationError(issues, 'query');
  return { limit };
}
