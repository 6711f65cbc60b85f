// @kith/adapters has no root export on purpose: import one adapter by its subpath
// (`@kith/adapters/memory`), so a page never downloads an engine it does not use.
// This file only gathers them for the API reference.
export { memoryStorage, type MemoryStorageOptions } from './memory/index.js';
export { indexedDbStorage, type IndexedDbStorageOptions, CORE_LAYOUT, type Layout, type IndexSpecText, FORMAT_VERSION } from './indexeddb/index.js';
export { restStorage, type RestStorageOptions } from './rest/index.js';
export { createHttpHandler, toNodeListener, clientAddress, CORE_RECORD_SCHEMAS, type LeadFormConfig, type LeadRouteOptions, type LeadAccepted, type RateLimit, type HttpHandler, type HttpHandlerOptions, type AuthorizeContext, type Principal, type CorsOptions, type NodeRequestLike, type NodeResponseLike } from './http/index.js';
export { assertOpen, checkOps, Listeners, cloneJson, stageBatch, pageOf, toPage, type StagedBatch, type StagedWrite } from './kit/index.js';
