/**
 * Large batches are written by a dedicated worker (see worker-writes.ts).
 * The conformance suite runs every case through it; these are what it cannot
 * see: that the worker writes exactly what the page would, in order with the
 * page's own batches, across upgrades and close, and what happens where no
 * worker can start.
 */
import { expect } from '@open-wc/testing';
import { indexedDbStorage } from '@kith/adapters/indexeddb';
import type { ChangeSet, StoragePort, WriteOp } from '@kith/core';
import { deleteDatabase, refusePageWrites, uniqueName } from './indexeddb-helpers.js';
import { rejection } from '../waiting.js';

const put = (collection: string, record: Record<string, unknown>, expectedVersion?: number): WriteOp => ({
  type: 'put',
  collection,
  record: record as { id: string },
  ...(expectedVersion === undefined ? {} : { expectedVersion }),
});
const del = (collection: string, id: string, expectedVersion?: number): WriteOp => ({ type: 'delete', collection, id, ...(expectedVersion === undefined ? {} : { expectedVersion }) });

/** Opens an adapter on a fresh database, runs `body`, and always closes and deletes it. */
async function withStorage(options: { workerFrom: number; collections?: Record<string, string[]> }, body: (s: StoragePort, name: string) => Promise<void>): Promise<void> {
  const name = uniqueName('worker');
  const s = indexedDbStorage({ name, crossTab: false, ...options });
  try {
    await body(s, name);
  } finally {
    await s.close();
    await deleteDatabase(name);
  }
}

/** Runs a batch with every write on the page refused: it succeeds only if the worker wrote it. */
async function inWorker<T>(run: () => Promise<T>): Promise<T> {
  const restore = refusePageWrites();
  try {
    return await run();
  } finally {
    restore();
  }
}

