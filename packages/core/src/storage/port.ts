/**
 * The storage port: the one interface every adapter implements. It knows
 * collections of JSON records with an `id` and a `version`, and nothing of
 * contacts or deals; the core builds the CRM on top of it.
 *
 * Designed so each engine can do its part natively: filters and the sort
 * field map to IndexedDB indexes or SQL WHERE / ORDER BY, pages are keyset
 * cursors (never offsets), a batch is one transaction, and versions are
 * compare-and-set.
 */

/** The collections the core uses. Adapters accept any collection name. */
export const COLLECTIONS = ['contacts', 'companies', 'deals', 'pipelines', 'activities', 'tasks', 'members', 'fields', 'counters', 'segments', 'rules', 'rule-runs'] as const;
export type CollectionName = (typeof COLLECTIONS)[number];

/** A stored record: JSON data with an id and the version storage gave it. */
export interface StoredRecord {
  id: string;
  version: number;
  [field: string]: unknown;
}

/** A record as written: storage assigns the version, so any given one is ignored. */
export interface RecordInput {
  id: string;
  version?: number;
  [field: string]: unknown;
}

/** Comparison operators a filter can use. */
export const FILTER_OPS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'has', 'prefix', 'exists'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

/**
 * One condition on a field. `field` is a dotted path (`value.currency`).
 * - `eq`/`ne`: strict equality of a scalar.
 * - `lt`/`lte`/`gt`/`gte`: ordering, only between values of the same type (numbers, strings).
 * - `in`: the field equals one of `value` (an array).
 * - `has`: the field is an array that contains `value`.
 * - `prefix`: the field is a string starting with `value`.
 * - `exists`: with `value: true` the field is present and not null; with `false`, absent.
 * A missing field satisfies only `ne` and `exists: false`.
 */
export interface Filter {
  field: string;
  op: FilterOp;
  value?: unknown;
}

/** Order of a query: one field, then the id, in the same direction. Missing values sort first. */
export interface Sort {
  field: string;
  direction?: 'asc' | 'desc';
}

/** A query over one collection. All filters must hold (AND). */
export interface Query {
  where?: readonly Filter[];
  orderBy?: Sort;
  /** Page size; adapters return at most this many (default 50). */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  after?: string;
  signal?: AbortSignal;
}

/** One page of results; `nextCursor` is absent on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/**
 * A write inside a batch. `expectedVersion` makes it conditional: the stored
 * version must equal it (0 means "must not exist yet"), else the whole batch
 * fails with ConflictError. Without it the write is unconditional.
 */
export type WriteOp =
  | { type: 'put'; collection: string; record: RecordInput; expectedVersion?: number }
  | { type: 'delete'; collection: string; id: string; expectedVersion?: number };

/** One committed change, as subscribers see it. */
export interface Change {
  type: 'put' | 'delete';
  collection: string;
  id: string;
  /** The stored record after a put. */
  record?: StoredRecord;
  /** The version after a put, or the last version before a delete. */
  version: number;
}

/** Everything one committed batch changed, in write order. `remote` is set when it came from another tab or server. */
export interface ChangeSet {
  changes: Change[];
  remote?: boolean;
}

/** Subscription options: restrict to some collections. */
export interface SubscribeOptions {
  collections?: readonly string[];
}

/** The storage port. */
export interface StoragePort {
  /** A short name for messages and benchmarks (`memory`, `indexeddb`, `rest`). */
  readonly name: string;
  /** The record, or undefined when there is none. */
  get(collection: string, id: string, options?: { signal?: AbortSignal }): Promise<StoredRecord | undefined>;
  /** A page of records matching the query, in its order. */
  query(collection: string, query?: Query): Promise<Page<StoredRecord>>;
  /** How many records match. */
  count(collection: string, where?: readonly Filter[], options?: { signal?: AbortSignal }): Promise<number>;
  /**
   * Applies the writes all-or-nothing and returns the stored records of the
   * puts, with their new versions, in order. Storage assigns versions: one
   * more than the stored version, 1 for a new record.
   */
  batch(ops: readonly WriteOp[]): Promise<StoredRecord[]>;
  /** Calls the listener after each committed batch, local or remote. Returns the unsubscribe function. */
  subscribe(listener: (changes: ChangeSet) => void, options?: SubscribeOptions): () => void;
  /** Releases the engine; later calls reject with a StorageError of code `closed`. */
  close(): Promise<void>;
}
