import {
  type Filter,
  type Page,
  type Query,
  type RecordInput,
  type StoragePort,
  type StoredRecord,
  type WriteOp,
  checkQuery,
  matchesAll,
} from '@kith/core';
import { assertOpen, checkOps } from '../common/guards.js';
import { Listeners } from '../common/listeners.js';
import { pageOf } from '../common/page-of.js';
import { cloneJson } from '../common/clone.js';
import { stageBatch } from '../common/stage-batch.js';

/** Options of {@link memoryStorage}. */
export interface MemoryStorageOptions {
  /** Records to start with, by collection (each needs an `id`; versions start at 1). */
  seed?: Record<string, readonly RecordInput[]>;
}

/**
 * Storage in plain maps, for tests, scripts and server-side use of the core.
 * Records are cloned on the way in and out, so callers never share state with
 * the store.
 *
 * @example
 * ```ts
 * import { createCrm } from '@kith/core';
 * import { memoryStorage } from '@kith/adapters/memory';
 * const crm = createCrm({ storage: memoryStorage() });
 * ```
 */
export function memoryStorage(options: MemoryStorageOptions = {}): StoragePort {
  const data = new Map<string, Map<string, StoredRecord>>();
  const listeners = new Listeners();
  let closed = false;

  const table = (name: string) => {
    let t = data.get(name);
    if (!t) data.set(name, (t = new Map()));
    return t;
  };

  for (const [collection, records] of Object.entries(options.seed ?? {})) {
    for (const r of records) table(collection).set(r.id, { ...cloneJson(r), version: 1 });
  }

  function select(collection: string, where: readonly Filter[] | undefined): StoredRecord[] {
    const out: StoredRecord[] = [];
    for (const r of data.get(collection)?.values() ?? []) if (matchesAll(r, where)) out.push(r);
    return out;
  }

  return {
    name: 'memory',

    async get(collection, id) {
      assertOpen(closed, 'memory');
      const r = data.get(collection)?.get(id);
      return r ? cloneJson(r) : undefined;
    },

    async query(collection, query: Query = {}): Promise<Page<StoredRecord>> {
      assertOpen(closed, 'memory');
      const { limit } = checkQuery(query);
      query.signal?.throwIfAborted();
      const page = pageOf(select(collection, query.where), query, limit);
      return { ...page, items: page.items.map((r) => cloneJson(r)) };
    },

    async count(collection, where) {
      assertOpen(closed, 'memory');
      checkQuery({ where });
      return select(collection, where).length;
    },

    async batch(ops: readonly WriteOp[]) {
      assertOpen(closed, 'memory');
      checkOps(ops);
      // Worked out in full first; only a fully valid batch touches the maps.
      const { writes, stored, changes } = stageBatch(ops, (c, id) => data.get(c)?.get(id));
      for (const { collection, id, record } of writes) {
        if (record) table(collection).set(id, record);
        else data.get(collection)?.delete(id);
      }
      if (changes.length) listeners.notify({ changes });
      return stored;
    },

    subscribe(listener, subscribeOptions) {
      assertOpen(closed, 'memory');
      return listeners.add(listener, subscribeOptions);
    },

    async close() {
      closed = true;
      listeners.clear();
      data.clear();
    },
  };
}
