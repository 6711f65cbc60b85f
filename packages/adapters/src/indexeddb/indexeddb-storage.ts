import {
  type Change,
  type ChangeSet,
  type Filter,
  type Page,
  type Query,
  type StoragePort,
  type StoredRecord,
  ValidationError,
  type WriteOp,
  checkQuery,
  decodeCursor,
  matchesAll,
} from '@kith/core';
import { unwrap } from 'idb';
import { assertOpen, checkOps } from '../common/guards.js';
import { Listeners } from '../common/listeners.js';
import { pageOf, toPage } from '../common/page-of.js';
import { type AnyRow, type Connection, keyOf, recordOf, request, storeOf } from './connection.js';
import { isConnectionGone, toStorageError } from './errors.js';
import { type Bounds, HIGH, compareKeys, contains, lowerUpper, raiseLower } from './keys.js';
import { CORE_LAYOUT, type Layout, parseLayout, rowBuilder } from './layout.js';
import { openDatabase } from './open.js';
import { appliedAll, collectionsOf, writeOnPage } from './page-writes.js';
import { type Plan, type Resume, planIsEmpty, planQuery } from './plan.js';
import { type WorkerWriter, workerWriter } from './worker-writes.js';

/** Options of {@link indexedDbStorage}. */
export interface IndexedDbStorageOptions {
  /** The database name; one per app (or per account, to keep accounts apart). */
  name: string;
  /**
   * Collections to give their own store and indexes, beyond (or replacing the
   * indexes of) the core's. Records of any other collection still work; they
   * share one store and their queries read all of it.
   */
  collections?: Layout;
  /** How long opening may wait for another tab to let an upgrade through before failing with code `blocked` (default 5000). */
  blockedTimeoutMs?: number;
  /** Passed to every write transaction; `relaxed` is faster, `strict` survives power loss (default: the browser's). */
  durability?: IDBTransactionDurability;
  /** Share committed changes with other tabs of this origin (default true). */
  crossTab?: boolean;
  /**
   * Batches of at least this many writes run in a dedicated worker, which
   * keeps the database's per-write bookkeeping off the page (default 2000;
   * `Infinity`: every batch on the page). Where no worker can start, for instance under a
   * Content-Security-Policy without `worker-src blob:`, they run on the page
   * in short slices.
   */
  workerFrom?: number;
}

/** Change sets larger than this cross to other tabs without records; their subscribers read what they need. */
const BROADCAST_RECORDS_LIMIT = 1000;
/** From this many writes a batch runs in the worker: below it, the page's slices are short and few, and no worker starts. */
const WORKER_FROM = 2000;

type Source = IDBObjectStore | IDBIndex;

const toRange = (b: Bounds): IDBKeyRange | undefined =>
  b.lower !== undefined && b.upper !== undefined
    ? IDBKeyRange.bound(b.lower, b.upper, Boolean(b.lowerOpen), Boolean(b.upperOpen))
    : b.lower !== undefined
      ? IDBKeyRange.lowerBound(b.lower, Boolean(b.lowerOpen))
      : b.upper !== undefined
        ? IDBKeyRange.upperBound(b.upper, Boolean(b.upperOpen))
        : undefined;

/** The next stretch of a walk after the last key read, in the walk's direction. */
function after(b: Bounds, key: IDBValidKey, direction: IDBCursorDirection): Bounds {
  const out = { ...b };
  // The tighter bound wins: a cursor from another query may lie outside this one's range.
  (direction === 'next' ? raiseLower : lowerUpper)(out, key, true);
  return out;
}

/** The stretch of a walk from `key` on, `key` included. */
function atOrAfter(b: Bounds, key: IDBValidKey, direction: IDBCursorDirection): Bounds {
  const out = { ...b };
  (direction === 'next' ? raiseLower : lowerUpper)(out, key, false);
  return out;
}

interface KeyedRow {
  key: IDBValidKey;
  primaryKey: IDBValidKey;
  row: AnyRow;
}

/** Reads up to `count` rows with their keys in a direction: one `getAllRecords` call where the browser has it (Chromium 141+), a cursor otherwise. */
async function readSlice(source: Source, bounds: Bounds, direction: IDBCursorDirection, count: number): Promise<KeyedRow[]> {
  const range = toRange(bounds);
  const withRecords = source as Source & {
    getAllRecords?: (o: { query?: IDBKeyRange; count?: number; direction?: IDBCursorDirection }) => IDBRequest<{ key: IDBValidKey; primaryKey: IDBValidKey; value: AnyRow }[]>;
  };
  if (typeof withRecords.getAllRecords === 'function') {
    const records = await request(withRecords.getAllRecords({ ...(range ? { query: range } : {}), count, direction }));
    return records.map((r) => ({ key: r.key, primaryKey: r.primaryKey, row: r.value }));
  }
  return collect(source.openCursor(range, direction), count, () => true);
}

