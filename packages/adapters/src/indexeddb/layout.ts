import { ValidationError, fieldGetter, type StoredRecord } from '@kith/core';
import { sortKey } from './keys.js';

/**
 * Which object stores and indexes the database holds.
 *
 * An index is named by a spec string:
 * - `updatedAt`: ordered by one field (ties by id, IndexedDB's primary key);
 * - `pipelineId+stageId+updatedAt`: equality on the leading fields, ordered by the last;
 * - `tags[]`: a multi-entry index over an array field, for `has` filters.
 */
export type IndexSpecText = string;

/** Collections and their indexes. */
export type Layout = Readonly<Record<string, readonly IndexSpecText[]>>;

/** A parsed index spec. */
export interface IndexSpec {
  name: IndexSpecText;
  fields: readonly string[];
  multi: boolean;
}

/**
 * The indexes the core's own queries and the elements' list screens use, so
 * none of them scans a store: timelines by subject and time, boards by stage,
 * duplicate checks by email and phone key, task lists by assignee and due.
 */
export const CORE_LAYOUT: Layout = {
  contacts: ['updatedAt', 'createdAt', 'lastInteractionAt', 'lastName', 'ownerId+updatedAt', 'lifecycle+updatedAt', 'companyId', 'emailKeys[]', 'phoneKeys[]', 'tags[]'],
  companies: ['updatedAt', 'name', 'domain', 'ownerId+updatedAt', 'tags[]'],
  deals: ['updatedAt', 'closedAt', 'pipelineId+stageId+rank', 'pipelineId+stageId+stageEnteredAt', 'pipelineId+stageId+updatedAt', 'ownerId+updatedAt', 'status+closedAt', 'companyId', 'contactIds[]', 'tags[]'],
  pipelines: [],
  activities: ['occurredAt', 'contactId+occurredAt', 'companyId+occurredAt', 'dealId+occurredAt', 'threadId+occurredAt', 'type+occurredAt'],
  tasks: ['due', 'assigneeId+due', 'contactId+due', 'companyId+due', 'dealId+due'],
  members: ['email', 'active'],
  fields: ['entity'],
};

/** The store for records of collections the layout does not name, keyed by [collection, id]. */
export const OTHER_STORE = '_other';
/** The store of the adapter's own bookkeeping (the format version). */
export const META_STORE = '_meta';

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const COLLECTION = /^[a-zA-Z][\w-]{0,63}$/;

/** Parses one spec; a malformed one is a ValidationError naming it. */
export function parseIndexSpec(name: IndexSpecText): IndexSpec {
  const multi = name.endsWith('[]');
  const fields = (multi ? name.slice(0, -2) : name).split('+');
  if (fields.some((f) => !FIELD.test(f) || f === 'id') || (multi && fields.length !== 1)) {
    throw new ValidationError([{ path: ['collections'], code: 'invalid_index', message: `Bad index spec "${name}": fields joined by +, or one field followed by []` }], 'indexeddb layout');
  }
  return { name, fields, multi };
}

/** Checks a layout's collection names and index specs; returns it parsed. */
export function parseLayout(layout: Layout): Map<string, IndexSpec[]> {
  const out = new Map<string, IndexSpec[]>();
  for (const [collection, specs] of Object.entries(layout)) {
    if (!COLLECTION.test(collection)) {
      throw new ValidationError([{ path: ['collections', collection], code: 'invalid_collection', message: 'A collection name is a word' }], 'indexeddb layout');
    }
    const parsed = [...new Set(specs)].map(parseIndexSpec);
    checkFieldsAgree(collection, parsed);
    out.set(collection, parsed);
  }
  return out;
}

/**
 * A row holds each indexed field's key in the field itself (see {@link rowBuilder}),
 * so one field can't be both an ordered key and a multi-entry list, and one
 * indexed field can't lie inside another (`a` and `a.b`).
 */
function checkFieldsAgree(collection: string, specs: readonly IndexSpec[]): void {
  const multi = new Set(specs.filter((s) => s.multi).map((s) => s.fields[0]!));
  const all = new Set(specs.flatMap((s) => s.fields));
  for (const field of all) {
    const clash = specs.some((s) => !s.multi && s.fields.includes(field)) && multi.has(field);
    const nested = [...all].find((other) => other.startsWith(`${field}.`));
    if (clash || nested) {
      const message = clash ? `"${field}" is indexed both as a list ([]) and as a value` : `"${nested}" lies inside the indexed field "${field}"`;
      throw new ValidationError([{ path: ['collections', collection], code: 'invalid_index', message }], 'indexeddb layout');
    }
  }
}

