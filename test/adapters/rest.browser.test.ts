import { restStorage } from '@kith/adapters/rest';
import { conformance } from './conformance.js';

// In Chromium: the page's fetch -> the test server's /kith-test route (web-test-runner.config.mjs)
// -> a fresh HTTP handler over memory storage for each case.
let n = 0;
conformance(
  { describe, it },
  {
    name: 'rest in chromium -> http handler -> memory',
    async create() {
      const base = `${location.origin}/kith-test/${Date.now().toString(36)}-${n++}`;
      return restStorage({ baseUrl: base, pollSeconds: 5 });
    },
    async dispose(storage) {
      await storage.close();
    },
  },
);
