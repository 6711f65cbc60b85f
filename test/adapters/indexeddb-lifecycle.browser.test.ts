/**
 * What the conformance suite cannot see: schema upgrades and migrations,
 * other tabs, and the ways a browser database fails.
 */
import { expect } from '@open-wc/testing';
import { FORMAT_VERSION, indexedDbStorage } from '@kith/adapters/indexeddb';
import { type ChangeSet, type StoragePort, compareValues } from '@kith/core';
import { deleteDatabase, openRaw, putRaw, uniqueName } from './indexeddb-helpers.js';
import { rejection, until } from '../waiting.js';
import { toStorageError } from '../../packages/adapters/src/indexeddb/errors.js';

const put = (collection: string, record: Record<string, unknown>) => ({ type: 'put', collection, record: record as { id: string } }) as const;

describe('indexeddb: upgrades', () => {
  it('opens a database written in format 1 (plain records, no indexes) and finds every record', async () => {
    const name = uniqueName('format1');
    const raw = await openRaw(name, 3, (db) => {
      for (const store of ['contacts', 'deals', 'people']) db.createObjectStore(store, { keyPath: 'id' });
    });
    const contacts = Array.from({ length: 300 }, (_, i) => ({ id: `c${String(i).padStart(3, '0')}`, version: 2, lastName: `L${i % 7}`, updatedAt: `2026-01-${String((i % 28) + 1).padStart(2, '0')}` }));
    await putRaw(raw, 'contacts', contacts);
    await putRaw(raw, 'deals', [{ id: 'd1', version: 5, title: 'Big', pipelineId: 'default', stageId: 'won', updatedAt: '2026-02-01' }]);
    await putRaw(raw, 'people', [{ id: 'p1', version: 1, name: 'kept' }]);
    raw.close();

    const s = indexedDbStorage({ name });
    try {
      expect(await s.count('contacts')).to.equal(300);
      for (const c of contacts) expect(await s.get('contacts', c.id)).to.deep.equal(c);
      expect(await s.get('deals', 'd1')).to.deep.include({ title: 'Big', version: 5 });
      // A store the layout does not list survives as it was.
      expect(await s.get('people', 'p1')).to.deep.equal({ id: 'p1', version: 1, name: 'kept' });
      // The migrated rows carry index keys: an indexed, ordered query sees all of them.
      const byUpdated = await s.query('contacts', { orderBy: { field: 'updatedAt', direction: 'desc' }, limit: 1000 });
      expect(byUpdated.items.length).to.equal(300);
      expect(byUpdated.items[0]!.updatedAt).to.equal('2026-01-28');
      expect(await s.count('deals', [{ field: 'pipelineId', op: 'eq', value: 'default' }, { field: 'stageId', op: 'eq', value: 'won' }])).to.equal(1);
      // Versions go on from where format 1 left them.
      const [next] = await s.batch([{ type: 'put', collection: 'deals', record: { id: 'd1', title: 'Bigger' }, expectedVersion: 5 }]);
      expect(next!.version).to.equal(6);
      const check = await openRaw(name);
      const format = await new Promise((resolve) => {
        const r = check.transaction('_meta').objectStore('_meta').get('format');
        r.onsuccess = () => resolve(r.result);
      });
      check.close();
      expect(format).to.equal(FORMAT_VERSION);
    } finally {
      await s.close();
      await deleteDatabase(name);
    }
  });

  it('opens a database written in format 2 (rows { r, k }, indexes over k) and finds every record through its indexes', async () => {
    const name = uniqueName('format2');
    const raw = await openRaw(name, 4, (db) => {
      db.createObjectStore('_meta');
      db.createObjectStore('_other', { keyPath: ['c', 'r.id'] });
      const contacts = db.createObjectStore('contacts', { keyPath: 'r.id' });
      contacts.createIndex('updatedAt', ['k.updatedAt', 'r.id']);
      contacts.createIndex('tags[]', 'k.tags$$', { multiEntry: true });
      // An index another page's layout added: it must survive the move.
      const people = db.createObjectStore('people', { keyPath: 'r.id' });
      people.createIndex('age', ['k.age', 'r.id']);
    });
    const contacts = Array.from({ length: 40 }, (_, i) => ({ id: `c${String(i).padStart(2, '0')}`, version: 3, ...(i % 5 ? { updatedAt: `2026-03-${String((i % 28) + 1).padStart(2, '0')}` } : {}), tags: i % 2 ? ['vip'] : [] }));
    await putRaw(raw, '_meta', [2], () => 'format');
    await putRaw(raw, 'contacts', contacts.map((r) => ({ r, k: { updatedAt: r.updatedAt ?? -Infinity, tags$$: r.tags } })));
    await putRaw(raw, 'people', [{ r: { id: 'p1', version: 1, age: 30 }, k: { age: 30 } }]);
    await putRaw(raw, '_other', [{ c: 'notes', r: { id: 'n1', version: 1, text: 'kept' } }]);
    raw.close();

    const s = indexedDbStorage({ name, collections: { people: [] } });
    try {
      for (const c of contacts) expect(await s.get('contacts', c.id)).to.deep.equal(c);
      const ordered = await s.query('contacts', { orderBy: { field: 'updatedAt' }, limit: 100 });
      // Records without updatedAt sort first, as compareValues has it, then by date, ties by id.
      const expected = [...contacts].sort((a, b) => (a.updatedAt ?? '') < (b.updatedAt ?? '') ? -1 : (a.updatedAt ?? '') > (b.updatedAt ?? '') ? 1 : a.id < b.id ? -1 : 1);
      expect(ordered.items.map((r) => r.id)).to.deep.equal(expected.map((r) => r.id));
      expect(await s.count('contacts', [{ field: 'tags', op: 'has', value: 'vip' }])).to.equal(20);
      expect((await s.query('people', { orderBy: { field: 'age' } })).items).to.deep.equal([{ id: 'p1', version: 1, age: 30 }]);
      expect(await s.get('notes', 'n1')).to.deep.equal({ id: 'n1', version: 1, text: 'kept' });
      const check = await openRaw(name);
      const store = check.transaction('people').objectStore('people');
      expect([...store.indexNames], 'the index another page added').to.include('age');
      expect(store.keyPath).to.equal('id');
      check.close();
    } finally {
      await s.close();
      await deleteDatabase(name);
    }
  });

  it('a layout that adds an index rewrites stored rows so the new index finds them', async () => {
    const name = uniqueName('add-index');
    const before = indexedDbStorage({ name, collections: { people: ['age'] } });
    await before.batch(Array.from({ length: 50 }, (_, i) => put('people', { id: `p${i}`, age: i, city: i % 2 ? 'Kazan' : 'Girona' })));
    await before.close();
    const after = indexedDbStorage({ name, collections: { people: ['age', 'city+age'] } });
    try {
      const page = await after.query('people', { where: [{ field: 'city', op: 'eq', value: 'Kazan' }], orderBy: { field: 'age', direction: 'desc' }, limit: 100 });
      expect(page.items.map((r) => r.age)).to.deep.equal(Array.from({ length: 25 }, (_, i) => 49 - 2 * i));
      expect(await after.count('people', [{ field: 'city', op: 'eq', value: 'Girona' }])).to.equal(25);
    } finally {
      await after.close();
      await deleteDatabase(name);
    }
  });

  it('records of a collection written while unlisted move into its store when it gets one', async () => {
    const name = uniqueName('list-later');
    const before = indexedDbStorage({ name });
    await before.batch([put('orders', { id: 'o1', total: 5 }), put('orders', { id: 'o2', total: 9 })]);
    await before.close();
    const after = indexedDbStorage({ name, collections: { orders: ['total'] } });
    try {
      const page = await after.query('orders', { where: [{ field: 'total', op: 'gt', value: 6 }], orderBy: { field: 'total' } });
      expect(page.items.map((r) => r.id)).to.deep.equal(['o2']);
      expect(await after.count('orders')).to.equal(2);
    } finally {
      await after.close();
      await deleteDatabase(name);
    }
  });

  it('a database from a newer format is refused with code "version", not misread', async () => {
    const name = uniqueName('newer');
    const raw = await openRaw(name, 1, (db) => {
      db.createObjectStore('_meta');
      db.createObjectStore('_other', { keyPath: ['c', 'r.id'] });
    });
    await putRaw(raw, '_meta', [FORMAT_VERSION + 1], () => 'format');
    raw.close();
    const s = indexedDbStorage({ name });
    try {
      expect((await rejection(s.get('contacts', 'x'))).code).to.equal('version');
    } finally {
      await s.close();
      await deleteDatabase(name);
    }
  });
});

