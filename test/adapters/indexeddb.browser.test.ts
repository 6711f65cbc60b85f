import { indexedDbStorage } from '@kith/adapters/indexeddb';
import type { StoragePort } from '@kith/core';
import { conformance } from './conformance.js';
import { deleteDatabase, uniqueName } from './indexeddb-helpers.js';

const names = new WeakMap<StoragePort, string>();

function fixture(label: string, collections?: Record<string, string[]>) {
  return {
    name: label,
    async create() {
      const name = uniqueName('conformance');
      const storage = indexedDbStorage({ name, ...(collections ? { collections } : {}) });
      names.set(storage, name);
      return storage;
    },
    async dispose(storage: StoragePort) {
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
