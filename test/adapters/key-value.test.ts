// The storage-adapter guide's example (docs/examples/key-value-storage.ts) passes
// the conformance suite, and a batch the engine refuses half-way leaves nothing behind.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { keyValueStorage, mapStore } from '../../docs/examples/key-value-storage.ts';
import { conformance } from './conformance.ts';
import { rejection } from '../waiting.ts';

conformance({ describe, it }, { name: 'key-value example (node)', create: async () => keyValueStorage(mapStore()) });

describe('key-value example: all or nothing', () => {
  it('a write the store refuses (a full quota) puts back what the batch had written', async () => {
    const store = mapStore();
    const storage = keyValueStorage(store);
    await storage.batch([{ type: 'put', collection: 'notes', record: { id: 'a', text: 'first' } }]);
    const before = new Map(store.map);
    const setItem = store.setItem;
    let writes = 0;
    store.setItem = (k, v) => {
      if (++writes === 2) throw new Error('QuotaExceededError');
      setItem(k, v);
    };
    const error = await rejection(
      storage.batch([
        { type: 'put', collection: 'notes', record: { id: 'a', text: 'changed' } },
        { type: 'put', collection: 'notes', record: { id: 'b', text: 'new' } },
      ]),
    );
    store.setItem = setItem;
    assert.equal(error.code, 'storage');
    assert.deepEqual(store.map, before);
    assert.equal((await storage.get('notes', 'a'))?.text, 'first');
  });
});
