/** A real HTTP server on 127.0.0.1 for tests: the REST adapter's requests cross a socket, nothing is mocked. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpHandler, type HttpHandler, type HttpHandlerOptions, toNodeListener } from '@kith/adapters/http';
import { memoryStorage } from '@kith/adapters/memory';

export interface TestServer {
  url: string;
  handler: HttpHandler;
  close(): Promise<void>;
}

export async function startServer(options: Partial<HttpHandlerOptions> = {}): Promise<TestServer> {
  const handler = createHttpHandler({ storage: memoryStorage(), authorize: () => true, schemas: false, ...options });
  const server: Server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    handler,
    async close() {
      handler.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
