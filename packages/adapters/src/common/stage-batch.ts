import { type Change, ConflictError, type StoredRecord, type WriteOp } from '@kith/core';
import { cloneJson } from './clone.js';

/** One record's end state after a batch: the record to store, or null to delete it. */
export interface StagedWrite {
  collection: string;
  id: string;
  record: StoredRecord | null;
}

/** A batch worked out in full before anything is written. */
export interface StagedBatch {
  /** The end state of each record the batch touches, one per record. */
  writes: StagedWrite[];
  /** The stored puts, in op order, as `batch` returns them (copies). */
  stored: StoredRecord[];
  /** What subscribers hear once the batch is applied. */
  changes: Change[];
}

/**
 * The port's write rules, for engines that can read a record synchronously
 * (memory, a key-value store): each op sees what earlier ops of the batch
 * wrote; an `expectedVersion` that does not match throws `ConflictError`
 * before anything is written; a put gets one more than the stored version.
 * The caller then applies `writes` all or nothing.
 */
export function stageBatch(ops: readonly WriteOp[], read: (collection: string, id: string) => StoredRecord | undefined): StagedBatch {
  const staged = new Map<string, StagedWrite>();
  const stored: StoredRecord[] = [];
  const changes: Change[] = [];
  for (const op of ops) {
    const id = op.type === 'put' ? op.record.id : op.id;
    const key = `${op.collection}\u0000${id}`;
    const prior = staged.get(key);
    const existing = prior ? (prior.record ?? undefined) : read(op.collection, id);
    const actual = existing?.version ?? 0;
    if (op.expectedVersion !== undefined && op.expectedVersion !== actual) throw new ConflictError(op.collection, id, op.expectedVersion, actual);
    if (op.type === 'put') {
      // One copy, stamped in place: the spread of a copy was a second copy of every record written.
      const record = cloneJson(op.record) as StoredRecord;
      record.version = actual + 1;
      staged.set(key, { collection: op.collection, id, record });
      stored.push(cloneJson(record));
      changes.push({ type: 'put', collection: op.collection, id, record, version: record.version });
    } else if (existing) {
      staged.set(key, { collection: op.collection, id, record: null });
      changes.push({ type: 'delete', collection: op.collection, id, version: actual });
    }
  }
  return { writes: [...staged.values()], stored, changes };
}
