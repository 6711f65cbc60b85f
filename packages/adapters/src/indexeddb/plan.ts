import { type CursorPosition, type Filter, type Sort } from '@kith/core';
import { type Bounds, HIGH, MISSING, TYPE_BOUNDS, isEmpty, isScalar, lowerUpper, prefixEnd, raiseLower, sortKey } from './keys.js';
import type { IndexSpec } from './layout.js';

/**
 * How one query reads a store. Pure data, so the choice is testable without a
 * browser; the adapter executes it.
 *
 * - `ordered`: walk an index (or the primary key) in the query's order from
 *   the cursor, checking the remaining filters, and stop after `limit + 1`
 *   matches. A deep page costs what the first page costs.
 * - `candidates`: read the few records an equality or `has` filter selects,
 *   then filter, order and cut in memory.
 * - `scan`: read the whole store (no index fits: an unindexed sort field).
 */
export type Plan =
  | { kind: 'ordered'; index: string | null; bounds: Bounds; direction: 'next' | 'prev'; exact: boolean; resume?: Resume }
  | { kind: 'candidates'; index: string; bounds: Bounds; exact: boolean }
  | { kind: 'scan' };

/**
 * Where a keyset page resumes in an index: after the entry with this key and
 * primary key. Index keys hold no id (IndexedDB breaks ties by the primary
 * key), so the walk first reads the rest of `key`'s ties, then the keys after it.
 */
export interface Resume {
  key: IDBValidKey;
  id: string;
}

const RANGE_OPS = new Set(['eq', 'gt', 'gte', 'lt', 'lte', 'prefix']);

/** Bounds on one key component that enforce a filter on it; `prefix` is the key so far. Returns false when the filter can't be expressed. */
function applyRange(b: Bounds, prefix: IDBValidKey[], f: Filter): boolean {
  const x = f.value;
  const at = (...rest: IDBValidKey[]) => [...prefix, ...rest];
  if (f.op === 'prefix') {
    if (typeof x !== 'string') return false;
    raiseLower(b, at(x), false);
    const end = prefixEnd(x);
    lowerUpper(b, at(end ?? TYPE_BOUNDS.LOWEST_BINARY), true);
    return true;
  }
  if (f.op === 'eq') {
    if (!isScalar(x)) return false;
    raiseLower(b, at(sortKey(x)), false);
    lowerUpper(b, at(sortKey(x), HIGH), false);
    return true;
  }
  // Ranges hold only between values of one type: keep inside that type's band.
  if (typeof x === 'number' && Number.isFinite(x)) {
    raiseLower(b, at(MISSING, HIGH), false);
    lowerUpper(b, at(TYPE_BOUNDS.LOWEST_STRING), true);
  } else if (typeof x === 'string') {
    raiseLower(b, at(TYPE_BOUNDS.LOWEST_STRING), false);
    lowerUpper(b, at(TYPE_BOUNDS.LOWEST_BINARY), true);
  } else {
    return false;
  }
  const k = sortKey(x);
  if (f.op === 'gt') raiseLower(b, at(k, HIGH), false);
  if (f.op === 'gte') raiseLower(b, at(k), false);
  if (f.op === 'lt') lowerUpper(b, at(k), true);
  if (f.op === 'lte') lowerUpper(b, at(k, HIGH), false);
  return true;
}

/** The equality filters an index prefix can use: field -> its key. */
function equalities(where: readonly Filter[]): Map<string, Filter> {
  const out = new Map<string, Filter>();
  for (const f of where) if (f.op === 'eq' && isScalar(f.value) && !out.has(f.field)) out.set(f.field, f);
  return out;
}

/**
 * Chooses how to run a query over a store with these indexes (for the shared
 * store of unlisted collections, pass no indexes: it always scans).
 */
