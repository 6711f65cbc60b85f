/** Helpers for tests that drive IndexedDB directly, beside the adapter. */

let counter = 0;
/** A database name no other test uses, so tests never see each other's data. */
export const uniqueName = (what: string) => `kith-test-${what}-${Date.now().toString(36)}-${counter++}`;

const settle = <T>(request: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

/**
 * Deletes a database; fails (rather than hanging) when a connection someone
 * forgot keeps it open. "blocked" alone is not that: a connection closed while
 * its last transaction finishes also reports it, then lets the delete through.
 */
export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    let timer: ReturnType<typeof setTimeout> | undefined;
    request.onsuccess = () => {
      clearTimeout(timer);
      resolve();
    };
    request.onerror = () => reject(request.error);
    request.onblocked = () => {
      timer = setTimeout(() => reject(new Error(`deleting ${name} stays blocked by an open connection`)), 5000);
    };
  });
}

/** Opens a database with the raw API at a version, running `upgrade` when it is created or raised. */
export function openRaw(name: string, version?: number, upgrade?: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  const request = indexedDB.open(name, version);
  request.onupgradeneeded = () => upgrade?.(request.result);
  return settle(request);
}

/** Writes values into stores of a raw connection, one transaction. */
export async function putRaw(db: IDBDatabase, store: string, values: unknown[], key?: (v: unknown) => IDBValidKey): Promise<void> {
  const tx = db.transaction(store, 'readwrite');
  for (const v of values) tx.objectStore(store).put(v, key?.(v));
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}

/**
 * Makes every batch write on the page's own IndexedDB connections throw
 * (upgrades still write: opening a database records its format and migrates
 * rows), until the returned function is called. Writes made in a worker go through
 * the worker's own IDBObjectStore, which this cannot reach: a batch that
 * still succeeds was written by the worker, not on the page.
 */
export function refusePageWrites(): () => void {
  const proto = IDBObjectStore.prototype;
  const { put, delete: remove } = proto;
  const refuse = <F extends (...args: never[]) => unknown>(original: F, what: string) =>
    function (this: IDBObjectStore, ...args: Parameters<F>) {
      if (this.transaction.mode === 'versionchange') return original.apply(this, args);
      throw new Error(`a ${what} on the page, to ${this.name}: this batch should run in the worker`);
    } as unknown as F;
  proto.put = refuse(put, 'put');
  proto.delete = refuse(remove, 'delete');
  return () => {
    proto.put = put;
    proto.delete = remove;
  };
}
