import { type Page, type Query, StorageError, type StoragePort, type StoredRecord, type WriteOp, checkQuery, isKithError } from '@kith/core';
import { assertOpen, checkOps } from '../common/guards.js';
import { Listeners } from '../common/listeners.js';
import { API_PREFIX, BATCH_PATH, CHANGES_PATH, type ChangesBody, errorFromResponse, queryToParams } from '../common/protocol.js';

/** Options of {@link restStorage}. */
export interface RestStorageOptions {
  /** Where the protocol is mounted, e.g. `https://crm.example.com/kith`. */
  baseUrl: string;
  /** The fetch to use (default: the global one; pass your own for cookies, proxies or tests). */
  fetch?: typeof fetch;
  /** Headers for every request, or a function called before each one (to add a fresh token). */
  headers?: HeadersInit | (() => HeadersInit | Promise<HeadersInit>);
  /** A request that takes longer fails with code `timeout` (default 15 000 ms). */
  timeoutMs?: number;
  /** How often a read (GET) is retried after a network error, 429 or 5xx (default 2). Writes are never retried. */
  retries?: number;
  /** The first retry's delay; each next one doubles, with jitter (default 300 ms). */
  retryDelayMs?: number;
  /** How long the server may hold a change-feed request open, in seconds (default 25). */
  pollSeconds?: number;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });

const RETRYABLE = new Set([429, 500, 502, 503, 504]);

/**
 * Storage on a server that speaks Kith's HTTP protocol
 * (docs/http-protocol.md), such as one built with `createHttpHandler`.
 *
 * Reads are retried with backoff; writes go in one `/_batch` request and are
 * never retried (the server may have applied them). Subscriptions are fed by
 * the server's change feed (long-poll), so a colleague's change reaches this
 * page's board; the feed runs only while someone listens. Works in browsers
 * and in Node 18+ (global fetch).
 *
 * @example
 * ```ts
 * import { restStorage } from '@kith/adapters/rest';
 * const storage = restStorage({
 *   baseUrl: 'https://crm.example.com/kith',
 *   headers: async () => ({ authorization: `Bearer ${await getToken()}` }),
 * });
 * ```
 */
