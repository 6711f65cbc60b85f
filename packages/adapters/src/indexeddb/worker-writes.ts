import { ConflictError, StorageError, type StoredRecord, type WriteOp } from '@kith/core';
import { type Connection, rowOf, storeOf } from './connection.js';
import { type FromWorker, type ToWorker, type WorkerCollection, type WorkerSlice, workerBody } from './worker-body.js';

/** Writes per message: building and cloning one is a short task on the page (about 1 ms for 500 contacts). */
const SLICE = 500;
/** Slices sent and not yet answered: enough that the worker always has the next one. */
const IN_FLIGHT = 3;
/** How long a worker may take to start before its batches run on the page instead. */
const START_TIMEOUT_MS = 10_000;

/** Large batches, written by a dedicated worker. */
export interface WorkerWriter {
  /**
   * Writes the batch in one transaction in the worker. Resolves, once
   * committed, with each write's new version (a delete's: the version it
   * removed), in the order of `ops`; with undefined, having written nothing,
   * when the batch must run on the page (no worker here, or the database is
   * no longer at the connection's version). Rejects with what aborted the
   * transaction: a ConflictError, or the database's DOMException.
   */
  write(connect: () => Promise<Connection>, ops: readonly WriteOp[], durability: IDBTransactionDurability | undefined): Promise<Float64Array | undefined>;
  /** Lets the batch in flight finish, then stops the worker. */
  close(): Promise<void>;
}

/**
 * The page's half of the bulk-write worker ({@link workerBody}). Why a
 * worker: a transaction of 100,000 writes keeps 100,000 request objects
 * alive on the thread that made them, and the page's garbage collector then
 * pauses for 25–80 ms at a time, however small the slices. In a worker those
 * pauses are the worker's; the page only builds rows and posts them 500
 * at a time. The stored records are made once the batch commits.
 *
 * The worker is made from a Blob of its own source, so it needs no file of
 * its own and works from any bundler or CDN. Where no worker can start (no
 * Worker, or a Content-Security-Policy without `worker-src blob:`), it says
 * so once on the console, and every batch runs on the page.
 */
