import { StorageError, ValidationError, type ValidationIssue, type WriteOp } from '@kith/core';

/** Throws StorageError(closed) once an adapter was closed, so late calls fail loudly instead of hanging. */
export function assertOpen(closed: boolean, name: string): void {
  if (closed) throw new StorageError(`${name} storage is closed`, { code: 'closed' });
}

/** No array made per call: a batch of 100,000 writes checks 100,000 records in one task. */
const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** Checks a batch's shape before any engine sees it; every adapter rejects the same bad input the same way. */
export function checkOps(ops: readonly WriteOp[]): void {
  const issues: ValidationIssue[] = [];
  if (!Array.isArray(ops)) throw new ValidationError([{ path: [], code: 'invalid_type', message: 'A batch is an array of writes' }], 'batch');
  ops.forEach((op, i) => {
    if (typeof op?.collection !== 'string' || !/^[a-zA-Z][\w-]{0,63}$/.test(op.collection)) {
      issues.push({ path: [i, 'collection'], code: 'invalid_collection', message: 'A collection name is a word' });
    }
    if (op?.expectedVersion !== undefined && !(Number.isInteger(op.expectedVersion) && op.expectedVersion >= 0)) {
      issues.push({ path: [i, 'expectedVersion'], code: 'invalid_version', message: 'expectedVersion is a whole number >= 0' });
    }
    if (op?.type === 'put') {
      if (!isPlainObject(op.record)) issues.push({ path: [i, 'record'], code: 'invalid_type', message: 'A record is a plain object' });
      else if (typeof op.record.id !== 'string' || !op.record.id) issues.push({ path: [i, 'record', 'id'], code: 'invalid_id', message: 'A record needs a string id' });
    } else if (op?.type === 'delete') {
      if (typeof op.id !== 'string' || !op.id) issues.push({ path: [i, 'id'], code: 'invalid_id', message: 'A delete needs a string id' });
    } else {
      issues.push({ path: [i, 'type'], code: 'invalid_op', message: 'A write is a put or a delete' });
    }
  });
  if (issues.length) throw new ValidationError(issues, 'batch');
}
