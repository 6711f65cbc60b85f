// Browser tests: real headless Chromium (real DOM, real IndexedDB).
// scripts/find-chrome.sh sets CHROME_PATH before this runs; see shared/TOOLCHAIN.md.
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { readFileSync } from 'node:fs';
import { pointerPlugin } from './test/pointer-plugin.mjs';
import { umdPlugin } from './test/umd-plugin.mjs';

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
    ctx.status = 200;
    ctx.respond = false;
    listener(ctx.req, ctx.res);
  };
}

// The lead form's server: /lead-test/<space>/v1/... is a handler with the
// public lead route and the whole protocol (to read back what was stored),
// over its own memory storage per <space>. /lead-test/<space>/_down?on=1 makes
// it drop every connection (the browser sees a network failure, as offline);
// /lead-test/<space>/_stats counts the lead posts that reached it.
const LEAD_FORMS = {
  // The guide's snippet posts here, with the server's default spam checks.
  'spring-promo': { routing: { firstResponseMinutes: 60, tags: ['spring'] } },
  // The element tests' form: a short minimum fill time, so each test waits 50 ms, not 3 s.
  quick: { minFillMs: 50, routing: { firstResponseMinutes: 30 } },
  // A form behind a captcha: the token "solved" passes.
  guarded: { minFillMs: 50, verifyCaptcha: (token) => token === 'solved' },
};
const leadSpaces = new Map();
function leadSpace(name) {
  let space = leadSpaces.get(name);
  if (!space) {
    const handler = createHttpHandler({
      storage: memoryStorage(),
      authorize: () => true,
      basePath: `/lead-test/${name}`,
      leads: { forms: LEAD_FORMS, rateLimit: { perClient: { max: 1000, windowMs: 60_000 } } },
    });
    space = { listener: toNodeListener(handler), down: false, posts: 0 };
    leadSpaces.set(name, space);
  }
  return space;
}

// A landing page made of the guide's snippet, served with a strict CSP header:
// /landing/<space>.html. The snippet is taken from docs/lead-form.md as it is;
// only its endpoint is pointed at /lead-test/<space>. A classic script served
// from 'self' first records CSP violations for the test to read.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";
function guideSnippet() {
  const guide = readFileSync(new URL('./docs/lead-form.md', import.meta.url), 'utf8');
  const m = /<!-- landing-page snippet -->\s*```html\n([\s\S]*?)```/.exec(guide);
  if (!m) throw new Error('docs/lead-form.md has no landing-page snippet');
  return m[1];
}
function leadTestServer() {
  return async (ctx, next) => {
    const lead = /^\/lead-test\/([\w-]+)(\/.*)$/.exec(ctx.path);
    if (lead) {
      const space = leadSpace(lead[1]);
      if (lead[2] === '/_down') {
        space.down = ctx.query.on === '1';
        ctx.body = { down: space.down };
        return;
      }
      if (lead[2] === '/_stats') {
        ctx.body = { posts: space.posts };
        return;
      }
      if (space.down) {
        ctx.status = 503; // never sent: the socket is dropped; only the runner's log reads it
        ctx.req.socket.destroy();
        ctx.respond = false;
        return;
      }
      if (ctx.method === 'POST' && lead[2].startsWith('/v1/_leads/')) space.posts++;
      // The handler writes the response itself; the status only keeps the runner's log from calling it a 404.
      ctx.status = 200;
      ctx.respond = false;
      space.listener(ctx.req, ctx.res);
      return;
    }
    if (ctx.path === '/kith-lead-form.js') {
      ctx.type = 'text/javascript';
      ctx.body = readFileSync(new URL('./packages/elements/dist/standalone/kith-lead-form.js', import.meta.url), 'utf8');
      return;
    }
    const landing = /^\/landing\/([\w-]+)\.html$/.exec(ctx.path);
    if (landing) {
      const snippet = guideSnippet().replaceAll('https://crm.example.com/kith', `/lead-test/${landing[1]}`);
      ctx.set('content-security-policy', CSP);
      ctx.type = 'text/html';
      ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Landing</title><script src="/test/elements/landing/csp-probe.js"></script></head><body>\n${snippet}</body></html>`;
      return;
    }
    return next();
  };
}

// The pipeline board guide's page (docs/examples/pipeline-board.html) talks to
// the reference server (scripts/reference-server.ts, what `npm run serve`
// starts) with its sample data, here mounted at /kith-portal and wanting the
// portal's token; /portal/session-token is the portal's own token endpoint.
// The page is served by a plugin, not a middleware, so the dev server resolves
// its bare imports as it does for any page.
const { referenceHandler } = await import('./scripts/reference-server.ts');
const PORTAL_TOKEN = 'portal-secret';
const portalServer = toNodeListener(await referenceHandler({ token: PORTAL_TOKEN, basePath: '/kith-portal' }));
// The demo's "server" mode talks to the reference server at /kith on its own
// origin, empty, as vite.config.ts mounts it for `npm start`.
const demoServer = toNodeListener(await referenceHandler({ sampleData: false }));
function referenceServers() {
  return async (ctx, next) => {
    if (ctx.path.startsWith('/kith/')) {
      ctx.status = 200;
      ctx.respond = false;
      demoServer(ctx.req, ctx.res);
      return;
    }
    if (ctx.path === '/portal/session-token') {
      ctx.type = 'text/plain';
      ctx.body = PORTAL_TOKEN;
      return;
    }
    if (!ctx.path.startsWith('/kith-portal/')) return next();
    ctx.status = 200;
    ctx.respond = false;
    portalServer(ctx.req, ctx.res);
  };
}
function guidePagesPlugin() {
  return {
    name: 'kith-guide-pages',
    serve(context) {
      if (context.path !== '/guide-pages/pipeline-board.html') return undefined;
      const page = readFileSync(new URL('./docs/examples/pipeline-board.html', import.meta.url), 'utf8');
      if (!page.includes('http://127.0.0.1:8787/kith')) throw new Error('docs/examples/pipeline-board.html no longer names the reference server');
      return {
        type: 'html',
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Client portal</title></head><body>\n${page.replace('http://127.0.0.1:8787/kith', '/kith-portal')}</body></html>`,
      };
    },
  };
}

export default {
  files: ['test/**/*.browser.test.ts'],
  middleware: [kithTestServer(), leadTestServer(), referenceServers()],
  nodeResolve: { exportConditions: ['source', 'browser'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }), pointerPlugin(), umdPlugin(), guidePagesPlugin()],
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
