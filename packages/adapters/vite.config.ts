import { defineConfig } from 'vite';
import { libraryConfig } from '../../scripts/vite-library.ts';

// One entry per adapter, so each subpath export pulls in only its own engine.
export default defineConfig(libraryConfig({ memory: 'src/memory/index.ts', indexeddb: 'src/indexeddb/index.ts', rest: 'src/rest/index.ts', http: 'src/http/index.ts', kit: 'src/kit/index.ts' }));
