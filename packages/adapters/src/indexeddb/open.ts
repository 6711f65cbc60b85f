import { StorageError, type StoredRecord } from '@kith/core';
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB } from 'idb';
import { toStorageError } from './errors.js';
import { HIGH } from './keys.js';
import { type IndexSpec, META_STORE, OTHER_STORE, type OtherRow, type Row, SAVED, fromRow, keyPathOf, parseIndexSpec, rowBuilder } from './layout.js';

/**
 * The version of how rows are laid out, kept in the `_meta` store. The
 * IndexedDB version number only counts upgrades (a layout change bumps it);
 * this one says how to read what is stored.
 *
 * 1. One store per collection holding the plain record, keyed by `id`, no
 *    indexes, no bookkeeping store (the layout before indexed queries).
 * 2. Rows `{ r: record, k: index keys }` keyed by `r.id`, the indexes of the
 *    layout over `k` (each ending in `r.id`), unlisted collections in
 *    `_other`, the format in `_meta`.
 * 3. Rows are the records themselves keyed by `id` (a field that would sort
 *    wrongly is replaced by its key, the original kept in `$kith`), indexes
 *    over the fields themselves: an import writes what raw IndexedDB would.
 */
export const FORMAT_VERSION = 3;

/**
 * The stores every Kith database has, as idb types them. The collections'
 * own stores are named by the layout at run time, so they are reached through
 * the untyped view (`Any`) and hold {@link Row}s.
 */
export interface KithDB extends DBSchema {
  _meta: { key: 'format'; value: number };
  _other: { key: [string, string]; value: OtherRow };
}
type Db = IDBPDatabase<KithDB>;
type Any = IDBPDatabase;
type UpgradeTx = IDBPTransaction<KithDB, ArrayLike<'_meta' | '_other'>, 'versionchange'>;
type AnyUpgradeTx = IDBPTransaction<unknown, string[], 'versionchange'>;

export interface OpenOptions {
  name: string;
  layout: ReadonlyMap<string, readonly IndexSpec[]>;
  /** How long an upgrade may wait on another tab that keeps the old version open. */
  blockedTimeoutMs: number;
  /** Another tab wants to upgrade or delete: the connection was closed, open again on the next call. */
  onLost(): void;
}

const isSpecial = (store: string) => store === META_STORE || store === OTHER_STORE;

/** An open database and the layout it really has: what this page asked for plus whatever other pages added. */
export interface OpenDatabase {
  db: Db;
  layout: Map<string, IndexSpec[]>;
}

/**
 * Opens the database and adds the stores and indexes this layout needs that
 * it lacks, migrating rows of older formats. Nothing is ever dropped: a tab
 * running an older layout keeps working beside one that added indexes, and
 * both write rows carrying every index's keys, because both build rows from
 * the layout the database really has. Refuses (code `version`) a database
 * written by a newer format, and gives up (code `blocked`) when an upgrade
 * waits on another tab for longer than `blockedTimeoutMs`.
 */
export async function openDatabase(options: OpenOptions): Promise<OpenDatabase> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const db = await openAt(options, undefined);
    const state = await inspect(db, options.layout);
    if (state === 'ok') return { db, layout: actualLayout(db) };
    db.close();
    if (state === 'newer') {
      throw new StorageError(`IndexedDB "${options.name}" holds a newer Kith format than this page knows; reload the page`, { code: 'version' });
    }
    try {
      const upgraded = await openAt(options, db.version + 1);
      return { db: upgraded, layout: actualLayout(upgraded) };
    } catch (error) {
      // Another tab upgraded first: look again.
      if ((error as { code?: string }).code !== 'version') throw error;
    }
  }
  throw new StorageError(`IndexedDB "${options.name}" kept changing while it was opened`, { code: 'storage' });
}

/** The stores and indexes the database holds, read back from it. */
function actualLayout(db: Db): Map<string, IndexSpec[]> {
  const names: string[] = [...db.objectStoreNames].filter((s) => !isSpecial(s));
  const out = new Map<string, IndexSpec[]>();
  if (!names.length) return out;
  const tx = (db as unknown as Any).transaction(names, 'readonly');
  for (const name of names) out.set(name, [...tx.objectStore(name).indexNames].map(parseIndexSpec));
  return out;
}

async function openAt(options: OpenOptions, version: number | undefined): Promise<Db> {
  let blockedTimer: ReturnType<typeof setTimeout> | undefined;
  let gaveUp = false;
  const opening = openDB<KithDB>(options.name, version, {
    upgrade: (db, oldVersion, _newVersion, tx) => void upgrade(db, oldVersion, tx as unknown as UpgradeTx, options.layout),
    blocked: () => {
      blockedTimer ??= setTimeout(() => {
        gaveUp = true;
        rejectBlocked(
          new StorageError(`IndexedDB "${options.name}": an upgrade waits on another tab that keeps the database open; close or reload the other tabs`, {
            code: 'blocked',
          }),
        );
      }, options.blockedTimeoutMs);
    },
    blocking: (_current, _next, event) => {
      // Let the other tab upgrade (or delete) now; this tab reopens on its next call.
      (event.target as IDBDatabase).close();
      options.onLost();
    },
    terminated: () => options.onLost(),
  });
  let rejectBlocked: (error: Error) => void = () => {};
  const blocked = new Promise<never>((_, reject) => (rejectBlocked = reject));
  try {
    return await Promise.race([opening, blocked]);
  } catch (error) {
    throw toStorageError(error, options.name);
  } finally {
    clearTimeout(blockedTimer);
    // An upgrade we gave up on may still finish later: close that connection so it blocks no one.
    if (gaveUp) opening.then((db) => db.close(), () => {});
  }
}

