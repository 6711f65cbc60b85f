// IndexedDB benchmark, run in headless Chromium by scripts/bench-browser.mjs:
// the adapter next to raw IndexedDB and Dexie, in the same run, on the same
// 100,000 contact records. Reported, never asserted.
import { indexedDbStorage } from '@kith/adapters/indexeddb';
import { encodeCursor, type StoragePort } from '@kith/core';
import Dexie from 'dexie';

const N = 100_000;
const PAGE = 50;
const DEEP = 50_000;
// The same four indexed fields for all three: an order, an owner, a name, and a multi-entry list of email keys.
const INDEXED = ['updatedAt', 'ownerId', 'lastName', 'emailKeys[]'];

const owners = Array.from({ length: 20 }, (_, i) => `member-${i}`);
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** About 350 bytes of JSON each, shaped like a stored contact. */
function contacts(): Record<string, unknown>[] {
  return Array.from({ length: N }, (_, i) => {
    const first = ['Nino', 'Amina', 'Jordi', 'Olga', 'Baraka', 'Marta'][i % 6]!;
    const last = `Surname${pad((i * 7919) % N, 6)}`;
    const email = `${first.toLowerCase()}.${i}@example.com`;
    return {
      id: `01a2${pad(i, 8)}-0000-7000-8000-000000000000`,
      firstName: first,
      lastName: last,
      emails: [{ value: email }],
      phones: [{ value: `+99532${pad(i, 7)}`, e164: `+99532${pad(i, 7)}` }],
      emailKeys: [email],
      phoneKeys: [`+99532${pad(i, 7)}`],
      lifecycle: 'lead',
      ownerId: owners[i % owners.length],
      tags: i % 3 ? ['newsletter'] : ['vip', 'newsletter'],
      createdAt: `2026-${pad((i % 12) + 1, 2)}-01T10:00:00.000Z`,
      // Distinct per record, in an order unrelated to the ids (7919 is prime to N), as real edit times are.
      updatedAt: new Date(Date.UTC(2026, 0, 1) + ((i * 7919) % N) * 60_000).toISOString(),
      version: 1,
    };
  });
}

/**
 * The longest stretch the main thread was busy while `work` ran: a
 * MessageChannel ping-pong measures the gaps between turns, and the Long
 * Tasks API (tasks over 50 ms) confirms it.
 */
async function withLongestTask<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; longestTask: number }> {
  let longestLongTask = 0;
  // Only tasks that began after the work did: the set-up before it (cloning the input) is not the work's.
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.startTime >= start) longestLongTask = Math.max(longestLongTask, e.duration);
  });
  observer.observe({ type: 'longtask' });
  let running = true;
  let last = performance.now();
  let longestGap = 0;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
    if (running) channel.port2.postMessage(0);
  };
  const start = performance.now();
  channel.port2.postMessage(0);
  const result = await work();
  const ms = performance.now() - start;
  running = false;
  await new Promise((r) => setTimeout(r, 100));
  observer.disconnect();
  channel.port1.close();
  return { result, ms, longestTask: Math.max(longestGap, longestLongTask) };
}

const request = <T>(r: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });

const completion = (tx: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });

function deleteDb(name: string) {
  return new Promise<void>((resolve) => {
    const r = indexedDB.deleteDatabase(name);
    r.onsuccess = r.onerror = r.onblocked = () => resolve();
  });
}

/**
 * Median times of several page reads, taken in turns (a, b, c, a, b, c ...),
 * so background work after the imports (garbage collection, the database's
 * own compaction) falls on every contender alike instead of on whichever
 * was measured first.
 */
async function medians<K extends string>(fns: Record<K, () => Promise<unknown>>, runs = 15): Promise<Record<K, number>> {
  const keys = Object.keys(fns) as K[];
  for (const k of keys) await fns[k](); // warm
  const times = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < runs; i++) {
    for (const k of keys) {
      const t = performance.now();
      await fns[k]();
      times[k].push(performance.now() - t);
    }
  }
  return Object.fromEntries(keys.map((k) => [k, times[k].sort((a, b) => a - b)[Math.floor(runs / 2)]!])) as Record<K, number>;
}

