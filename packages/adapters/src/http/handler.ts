import {
  type Change,
  createCrm,
  type RecordInput,
  StorageError,
  type StoragePort,
  type StoredRecord,
  ValidationError,
  type WriteOp,
  isKithError,
  parse,
} from '@kith/core';
import { API_PREFIX, BATCH_PATH, CHANGES_PATH, errorResponseParts } from '../common/protocol.js';
import { type CorsOptions, corsHeaders, preflight } from './cors.js';
import { ChangeFeed } from './feed.js';
import { LEADS_PATH, type LeadRouteOptions, RateLimitedError, leadIntake } from './leads.js';
import { clientAddress } from './node.js';
import { isCollectionName, paramsToQuery, parseBatch, parseChangesParams } from './params.js';
import { CORE_RECORD_SCHEMAS } from './record-schemas.js';

/** Who is calling, as your `authenticate` hook says; passed to `authorize`. */
export interface Principal {
  /** The member id (the core's `members` collection), when the caller is one. */
  memberId?: string;
  [key: string]: unknown;
}

/** What `authorize` is asked about. */
export interface AuthorizeContext {
  principal: Principal | undefined;
  action: 'read' | 'write' | 'delete' | 'changes';
  collection: string;
  /** The record read, or the id of the record written or deleted. */
  id?: string;
  /** The record as stored (reads) or as it would be written (writes). */
  record?: StoredRecord | RecordInput;
  request: Request;
}

/** A schema the handler checks written records with (any zod schema; `parse` is the core's). */
type RecordSchema = Parameters<typeof parse>[0];

/** Options of {@link createHttpHandler}. */
export interface HttpHandlerOptions {
  /** Where the records live. */
  storage: StoragePort;
  /**
   * Decides each access: once per collection for a query, count or change
   * feed, once per record for a get and for each write of a batch. Return
   * false to answer 403. Required, so that no server is open by accident.
   */
  authorize(context: AuthorizeContext): boolean | Promise<boolean>;
  /** Who the caller is (a session cookie, a bearer token). Return null for 401. Without it every caller is anonymous. */
  authenticate?(request: Request): Principal | null | undefined | Promise<Principal | null | undefined>;
  /** The path the protocol is mounted under, e.g. `/kith` (default: the root). */
  basePath?: string;
  /** Which sites may call from a browser. Without it, no CORS headers are sent (same-origin only). */
  cors?: CorsOptions;
  /** The largest request body accepted, in bytes (default 1 MiB); larger ones get 413. */
  maxBodyBytes?: number;
  /**
   * Schemas for records written to each collection; the default checks the
   * core's collections with the core's schemas. `false` accepts any JSON
   * record (a generic store).
   */
  schemas?: Readonly<Record<string, RecordSchema>> | false;
  /** The change feed: how many change sets it remembers (default 1000) and the longest long-poll in seconds (default 30). */
  feed?: { size?: number; maxWaitSeconds?: number };
  /**
   * The public lead route for `<kith-lead-form>`: `POST {base}/v1/_leads/{form}`
   * for each configured form, with no `authenticate` or `authorize` (anyone
   * may send a lead), checked against spam and rate-limited instead.
   */
  leads?: LeadRouteOptions;
}

/** A Fetch-API request handler for the Kith protocol; `close()` stops its change feed. */
export interface HttpHandler {
  (request: Request): Promise<Response>;
  close(): void;
}

const JSON_TYPE = 'application/json; charset=utf-8';
/** A lead is a few fields; 64 KiB leaves room for long messages and many form fields. */
const LEAD_MAX_BODY = 64 * 1024;

/**
 * The server half of Kith's HTTP protocol (docs/http-protocol.md) over any
 * storage: a `Request -> Response` function, so it runs on Node (through
 * `toNodeListener`), Deno, Bun, workers or a service worker alike.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { memoryStorage } from '@kith/adapters/memory';
 * import { createHttpHandler, toNodeListener } from '@kith/adapters/http';
 * const handler = createHttpHandler({ storage: memoryStorage(), authorize: ({ principal }) => Boolean(principal) });
 * createServer(toNodeListener(handler)).listen(8787);
 * ```
 */
