import { ValidationError, fieldGetter, type StoredRecord } from '@kith/core';
import { elementKeys, sortKey } from './keys.js';

/**
 * Which object stores and indexes the database holds.
 *
 * An index is named by a spec string:
 * - `updatedAt`: ordered by one field (then id);
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
  deals: ['updatedAt', 'closedAt', 'pipelineId+stageId+stageEnteredAt', 'pipelineId+stageId+updatedAt', 'ownerId+updatedAt', 'status+closedAt', 'companyId', 'contactIds[]', 'tags[]'],
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
    out.set(collection, [...new Set(specs)].map(parseIndexSpec));
  }
  return out;
}

/** Where a field's key lives in a row: `k.<slot>`. Dots become `$` so the key path stays one property deep. */
export const slotOf = (field: string) => field.replace(/\./g, '$');
const multiSlotOf = (field: string) => `${slotOf(field)}$$`;

/** The IndexedDB key path of an index. */
export function keyPathOf(spec: IndexSpec): string | string[] {
  return spec.multi ? `k.${multiSlotOf(spec.fields[0]!)}` : [...spec.fields.map((f) => `k.${slotOf(f)}`), 'r.id'];
}

/** A row of a collection's own store: the record untouched, plus the keys its indexes read. */
export interface Row {
  r: StoredRecord;
  k: Record<string, IDBValidKey>;
}

/** A row of the shared store of unlisted collections. */
export interface OtherRow {
  c: string;
  r: StoredRecord;
}

/** Builds rows of one collection: computes each indexed field's key once per record. */
export function rowBuilder(specs: readonly IndexSpec[]): (record: StoredRecord) => Row {
  const single = new Map<string, (r: unknown) => unknown>();
  const multi = new Map<string, (r: unknown) => unknown>();
  for (const spec of specs) {
    for (const field of spec.fields) (spec.multi ? multi : single).set(field, fieldGetter(field));
  }
  const singles = [...single].map(([field, get]) => [slotOf(field), get] as const);
  const multis = [...multi].map(([field, get]) => [multiSlotOf(field), get] as const);
  return (record) => {
    const k: Record<string, IDBValidKey> = {};
    for (const [slot, get] of singles) k[slot] = sortKey(get(record));
    for (const [slot, get] of multis) k[slot] = elementKeys(get(record));
    return { r: record, k };
  };
}
