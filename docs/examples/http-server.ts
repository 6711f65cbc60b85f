// The HTTP protocol reference's server (docs/http-protocol.md quotes it;
// test/core/guides.test.ts starts it on a real socket and calls it).
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { memoryStorage } from '@kith/adapters/memory';
import { createHttpHandler, toNodeListener } from '@kith/adapters/http';

/** Kith's protocol under /kith, for requests with the bearer token in TOKEN, callable from shop.example. */
export function protocolServer(port: number): Server {
  const handler = createHttpHandler({
    storage: memoryStorage(),
    basePath: '/kith',
    authenticate: (req) => (req.headers.get('authorization') === `Bearer ${process.env.TOKEN}` ? {} : null),
    authorize: () => true,
    cors: { origins: ['https://shop.example'] },
  });
  const server = createServer(toNodeListener(handler));
  server.listen(port); // e.g. 8787
  return server;
}