export function createHttpHandler(options: HttpHandlerOptions): HttpHandler {
  const { storage } = options;
  const base = (options.basePath ?? '').replace(/\/+$/, '') + API_PREFIX;
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const schemas = options.schemas === false ? {} : (options.schemas ?? CORE_RECORD_SCHEMAS);
  const maxWait = options.feed?.maxWaitSeconds ?? 30;
  const feed = new ChangeFeed(storage, options.feed?.size ?? 1000);

  const reply = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { ...(body === undefined ? {} : { 'content-type': JSON_TYPE }), 'cache-control': 'no-store', ...headers } });
  const fail = (error: unknown) => {
    if (!isKithError(error)) console.error('kith http handler: unexpected error', error);
    const { status, body } = errorResponseParts(error);
    return reply(status, body);
  };
  const forbidden = () => new StorageError('Not allowed', { code: 'forbidden' });

  async function allowed(context: Omit<AuthorizeContext, 'principal' | 'request'>, principal: Principal | undefined, request: Request) {
    if (!(await options.authorize({ ...context, principal, request }))) throw forbidden();
  }

  /** The body as JSON, refusing more than the limit even when Content-Length lies or is absent. */
  async function readJson(request: Request, acceptPlainText = false, limit = maxBody): Promise<unknown> {
    const declared = Number(request.headers.get('content-length'));
    if (declared > limit) throw new StorageError(`The body exceeds ${limit} bytes`, { code: 'too-large' });
    const type = (request.headers.get('content-type') ?? '').toLowerCase();
    if (!type.startsWith('application/json') && !(acceptPlainText && type.startsWith('text/plain'))) {
      throw new ValidationError([{ path: [], code: 'invalid_content_type', message: 'Send the body as application/json' }], 'request');
    }
    const reader = request.body?.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = reader ? await reader.read() : { done: true as const, value: undefined };
      if (done || !value) break;
      size += value.byteLength;
      if (size > limit) {
        await reader?.cancel();
        throw new StorageError(`The body exceeds ${limit} bytes`, { code: 'too-large' });
      }
      chunks.push(value);
    }
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.byteLength;
    }
    try {
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      throw new ValidationError([{ path: [], code: 'invalid_json', message: 'The body is not valid JSON' }], 'request');
    }
  }

  /** Checks a record against its collection's schema (storage assigns the version, so any is fine here). */
  function checkRecord(collection: string, record: Record<string, unknown>, path: (string | number)[]): void {
    const schema = (schemas as Record<string, RecordSchema | undefined>)[collection];
    if (!schema) return;
    try {
      parse(schema, { ...record, version: typeof record.version === 'number' ? record.version : 0 }, `${collection} record`);
    } catch (error) {
      if (error instanceof ValidationError) throw new ValidationError(error.issues.map((i) => ({ ...i, path: [...path, ...i.path] })), `${collection} record`);
      throw error;
    }
  }

  const etag = (r: StoredRecord) => `"${r.version}"`;
  /** The version an If-Match / If-None-Match header demands, as a batch's expectedVersion. */
  function expectedFrom(request: Request): number | undefined {
    const ifMatch = request.headers.get('if-match');
    if (request.headers.get('if-none-match')?.trim() === '*') return 0;
    if (!ifMatch) return undefined;
    const m = /^"(\d+)"$/.exec(ifMatch.trim());
    if (!m) throw new ValidationError([{ path: ['If-Match'], code: 'invalid_etag', message: 'If-Match takes one version ETag such as "3"' }], 'request');
    return Number(m[1]);
  }

  async function batch(ops: WriteOp[], principal: Principal | undefined, request: Request): Promise<StoredRecord[]> {
    for (const [i, op] of ops.entries()) {
      if (op.type === 'put') {
        checkRecord(op.collection, op.record, ['ops', i, 'record']);
        await allowed({ action: 'write', collection: op.collection, id: op.record.id, record: op.record }, principal, request);
      } else {
        await allowed({ action: 'delete', collection: op.collection, id: op.id }, principal, request);
      }
    }
    return storage.batch(ops);
  }

  /** On a single resource a failed If-Match / If-None-Match is HTTP's 412, with the same JSON body as a batch's 409. */
  async function preconditioned(run: () => Promise<Response>): Promise<Response> {
    try {
      return await run();
    } catch (error) {
      if (isKithError(error, 'conflict')) return reply(412, errorResponseParts(error).body);
      throw error;
    }
  }

  async function route(request: Request, url: URL, principal: Principal | undefined): Promise<Response> {
    const path = url.pathname.slice(base.length);
    const method = request.method.toUpperCase();

    if (path === BATCH_PATH) {
      if (method !== 'POST') return reply(405, { error: { code: 'validation', message: 'Use POST' } }, { allow: 'POST' });
      const ops = parseBatch(await readJson(request));
      return reply(200, { records: await batch(ops, principal, request) });
    }

    if (path === CHANGES_PATH) {
      if (method !== 'GET') return reply(405, { error: { code: 'validation', message: 'Use GET' } }, { allow: 'GET' });
      const params = parseChangesParams(url.searchParams, maxWait);
      if (!params.after) return reply(200, { cursor: feed.cursor, sets: [] });
      // Each collection is authorized once per request, as it first appears; the feed's filter itself is synchronous.
      const readable = new Map<string, boolean>();
      const unknown = new Set<string>();
      const visible = (c: Change) => {
        if (params.collections && !params.collections.includes(c.collection)) return false;
        const ok = readable.get(c.collection);
        if (ok === undefined) unknown.add(c.collection);
        return ok === true;
      };
      let result = await feed.after(params.after, params.wait * 1000, visible, request.signal);
      while (unknown.size && !result.reset) {
        for (const c of unknown) readable.set(c, await options.authorize({ action: 'changes', collection: c, principal, request }));
        unknown.clear();
        result = await feed.after(params.after, 0, visible);
      }
      return reply(200, result);
    }

    const parts = path.split('/').slice(1).map(decodeURIComponent);
    const [collection, id, extra] = parts;
    if (!collection || extra !== undefined || !isCollectionName(collection) || (id !== undefined && !id)) {
      return reply(404, { error: { code: 'not-found', message: `No such resource: ${url.pathname}` } });
    }

    if (id === undefined) {
      if (method !== 'GET') return reply(405, { error: { code: 'validation', message: 'Use GET on a collection; write through /_batch or /{collection}/{id}' } }, { allow: 'GET' });
      const { count, ...query } = paramsToQuery(url.searchParams);
      await allowed({ action: 'read', collection }, principal, request);
      if (count) return reply(200, { count: await storage.count(collection, query.where, { signal: request.signal }) });
      return reply(200, await storage.query(collection, { ...query, signal: request.signal }));
    }

    if (method === 'GET') {
      const record = await storage.get(collection, id, { signal: request.signal });
      if (!record) return reply(404, { error: { code: 'not-found', message: `${collection}/${id} does not exist`, collection, id } });
      await allowed({ action: 'read', collection, id, record }, principal, request);
      if (request.headers.get('if-none-match') === etag(record)) return new Response(null, { status: 304, headers: { etag: etag(record) } });
      return reply(200, record, { etag: etag(record) });
    }
    if (method === 'PUT') {
      const body = await readJson(request);
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new ValidationError([{ path: [], code: 'invalid_type', message: 'The body is one record (a JSON object)' }], 'request');
      }
      const record = { ...(body as Record<string, unknown>), id };
      const expected = expectedFrom(request);
      return preconditioned(async () => {
        const [stored] = await batch([{ type: 'put', collection, record, ...(expected === undefined ? {} : { expectedVersion: expected }) }], principal, request);
        return reply(200, stored, { etag: etag(stored!) });
      });
    }
    if (method === 'DELETE') {
      const expected = expectedFrom(request);
      return preconditioned(async () => {
        await batch([{ type: 'delete', collection, id, ...(expected === undefined ? {} : { expectedVersion: expected }) }], principal, request);
        return new Response(null, { status: 204 });
      });
    }
    return reply(405, { error: { code: 'validation', message: `${method} is not supported here` } }, { allow: 'GET, PUT, DELETE' });
  }

  const intake = options.leads && leadIntake(options.leads, createCrm({ storage }), clientAddress);
  /**
   * The public lead route. A lead form posts as a CORS "simple request"
   * (text/plain JSON), so a landing page on another site pays no preflight.
   * Its body limit is small: anyone may post here.
   */
  async function leadRoute(request: Request, rawFormId: string): Promise<Response> {
    let formId: string;
    try {
      formId = decodeURIComponent(rawFormId);
    } catch {
      formId = '';
    }
    const form = intake!.config(formId);
    // A form's own sites (any site by default) may post it; an unknown form allows none.
    const formCors: CorsOptions | undefined = form && { origins: form.origins ?? '*', maxAgeSeconds: 86_400 };
    const origin = request.headers.get('origin');
    const cors = corsHeaders(formCors, origin);
    const method = request.method.toUpperCase();
    if (method === 'OPTIONS') return preflight(formCors, request, 'POST');
    try {
      if (method !== 'POST') return withHeaders(reply(405, { error: { code: 'validation', message: 'Use POST' } }, { allow: 'POST' }), cors);
      if (form && origin && !cors['access-control-allow-origin']) throw new StorageError(`Pages on ${origin} may not post this form`, { code: 'forbidden' });
      const accepted = await intake!.accept(formId, await readJson(request, true, Math.min(maxBody, LEAD_MAX_BODY)), request);
      return withHeaders(reply(accepted.replayed ? 200 : 201, accepted), cors);
    } catch (error) {
      const response = withHeaders(fail(error), cors);
      if (error instanceof RateLimitedError) response.headers.set('retry-after', String(error.retryAfterSeconds));
      return response;
    }
  }

  const handler = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (intake && url.pathname.startsWith(base + LEADS_PATH)) return leadRoute(request, url.pathname.slice(base.length + LEADS_PATH.length));
    const cors = corsHeaders(options.cors, request.headers.get('origin'));
    if (url.pathname !== base && !url.pathname.startsWith(`${base}/`)) return withHeaders(reply(404, { error: { code: 'not-found', message: 'Not a Kith path' } }), cors);
    if (request.method.toUpperCase() === 'OPTIONS') return preflight(options.cors, request);
    try {
      const principal = options.authenticate ? await options.authenticate(request) : undefined;
      if (principal === null) throw new StorageError('Sign in first', { code: 'unauthorized' });
      return withHeaders(await route(request, url, principal ?? undefined), cors);
    } catch (error) {
      // A query the storage rejected as malformed is the client's fault: 400, as any validation.
      return withHeaders(fail(error), cors);
    }
  };
  return Object.assign(handler, { close: () => feed.close() });
}

function withHeaders(response: Response, headers: Record<string, string>): Response {
  for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
  return response;
}
