import {
  type ChangeSet,
  ConflictError,
  type ErrorCode,
  KithError,
  NotFoundError,
  type Query,
  StorageError,
  type StorageErrorCode,
  ValidationError,
  type ValidationIssue,
  isKithError,
} from '@kith/core';

/**
 * The parts of Kith's HTTP protocol (docs/http-protocol.md) that the REST
 * client and the server handler share: paths, headers, how queries travel in
 * a URL, and how errors travel as JSON. Written once so the two halves cannot
 * drift apart.
 */
export const API_PREFIX = '/v1';
export const BATCH_PATH = '/_batch';
export const CHANGES_PATH = '/_changes';

/** A JSON error body: every non-2xx answer carries one. */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    issues?: ValidationIssue[];
    collection?: string;
    id?: string;
    expectedVersion?: number;
    actualVersion?: number;
  };
}

/** One page of the change feed: the change sets committed after `cursor` was issued, and the cursor to ask from next. */
export interface ChangesBody {
  cursor: string;
  sets: ChangeSet[];
  /** The server no longer holds changes that old: re-read what you show. */
  reset?: boolean;
}

const STATUS: Record<ErrorCode, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  'rate-limited': 429,
  storage: 500,
  closed: 503,
  aborted: 499,
  quota: 507,
  blocked: 503,
  version: 500,
  timeout: 504,
  network: 502,
};

/** The HTTP status and JSON body for an error thrown while serving; unexpected errors become a bare 500 that leaks nothing. */
export function errorResponseParts(error: unknown): { status: number; body: ErrorBody } {
  if (!isKithError(error)) return { status: 500, body: { error: { code: 'storage', message: 'Internal error' } } };
  const e = error as KithError & Partial<ConflictError & ValidationError & NotFoundError>;
  const body: ErrorBody = { error: { code: e.code, message: e.message } };
  if (e.issues) body.error.issues = e.issues;
  if (e.collection !== undefined) body.error.collection = e.collection;
  if (e.id !== undefined) body.error.id = e.id;
  if (e.expectedVersion !== undefined) body.error.expectedVersion = e.expectedVersion;
  if (e.actualVersion !== undefined) body.error.actualVersion = e.actualVersion;
  return { status: STATUS[e.code] ?? 500, body };
}

const STORAGE_CODES_BY_STATUS: Record<number, StorageErrorCode> = { 401: 'unauthorized', 403: 'forbidden', 413: 'too-large', 429: 'rate-limited', 504: 'timeout' };

/** The typed error a non-2xx answer stands for, on the client side. */
export function errorFromResponse(status: number, body: unknown, what: string): Error {
  const error = (body as Partial<ErrorBody> | undefined)?.error;
  const message = typeof error?.message === 'string' ? error.message : `${what}: HTTP ${status}`;
  if (status === 409 || status === 412 || error?.code === 'conflict') {
    return new ConflictError(error?.collection ?? '', error?.id ?? '', error?.expectedVersion ?? -1, error?.actualVersion ?? -1);
  }
  if (status === 400 || error?.code === 'validation') {
    return new ValidationError(Array.isArray(error?.issues) ? error.issues : [{ path: [], code: 'invalid', message }], what);
  }
  if (status === 404 && error?.collection !== undefined && error.id !== undefined) return new NotFoundError(error.collection, error.id);
  const code: StorageErrorCode = STORAGE_CODES_BY_STATUS[status] ?? (error?.code && error.code !== 'not-found' ? error.code : 'storage');
  return new StorageError(message, { code });
}

/** A query as URL parameters: filters as JSON (values keep their types), the rest as plain parameters. */
export function queryToParams(query: Query): URLSearchParams {
  const params = new URLSearchParams();
  if (query.where?.length) params.set('where', JSON.stringify(query.where));
  if (query.orderBy) {
    params.set('orderBy', query.orderBy.field);
    if (query.orderBy.direction) params.set('direction', query.orderBy.direction);
  }
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.after) params.set('after', query.after);
  return params;
}
