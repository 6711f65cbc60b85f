import { describe, it } from 'node:test';
import { restStorage } from '@kith/adapters/rest';
import type { StoragePort } from '@kith/core';
import { conformance } from './conformance.ts';
import { type TestServer, startServer } from './rest-server.ts';

const servers = new WeakMap<StoragePort, TestServer>();

// REST client -> a real HTTP server on 127.0.0.1 -> the HTTP handler -> memory storage.
conformance(
  { describe, it },
  {
    name: 'rest over http://127.0.0.1 -> memory (node)',
    async create() {
      const server = await startServer();
      const storage = restStorage({ baseUrl: server.url, pollSeconds: 5 });
      servers.set(storage, server);
      return storage;
    },
    async dispose(storage) {
      await storage.close();
      await servers.get(storage)!.close();
    },
  },
);
