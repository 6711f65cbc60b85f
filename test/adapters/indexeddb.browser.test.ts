import { indexedDbStorage } from '@kith/adapters/indexeddb';
import type { StoragePort } from '@kith/core';
import { conformance } from './conformance.js';
import { deleteDatabase, refusePageWrites, uniqueName } from './indexeddb-helpers.js';

const names = new WeakMap<StoragePort, string>();
const restores = new WeakMap<StoragePort, () => void>();

function fixture(label: string, collections?: Record<string, string[]>, inWorker = false) {
  return {
    name: label,
    async create() {
      const name = uniqueName('conformance');
      const storage = indexedDbStorage({ name, ...(collections ? { collections } : {}), ...(inWorker ? { workerFrom: 1 } : {}) });
      names.set(storage, name);
      // A batch that fell back to the page would throw here, failing the case.
      if (inWorker) restores.set(storage, refusePageWrites());
      return storage;
    },
    async dispose(storage: StoragePort) {
      restores.get(storage)?.();
      await storage.close();
      await deleteDatabase(names.get(storage)!);
    },
  };
}

// The suite's `people` collection with its own store and indexes: queries walk indexes.
conformance(
  { describe, it },
  fixture('indexeddb (chromium), indexed', { people: ['age', 'name', 'score', 'city', 'city+name', 'tags[]', 'nested.level'] }),
);
// The same collection unlisted: it lives in the shared store and queries read it whole.
conformance({ describe, it }, fixture('indexeddb (chromium), unlisted collections'));
// Every batch, however small, written by the bulk-write worker, with writes on the page refused.
conformance(
  { describe, it },
  fixture('indexeddb (chromium), indexed, every batch in the worker', { people: ['age', 'name', 'score', 'city', 'city+name', 'tags[]', 'nested.level'] }, true),
);
conformance({ describe, it }, fixture('indexeddb (chromium), unlisted collections, every batch in the worker', undefined, true));
