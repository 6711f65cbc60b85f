/**
 * The reference server's handler, shared by `npm run serve` (scripts/serve.ts)
 * and the demo's "server" mode (the Vite plugin in vite.config.ts mounts it on
 * the dev server, so `npm start` needs no second process).
 */
import { createHttpHandler, type HttpHandler } from '@kith/adapters/http';
import { memoryStorage } from '@kith/adapters/memory';
import { createCrm } from '@kith/core';
import { SPRING_PROMO_ROUTING } from '../demo/forms.ts';
import { loadSampleData } from '../demo/sample-data.ts';

export interface ReferenceServerOptions {
  /** When set, every request needs `Authorization: Bearer <token>`. */
  token?: string | undefined;
  /** Sites allowed to call from a browser; without any, same-origin only. */
  origins?: readonly string[];
  /** Start with the small sample history (default true). */
  sampleData?: boolean;
  /** Where the protocol is mounted (default `/kith`). */
  basePath?: string;
}

/** Kith's HTTP protocol under `/kith` (or `basePath`), over memory storage. */
export async function referenceHandler(options: ReferenceServerOptions = {}): Promise<HttpHandler> {
  const storage = memoryStorage();
  if (options.sampleData !== false) await loadSampleData(createCrm({ storage }));
  const { token } = options;
  return createHttpHandler({
    storage,
    basePath: options.basePath ?? '/kith',
    ...(options.origins?.length ? { cors: { origins: [...options.origins] } } : {}),
    // The demo's landing page posts here in server mode.
    leads: { forms: { 'spring-promo': { routing: SPRING_PROMO_ROUTING } } },
    authenticate: (request) => {
      if (!token) return {};
      return request.headers.get('authorization') === `Bearer ${token}` ? {} : null;
    },
    // A reference server: whoever is authenticated may do anything. Put your access rules here.
    authorize: () => true,
  });
}