describe('indexeddb: large batches in a worker', () => {
  it('writes a mixed batch of 1,300 writes over three slices exactly as the page does: stored records, changes and what reads find', async () => {
    const collections = { contacts: ['lastName', 'updatedAt', 'tags[]', 'address.city'] };
    // Records before the batch: three contacts at version 2, one unlisted note at version 2.
    const seed = async (s: StoragePort) => {
      for (let round = 0; round < 2; round++) {
        await s.batch([put('contacts', { id: 'e1', lastName: 'Old' }), put('contacts', { id: 'e2', lastName: 'Gone' }), put('contacts', { id: 'e3' }), put('notes', { id: 'x1', text: 'old' })]);
      }
    };
    const ops: WriteOp[] = [];
    for (let i = 0; i < 1200; i++) {
      // Some rows need their index keys replaced (null, boolean, a list that is no list, a missing nested field).
      const odd = i % 4;
      ops.push(
        put('contacts', {
          id: `n${String(i).padStart(4, '0')}`,
          lastName: odd === 0 ? null : odd === 1 ? true : `L${i % 37}`,
          tags: odd === 2 ? 'vip' : ['t', `g${i % 3}`],
          ...(odd === 3 ? {} : { address: { city: `C${i % 5}` } }),
          updatedAt: `2026-03-${String((i % 28) + 1).padStart(2, '0')}`,
        }),
      );
    }
    // Writes to existing records, and one record written three times, in the first, second and third slices.
    ops.splice(10, 0, put('contacts', { id: 'e1', lastName: 'New' }, 2), put('contacts', { id: 'e3', n: 1 }));
    ops.splice(600, 0, del('contacts', 'e2', 2), del('contacts', 'e3'), del('contacts', 'never-there'), put('notes', { id: 'x1', text: 'new' }, 2));
    ops.splice(1100, 0, put('contacts', { id: 'e3', n: 3 }, 0), put('notes', { id: 'n1', text: 'fresh' }), del('notes', 'nope'));
    for (let i = 0; i < 90; i++) ops.push(put('contacts', { id: `n${String(i).padStart(4, '0')}`, lastName: `again ${i}` }, 1));
    expect(ops.length).to.be.greaterThan(1000);

    const outcome = async (workerFrom: number) => {
      let result: Record<string, unknown> = {};
      await withStorage({ workerFrom, collections }, async (s) => {
        await seed(s);
        const seen: ChangeSet[] = [];
        s.subscribe((set) => seen.push(set));
        const stored = workerFrom === Infinity ? await s.batch(ops) : await inWorker(() => s.batch(ops));
        const byName = await s.query('contacts', { orderBy: { field: 'lastName' }, limit: 2000 });
        const inCity = await s.query('contacts', { where: [{ field: 'address.city', op: 'eq', value: 'C2' }], orderBy: { field: 'updatedAt', direction: 'desc' }, limit: 2000 });
        const tagged = await s.count('contacts', [{ field: 'tags', op: 'has', value: 'g1' }]);
        const notes = await s.query('notes', { limit: 10 });
        result = { stored, seen, byName: byName.items, inCity: inCity.items, tagged, notes: notes.items, e2: await s.get('contacts', 'e2') };
      });
      return result;
    };
    const onPage = await outcome(Infinity);
    const worker = await outcome(1);
    expect(worker).to.deep.equal(onPage);
    // And the page's answers are the right ones, so the comparison means something.
    const stored = onPage.stored as { id: string; version: number }[];
    expect(stored.length).to.equal(1200 + 2 + 1 + 2 + 90);
    expect(stored.filter((r) => r.id === 'e3').map((r) => r.version)).to.deep.equal([3, 1]);
    expect(stored.find((r) => r.id === 'e1')!.version).to.equal(3);
    expect(onPage.e2).to.equal(undefined);
    expect((onPage.seen as ChangeSet[]).length).to.equal(1);
    const changes = (onPage.seen as ChangeSet[])[0]!.changes;
    expect(changes.filter((c) => c.type === 'delete').map((c) => [c.id, c.version])).to.deep.equal([
      ['e2', 2],
      ['e3', 3],
    ]);
    expect((onPage.notes as { id: string; version: number }[]).map((n) => [n.id, n.version])).to.deep.equal([
      ['n1', 1],
      ['x1', 3],
    ]);
  });

  it('into collections that hold nothing yet, ids in random order, some written twice: the versions are right on the page and in the worker', async () => {
    // A shuffle that is the same every run: i * 7919 mod 1499 visits every i below 1499 once (1499 is prime).
    const ids = Array.from({ length: 1499 }, (_, i) => `r${String((i * 7919) % 1499).padStart(4, '0')}`);
    const ops: WriteOp[] = ids.map((id) => put('contacts', { id, lastName: 'First' }));
    // In later slices: writes again to records of earlier ones, a delete, and an unlisted collection that is empty
    // while another unlisted one (notes, in the same shared store) is not.
    ops.push(put('contacts', { id: ids[3]!, lastName: 'Second' }, 1), del('contacts', ids[4]!, 1), put('contacts', { id: ids[4]!, lastName: 'Back' }, 0));
    ops.push(put('tasks', { id: 't1' }, 0), put('tasks', { id: 't1' }, 1), put('tasks', { id: 't2' }));
    const outcome = async (workerFrom: number) => {
      let result: Record<string, unknown> = {};
      await withStorage({ workerFrom, collections: { contacts: ['lastName'] } }, async (s) => {
        await s.batch([put('notes', { id: 'n1' })]);
        const run = () => s.batch(ops);
        const stored = (workerFrom === Infinity ? await run() : await inWorker(run)).map((r) => [r.id, r.version]);
        // A write expecting a version no record has fails even where the collection was empty a batch ago.
        const late = await rejection(s.batch([put('tasks', { id: 't3' }, 1), ...Array.from({ length: 5 }, (_, i) => put('tasks', { id: `u${i}` }))]));
        // And one expecting the version a record has succeeds: a collection written to is no longer taken as empty.
        const next = (await s.batch([put('tasks', { id: 't1' }, 2), ...Array.from({ length: 5 }, (_, i) => put('tasks', { id: `u${i}` }))]))[0]!.version;
        result = { stored, late: late.code, next, again: await s.get('contacts', ids[3]!), back: await s.get('contacts', ids[4]!), t1: await s.get('tasks', 't1'), count: await s.count('contacts') };
      });
      return result;
    };
    const onPage = await outcome(Infinity);
    expect(await outcome(1)).to.deep.equal(onPage);
    const versions = new Map(onPage.stored as [string, number][]);
    expect(versions.get(ids[0]!)).to.equal(1);
    expect(versions.get(ids[3]!)).to.equal(2);
    expect(versions.get(ids[4]!)).to.equal(1);
    expect(versions.get('t1')).to.equal(2);
    expect(onPage).to.deep.include({ late: 'conflict', next: 3, count: 1499 });
    expect(onPage.again).to.deep.include({ lastName: 'Second', version: 2 });
    expect(onPage.back).to.deep.include({ lastName: 'Back', version: 1 });
    expect(onPage.t1).to.deep.include({ version: 3 });
  });

  it('a conflict in the last slice aborts the whole batch: nothing is written and no one is told', async () => {
    await withStorage({ workerFrom: 1 }, async (s) => {
      await s.batch([put('contacts', { id: 'kept', n: 1 })]);
      const seen: ChangeSet[] = [];
      s.subscribe((set) => seen.push(set));
      const ops = Array.from({ length: 1800 }, (_, i) => put('contacts', { id: `c${i}` }));
      ops.push(put('contacts', { id: 'kept', n: 2 }, 5));
      const error = await inWorker(() => rejection(s.batch(ops)));
      expect(error.code).to.equal('conflict');
      expect(error.message).to.contain('kept');
      expect(await s.count('contacts')).to.equal(1);
      expect(await s.get('contacts', 'kept')).to.deep.include({ n: 1, version: 1 });
      expect(seen).to.deep.equal([]);
    });
  });

  it('a record the worker cannot be sent (a function inside) fails the batch with a typed error, after earlier slices were written: nothing stays', async () => {
    await withStorage({ workerFrom: 1 }, async (s) => {
      const ops = Array.from({ length: 1500 }, (_, i) => put('contacts', { id: `c${i}`, ...(i === 1300 ? { callback: () => 1 } : {}) }));
      const error = await rejection(s.batch(ops));
      expect(error.name).to.equal('StorageError');
      expect(error.message).to.match(/could not be cloned|clone/i);
      expect(await s.count('contacts')).to.equal(0);
      // The worker goes on: the next batch is written there.
      expect((await inWorker(() => s.batch([put('contacts', { id: 'after' })])))[0]!.version).to.equal(1);
    });
  });

  it('a small batch asked for while a large one is in the worker commits after it, as on one connection', async () => {
    await withStorage({ workerFrom: 1000 }, async (s) => {
      const large = s.batch(Array.from({ length: 1000 }, (_, i) => put('contacts', { id: `c${i}`, n: 1 })));
      // Not awaited: on the page this would start first, and find no c0 yet.
      const small = s.batch([put('contacts', { id: 'c0', n: 2 }, 1)]);
      expect((await large).length).to.equal(1000);
      expect((await small)[0]!.version).to.equal(2);
      expect(await s.get('contacts', 'c0')).to.deep.include({ n: 2, version: 2 });
    });
  });

  it('a batch of many more slices than are sent at once, into an empty store: the worker waits for each next slice on its own puts (or a read, where a slice begins with a delete) and writes them all', async () => {
    await withStorage({ workerFrom: 1 }, async (s) => {
      // 16 slices of 500. From the third on, every other one begins with a delete of a record the batch wrote,
      // so its first write is no put the worker could wait on; the next write puts a record of the batch again.
      const ops: WriteOp[] = [];
      for (let i = 0; i < 8000; i++) {
        if (i % 1000 === 0 && i > 0) ops.push(del('companies', `n${i - 2}`, 1));
        else if (i % 1000 === 1 && i > 1) ops.push(put('companies', { id: `n${i - 5}`, name: 'again' }, 1));
        else ops.push(put('companies', { id: `n${i}` }));
      }
      const stored = await inWorker(() => s.batch(ops));
      expect(stored).to.have.length(8000 - 7);
      expect(stored.filter((r) => r.version === 2).map((r) => r.id)).to.deep.equal([996, 1996, 2996, 3996, 4996, 5996, 6996].map((n) => `n${n}`));
      expect(await s.count('companies')).to.equal(8000 - 14 - 7);
      expect(await s.get('companies', 'n998')).to.equal(undefined);
      expect(await s.get('companies', 'n6996')).to.include({ version: 2, name: 'again' });
      expect(await s.get('companies', 'n7999')).to.include({ version: 1 });
    });
  });

  it('subscribers hear batches in the order they commit: two large ones in the worker, then a small one on the page', async () => {
    await withStorage({ workerFrom: 1000 }, async (s) => {
      const heard: string[][] = [];
      s.subscribe((set) => heard.push([...new Set(set.changes.map((c) => c.id.slice(0, 1)))]));
      // 3,000 writes: the stored records are made over several tasks once the worker commits, not in one.
      const first = s.batch(Array.from({ length: 3000 }, (_, i) => put('contacts', { id: `a${i}` })));
      const second = s.batch(Array.from({ length: 1000 }, (_, i) => put('contacts', { id: `b${i}` })));
      const third = s.batch([put('contacts', { id: 'c0' })]);
      const [a, b, c] = await Promise.all([first, second, third]);
      expect([a.length, b.length, c.length]).to.deep.equal([3000, 1000, 1]);
      expect(a.map((r) => r.id)).to.deep.equal(Array.from({ length: 3000 }, (_, i) => `a${i}`));
      expect(heard).to.deep.equal([['a'], ['b'], ['c']]);
    });
  });

  it('close lets the batch in the worker finish, and it is all there when the database is opened again', async () => {
    const name = uniqueName('worker-close');
    const s = indexedDbStorage({ name, workerFrom: 1, crossTab: false });
    const again = indexedDbStorage({ name, crossTab: false });
    try {
      const writing = s.batch(Array.from({ length: 3000 }, (_, i) => put('contacts', { id: `c${i}` })));
      await s.close();
      expect((await writing).length).to.equal(3000);
      expect((await rejection(s.batch([put('contacts', { id: 'late' })]))).code).to.equal('closed');
      expect(await again.count('contacts')).to.equal(3000);
    } finally {
      await again.close();
      await deleteDatabase(name);
    }
  });

  it("another tab's upgrade is not held up by the worker's connection, and the worker then writes at the new version", async () => {
    const name = uniqueName('worker-upgrade');
    const a = indexedDbStorage({ name, workerFrom: 1, crossTab: false });
    let b: StoragePort | undefined;
    try {
      await inWorker(() => a.batch([put('contacts', { id: 'c1' })]));
      // The worker's connection is open now; this upgrade would wait on it (and fail as "blocked") if it stayed.
      b = indexedDbStorage({ name, collections: { projects: ['due'] }, blockedTimeoutMs: 3000, crossTab: false });
      expect(await b.count('projects')).to.equal(0);
      await inWorker(() => a.batch([put('contacts', { id: 'c2' }), put('projects', { id: 'p1', due: '2026-12-01' })]));
      expect(await b.count('contacts')).to.equal(2);
      expect((await b.query('projects', { orderBy: { field: 'due' } })).items.map((p) => p.id)).to.deep.equal(['p1']);
    } finally {
      await a.close();
      await b?.close();
      await deleteDatabase(name);
    }
  });

  it('where no worker can start, large batches run on the page, and the console says so once', async () => {
    const RealWorker = globalThis.Worker;
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
    globalThis.Worker = function Refused() {
      throw new DOMException('Refused by the test', 'SecurityError');
    } as unknown as typeof Worker;
    try {
      await withStorage({ workerFrom: 1 }, async (s) => {
        expect((await s.batch(Array.from({ length: 1200 }, (_, i) => put('contacts', { id: `c${i}` })))).length).to.equal(1200);
        expect((await s.batch([put('contacts', { id: 'c0' }, 1)]))[0]!.version).to.equal(2);
        expect(await s.count('contacts')).to.equal(1200);
      });
    } finally {
      globalThis.Worker = RealWorker;
      console.warn = warn;
    }
    expect(warnings.length).to.equal(1);
    expect(warnings[0]).to.contain('Refused by the test').and.contain('worker-src blob:');
  });

  it('rejects a workerFrom that is not a number of writes', () => {
    for (const workerFrom of [0, -1, Number.NaN]) {
      expect(() => indexedDbStorage({ name: 'never-opened', workerFrom })).to.throw('workerFrom');
    }
  });
});