/**
 * Walks a cursor, keeping the entries `keep` accepts, until `count` of them
 * or the end. `keep` may move the cursor itself (and return false), e.g. to
 * jump ahead with `continuePrimaryKey`.
 */
function collect(cursorRequest: IDBRequest<IDBCursorWithValue | null>, count: number, keep: (cursor: IDBCursorWithValue) => boolean | 'moved'): Promise<KeyedRow[]> {
  const out: KeyedRow[] = [];
  return new Promise((resolve, reject) => {
    cursorRequest.onerror = () => reject(cursorRequest.error);
    cursorRequest.onsuccess = () => {
      const cursor = cursorRequest.result;
      if (!cursor) return resolve(out);
      const verdict = keep(cursor);
      if (verdict === 'moved') return;
      if (verdict) out.push({ key: cursor.key, primaryKey: cursor.primaryKey, row: cursor.value as AnyRow });
      if (out.length >= count) return resolve(out);
      cursor.continue();
    };
  });
}

/** How many entries a resumed read fetches beyond what it needs, for the ties at the cursor's key it will drop. */
const TIES_AHEAD = 8;

/**
 * Reads up to `count` index entries after `from` in a direction. Index keys
 * hold no id, so the entries that share `from.key` and come after its
 * primary key come first. Usually those ties are few: one read from
 * `from.key` onwards, dropping what is not after `from`, answers it. A run
 * of ties longer than that read is walked with a cursor that jumps to
 * `from` with `continuePrimaryKey`, however many ties lie before it.
 */
async function readAfter(source: Source, bounds: Bounds, direction: IDBCursorDirection, count: number, from: Resume): Promise<KeyedRow[]> {
  if (source instanceof IDBObjectStore || !contains(bounds, from.key)) return readSlice(source, after(bounds, from.key, direction), direction, count);
  const isAfter = (row: KeyedRow) => compareKeys(row.key, from.key) !== 0 || (direction === 'next' ? compareKeys(row.primaryKey, from.id) > 0 : compareKeys(row.primaryKey, from.id) < 0);
  const asked = count + TIES_AHEAD;
  const rows = await readSlice(source, atOrAfter(bounds, from.key, direction), direction, asked);
  const last = rows[rows.length - 1];
  if (!last || rows.length < asked) return rows.filter(isAfter);
  if (compareKeys(last.key, from.key) !== 0) {
    const kept = rows.filter(isAfter).slice(0, count);
    if (kept.length === count) return kept;
    return [...kept, ...(await readAfter(source, bounds, direction, count - kept.length, { key: last.key, id: last.primaryKey as string }))];
  }
  // Every entry read shares the cursor's key: a long run of ties.
  const ties = await collect(source.openCursor(IDBKeyRange.only(from.key), direction), count, (cursor) => {
    const c = compareKeys(cursor.primaryKey, from.id);
    if (c === 0 || (direction === 'next' ? c > 0 : c < 0)) return c !== 0;
    cursor.continuePrimaryKey(from.key, from.id);
    return 'moved';
  });
  if (ties.length >= count) return ties;
  return [...ties, ...(await readSlice(source, after(bounds, from.key, direction), direction, count - ties.length))];
}

/**
 * Local-first storage in the browser's IndexedDB.
 *
 * Each collection of the layout is one object store with the indexes its
 * queries need, so list screens walk an index from a keyset cursor and a page
 * deep in a large store costs what the first page costs. A batch is one
 * transaction; a bulk write is sliced so the main thread stays responsive.
 * Committed changes reach the subscribers of other tabs through a
 * BroadcastChannel, marked `remote`.
 *
 * @example
 * ```ts
 * import { createCrm } from '@kith/core';
 * import { indexedDbStorage } from '@kith/adapters/indexeddb';
 * const crm = createCrm({ storage: indexedDbStorage({ name: 'my-crm' }) });
 * ```
 */