type Timed = { ms: number; longestTask: number };
type Contender = 'raw' | 'rawSliced' | 'adapter' | 'dexie';

export interface IdbBenchResult {
  records: number;
  bytesPerRecord: number;
  rounds: Record<Contender, Timed[]>;
  import: Record<Contender, Timed> & { adapterCoreLayout: Timed };
  firstPage: Record<'raw' | 'adapter' | 'dexie', number>;
  deepPage: Record<'rawKeyset' | 'adapter' | 'dexieOffset', number>;
  /** The same deep page ordered by ownerId: 20 owners, so the cursor sits inside a run of 5,000 equal keys. */
  deepPageInTies: Record<'rawKeyset' | 'adapter', number>;
  /** Each of the four deep pages (adapter and raw, both orders) held exactly the expected 50 records in order. */
  deepPagesCorrect: Record<'adapter' | 'rawKeyset' | 'adapterTies' | 'rawKeysetTies', boolean>;
}

/** Median time; the longest task is the worst of all rounds. */
function summary(runs: Timed[]): Timed {
  const times = runs.map((r) => r.ms).sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, longestTask: Math.max(...runs.map((r) => r.longestTask)) };
}

function openRawDb(name: string) {
  return new Promise<IDBDatabase>((resolve, reject) => {
    const r = indexedDB.open(name, 1);
    r.onupgradeneeded = () => {
      const s = r.result.createObjectStore('contacts', { keyPath: 'id' });
      for (const f of INDEXED) s.createIndex(f, f.replace('[]', ''), { multiEntry: f.endsWith('[]') });
    };
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

/** Raw IndexedDB: one transaction, every put issued at once (the fastest, and one long task). */
async function importRaw(records: Record<string, unknown>[]): Promise<{ timed: Timed; db: IDBDatabase }> {
  await deleteDb('bench-raw');
  const db = await openRawDb('bench-raw');
  const timed = await withLongestTask(async () => {
    const tx = db.transaction('contacts', 'readwrite');
    const store = tx.objectStore('contacts');
    for (const r of records) store.put(r);
    await completion(tx);
  });
  return { timed: { ms: timed.ms, longestTask: timed.longestTask }, db };
}

/**
 * Raw IndexedDB sliced the way the adapter slices: one transaction, 500 puts
 * per task, each slice issued from the last one's success. It shows what the
 * main thread pays for an import with almost no code of its own around the
 * puts: the anchor for the adapter's longest task.
 */
async function importRawSliced(records: Record<string, unknown>[]): Promise<{ timed: Timed; db: IDBDatabase }> {
  await deleteDb('bench-raw-sliced');
  const db = await openRawDb('bench-raw-sliced');
  const timed = await withLongestTask(async () => {
    const tx = db.transaction('contacts', 'readwrite');
    const store = tx.objectStore('contacts');
    const done = completion(tx);
    for (let i = 0; i < records.length; i += 500) {
      let last: IDBRequest | undefined;
      for (let j = i; j < Math.min(i + 500, records.length); j++) last = store.put(records[j]);
      await request(last!);
    }
    await done;
  });
  return { timed: { ms: timed.ms, longestTask: timed.longestTask }, db };
}

/** The adapter, with the same four indexes, through the port's batch (one transaction, sliced). */
async function importAdapter(records: Record<string, unknown>[], name = 'bench-adapter', collections: Record<string, string[]> | undefined = { contacts: INDEXED }): Promise<{ timed: Timed; storage: StoragePort }> {
  await deleteDb(name);
  const storage = indexedDbStorage({ name, ...(collections ? { collections } : {}), crossTab: false });
  await storage.count('contacts'); // open and create the stores outside the timing, as the others do
  const ops = records.map((record) => ({ type: 'put' as const, collection: 'contacts', record: record as { id: string } }));
  const timed = await withLongestTask(() => storage.batch(ops));
  return { timed: { ms: timed.ms, longestTask: timed.longestTask }, storage };
}

/** Dexie bulkPut. */
async function importDexie(records: Record<string, unknown>[]): Promise<{ timed: Timed; dexie: Dexie }> {
  await deleteDb('bench-dexie');
  const dexie = new Dexie('bench-dexie');
  dexie.version(1).stores({ contacts: 'id, updatedAt, ownerId, lastName, *emailKeys' });
  await dexie.open();
  const timed = await withLongestTask(() => dexie.table('contacts').bulkPut(records));
  return { timed: { ms: timed.ms, longestTask: timed.longestTask }, dexie };
}

/** Rounds of the three imports, each round in another order, so no contender always gets the fresh browser. */
const ORDERS: Contender[][] = [
  ['raw', 'rawSliced', 'adapter', 'dexie'],
  ['adapter', 'dexie', 'raw', 'rawSliced'],
  ['rawSliced', 'dexie', 'adapter', 'raw'],
];

export async function run(): Promise<IdbBenchResult> {
  const data = contacts();
  const bytesPerRecord = Math.round(JSON.stringify(data).length / N);
  const fresh = () => structuredClone(data);

  // A warm-up import of 10,000 records, not counted: the first IndexedDB work of a fresh browser runs apart from the rest.
  const warm = await importAdapter(fresh().slice(0, 10_000), 'bench-warm');
  await warm.storage.close();
  await deleteDb('bench-warm');

  const rounds: Record<Contender, Timed[]> = { raw: [], rawSliced: [], adapter: [], dexie: [] };
  let rawDb: IDBDatabase | undefined;
  let adapter: StoragePort | undefined;
  let dexie: Dexie | undefined;
  for (const order of ORDERS) {
    for (const who of order) {
      const records = fresh();
      if (who === 'raw') {
        rawDb?.close();
        const r = await importRaw(records);
        rounds.raw.push(r.timed);
        rawDb = r.db;
      } else if (who === 'rawSliced') {
        const r = await importRawSliced(records);
        rounds.rawSliced.push(r.timed);
        r.db.close();
        await deleteDb('bench-raw-sliced');
      } else if (who === 'adapter') {
        await adapter?.close();
        const r = await importAdapter(records);
        rounds.adapter.push(r.timed);
        adapter = r.storage;
      } else {
        dexie?.close();
        const r = await importDexie(records);
        rounds.dexie.push(r.timed);
        dexie = r.dexie;
      }
    }
  }
  if (!rawDb || !adapter || !dexie) throw new Error('bench: a contender never ran');
  const [rawLast, ours, dex] = [rawDb, adapter, dexie];

  // The adapter with the core's full contact layout (ten indexes), once, for reference.
  const core = await importAdapter(fresh(), 'bench-adapter-core', undefined);
  await core.storage.close();
  await deleteDb('bench-adapter-core');

  // Pages at 100k: the first 50 by updatedAt, and 50 starting 50,000 deep, by updatedAt (distinct values)
  // and by ownerId (20 owners: the cursor sits inside a run of 5,000 equal keys).
  const deepCase = (field: 'updatedAt' | 'ownerId') => {
    const sorted = [...data].sort((a, b) => (a[field]! < b[field]! ? -1 : a[field]! > b[field]! ? 1 : a.id! < b.id! ? -1 : 1));
    const before = sorted[DEEP - 1]!;
    return { field, value: before[field] as string, id: before.id as string, cursor: encodeCursor({ value: before[field], id: before.id as string }), expected: sorted.slice(DEEP, DEEP + PAGE).map((r) => r.id as string) };
  };
  const byTime = deepCase('updatedAt');
  const byOwner = deepCase('ownerId');

  /** Raw keyset over a distinct index: one getAll from just after the cursor's value. */
  const rawAfterDistinct = async (k: typeof byTime) => {
    const rows = await request(rawLast.transaction('contacts').objectStore('contacts').index(k.field).getAll(IDBKeyRange.lowerBound(k.value, true), PAGE));
    return rows.map((r: { id: string }) => r.id);
  };
  /** Raw keyset inside a run of equal keys: a cursor jumps to (value, id) with continuePrimaryKey, steps past it, reads 50. */
  const rawAfterTied = (k: typeof byOwner) =>
    new Promise<string[]>((resolve, reject) => {
      const ids: string[] = [];
      const r = rawLast.transaction('contacts').objectStore('contacts').index(k.field).openCursor(IDBKeyRange.lowerBound(k.value));
      let jumped = false;
      r.onerror = () => reject(r.error);
      r.onsuccess = () => {
        const c = r.result;
        if (!c || ids.length === PAGE) return resolve(ids);
        if (!jumped) {
          jumped = true;
          return c.continuePrimaryKey(k.value, k.id);
        }
        if (!(c.key === k.value && c.primaryKey === k.id)) ids.push(c.primaryKey as string);
        c.continue();
      };
    });
  const adapterAfter = async (k: typeof byTime) => (await ours.query('contacts', { orderBy: { field: k.field }, limit: PAGE, after: k.cursor })).items.map((r) => r.id);

  const same = (a: string[], b: string[]) => JSON.stringify(a) === JSON.stringify(b);
  const deepPagesCorrect = {
    adapter: same(await adapterAfter(byTime), byTime.expected),
    rawKeyset: same(await rawAfterDistinct(byTime), byTime.expected),
    adapterTies: same(await adapterAfter(byOwner), byOwner.expected),
    rawKeysetTies: same(await rawAfterTied(byOwner), byOwner.expected),
  };

  const pages = await medians({
    rawFirst: async () => {
      const tx = rawLast.transaction('contacts');
      return request(tx.objectStore('contacts').index('updatedAt').getAll(null, PAGE));
    },
    adapterFirst: () => ours.query('contacts', { orderBy: { field: 'updatedAt' }, limit: PAGE }),
    dexieFirst: () => dex.table('contacts').orderBy('updatedAt').limit(PAGE).toArray(),
    rawDeep: () => rawAfterDistinct(byTime),
    adapterDeep: () => adapterAfter(byTime),
    rawDeepTies: () => rawAfterTied(byOwner),
    adapterDeepTies: () => adapterAfter(byOwner),
  });
  // Dexie's offset walks 50,000 entries each time: fewer runs, on its own.
  const { dexieDeep } = await medians({ dexieDeep: () => dex.table('contacts').orderBy('updatedAt').offset(DEEP).limit(PAGE).toArray() }, 5);
  const { rawFirst, adapterFirst, dexieFirst, rawDeep, adapterDeep, rawDeepTies, adapterDeepTies } = pages;

  rawLast.close();
  await ours.close();
  dex.close();
  await Promise.all(['bench-raw', 'bench-adapter', 'bench-dexie'].map(deleteDb));

  return {
    records: N,
    bytesPerRecord,
    rounds,
    import: { raw: summary(rounds.raw), rawSliced: summary(rounds.rawSliced), adapter: summary(rounds.adapter), dexie: summary(rounds.dexie), adapterCoreLayout: core.timed },
    firstPage: { raw: rawFirst, adapter: adapterFirst, dexie: dexieFirst },
    deepPage: { rawKeyset: rawDeep, adapter: adapterDeep, dexieOffset: dexieDeep },
    deepPageInTies: { rawKeyset: rawDeepTies, adapter: adapterDeepTies },
    deepPagesCorrect,
  };
}