describe('indexeddb: other tabs', () => {
  let a: StoragePort;
  let b: StoragePort;
  let name: string;
  beforeEach(() => {
    name = uniqueName('tabs');
  });
  afterEach(async () => {
    await a?.close();
    await b?.close();
    await deleteDatabase(name);
  });

  it("a change committed in one tab reaches the other tab's subscribers, marked remote", async () => {
    a = indexedDbStorage({ name });
    b = indexedDbStorage({ name });
    const seenByB: ChangeSet[] = [];
    const seenByA: ChangeSet[] = [];
    b.subscribe((c) => seenByB.push(c), { collections: ['deals'] });
    a.subscribe((c) => seenByA.push(c));
    await a.batch([put('deals', { id: 'd1', stageId: 'won' }), put('activities', { id: 'x', type: 'note' })]);
    await until(() => seenByB.length === 1, 'the change in the other tab');
    expect(seenByB[0]!.remote).to.equal(true);
    expect(seenByB[0]!.changes).to.deep.equal([{ type: 'put', collection: 'deals', id: 'd1', version: 1, record: { id: 'd1', stageId: 'won', version: 1 } }]);
    expect(seenByA.map((c) => c.remote)).to.deep.equal([undefined]);
    expect(await b.get('deals', 'd1')).to.deep.equal({ id: 'd1', stageId: 'won', version: 1 });
  });

  it('a tab on the older layout lets another tab upgrade, then goes on working with the new indexes', async () => {
    a = indexedDbStorage({ name });
    await a.batch([put('contacts', { id: 'c1', lastName: 'Old' })]);
    b = indexedDbStorage({ name, collections: { people: ['age'] } });
    await b.batch([put('people', { id: 'p1', age: 30 })]);
    // The older tab reconnects by itself and writes rows the newer tab's index sees.
    await a.batch([put('people', { id: 'p2', age: 20 })]);
    const page = await b.query('people', { orderBy: { field: 'age' } });
    expect(page.items.map((r) => r.id)).to.deep.equal(['p2', 'p1']);
    expect(await a.get('contacts', 'c1')).to.deep.include({ lastName: 'Old' });
  });

  it('an upgrade blocked by a tab that never lets go fails with code "blocked", and works once it does', async () => {
    a = indexedDbStorage({ name });
    await a.batch([put('contacts', { id: 'c1' })]);
    await a.close();
    // A connection without a versionchange handler, as an old page without Kith's handler would hold.
    const stubborn = await openRaw(name);
    b = indexedDbStorage({ name, collections: { people: ['age'] }, blockedTimeoutMs: 150 });
    const error = await rejection(b.get('people', 'x'));
    expect(error.code).to.equal('blocked');
    stubborn.close();
    expect(await b.get('contacts', 'c1')).to.deep.equal({ id: 'c1', version: 1 });
  });

  it('a database deleted by another tab does not hang this one: it starts afresh', async () => {
    a = indexedDbStorage({ name });
    await a.batch([put('contacts', { id: 'c1' })]);
    await deleteDatabase(name);
    expect(await a.get('contacts', 'c1')).to.equal(undefined);
    await a.batch([put('contacts', { id: 'c2' })]);
    expect(await a.count('contacts')).to.equal(1);
  });
});

