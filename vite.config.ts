import { defaultClientConditions, defineConfig } from 'vite';

// The demo app (`npm start`). It reads the packages' TypeScript sources through
// the `source` export condition, so it needs no build step first.
export default defineConfig({
  root: 'demo',
  resolve: { conditions: ['source', ...defaultClientConditions] },
  server: { port: 5173, strictPort: false, host: '127.0.0.1' },
  preview: { port: 4173, host: '127.0.0.1' },
  build: { outDir: '../dist-demo', emptyOutDir: true, target: 'es2022' },
});
