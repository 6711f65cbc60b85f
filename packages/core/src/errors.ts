/** Machine-readable error codes shared by the core, adapters and elements. */
export const ERROR_CODES = [
  'validation',
  'conflict',
  'not-found',
  'storage',
  'closed',
  'aborted',
  'quota',
  'blocked',
  'version',
  'timeout',
  'network',
  'unauthorized',
  'forbidden',
  'rate-limited',
  'too-large',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Base class of every error Kith throws on purpose; `code` is stable, the message is for developers. */
export class KithError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KithError';
    this.code = code;
  }
}

/** One problem with one field of an input: where (`path`), what (`code`), and words for developers. */
export interface ValidationIssue {
  path: (string | number)[];
  code: string;
  message: string;
}

/** Raised when input does not satisfy the model; nothing has been stored. */
export class ValidationError extends KithError {
  readonly issues: ValidationIssue[];
  constructor(issues: ValidationIssue[], context = 'input') {
    const first = issues[0];
    const where = first && first.path.length ? ` at ${first.path.join('.')}` : '';
    super('validation', `Invalid ${context}${where}: ${first?.message ?? 'unknown problem'}`);
    this.name = 'ValidationError';
    this.issues = issues;
  }
}

/** Raised when a write's expected version is not the stored one: someone else changed the record. */
export class ConflictError extends KithError {
  readonly collection: string;
  readonly id: string;
  readonly expectedVersion: number;
  readonly actualVersion: number;
  constructor(collection: string, id: string, expectedVersion: number, actualVersion: number) {
    super(
      'conflict',
      `${collection}/${id} is at version ${actualVersion}, the write expected ${expectedVersion}`,
    );
    this.name = 'ConflictError';
    this.collection = collection;
    this.id = id;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }
}

/** Raised when a record that must exist does not. */
export class NotFoundError extends KithError {
  readonly collection: string;
  readonly id: string;
  constructor(collection: string, id: string) {
    super('not-found', `${collection}/${id} does not exist`);
    this.name = 'NotFoundError';
    this.collection = collection;
    this.id = id;
  }
}

/**
 * The codes a StorageError carries, so callers can recover by kind:
 * - `storage`: the engine failed; `closed`: the adapter was closed; `aborted`: the caller's signal fired.
 * - `quota`: the browser refused to store more; `blocked`: a schema upgrade waits on another tab that keeps the old one open;
 *   `version`: the stored data was written by a newer Kith than this page runs (reload the page).
 * - `timeout`, `network`: a remote request took too long or could not be sent;
 *   `unauthorized` (401), `forbidden` (403), `rate-limited` (429), `too-large` (413): the server's answer.
 */
export type StorageErrorCode =
  | 'storage'
  | 'closed'
  | 'aborted'
  | 'quota'
  | 'blocked'
  | 'version'
  | 'timeout'
  | 'network'
  | 'unauthorized'
  | 'forbidden'
  | 'rate-limited'
  | 'too-large';

/** Raised by an adapter when its engine fails (quota, network, a closed connection). */
export class StorageError extends KithError {
  declare readonly code: StorageErrorCode;
  constructor(message: string, options?: { cause?: unknown; code?: StorageErrorCode }) {
    super(options?.code ?? 'storage', message, options);
    this.name = 'StorageError';
  }
}

/** True when `error` is a Kith error of the given code; works across bundle copies of the class. */
export function isKithError(error: unknown, code?: ErrorCode): error is KithError {
  if (typeof error !== 'object' || error === null) return false;
  const c = (error as { code?: unknown }).code;
  return typeof c === 'string' && (ERROR_CODES as readonly string[]).includes(c) && (!code || c === code);
}
