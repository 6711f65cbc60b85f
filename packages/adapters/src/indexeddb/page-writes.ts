import { type Change, ConflictError, type StoredRecord, type WriteOp } from '@kith/core';
import { type AnyRow, type Connection, keyOf, recordOf, request, rowOf, storeOf } from './connection.js';
import { compareKeys } from './keys.js';

/** Each slice of a bulk write is sized to take about this long on the main thread (ms), far under the 50 ms of a long task. */
const SLICE_BUDGET_MS = 8;

/**
 * What one write of a batch gave, once its new version is known (for a
 * delete: the version it removed, 0 when there was nothing): the stored
 * record it returns and the change its subscribers see. Both write paths,
 * on the page and in the worker, end here.
 */
export function applied(op: WriteOp, version: number, stored: StoredRecord[], changes: Change[]): StoredRecord | undefined {
  if (op.type === 'put') {
    const record = { ...op.record, version } as StoredRecord;
    stored.push(record);
    changes.push({ type: 'put', collection: op.collection, id: record.id, record, version });
    return record;
  }
  if (version > 0) changes.push({ type: 'delete', collection: op.collection, id: op.id, version });
  return undefined;
}

/** A new task: a MessageChannel's message runs as soon as the page is free, without the 4 ms floor nested timers get. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * {@link applied} for every write of a batch the worker committed, with
 * `versions` in the order of `ops`, in tasks of about SLICE_BUDGET_MS: 100,000
 * records take longer than one task may.
 */
export async function appliedAll(ops: readonly WriteOp[], versions: Float64Array, stored: StoredRecord[], changes: Change[]): Promise<void> {
  let began = performance.now();
  for (let i = 0; i < ops.length; i++) {
    applied(ops[i]!, versions[i]!, stored, changes);
    if ((i & 255) === 255 && performance.now() - began > SLICE_BUDGET_MS) {
      await nextTask();
      began = performance.now();
    }
  }
}

/**
 * Applies the writes on the page, in slices inside one transaction,
 * pipelined: each slice's versions are checked and its rows built first,
 * then the version lookup of the next slice is queued, then this slice's
 * writes; the lookup's answer arrives first, so the next slice is built
 * while the database still works through this one's writes. Each slice is
 * one short task (sized to about SLICE_BUDGET_MS), and the transaction stays
 * open because every slice starts from a request's callback. A conflict
 * aborts the transaction: all or nothing.
 */
export async function writeOnPage(c: Connection, tx: IDBTransaction, ops: readonly WriteOp[], changes: Change[], stored: StoredRecord[]): Promise<void> {
  // Per collection, id -> the version as this batch leaves it (0: absent). Keyed by the ids themselves: an
  // import allocates as little as it can, since every object that lives through the batch costs garbage-collection pauses.
  const versions = new Map<string, Map<string, number>>();
  const versionsOf = (collection: string) => versions.get(collection) ?? versions.set(collection, new Map()).get(collection)!;
  const empty = await emptyCollections(c, tx, ops);
  let size = 128;
  let slice = ops.slice(0, size);
  let lookup = lookUp(c, tx, slice, versionsOf, empty);
  let last: IDBRequest | undefined;
  for (let start = 0; start < ops.length; ) {
    await lookup;
    const began = performance.now();
    const writes: (() => IDBRequest)[] = [];
    for (const op of slice) {
      const known = versionsOf(op.collection);
      const id = op.type === 'put' ? op.record.id : op.id;
      const actual = known.get(id) ?? 0;
      if (op.expectedVersion !== undefined && op.expectedVersion !== actual) throw new ConflictError(op.collection, id, op.expectedVersion, actual);
      const store = tx.objectStore(storeOf(c, op.collection));
      if (op.type === 'put') {
        const row = rowOf(c, op.collection, applied(op, actual + 1, stored, changes)!);
        writes.push(() => store.put(row));
        known.set(id, actual + 1);
      } else {
        if (actual > 0) {
          const key = keyOf(c, op.collection, id);
          writes.push(() => store.delete(key));
        }
        applied(op, actual, stored, changes);
        known.set(id, 0);
      }
    }
    // This slice's ids are in `versions` now: the next lookup reads only ids the batch has not touched.
    const nextStart = start + slice.length;
    const next = ops.slice(nextStart, nextStart + size);
    lookup = next.length ? lookUp(c, tx, next, versionsOf, empty) : Promise.resolve();
    lookup.catch(() => {});
    for (const write of writes) last = write();
    const took = performance.now() - began;
    size = took < SLICE_BUDGET_MS / 2 ? Math.min(size * 2, 1024) : took > SLICE_BUDGET_MS ? Math.max(32, size >> 1) : size;
    start = nextStart;
    slice = next;
  }
  if (last) await request(last);
}