describe('indexeddb: engine errors', () => {
  it("the browser's DOMExceptions become typed StorageErrors a caller can act on", () => {
    const codeOf = (name: string) => (toStorageError(new DOMException('x', name), 'db') as Error & { code?: string }).code;
    expect(codeOf('QuotaExceededError')).to.equal('quota');
    expect(codeOf('VersionError')).to.equal('version');
    expect(codeOf('InvalidStateError')).to.equal('closed');
    expect(codeOf('AbortError')).to.equal('aborted');
    expect(codeOf('UnknownError')).to.equal('storage');
    expect((toStorageError(new DOMException('x', 'QuotaExceededError'), 'db') as Error).name).to.equal('StorageError');
  });
});

describe('indexeddb: keyset pages over ties', () => {
  // Index keys hold no id: a page that ends inside a run of equal keys must resume after its last id, not after the key.
  it('pages through 300 records that share one sort value, both ways, each exactly once and in id order', async () => {
    const name = uniqueName('ties');
    const s = indexedDbStorage({ name, collections: { people: ['seen', 'team+seen', 'batch'] }, crossTab: false });
    try {
      const odd = [{ seen: true }, { seen: { at: 1 } }, {}, { seen: null }, { seen: 5 }];
      const people: { id: string; team: string; batch: number; seen?: unknown }[] = Array.from({ length: 300 }, (_, i) => ({ id: `p${String(i).padStart(3, '0')}`, team: i % 3 ? 'a' : 'b', batch: Math.floor(i / 20), ...(i % 50 === 7 ? odd[Math.floor(i / 50) % odd.length] : { seen: '2026-05-05' }) }));
      await s.batch(people.map((p) => put('people', p)));
      for (const [field, direction] of [['seen', 'asc'], ['seen', 'desc'], ['batch', 'asc'], ['batch', 'desc']] as const) {
        for (const [where, sizes] of [
          // Runs of 20 equal keys (batch): pages that end inside a run, past the few ties a plain read covers.
          [[], [7, 50, 1, 30]],
          [[{ field: 'team', op: 'eq', value: 'a' }], [9]],
          // Not in the index: the walk reads slices and resumes inside the ties itself.
          [[{ field: 'id', op: 'ne', value: 'p150' }], [120]],
        ] as const) {
          for (const limit of sizes) {
            const expected = (await s.query('people', { where: [...where], orderBy: { field, direction }, limit: 1000 })).items.map((r) => r.id);
            const seen: string[] = [];
            let after: string | undefined;
            do {
              const page = await s.query('people', { where: [...where], orderBy: { field, direction }, limit, ...(after ? { after } : {}) });
              seen.push(...page.items.map((r) => r.id));
              after = page.nextCursor;
            } while (after);
            expect(seen, `${field} ${direction} by ${limit} where ${JSON.stringify(where)}`).to.deep.equal(expected);
          }
        }
      }
      // The whole order, checked against the port's rules: missing/null first, then numbers, strings, booleans, objects; ties by id.
      const all = (await s.query('people', { orderBy: { field: 'seen' }, limit: 1000 })).items.map((r) => r.id);
      const byRule = [...people].sort((a, b) => compareValues(a.seen, b.seen) || (a.id < b.id ? -1 : 1)).map((r) => r.id);
      expect(all).to.deep.equal(byRule);
      expect(all.length).to.equal(300);
    } finally {
      await s.close();
      await deleteDatabase(name);
    }
  });
});

