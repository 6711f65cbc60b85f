import { fileURLToPath } from 'node:url';
import { type Plugin, defaultClientConditions, defaultServerConditions, defineConfig } from 'vite';

const referenceServer = fileURLToPath(new URL('./scripts/reference-server.ts', import.meta.url));
const demoPage = (name: string) => fileURLToPath(new URL(`./demo/${name}`, import.meta.url));

/**
 * Mounts the reference server (Kith's HTTP protocol over memory storage) at
 * `/kith` on the dev server, so the demo's "server" switch works with
 * `npm start` alone. It starts empty: the demo offers the same sample data
 * in both modes. Loaded through Vite's SSR loader so it reads the packages'
 * TypeScript sources like the page does.
 */
function kithServer(): Plugin {
  return {
    name: 'kith-reference-server',
    apply: 'serve',
    configureServer(server) {
      let listener: Promise<(req: unknown, res: unknown) => void> | undefined;
      const load = async () => {
        const { referenceHandler } = (await server.ssrLoadModule(referenceServer)) as typeof import('./scripts/reference-server.ts');
        const { toNodeListener } = (await server.ssrLoadModule('@kith/adapters/http')) as typeof import('@kith/adapters/http');
        return toNodeListener(await referenceHandler({ sampleData: false })) as (req: unknown, res: unknown) => void;
      };
      // Not under a mount path: connect would strip `/kith` from the URL the handler routes on.
      server.middlewares.use((req, res, next) => {
        if (!req.url?.startsWith('/kith/')) return next();
        listener ??= load();
        listener.then((handle) => handle(req, res), next);
      });
    },
  };
}

// The demo app (`npm start`). It reads the packages' TypeScript sources through
// the `source` export condition, so it needs no build step first.
export default defineConfig({
  root: 'demo',
  plugins: [kithServer()],
  resolve: { conditions: ['source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions], externalConditions: ['source', ...defaultServerConditions] } },
  server: { port: 5173, strictPort: false, host: '127.0.0.1' },
  preview: { port: 4173, host: '127.0.0.1' },
  build: {
    outDir: '../dist-demo',
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: { input: { main: demoPage('index.html'), landing: demoPage('landing.html') } },
  },
});