export function workerWriter(database: string): WorkerWriter {
  let started: Promise<Worker | undefined> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let batches = 0;
  let broken = false;
  /** The batch in flight: where the worker's answers go. */
  let current: { onMessage(message: FromWorker): void; onCrash(error: Error): void } | undefined;

  const unavailable = (reason: string) => console.warn(`kith: IndexedDB "${database}" writes large batches on the page, not in a worker (${reason}). To move them off the main thread under a Content-Security-Policy, allow worker-src blob:.`);

  function start(): Promise<Worker | undefined> {
    if (typeof Worker !== 'function' || typeof Blob !== 'function' || typeof URL.createObjectURL !== 'function') return Promise.resolve(undefined);
    let url: string;
    let worker: Worker;
    try {
      url = URL.createObjectURL(new Blob([`(${workerBody.toString()})();`], { type: 'text/javascript' }));
      worker = new Worker(url, { name: `kith-indexeddb-writes:${database}` });
    } catch (error) {
      unavailable(error instanceof Error ? error.message : String(error));
      return Promise.resolve(undefined);
    }
    return new Promise((resolve) => {
      const finish = (ok: boolean, reason?: string) => {
        clearTimeout(timer);
        URL.revokeObjectURL(url);
        if (!ok) {
          worker.terminate();
          unavailable(reason ?? 'it did not start');
        }
        resolve(ok ? worker : undefined);
      };
      const timer = setTimeout(() => finish(false, `it did not start within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
      worker.onmessage = (event: MessageEvent<FromWorker>) => {
        if (event.data?.t !== 'ready') return;
        worker.onmessage = (e: MessageEvent<FromWorker>) => current?.onMessage(e.data);
        worker.onerror = (e) => {
          e.preventDefault();
          broken = true;
          worker.terminate();
          current?.onCrash(new StorageError(`IndexedDB "${database}": the write worker stopped (${e.message})`, { code: 'storage' }));
        };
        finish(true);
      };
      // A worker the page's policy refuses fails here, not in the constructor.
      worker.onerror = (e) => {
        e.preventDefault();
        finish(false, e.message || 'the browser refused it');
      };
    });
  }

  async function writeNow(connect: () => Promise<Connection>, ops: readonly WriteOp[], durability: IDBTransactionDurability | undefined): Promise<Float64Array | undefined> {
    const c = await connect();
    const worker = await (started ??= start());
    if (!worker || broken) return undefined;
    const b = ++batches;
    const collections: WorkerCollection[] = [];
    const index = new Map<string, number>();
    for (const op of ops) {
      if (index.has(op.collection)) continue;
      index.set(op.collection, collections.length);
      const store = storeOf(c, op.collection);
      collections.push({ name: op.collection, store, shared: !c.layout.has(op.collection) });
    }
    const post = (message: ToWorker) => worker.postMessage(message);
    // The answered versions go into one typed array, not into a record per write: objects made while the
    // import runs would all live until it ends, and the page's garbage collector pauses to copy each of them.
    const versions = new Float64Array(ops.length);
    return new Promise<Float64Array | undefined>((resolve, reject) => {
      let sent = 0;
      let answered = 0;
      const end = (error?: unknown, result?: Float64Array) => {
        current = undefined;
        if (error === undefined) resolve(result);
        else reject(error);
      };
      const giveUp = (error: unknown) => {
        try {
          post({ t: 'abort', b });
        } catch {
          // The worker is gone; its transaction went with it.
        }
        end(error);
      };
      /** Keeps IN_FLIGHT slices ahead of the answers; each is built and cloned in its own short stretch. */
      const send = () => {
        while (sent < ops.length && sent - answered < IN_FLIGHT * SLICE) {
          const last = Math.min(sent + SLICE, ops.length);
          const slice: WorkerSlice = { c: [], ids: [], e: [], rows: [] };
          for (let i = sent; i < last; i++) {
            const op = ops[i]!;
            slice.c.push(index.get(op.collection)!);
            slice.e.push(op.expectedVersion ?? -1);
            if (op.type === 'put') {
              slice.ids.push(op.record.id);
              // The row as the record is given: the worker stamps the version it finds, on its own copy.
              slice.rows.push(rowOf(c, op.collection, op.record as StoredRecord) as Record<string, unknown>);
            } else {
              slice.ids.push(op.id);
              slice.rows.push(null);
            }
          }
          post({ t: 'slice', b, ...slice });
          sent = last;
          if (sent === ops.length) post({ t: 'end', b });
        }
      };
      current = {
        onMessage(message) {
          if (!('b' in message) || message.b !== b) return;
          try {
            if (message.t === 'ack') {
              versions.set(message.v, answered);
              answered += message.v.length;
              send();
            } else if (message.t === 'done') {
              // Committed short of the batch (the worker's chain of requests broke): said, never returned as the whole batch.
              if (answered === ops.length) end(undefined, versions);
              else end(new StorageError(`IndexedDB "${database}": the write worker committed ${answered} of the batch's ${ops.length} writes`, { code: 'storage' }));
            } else if (message.t === 'stale') end();
            else if (message.t === 'conflict') end(new ConflictError(collections[message.c]!.name, message.id, message.expected, message.actual));
            else if (message.t === 'failed') end(new DOMException(message.message, message.name));
          } catch (error) {
            giveUp(error);
          }
        },
        onCrash: (error) => end(error),
      };
      post({ t: 'begin', b, name: c.db.name, version: c.db.version, collections, ...(durability ? { durability } : {}) });
      try {
        send();
      } catch (error) {
        giveUp(error);
      }
    });
  }

  return {
    write(connect, ops, durability) {
      // One batch at a time: the worker holds one transaction, and batches commit in the order they were asked for.
      const run = queue.then(() => writeNow(connect, ops, durability));
      queue = run.catch(() => {});
      return run;
    },
    async close() {
      await queue;
      (await started)?.terminate();
    },
  };
}