export function planQuery(specs: readonly IndexSpec[], where: readonly Filter[], sort: Sort | undefined, cursor: CursorPosition | undefined): Plan {
  const sortField = sort?.field ?? 'id';
  const direction = sort?.direction === 'desc' ? 'prev' : 'next';
  const eqs = equalities(where);

  // 1. An ordered index: equality on every leading field, the sort field last (or, sorting by id, nothing after the equalities).
  let best: { spec: IndexSpec; eqFields: readonly string[] } | undefined;
  for (const spec of specs) {
    if (spec.multi) continue;
    const eqFields = sortField === 'id' ? spec.fields : spec.fields.slice(0, -1);
    if (sortField !== 'id' && spec.fields[spec.fields.length - 1] !== sortField) continue;
    if (!eqFields.every((f) => eqs.has(f))) continue;
    if (!best || eqFields.length > best.eqFields.length) best = { spec, eqFields };
  }
  const orderedOk = best && (best.eqFields.length > 0 || sortField !== 'id');
  if (sortField === 'id' && (!best || best.eqFields.length === 0)) {
    // The primary key is the id order itself.
    const b: Bounds = {};
    const used = new Set<Filter>();
    if (cursor) (direction === 'next' ? raiseLower : lowerUpper)(b, cursor.id, true);
    for (const f of where) {
      if (f.field === 'id' && typeof f.value === 'string' && RANGE_OPS.has(f.op) && applyIdRange(b, f)) used.add(f);
    }
    const primary: Plan = { kind: 'ordered', index: null, bounds: b, direction, exact: used.size === where.length };
    return preferCandidates(specs, where, eqs) ?? primary;
  }
  if (best && orderedOk) {
    const prefix = best.eqFields.map((f) => sortKey(eqs.get(f)!.value));
    const used = new Set(best.eqFields.map((f) => eqs.get(f)!));
    const b: Bounds = { lower: prefix, lowerOpen: false, upper: [...prefix, HIGH], upperOpen: false };
    if (sortField !== 'id') {
      for (const f of where) if (f.field === sortField && !used.has(f) && RANGE_OPS.has(f.op) && applyRange(b, prefix, f)) used.add(f);
    }
    let resume: Resume | undefined;
    if (cursor) {
      const key = sortField === 'id' ? prefix : [...prefix, sortKey(cursor.value)];
      (direction === 'next' ? raiseLower : lowerUpper)(b, key, false);
      resume = { key, id: cursor.id };
    }
    // Walking a lone sort index with other filters can read the whole store; a selective equality is better.
    if (best.eqFields.length === 0 && used.size < where.length) return preferCandidates(specs, where, eqs) ?? ordered(best.spec.name, b, direction, used, where, resume);
    return ordered(best.spec.name, b, direction, used, where, resume);
  }
  return preferCandidates(specs, where, eqs) ?? { kind: 'scan' };
}

function ordered(index: string, bounds: Bounds, direction: 'next' | 'prev', used: Set<Filter>, where: readonly Filter[], resume: Resume | undefined): Plan {
  return { kind: 'ordered', index, bounds, direction, exact: used.size === where.length, ...(resume ? { resume } : {}) };
}

function applyIdRange(b: Bounds, f: Filter): boolean {
  const x = f.value as string;
  if (f.op === 'eq') {
    raiseLower(b, x, false);
    lowerUpper(b, x, false);
  } else if (f.op === 'gt') raiseLower(b, x, true);
  else if (f.op === 'gte') raiseLower(b, x, false);
  else if (f.op === 'lt') lowerUpper(b, x, true);
  else if (f.op === 'lte') lowerUpper(b, x, false);
  else if (f.op === 'prefix') {
    raiseLower(b, x, false);
    const end = prefixEnd(x);
    if (end !== undefined) lowerUpper(b, end, true);
  }
  return true;
}

/** A small candidate set: records with one `has` value (multi-entry index) or one equality (an index led by that field). */
function preferCandidates(specs: readonly IndexSpec[], where: readonly Filter[], eqs: Map<string, Filter>): Plan | undefined {
  for (const f of where) {
    if (f.op !== 'has' || !(typeof f.value === 'string' || (typeof f.value === 'number' && Number.isFinite(f.value)))) continue;
    const spec = specs.find((s) => s.multi && s.fields[0] === f.field);
    if (spec) return { kind: 'candidates', index: spec.name, bounds: { lower: f.value, upper: f.value }, exact: where.length === 1 };
  }
  for (const [field, f] of eqs) {
    const spec = specs.find((s) => !s.multi && s.fields[0] === field);
    if (spec) {
      const k = sortKey(f.value);
      return { kind: 'candidates', index: spec.name, bounds: { lower: [k], upper: [k, HIGH] }, exact: where.length === 1 };
    }
  }
  return undefined;
}

/** True when the plan can match nothing (contradictory bounds), so the adapter need not read. */
export const planIsEmpty = (plan: Plan) => plan.kind !== 'scan' && isEmpty(plan.bounds);
