/**
 * Index keys that sort exactly as the port's `compareValues` does, so an
 * IndexedDB index can serve any ordered query without a second sort.
 *
 * IndexedDB orders keys by type first: number < date < string < binary <
 * array. The port orders missing < number < string < boolean < anything else.
 * So: missing is -Infinity (below every number a JSON record can hold),
 * numbers and strings stay themselves, booleans become one byte of binary, and
 * objects/arrays become the empty array (all equal, so ties go to the id, as
 * in `compareValues`). Ties on the whole key are broken by the primary key
 * (the id), which IndexedDB does for us and which is the port's rule too.
 */

const FALSE = new Uint8Array([0]);
const TRUE = new Uint8Array([1]);
const OTHER: IDBValidKey = [];

/** Sorts above every key this module makes for a value: `[...prefix, HIGH]` bounds "everything under prefix". */
export const HIGH: IDBValidKey = [[]];
/** The lowest string and the lowest binary key: the type boundaries. */
const LOWEST_STRING = '';
const LOWEST_BINARY = new Uint8Array(0);
/** Missing values: below every number. */
export const MISSING = -Infinity;

/** The index key of one field value. */
export function sortKey(value: unknown): IDBValidKey {
  if (value === undefined || value === null) return MISSING;
  if (typeof value === 'number') return Number.isNaN(value) ? MISSING : value;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? TRUE : FALSE;
  return OTHER;
}

/** A value an index can look up by equality: one whose key identifies it (not an object, not missing). */
export function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function typeRank(k: IDBValidKey): number {
  if (typeof k === 'number') return 0;
  if (k instanceof Date) return 1;
  if (typeof k === 'string') return 2;
  if (Array.isArray(k)) return 4;
  return 3;
}

function bytes(k: IDBValidKey): Uint8Array {
  return k instanceof ArrayBuffer ? new Uint8Array(k) : new Uint8Array((k as ArrayBufferView).buffer, (k as ArrayBufferView).byteOffset, (k as ArrayBufferView).byteLength);
}

/**
 * IndexedDB's key order (the spec's "compare two keys"), written out so the
 * planner can pick the tighter of two bounds without a browser.
 */
export function compareKeys(a: IDBValidKey, b: IDBValidKey): number {
  const ta = typeRank(a);
  const tb = typeRank(b);
  if (ta !== tb) return ta < tb ? -1 : 1;
  switch (ta) {
    case 0:
    case 2:
      return a < b ? -1 : a > b ? 1 : 0;
    case 1:
      return Math.sign((a as Date).getTime() - (b as Date).getTime());
    case 3: {
      const x = bytes(a);
      const y = bytes(b);
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
      return Math.sign(x.length - y.length);
    }
    default: {
      const x = a as IDBValidKey[];
      const y = b as IDBValidKey[];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compareKeys(x[i]!, y[i]!);
        if (c) return c;
      }
      return Math.sign(x.length - y.length);
    }
  }
}

/** A key range as plain data: the planner makes these, the adapter turns them into IDBKeyRange. */
export interface Bounds {
  lower?: IDBValidKey;
  lowerOpen?: boolean;
  upper?: IDBValidKey;
  upperOpen?: boolean;
}

/** Narrows `b` to keys above `key` (or at it, unless open); keeps the tighter bound. */
export function raiseLower(b: Bounds, key: IDBValidKey, open: boolean): void {
  if (b.lower === undefined) {
    b.lower = key;
    b.lowerOpen = open;
    return;
  }
  const c = compareKeys(key, b.lower);
  if (c > 0 || (c === 0 && open)) {
    b.lower = key;
    b.lowerOpen = open;
  }
}

/** Narrows `b` to keys below `key` (or at it, unless open); keeps the tighter bound. */
export function lowerUpper(b: Bounds, key: IDBValidKey, open: boolean): void {
  if (b.upper === undefined) {
    b.upper = key;
    b.upperOpen = open;
    return;
  }
  const c = compareKeys(key, b.upper);
  if (c < 0 || (c === 0 && open)) {
    b.upper = key;
    b.upperOpen = open;
  }
}

/** True when `key` lies within the bounds. */
export function contains(b: Bounds, key: IDBValidKey): boolean {
  const lo = b.lower === undefined ? 1 : compareKeys(key, b.lower);
  const hi = b.upper === undefined ? -1 : compareKeys(key, b.upper);
  return (lo > 0 || (lo === 0 && !b.lowerOpen)) && (hi < 0 || (hi === 0 && !b.upperOpen));
}

/** True when no key can lie within the bounds. */
export function isEmpty(b: Bounds): boolean {
  if (b.lower === undefined || b.upper === undefined) return false;
  const c = compareKeys(b.lower, b.upper);
  return c > 0 || (c === 0 && Boolean(b.lowerOpen || b.upperOpen));
}

/** The smallest string greater than every string starting with `prefix`, or undefined when there is none. */
export function prefixEnd(prefix: string): string | undefined {
  for (let i = prefix.length - 1; i >= 0; i--) {
    const code = prefix.charCodeAt(i);
    if (code < 0xffff) return prefix.slice(0, i) + String.fromCharCode(code + 1);
  }
  return undefined;
}

export const TYPE_BOUNDS = { LOWEST_STRING, LOWEST_BINARY } as const;
