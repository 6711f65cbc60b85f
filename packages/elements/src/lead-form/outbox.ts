/**
 * Leads that could not be sent yet, kept in IndexedDB so that a closed tab, a
 * reload or a crash loses none. Plain IndexedDB, not `idb`: the lead form
 * ships on its own and this is all it needs. One entry per idempotency key,
 * so putting a lead twice keeps one.
 */
export interface OutboxEntry {
  /** The submission's idempotency key. */
  key: string;
  /** Where it goes: the lead route's URL. */
  url: string;
  /** The JSON body, exactly as it will be posted on every attempt. */
  body: string;
  /** Failed attempts so far (for the backoff). */
  attempts: number;
}

const DB = 'kith-lead-outbox';
const STORE = 'leads';

function done<T>(request: IDBRequest<T> | IDBTransaction): Promise<T> {
  return new Promise((resolve, reject) => {
    if (request instanceof IDBTransaction) {
      request.oncomplete = () => resolve(undefined as T);
      request.onabort = request.onerror = () => reject(request.error);
    } else {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    }
  });
}

let opening: Promise<IDBDatabase> | undefined;
function open(): Promise<IDBDatabase> {
  opening ??= (() => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'key' });
    return done(request).then((db) => {
      // Another tab deleting or upgrading the database: let go, reopen on the next call.
      db.onversionchange = () => {
        db.close();
        opening = undefined;
      };
      return db;
    });
  })();
  opening.catch(() => (opening = undefined));
  return opening;
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
  const tx = (await open()).transaction(STORE, mode);
  const request = work(tx.objectStore(STORE));
  const [result] = await Promise.all([request ? done(request) : undefined, done(tx)]);
  return result;
}

export const outbox = {
  put: (entry: OutboxEntry) => run('readwrite', (s) => void s.put(entry)),
  remove: (key: string) => run('readwrite', (s) => void s.delete(key)),
  all: async () => (await run('readonly', (s) => s.getAll() as IDBRequest<OutboxEntry[]>)) ?? [],
};