/** The collections a batch writes to (a loop, not a map: an import can hold 100k writes). */
export function collectionsOf(ops: readonly WriteOp[]): string[] {
  const out = new Set<string>();
  for (const op of ops) out.add(op.collection);
  return [...out];
}

/** The collections of the batch that hold no record yet: their ids need no look-up until the batch writes them. */
async function emptyCollections(c: Connection, tx: IDBTransaction, ops: readonly WriteOp[]): Promise<Set<string>> {
  const probes = collectionsOf(ops).map((collection) => {
    const store = tx.objectStore(storeOf(c, collection));
    const all = c.layout.has(collection) ? IDBKeyRange.lowerBound(-Infinity) : IDBKeyRange.bound([collection], [collection, []]);
    return [collection, request(store.getKey(all))] as const;
  });
  for (const [, probe] of probes) probe.catch(() => {});
  const empty = new Set<string>();
  for (const [collection, probe] of probes) if ((await probe) === undefined) empty.add(collection);
  return empty;
}

/**
 * Learns the stored version (0 when absent) of every record the slice
 * touches that the batch has not touched yet. In a collection that was empty
 * when the batch began, that is 0 without asking. Otherwise fresh ids (UUIDv7
 * keys) usually fall in a key range with no record: one probe answers for
 * all of them; else each record is read.
 */
async function lookUp(c: Connection, tx: IDBTransaction, slice: readonly WriteOp[], versionsOf: (collection: string) => Map<string, number>, empty: ReadonlySet<string>): Promise<void> {
  const wanted = new Map<string, Set<string>>();
  for (const op of slice) {
    const id = op.type === 'put' ? op.record.id : op.id;
    if (versionsOf(op.collection).has(id)) continue;
    if (empty.has(op.collection)) {
      versionsOf(op.collection).set(id, 0);
      continue;
    }
    const ids = wanted.get(op.collection) ?? wanted.set(op.collection, new Set()).get(op.collection)!;
    ids.add(id);
  }
  const probes = [...wanted].map(([collection, ids]) => {
    const store = tx.objectStore(storeOf(c, collection));
    const sorted = [...ids].sort();
    const lo = keyOf(c, collection, sorted[0]!);
    const hi = keyOf(c, collection, sorted[sorted.length - 1]!);
    // The first key in the range, not a count: a count walks every record in it. The promise is made now:
    // a request's success event fires once, whether or not anyone listens yet.
    return { collection, store, sorted, first: request(store.getKey(compareKeys(lo, hi) === 0 ? lo : IDBKeyRange.bound(lo, hi))) };
  });
  for (const { first } of probes) first.catch(() => {});
  if (!probes.length) {
    // Nothing to read, but the next slice must still start from a request's callback: that ends this task
    // (a promise alone would run the whole batch in one), and only there may the transaction take more writes.
    const any = tx.objectStore(storeOf(c, slice[0]!.collection));
    await request(any.getKey(IDBKeyRange.only(-Infinity)));
    return;
  }
  for (const { collection, store, sorted, first } of probes) {
    const known = versionsOf(collection);
    if ((await first) === undefined) {
      for (const id of sorted) if (!known.has(id)) known.set(id, 0);
      continue;
    }
    const reads = sorted.map((id) => [id, store.get(keyOf(c, collection, id))] as const);
    await request(reads[reads.length - 1]![1]);
    for (const [id, read] of reads) {
      const row = read.result as AnyRow | undefined;
      if (!known.has(id)) known.set(id, row ? recordOf(c, collection, row).version : 0);
    }
  }
}