/** The IndexedDB key path of an index: the record's own fields (ties are broken by the primary key, the id). */
export function keyPathOf(spec: IndexSpec): string | string[] {
  return spec.multi ? spec.fields[0]! : [...spec.fields];
}

/**
 * The row property that holds what a row's indexed fields replaced, as
 * `[path, original]` pairs (original `undefined`: the field was absent).
 * Present only on rows that needed a replacement.
 */
export const SAVED = '$kith';
type Saved = [path: string, original: unknown][];

/**
 * A row of a collection's own store: the record itself, stored as it is, so
 * an import writes what raw IndexedDB would. Where an indexed field's value
 * is not a key that sorts as the port's `compareValues` does (missing, null,
 * a boolean, an object), the row holds that key in the field instead and
 * the original in {@link SAVED}; {@link fromRow} puts it back.
 */
export type Row = StoredRecord & { [SAVED]?: Saved };

/** A row of the shared store of unlisted collections. */
export interface OtherRow {
  c: string;
  r: StoredRecord;
}

/** A value IndexedDB indexes as itself, in the port's order. */
const natural = (v: unknown) => typeof v === 'string' || (typeof v === 'number' && !Number.isNaN(v));

/** The field as IndexedDB's key path reads it: own properties only, objects all the way down. */
function ownValue(record: object, segments: readonly string[]): unknown {
  let cur: unknown = record;
  for (const segment of segments) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, segment)) return undefined;
    cur = (cur as Record<string, unknown>)[segment];
  }
  return cur;
}

/** Writes `key` at a path of `row`, copying the objects on the way (they are the caller's) and saving whatever it displaces. */
function place(row: Record<string, unknown>, segments: readonly string[], key: unknown, saved: Saved): void {
  let obj = row;
  for (let i = 0; i < segments.length - 1; i++) {
    const segment = segments[i]!;
    const next = Object.hasOwn(obj, segment) ? obj[segment] : undefined;
    if (next !== null && typeof next === 'object' && !Array.isArray(next)) {
      obj[segment] = { ...next };
    } else {
      saved.push([segments.slice(0, i + 1).join('.'), next]);
      obj[segment] = {};
    }
    obj = obj[segment] as Record<string, unknown>;
  }
  const leaf = segments[segments.length - 1]!;
  saved.push([segments.join('.'), Object.hasOwn(obj, leaf) ? obj[leaf] : undefined]);
  obj[leaf] = key;
}

/** Sets (or, for `undefined`, removes) the value at a dotted path. */
function restore(row: Record<string, unknown>, path: string, value: unknown): void {
  const segments = path.split('.');
  let obj = row;
  for (const segment of segments.slice(0, -1)) obj = obj[segment] as Record<string, unknown>;
  const leaf = segments[segments.length - 1]!;
  if (value === undefined) delete obj[leaf];
  else obj[leaf] = value;
}

/**
 * Builds rows of one collection. Most records need nothing: the record is
 * the row. Only a field whose value would sort wrongly (or not be indexed at
 * all) is replaced by its {@link sortKey}; a list field that is not a list is
 * replaced by `[]` so its multi-entry index holds nothing for it, as `has`
 * finds nothing in it.
 */
export function rowBuilder(specs: readonly IndexSpec[]): (record: StoredRecord) => Row {
  const fields = new Map<string, boolean>();
  for (const spec of specs) for (const field of spec.fields) fields.set(field, spec.multi);
  const plan = [...fields].map(([field, multi]) => ({ segments: field.split('.'), get: fieldGetter(field), multi }));
  return (record) => {
    let row: Record<string, unknown> | undefined;
    const saved: Saved = [];
    if (Object.hasOwn(record, SAVED)) {
      row = { ...record };
      saved.push([SAVED, record[SAVED]]);
    }
    for (const { segments, get, multi } of plan) {
      const own = ownValue(record, segments);
      if (multi) {
        // IndexedDB indexes a lone string or number as one entry; `has` never matches a non-list.
        if (natural(own)) place((row ??= { ...record }), segments, [], saved);
        continue;
      }
      const value = get(record);
      if (own === value && natural(value)) continue;
      place((row ??= { ...record }), segments, sortKey(value), saved);
    }
    if (!row) return record;
    row[SAVED] = saved;
    return row as Row;
  };
}

/** The record a row holds: the row itself, with any replaced fields put back (in place: rows read from IndexedDB are fresh copies). */
export function fromRow(row: Row): StoredRecord {
  const saved = row[SAVED];
  if (saved === undefined) return row;
  delete row[SAVED];
  for (let i = saved.length - 1; i >= 0; i--) restore(row, saved[i]![0], saved[i]![1]);
  return row;
}