export function indexedDbStorage(options: IndexedDbStorageOptions): StoragePort {
  const name = options.name;
  const wanted = parseLayout({ ...CORE_LAYOUT, ...options.collections });
  const listeners = new Listeners();
  const channel = options.crossTab === false || typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(`kith-indexeddb:${name}`);
  const workerFrom = options.workerFrom ?? WORKER_FROM;
  if (!(workerFrom >= 1)) {
    throw new ValidationError([{ path: ['workerFrom'], code: 'invalid_value', message: 'workerFrom is a number of writes, at least 1 (Infinity: never)' }], 'indexeddb options');
  }
  let closed = false;
  let connection: Promise<Connection> | undefined;
  let writer: WorkerWriter | undefined;
  /** The batch the worker writes now, if any. */
  let inWorker: Promise<unknown> = Promise.resolve();

  const connect = () => {
    assertOpen(closed, 'indexeddb');
    connection ??= openDatabase({
      name,
      layout: wanted,
      blockedTimeoutMs: options.blockedTimeoutMs ?? 5000,
      onLost: () => {
        connection = undefined;
      },
    }).then(
      ({ db, layout }) => ({ db: unwrap(db) as IDBDatabase, layout, builders: new Map([...layout].map(([c, specs]) => [c, rowBuilder(specs)])) }),
      (error: unknown) => {
        connection = undefined;
        throw error;
      },
    );
    return connection;
  };

  /**
   * Starts a transaction over the stores of these collections; when the
   * browser closed the connection under us (another tab upgraded), reconnects
   * once: nothing was done yet, so the retry is safe.
   */
  async function begin(collections: readonly string[], mode: IDBTransactionMode, connecting = connect()): Promise<{ tx: IDBTransaction; c: Connection }> {
    const txOptions = mode === 'readwrite' && options.durability ? { durability: options.durability } : undefined;
    const start = (c: Connection) => ({ tx: c.db.transaction([...new Set(collections.map((x) => storeOf(c, x)))], mode, txOptions), c });
    const c = await connecting;
    try {
      return start(c);
    } catch (error) {
      if (!isConnectionGone(error)) throw error;
      connection = undefined;
      return start(await connect());
    }
  }
  /** The key range of one unlisted collection in the shared store. */
  const otherRange = (collection: string): Bounds => ({ lower: [collection], upper: [collection, HIGH] });

  function sourceOf(store: IDBObjectStore, plan: Plan): Source {
    return plan.kind !== 'scan' && plan.index ? store.index(plan.index) : store;
  }

  /** Walks an ordered plan, keeping matches, until `want` of them or the end. */
  async function walk(c: Connection, collection: string, source: Source, plan: Extract<Plan, { kind: 'ordered' }>, where: readonly Filter[], want: number, signal?: AbortSignal): Promise<StoredRecord[]> {
    const out: StoredRecord[] = [];
    let from = plan.resume;
    let slice = plan.exact ? want : Math.max(want, 64);
    for (;;) {
      signal?.throwIfAborted();
      const rows = from ? await readAfter(source, plan.bounds, plan.direction, slice, from) : await readSlice(source, plan.bounds, plan.direction, slice);
      for (const { row } of rows) {
        const record = recordOf(c, collection, row);
        if (plan.exact || matchesAll(record, where)) out.push(record);
        if (out.length >= want) return out;
      }
      const last = rows[rows.length - 1];
      if (!last || rows.length < slice) return out;
      from = { key: last.key, id: last.primaryKey as string };
      slice = Math.min(slice * 2, 2048);
    }
  }

  /** Every record a non-ordered plan reads, filtered. */
  async function gather(c: Connection, store: IDBObjectStore, collection: string, plan: Plan, where: readonly Filter[]): Promise<StoredRecord[]> {
    const bounds = c.layout.has(collection) ? (plan.kind === 'scan' ? {} : plan.bounds) : otherRange(collection);
    const rows = (await request(sourceOf(store, plan).getAll(toRange(bounds)))) as AnyRow[];
    const out: StoredRecord[] = [];
    for (const row of rows) {
      const record = recordOf(c, collection, row);
      if (matchesAll(record, where)) out.push(record);
    }
    return out;
  }

  function planFor(c: Connection, collection: string, query: Query): Plan {
    const pos = query.after ? decodeCursor(query.after) : undefined;
    const specs = c.layout.get(collection);
    // Unlisted collections share a store without field indexes: read the collection, order in memory.
    return specs ? planQuery(specs, query.where ?? [], query.orderBy, pos) : { kind: 'scan' };
  }

  const guard = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw toStorageError(error, name);
    }
  };

  function publish(changes: Change[]): void {
    if (!changes.length) return;
    listeners.notify({ changes });
    if (!channel) return;
    const set: ChangeSet = {
      changes: changes.length > BROADCAST_RECORDS_LIMIT ? changes.map(({ record: _record, ...rest }) => rest) : changes,
    };
    try {
      channel.postMessage(set);
    } catch (error) {
      console.error('kith: could not share a change with other tabs', error);
    }
  }

  if (channel) {
    channel.onmessage = (event: MessageEvent<ChangeSet>) => {
      if (!closed && Array.isArray(event.data?.changes)) listeners.notify({ changes: event.data.changes, remote: true });
    };
  }

  return {
    name: 'indexeddb',

    get: (collection, id, getOptions) =>
      guard(async () => {
        assertOpen(closed, 'indexeddb');
        getOptions?.signal?.throwIfAborted();
        const { tx, c } = await begin([collection], 'readonly');
        const row = (await request(tx.objectStore(storeOf(c, collection)).get(keyOf(c, collection, id)))) as AnyRow | undefined;
        return row && recordOf(c, collection, row);
      }),

    query: (collection, query: Query = {}) =>
      guard(async (): Promise<Page<StoredRecord>> => {
        assertOpen(closed, 'indexeddb');
        const { limit } = checkQuery(query);
        query.signal?.throwIfAborted();
        const { tx, c } = await begin([collection], 'readonly');
        const plan = planFor(c, collection, query);
        if (planIsEmpty(plan)) return { items: [] };
        const objectStore = tx.objectStore(storeOf(c, collection));
        const where = query.where ?? [];
        if (plan.kind === 'ordered') {
          return toPage(await walk(c, collection, sourceOf(objectStore, plan), plan, where, limit + 1, query.signal), limit, query.orderBy);
        }
        return pageOf(await gather(c, objectStore, collection, plan, where), query, limit);
      }),

    count: (collection, where, countOptions) =>
      guard(async () => {
        assertOpen(closed, 'indexeddb');
        checkQuery({ where });
        countOptions?.signal?.throwIfAborted();
        const { tx, c } = await begin([collection], 'readonly');
        const plan = planFor(c, collection, { ...(where ? { where } : {}) });
        if (planIsEmpty(plan)) return 0;
        const objectStore = tx.objectStore(storeOf(c, collection));
        if (!where?.length) return request(objectStore.count(toRange(c.layout.has(collection) ? {} : otherRange(collection))));
        if (plan.kind !== 'scan' && plan.exact) return request(sourceOf(objectStore, plan).count(toRange(plan.bounds)));
        return (await gather(c, objectStore, collection, plan, where)).length;
      }),

    batch: (ops: readonly WriteOp[]) =>
      guard(async () => {
        assertOpen(closed, 'indexeddb');
        checkOps(ops);
        if (!ops.length) return [];
        // Connected now, not after the waits below: a batch asked for before close() still runs.
        const connecting = connect();
        connecting.catch(() => {});
        const changes: Change[] = [];
        const stored: StoredRecord[] = [];
        if (ops.length >= workerFrom) {
          const versions = (writer ??= workerWriter(name)).write(() => connecting, ops, options.durability);
          // Changes are published in the order the batches commit: after the batch before, before any after.
          const before = inWorker;
          const finished = versions.then(async (v) => {
            if (!v) return false;
            await appliedAll(ops, v, stored, changes);
            await before;
            publish(changes);
            return true;
          });
          inWorker = finished.catch(() => false);
          if (await finished) return stored;
          // No worker here, or the database moved on: nothing was written, so the page writes the batch.
        } else {
          // A batch asked for after one the worker is writing commits after it, as it would on one connection.
          await inWorker;
        }
        const { tx, c } = await begin(collectionsOf(ops), 'readwrite', connecting);
        const done = new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onabort = () => reject(tx.error ?? new DOMException('The transaction was aborted', 'AbortError'));
        });
        done.catch(() => {});
        try {
          await writeOnPage(c, tx, ops, changes, stored);
          await done;
        } catch (error) {
          try {
            tx.abort();
          } catch {
            // Already finished or aborted.
          }
          throw error;
        }
        publish(changes);
        return stored;
      }),

    subscribe(listener, subscribeOptions) {
      assertOpen(closed, 'indexeddb');
      return listeners.add(listener, subscribeOptions);
    },

    async close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      channel?.close();
      await writer?.close();
      const pending = connection;
      connection = undefined;
      if (pending) (await pending.catch(() => undefined))?.db.close();
    },
  };
}
