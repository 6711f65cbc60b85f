/**
 * What the page and the bulk-write worker say to each other (see
 * `worker-writes.ts`). One batch at a time, numbered `b`.
 */
export type ToWorker =
  | { t: 'begin'; b: number; name: string; version: number; collections: WorkerCollection[]; durability?: IDBTransactionDurability }
  | ({ t: 'slice'; b: number } & WorkerSlice)
  | { t: 'end'; b: number }
  | { t: 'abort'; b: number };

export type FromWorker =
  | { t: 'ready' }
  /** The new version of each write of the slice (a delete: the version it removed, 0 for none). */
  | { t: 'ack'; b: number; v: number[] }
  | { t: 'conflict'; b: number; c: number; id: string; expected: number; actual: number }
  | { t: 'failed'; b: number; name: string; message: string }
  /** The database is no longer at the version the page opened: nothing was written. */
  | { t: 'stale'; b: number }
  | { t: 'done'; b: number };

/** A collection of the batch: its store, and whether that is the shared one, whose rows are `{ c, r }` keyed by `[collection, id]`. */
export interface WorkerCollection {
  name: string;
  store: string;
  shared: boolean;
}

/**
 * Consecutive writes, as parallel lists (a handful of objects per slice
 * rather than one per write: the page keeps its garbage collector idle).
 * For write i: `c[i]` indexes the batch's collections, `e[i]` is the
 * expected version (-1: none), and `rows[i]` is the put's row, or null for a
 * delete.
 */
export interface WorkerSlice {
  c: number[];
  ids: string[];
  e: number[];
  rows: (Record<string, unknown> | null)[];
}

/**
 * The bulk-write worker. It runs from a Blob made of this function's source
 * text, so it stands alone: no imports, no names from outside it, and nothing
 * a compiler would turn into a helper call when it targets older browsers (no
 * async, spread, classes or for-of).
 *
 * It does, for one transaction in the worker, what the page's write path
 * does: looks up the versions of the ids a slice touches (none in a
 * collection that was empty when the batch began; one probe of their key
 * range when they are new), checks each expected version, stamps
 * the new version on the row, writes, and answers the slice's versions. A
 * transaction in the worker costs the page nothing: the request objects the
 * database keeps alive until the end of a 100k-write transaction weigh on the
 * worker's garbage collector, not on the page's.
 *
 * A transaction commits when it has no request pending, and a message from
 * the page is no request: while the page has not sent the next slice, a
 * count on an empty range keeps the transaction open. Any exception aborts
 * the transaction and is reported, so a batch is all or nothing here too.
 */
