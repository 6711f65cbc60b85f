import { defineConfig } from 'vite';
import { libraryConfig } from '../../scripts/vite-library.ts';

export default defineConfig(libraryConfig({ index: 'src/index.ts' }));
