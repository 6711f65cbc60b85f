// A storage adapter over any key-value store with the Web Storage API
// (`localStorage`, `sessionStorage`, or a Map behind the same five members).
// docs/storage-adapter.md walks through it; test/adapters/key-value.test.ts
// (Node) and key-value.browser.test.ts (real localStorage) run the
// conformance suite on it.
import {
  type Page,
  type Query,
  StorageError,
  type StoragePort,
  type StoredRecord,
  type WriteOp,
  checkQuery,
  matchesAll,
} from '@kith/core';
import { Listeners, assertOpen, checkOps, pageOf, stageBatch } from '@kith/adapters/kit';

/** What the adapter needs of its engine: the Web Storage API has exactly this. */
export interface KeyValueStore {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Kith's storage port over a key-value store; records live under `{prefix}:{collection}:{id}`. */
export function keyValueStorage(store: KeyValueStore, prefix = 'kith'): StoragePort {
  const name = 'key-value';
  const listeners = new Listeners();
  let closed = false;
  const keyOf = (collection: string, id: string) => `${prefix}:${collection}:${id}`;

  function read(collection: string, id: string): StoredRecord | undefined {
    const text = store.getItem(keyOf(collection, id));
    return text === null ? undefined : (JSON.parse(text) as StoredRecord);
  }

  // Every record of a collection, by scanning the keys. A real engine walks an
  // index here (see how the IndexedDB adapter plans a query); the answers must
  // be the same, and the conformance suite checks that they are.
  function scan(collection: string): StoredRecord[] {
    const head = `${prefix}:${collection}:`;
    const out: StoredRecord[] = [];
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i);
      if (key?.startsWith(head)) out.push(JSON.parse(store.getItem(key)!) as StoredRecord);
    }
    return out;
  }

  return {
    name,

    async get(collection, id) {
      assertOpen(closed, name);
      return read(collection, id);
    },

    async query(collection, query: Query = {}): Promise<Page<StoredRecord>> {
      assertOpen(closed, name);
      const { limit } = checkQuery(query);
      query.signal?.throwIfAborted();
      // The kit's pageOf keeps what lies after the cursor, orders it and cuts it (keyset, never offsets).
      return pageOf(scan(collection).filter((r) => matchesAll(r, query.where)), query, limit);
    },

    async count(collection, where) {
      assertOpen(closed, name);
      checkQuery({ where });
      return scan(collection).filter((r) => matchesAll(r, where)).length;
    },

    async batch(ops: readonly WriteOp[]) {
      assertOpen(closed, name);
      checkOps(ops);
      // 1. Work the batch out in full (the kit's stageBatch keeps the port's version
      //    rules); a stale expectedVersion refuses it before anything is touched.
      const { writes, stored, changes } = stageBatch(ops, read);
      // 2. Apply. When the engine refuses a write (a full quota), put back what
      //    this batch already changed: all or nothing.
      const before = new Map<string, string | null>();
      try {
        for (const { collection, id, record } of writes) {
          const key = keyOf(collection, id);
          before.set(key, store.getItem(key));
          if (record) store.setItem(key, JSON.stringify(record));
          else store.removeItem(key);
        }
      } catch (error) {
        for (const [key, text] of before) {
          if (text === null) store.removeItem(key);
          else store.setItem(key, text);
        }
        throw new StorageError('The key-value store refused the batch; nothing was written', { cause: error });
      }
      // 3. Tell subscribers, after the commit, once per batch.
      if (changes.length) listeners.notify({ changes });
      return stored;
    },

    subscribe(listener, options) {
      assertOpen(closed, name);
      return listeners.add(listener, options);
    },

    async close() {
      closed = true;
      listeners.clear();
    },
  };
}

/** A `KeyValueStore` in memory, for Node (which has no localStorage) and tests. */
export function mapStore(): KeyValueStore & { readonly map: Map<string, string> } {
  const map = new Map<string, string>();
  let keys: string[] | undefined; // key(i) in a loop would copy the keys each time; keep one copy until they change
  return {
    map,
    get length() {
      return map.size;
    },
    key: (i) => (keys ??= [...map.keys()])[i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => {
      if (!map.has(k)) keys = undefined;
      map.set(k, v);
    },
    removeItem: (k) => {
      if (map.delete(k)) keys = undefined;
    },
  };
}