export function workerBody(): void {
  interface Batch {
    b: number;
    collections: WorkerCollection[];
    queue: WorkerSlice[];
    known: Map<string, number>[];
    /** Per collection: it held no record when the batch began, so an id the batch has not written is absent. */
    empty: boolean[];
    tx: IDBTransaction | null;
    stores: IDBObjectStore[];
    ended: boolean;
    over: boolean;
    /** Each slice's first put still pending: the wake-ups of a wait, in the order they succeed. */
    marks: number;
    /** A wait: the next slice is to be written from the next request callback. */
    waiting: boolean;
  }
  const scope = self as unknown as { onmessage: ((event: MessageEvent<ToWorker>) => void) | null; postMessage(message: FromWorker): void };
  const post = (message: FromWorker) => scope.postMessage(message);
  let db: IDBDatabase | null = null;
  let current: Batch | null = null;

  function fail(batch: Batch, error: unknown): void {
    if (batch.over) return;
    batch.over = true;
    const e = error as { name?: unknown; message?: unknown } | null;
    post({ t: 'failed', b: batch.b, name: e && typeof e.name === 'string' ? e.name : 'Error', message: e && typeof e.message === 'string' ? e.message : String(error) });
    try {
      if (batch.tx) batch.tx.abort();
    } catch (_) {
      // Already finished.
    }
  }

  /** Runs `fn` for the batch, turning any exception into an aborted transaction. */
  function guarded(batch: Batch, fn: () => void): () => void {
    return () => {
      if (batch.over) return;
      try {
        fn();
      } catch (error) {
        fail(batch, error);
      }
    };
  }

  const keyOf = (batch: Batch, c: number, id: string): IDBValidKey => (batch.collections[c]!.shared ? [batch.collections[c]!.name, id] : id);
  const versionOf = (batch: Batch, c: number, row: Record<string, unknown> | undefined): number => {
    if (!row) return 0;
    const record = batch.collections[c]!.shared ? (row.r as Record<string, unknown>) : row;
    return typeof record.version === 'number' ? record.version : 0;
  };

  /** Opens the database at the version the page has; `then(false)` when it has another. */
  function open(name: string, version: number, then: (ok: boolean) => void, onError: (error: unknown) => void): void {
    if (db && db.name === name && db.version === version) return then(true);
    if (db) db.close();
    db = null;
    const r = indexedDB.open(name);
    r.onerror = () => onError(r.error);
    r.onsuccess = () => {
      const opened = r.result;
      if (opened.version !== version) {
        opened.close();
        return then(false);
      }
      // Another tab upgrading or deleting the database must not wait on the worker.
      opened.onversionchange = () => {
        opened.close();
        if (db === opened) db = null;
      };
      db = opened;
      then(true);
    };
  }

  /** Reads the stored versions of the slice's ids the batch has not touched, then calls `then`; runs inside a request callback. */
  function lookUp(batch: Batch, slice: WorkerSlice, then: () => void): void {
    const wanted: Set<string>[] = [];
    for (let i = 0; i < slice.ids.length; i++) {
      const c = slice.c[i]!;
      const id = slice.ids[i]!;
      if (batch.known[c]!.has(id)) continue;
      (wanted[c] = wanted[c] || new Set()).add(id);
    }
    let pending = 1;
    const settle = () => {
      pending -= 1;
      if (pending === 0) then();
    };
    for (let c = 0; c < wanted.length; c++) {
      if (!wanted[c]) continue;
      const ids = Array.from(wanted[c]!).sort();
      const known = batch.known[c]!;
      if (batch.empty[c]) {
        for (let i = 0; i < ids.length; i++) known.set(ids[i]!, 0);
        continue;
      }
      const store = batch.stores[c]!;
      const lo = keyOf(batch, c, ids[0]!);
      const hi = keyOf(batch, c, ids[ids.length - 1]!);
      pending += 1;
      // The first key in the range, not a count: a count walks every record in it.
      const probe = store.getKey(indexedDB.cmp(lo, hi) === 0 ? lo : IDBKeyRange.bound(lo, hi));
      probe.onsuccess = guarded(batch, () => {
        if (probe.result === undefined) {
          for (let i = 0; i < ids.length; i++) known.set(ids[i]!, 0);
          return settle();
        }
        const reads: IDBRequest[] = [];
        for (let i = 0; i < ids.length; i++) reads.push(store.get(keyOf(batch, c, ids[i]!)));
        reads[reads.length - 1]!.onsuccess = guarded(batch, () => {
          for (let i = 0; i < ids.length; i++) known.set(ids[i]!, versionOf(batch, c, reads[i]!.result as Record<string, unknown> | undefined));
          settle();
        });
      });
    }
    settle();
  }

  /** Checks and writes one slice whose versions are known, and answers its versions. */
  function write(batch: Batch, slice: WorkerSlice): void {
    const versions: number[] = new Array(slice.ids.length);
    for (let i = 0; i < slice.ids.length; i++) {
      const c = slice.c[i]!;
      const id = slice.ids[i]!;
      const expected = slice.e[i]!;
      const row = slice.rows[i];
      const known = batch.known[c]!;
      const actual = known.get(id) || 0;
      if (expected >= 0 && expected !== actual) {
        batch.over = true;
        post({ t: 'conflict', b: batch.b, c, id, expected, actual });
        batch.tx!.abort();
        return;
      }
      const store = batch.stores[c]!;
      if (row) {
        (batch.collections[c]!.shared ? (row.r as Record<string, unknown>) : row).version = actual + 1;
        const put = store.put(row);
        if (i === 0) mark(batch, put);
        known.set(id, actual + 1);
        versions[i] = actual + 1;
      } else {
        if (actual > 0) store.delete(keyOf(batch, c, id));
        known.set(id, 0);
        versions[i] = actual;
      }
    }
    post({ t: 'ack', b: batch.b, v: versions });
  }

  /**
   * Makes a slice's first put a wake-up for a wait. Requests run in order, so
   * a request made when the worker runs out of slices runs after every put
   * already made: waiting on one, the worker would only write the slices
   * that arrived meanwhile once the database had run out of work. Woken
   * when the database reaches the first put of a slice already made, the
   * worker makes the next slices' puts while that slice is still to write.
   */
  function mark(batch: Batch, put: IDBRequest): void {
    batch.marks += 1;
    put.onsuccess = guarded(batch, () => {
      batch.marks -= 1;
      if (!batch.waiting) return;
      batch.waiting = false;
      step(batch);
    });
  }

  /** The batch's one chain of requests: the next slice when there is one, else a wait that keeps the transaction open. */
  function step(batch: Batch): void {
    if (batch.over) return;
    const slice = batch.queue.shift();
    if (slice) {
      lookUp(batch, slice, () => {
        write(batch, slice);
        step(batch);
      });
      return;
    }
    if (batch.ended) return; // The writes still pending finish, then the transaction commits.
    batch.waiting = true;
    if (batch.marks > 0) return; // A put still pending wakes the worker.
    const wait = batch.stores[0]!.count(IDBKeyRange.only(-Infinity));
    wait.onsuccess = guarded(batch, () => {
      batch.waiting = false;
      step(batch);
    });
  }

  function begin(message: Extract<ToWorker, { t: 'begin' }>): void {
    const batch: Batch = { b: message.b, collections: message.collections, queue: [], known: [], empty: [], tx: null, stores: [], ended: false, over: false, marks: 0, waiting: false };
    current = batch;
    for (let c = 0; c < batch.collections.length; c++) batch.known.push(new Map());
    const start = (ok: boolean) => {
      // Not at the page's version: nothing was written, the page writes this batch itself.
      if (!ok || !db) {
        batch.over = true;
        post({ t: 'stale', b: batch.b });
        return;
      }
      const names: string[] = [];
      for (let c = 0; c < batch.collections.length; c++) if (names.indexOf(batch.collections[c]!.store) < 0) names.push(batch.collections[c]!.store);
      const tx = db.transaction(names, 'readwrite', message.durability ? { durability: message.durability } : undefined);
      batch.tx = tx;
      for (let c = 0; c < batch.collections.length; c++) batch.stores.push(tx.objectStore(batch.collections[c]!.store));
      tx.oncomplete = () => {
        if (!batch.over) post({ t: 'done', b: batch.b });
        batch.over = true;
      };
      tx.onabort = () => fail(batch, tx.error || new DOMException('The transaction was aborted', 'AbortError'));
      // Which collections hold nothing yet: an import into one (random ids too) then reads nothing back.
      let probes = batch.collections.length;
      if (probes === 0) step(batch);
      for (let c = 0; c < batch.collections.length; c++) {
        const collection = batch.collections[c]!;
        const probe = batch.stores[c]!.getKey(collection.shared ? IDBKeyRange.bound([collection.name], [collection.name, []]) : IDBKeyRange.lowerBound(-Infinity));
        probe.onsuccess = guarded(batch, () => {
          batch.empty[c] = probe.result === undefined;
          probes -= 1;
          if (probes === 0) step(batch);
        });
      }
    };
    guarded(batch, () => open(message.name, message.version, (ok) => guarded(batch, () => start(ok))(), (error) => fail(batch, error)))();
  }

  scope.onmessage = (event) => {
    const message = event.data;
    if (message.t === 'begin') return begin(message);
    const batch = current;
    if (!batch || batch.b !== message.b) return;
    if (message.t === 'slice') batch.queue.push(message);
    else if (message.t === 'end') batch.ended = true;
    else if (message.t === 'abort') fail(batch, new DOMException('The page gave up the batch', 'AbortError'));
  };
  post({ t: 'ready' });
}