/** Whether the open database already matches the layout and format. */
async function inspect(db: Db, layout: ReadonlyMap<string, readonly IndexSpec[]>): Promise<'ok' | 'upgrade' | 'newer'> {
  if (!db.objectStoreNames.contains(META_STORE) || !db.objectStoreNames.contains(OTHER_STORE)) return 'upgrade';
  const format = await db.get(META_STORE, 'format');
  if (format !== undefined && format > FORMAT_VERSION) return 'newer';
  if (format !== FORMAT_VERSION) return 'upgrade';
  const names: string[] = [...db.objectStoreNames].filter((s) => !isSpecial(s));
  if ([...layout.keys()].some((c) => !names.includes(c))) return 'upgrade';
  if (!names.length) return 'ok';
  const tx = (db as unknown as Any).transaction(names, 'readonly');
  for (const [collection, specs] of layout) {
    const indexNames: DOMStringList = tx.objectStore(collection).indexNames;
    if (specs.some((s) => !indexNames.contains(s.name))) return 'upgrade';
  }
  return 'ok';
}

/** Runs inside the versionchange transaction: migrate old formats, then reconcile stores and indexes with the layout. */
async function upgrade(db: Db, oldVersion: number, tx: UpgradeTx, layout: ReadonlyMap<string, readonly IndexSpec[]>): Promise<void> {
  const anyDb = db as unknown as Any;
  const anyTx = tx as unknown as AnyUpgradeTx;
  const stored = !db.objectStoreNames.contains(META_STORE)
    ? oldVersion === 0
      ? FORMAT_VERSION
      : 1
    : ((await tx.objectStore(META_STORE).get('format')) ?? FORMAT_VERSION);
  if (stored > FORMAT_VERSION) {
    tx.abort();
    return;
  }
  if (!db.objectStoreNames.contains(META_STORE)) db.createObjectStore(META_STORE);
  if (!db.objectStoreNames.contains(OTHER_STORE)) db.createObjectStore(OTHER_STORE, { keyPath: ['c', 'r.id'] });

  // Formats 1 and 2 -> 3: lift every record out of its store (format 1 held them plain, 2 as `r` of a row); the store
  // is made anew with the new key path and indexes below, and the records written back.
  const lifted = new Map<string, StoredRecord[]>();
  // Indexes of lifted stores (other pages' layouts added some): made again on the new store.
  const liftedIndexes = new Map<string, string[]>();
  if (stored < 3) {
    for (const name of [...db.objectStoreNames].filter((s) => !isSpecial(s))) {
      liftedIndexes.set(name, [...anyTx.objectStore(name).indexNames]);
      const rows = (await anyTx.objectStore(name).getAll()) as unknown[];
      lifted.set(name, stored < 2 ? (rows as StoredRecord[]) : (rows as { r: StoredRecord }[]).map((row) => row.r));
      anyDb.deleteObjectStore(name);
    }
  }

  const other = tx.objectStore(OTHER_STORE);
  for (const [collection, wanted] of layout) {
    const created = !anyDb.objectStoreNames.contains(collection);
    const store = created ? anyDb.createObjectStore(collection, { keyPath: 'id' }) : anyTx.objectStore(collection);
    // Keep indexes other pages added: rows must go on carrying their keys.
    const present = [...store.indexNames, ...(liftedIndexes.get(collection) ?? [])];
    const specs = [...wanted, ...[...new Set(present)].filter((n) => !wanted.some((s) => s.name === n)).map(parseIndexSpec)];
    const build = rowBuilder(specs);
    let added = false;
    for (const spec of specs) {
      if (store.indexNames.contains(spec.name)) continue;
      store.createIndex(spec.name, keyPathOf(spec), { multiEntry: spec.multi });
      added = true;
    }
    if (added && !created) {
      // New indexed fields: rewrite the rows whose values in them must be replaced by keys.
      let cursor = await store.openCursor();
      while (cursor) {
        const row = cursor.value as Row;
        const had = Object.hasOwn(row, SAVED);
        const record = fromRow(row);
        const rebuilt = build(record);
        if (had || rebuilt !== record) await cursor.update(rebuilt);
        cursor = await cursor.continue();
      }
    }
    if (created) {
      // A collection newly listed: move its records out of the shared store.
      const range = IDBKeyRange.bound([collection], [collection, HIGH]);
      for (const row of await other.getAll(range)) await store.put(build(row.r));
      await other.delete(range);
    }
    for (const record of lifted.get(collection) ?? []) await store.put(build(record));
    lifted.delete(collection);
  }
  // Lifted stores the layout does not list keep their own store, as they had (with no indexes, a row is its record).
  for (const [collection, records] of lifted) {
    const store = anyDb.createObjectStore(collection, { keyPath: 'id' });
    const specs = (liftedIndexes.get(collection) ?? []).map(parseIndexSpec);
    for (const spec of specs) store.createIndex(spec.name, keyPathOf(spec), { multiEntry: spec.multi });
    const build = rowBuilder(specs);
    for (const r of records) await store.put(build(r));
  }
  await tx.objectStore(META_STORE).put(FORMAT_VERSION, 'format');
}