describe('indexeddb: bulk writes', () => {
  it("on the page, a large batch into an empty collection is issued over many tasks, and the page's timers run between them", async () => {
    const name = uniqueName('bulk-tasks');
    const s = indexedDbStorage({ name, workerFrom: Infinity, crossTab: false });
    // Opened first: opening writes a row of its own.
    await s.count('contacts');
    const realPut = IDBObjectStore.prototype.put;
    let puts = 0;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      puts += 1;
      return realPut.apply(this, args);
    };
    // How many puts had been issued each time a timer ran: one task for the whole batch would show only 0 and 20,000.
    const seen: number[] = [];
    let running = true;
    const tick = () => {
      seen.push(puts);
      if (running) setTimeout(tick, 0);
    };
    try {
      setTimeout(tick, 0);
      const stored = await s.batch(Array.from({ length: 20_000 }, (_, i) => put('contacts', { id: `c${(i * 7919) % 20_000}` })));
      running = false;
      expect(stored.length).to.equal(20_000);
      expect(puts).to.equal(20_000);
      expect(seen.filter((n) => n > 0 && n < 20_000).length).to.be.greaterThan(1);
    } finally {
      running = false;
      IDBObjectStore.prototype.put = realPut;
      await s.close();
      await deleteDatabase(name);
    }
  });

  it('20,000 writes in one batch commit together, and one conflict at the end leaves none of them', async () => {
    const name = uniqueName('bulk');
    const s = indexedDbStorage({ name, durability: 'relaxed' });
    try {
      const records = Array.from({ length: 20_000 }, (_, i) => ({ id: `c${String(i).padStart(6, '0')}`, lastName: `n${i % 100}`, updatedAt: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z` }));
      const stored = await s.batch(records.map((r) => put('contacts', r)));
      expect(stored.length).to.equal(20_000);
      expect(await s.count('contacts')).to.equal(20_000);
      const more = Array.from({ length: 20_000 }, (_, i) => put('contacts', { id: `n${String(i).padStart(6, '0')}` }));
      const error = await rejection(s.batch([...more, { type: 'put', collection: 'contacts', record: { id: 'c000000' }, expectedVersion: 7 }]));
      expect(error.code).to.equal('conflict');
      expect(await s.count('contacts')).to.equal(20_000);
      expect(await s.get('contacts', 'n000000')).to.equal(undefined);
    } finally {
      await s.close();
      await deleteDatabase(name);
    }
  });
});