export function restStorage(options: RestStorageOptions): StoragePort {
  const base = options.baseUrl.replace(/\/+$/, '') + API_PREFIX;
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  const timeoutMs = options.timeoutMs ?? 15_000;
  const retries = options.retries ?? 2;
  const retryDelay = options.retryDelayMs ?? 300;
  const pollSeconds = options.pollSeconds ?? 25;
  const listeners = new Listeners();
  const lifetime = new AbortController();
  let closed = false;
  let feed: { stop: AbortController; ready: Promise<void> } | undefined;

  async function headers(extra?: Record<string, string>): Promise<Headers> {
    const h = new Headers(typeof options.headers === 'function' ? await options.headers() : options.headers);
    h.set('accept', 'application/json');
    for (const [k, v] of Object.entries(extra ?? {})) h.set(k, v);
    return h;
  }

  /**
   * One HTTP exchange with a timeout and the caller's signal, answered as
   * JSON or as a typed error. `idempotent` requests are retried.
   */
  async function call<T>(method: string, path: string, init: { body?: unknown; signal?: AbortSignal | undefined; idempotent: boolean; timeout?: number; notFound?: T }): Promise<T> {
    const what = `${method} ${path.split('?')[0]}`;
    for (let attempt = 0; ; attempt++) {
      assertOpen(closed, 'rest');
      const timeout = AbortSignal.timeout(init.timeout ?? timeoutMs);
      const signal = AbortSignal.any([timeout, lifetime.signal, ...(init.signal ? [init.signal] : [])]);
      let response: Response;
      try {
        response = await doFetch(base + path, {
          method,
          headers: await headers(init.body === undefined ? undefined : { 'content-type': 'application/json' }),
          ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
          signal,
        });
      } catch (error) {
        if (closed) throw new StorageError('rest storage is closed', { code: 'closed' });
        if (init.signal?.aborted) throw new StorageError(`${what}: aborted`, { code: 'aborted', cause: error });
        const failure = timeout.aborted
          ? new StorageError(`${what}: no answer within ${init.timeout ?? timeoutMs} ms`, { code: 'timeout', cause: error })
          : new StorageError(`${what}: could not reach the server (${(error as Error).message})`, { code: 'network', cause: error });
        if (init.idempotent && attempt < retries) {
          await sleep(backoff(attempt), init.signal);
          continue;
        }
        throw failure;
      }
      if (response.ok) return (response.status === 204 ? undefined : await response.json()) as T;
      const body: unknown = await response.json().catch(() => undefined);
      if (response.status === 404 && 'notFound' in init) return init.notFound as T;
      if (init.idempotent && attempt < retries && RETRYABLE.has(response.status)) {
        const retryAfter = Number(response.headers.get('retry-after'));
        await sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, 30) * 1000 : backoff(attempt), init.signal);
        continue;
      }
      throw errorFromResponse(response.status, body, what);
    }
  }

  const backoff = (attempt: number) => retryDelay * 2 ** attempt * (0.75 + Math.random() * 0.5);

  /** Long-polls the change feed while anyone listens; `ready` resolves once the starting cursor is known, so no later write is missed. */
  function startFeed() {
    const stop = new AbortController();
    let markReady!: () => void;
    const ready = new Promise<void>((r) => (markReady = r));
    const run = async () => {
      let cursor: string | undefined;
      let failures = 0;
      while (!stop.signal.aborted && !closed) {
        try {
          const params = new URLSearchParams(cursor ? { after: cursor, wait: String(pollSeconds) } : {});
          const body = await call<ChangesBody>('GET', `${CHANGES_PATH}?${params}`, { signal: stop.signal, idempotent: false, timeout: (pollSeconds + 10) * 1000 });
          failures = 0;
          if (cursor) {
            for (const set of body.sets) listeners.notify({ changes: set.changes, remote: true });
            if (body.reset) console.warn('kith: the change feed restarted; some changes may not have been seen, re-read what you show');
          }
          cursor = body.cursor;
          markReady();
        } catch (error) {
          if (stop.signal.aborted || closed) break;
          markReady();
          // The server is away or refuses: try again later, slower each time, without giving up.
          await sleep(Math.min(30_000, 1000 * 2 ** failures++), stop.signal).catch(() => {});
          if (isKithError(error, 'unauthorized') || isKithError(error, 'forbidden')) console.error('kith: the change feed was refused', error);
        }
      }
      markReady();
    };
    void run();
    return { stop, ready };
  }

  return {
    name: 'rest',

    async get(collection, id, getOptions) {
      assertOpen(closed, 'rest');
      return call<StoredRecord | undefined>('GET', `/${encodeURIComponent(collection)}/${encodeURIComponent(id)}`, {
        signal: getOptions?.signal,
        idempotent: true,
        notFound: undefined,
      });
    },

    async query(collection, query: Query = {}): Promise<Page<StoredRecord>> {
      assertOpen(closed, 'rest');
      checkQuery(query);
      return call<Page<StoredRecord>>('GET', `/${encodeURIComponent(collection)}?${queryToParams(query)}`, { signal: query.signal, idempotent: true });
    },

    async count(collection, where, countOptions) {
      assertOpen(closed, 'rest');
      checkQuery({ where });
      const params = queryToParams({ ...(where ? { where } : {}) });
      params.set('count', 'true');
      return (await call<{ count: number }>('GET', `/${encodeURIComponent(collection)}?${params}`, { signal: countOptions?.signal, idempotent: true })).count;
    },

    async batch(ops: readonly WriteOp[]) {
      assertOpen(closed, 'rest');
      checkOps(ops);
      if (!ops.length) return [];
      // With a listener, wait until the feed knows where it starts, so it reports this write.
      if (feed) await feed.ready;
      return (await call<{ records: StoredRecord[] }>('POST', BATCH_PATH, { body: { ops }, idempotent: false })).records;
    },

    subscribe(listener, subscribeOptions) {
      assertOpen(closed, 'rest');
      const off = listeners.add(listener, subscribeOptions);
      feed ??= startFeed();
      return () => {
        off();
        if (listeners.size === 0 && feed) {
          feed.stop.abort();
          feed = undefined;
        }
      };
    },

    async close() {
      closed = true;
      feed?.stop.abort();
      feed = undefined;
      lifetime.abort();
      listeners.clear();
    },
  };
}
