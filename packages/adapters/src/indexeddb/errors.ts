import { StorageError, isKithError } from '@kith/core';

/**
 * Turns what IndexedDB throws (DOMExceptions named by the spec) into the
 * port's typed errors, so a caller can tell "the disk is full" from "reload,
 * a newer version upgraded the database" from "try again".
 */
export function toStorageError(error: unknown, database: string): Error {
  if (isKithError(error)) return error as Error;
  const name = typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '';
  const detail = error instanceof Error ? error.message : String(error);
  switch (name) {
    case 'QuotaExceededError':
      return new StorageError(`IndexedDB "${database}": the browser refused to store more (quota exceeded)`, { code: 'quota', cause: error });
    case 'VersionError':
      return new StorageError(`IndexedDB "${database}" was upgraded by a newer page; reload this one`, { code: 'version', cause: error });
    case 'AbortError':
      return new StorageError(`IndexedDB "${database}": the transaction was aborted (${detail})`, { code: 'aborted', cause: error });
    case 'InvalidStateError':
      return new StorageError(`IndexedDB "${database}": the connection was closed (${detail})`, { code: 'closed', cause: error });
    default:
      return new StorageError(`IndexedDB "${database}" failed: ${detail}`, { code: 'storage', cause: error });
  }
}

/** True when IndexedDB refused to start a transaction because the connection is gone; nothing was written, so a retry is safe. */
export const isConnectionGone = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'InvalidStateError';
