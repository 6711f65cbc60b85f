// Browser tests: real headless Chromium (real DOM, real IndexedDB).
// scripts/find-chrome.sh sets CHROME_PATH before this runs; see shared/TOOLCHAIN.md.
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';

const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';

// The REST adapter's browser row talks to real HTTP handlers served by the
// test server itself: /kith-test/<space>/v1/... gets a handler (over its own
// memory storage) per <space>, so each test case starts empty. Loaded from
// the packages' TypeScript sources (scripts/test-browser.sh runs this config
// under tsx with the "source" condition).
const { createHttpHandler, toNodeListener } = await import('@kith/adapters/http');
const { memoryStorage } = await import('@kith/adapters/memory');
const spaces = new Map();
function kithTestServer() {
  return async (ctx, next) => {
    const m = /^\/kith-test\/([\w-]+)\//.exec(ctx.path);
    if (!m) return next();
    let listener = spaces.get(m[1]);
    if (!listener) {
      const handler = createHttpHandler({ storage: memoryStorage(), authorize: () => true, schemas: false, basePath: `/kith-test/${m[1]}` });
      listener = toNodeListener(handler);
      spaces.set(m[1], listener);
    }
    ctx.respond = false;
    listener(ctx.req, ctx.res);
  };
}

export default {
  files: ['test/**/*.browser.test.ts'],
  middleware: [kithTestServer()],
  nodeResolve: { exportConditions: ['source', 'browser'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-component-update',
          '--disable-background-networking',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  ],
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  staticLogging: true,
};
