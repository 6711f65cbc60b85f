export { createHttpHandler, type HttpHandler, type HttpHandlerOptions, type AuthorizeContext, type Principal } from './handler.js';
export { type LeadFormConfig, type LeadRouteOptions, type LeadAccepted, type RateLimit } from './leads.js';
export { toNodeListener, clientAddress, type NodeRequestLike, type NodeResponseLike } from './node.js';
export type { CorsOptions } from './cors.js';
export { CORE_RECORD_SCHEMAS } from './record-schemas.js';
