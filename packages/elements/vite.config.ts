import { readdirSync, existsSync } from 'node:fs';
import { defineConfig } from 'vite';
import { libraryConfig } from '../../scripts/vite-library.ts';

// One entry per element's define file, so `@kith/elements/<name>/define.js` exists for each folder.
const defines = Object.fromEntries(
  readdirSync('src', { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(`src/${d.name}/define.ts`))
    .map((d) => [`${d.name}/define`, `src/${d.name}/define.ts`]),
);

export default defineConfig(libraryConfig({ index: 'src/index.ts', 'define-all': 'src/define-all.ts', ...defines }));
