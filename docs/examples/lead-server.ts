// The lead form guide's server (docs/lead-form.md quotes it; test/core/guides.test.ts
// starts it on a real socket and posts leads to it as a landing page would).
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { createHttpHandler, toNodeListener } from '@kith/adapters/http';
import type { HttpHandlerOptions } from '@kith/adapters/http';
import type { StoragePort } from '@kith/core';

export interface LeadServerOptions {
  storage: StoragePort;
  /** Who may use the rest of the API (the lead route needs no sign-in). */
  authorize: HttpHandlerOptions['authorize'];
  /** Asks the captcha's provider whether the visitor solved it. */
  verifyTurnstile: (token: string | undefined) => Promise<boolean>;
}

/** An HTTP server with Kith's API under /kith and the spring-promo form's public lead route. */
export function leadServer({ storage, authorize, verifyTurnstile }: LeadServerOptions): Server {
  const handler = createHttpHandler({
    storage,
    authorize, // the rest of the API stays private
    basePath: '/kith',
    leads: {
      forms: {
        'spring-promo': {
          routing: { deal: true, assign: 'round-robin', firstResponseMinutes: 60, tags: ['spring'] },
          origins: ['https://www.example.com'], // the pages that may post it (default: any)
          verifyCaptcha: async (token) => verifyTurnstile(token), // optional
        },
      },
      rateLimit: { perForm: { max: 60, windowMs: 60_000 }, perClient: { max: 10, windowMs: 600_000 } },
    },
  });
  const server = createServer(toNodeListener(handler));
  return server;
}
